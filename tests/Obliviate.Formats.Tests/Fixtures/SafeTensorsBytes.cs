using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Obliviate.Tests.Fixtures;

/// <summary>Writes small safetensors files: 8-byte header length, JSON header, zero-filled F32 data.</summary>
public static class SafeTensorsBytes
{
    public static byte[] Build(IReadOnlyDictionary<string, long[]> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new Dictionary<string, object>();
        if (metadata is not null) header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var (name, shape) in tensors)
        {
            var bytes = shape.Aggregate(4L, (a, d) => a * d);
            header[name] = new { dtype = "F32", shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var result = new byte[8 + json.Length + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)json.Length);
        json.CopyTo(result, 8);
        return result;
    }
}
