using System.Text.Encodings.Web;
using System.Text.Json;
using Obliviate.Formats.IO;

namespace Obliviate.Formats.SafeTensors;

/// <summary>
/// Writes safetensors files the way the reference implementation does: tensors sorted by name and laid out
/// contiguously, an optional <c>__metadata__</c> string map, and the JSON header padded with spaces to a multiple of
/// 8 bytes so every tensor starts 8-byte aligned. The file is written beside its destination and renamed into place,
/// so a reader never sees a half-written checkpoint.
/// </summary>
public static class SafeTensorsWriter
{
    /// <summary>Writes <paramref name="tensors"/> to <paramref name="path"/> atomically (temp file + rename).</summary>
    public static void Write(string path, IEnumerable<SafeTensorsTensor> tensors,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var sorted = tensors.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var header = BuildHeader(sorted, metadata);

        AtomicFile.Write(path, stream =>
        {
            Span<byte> prefix = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
            stream.Write(prefix);
            stream.Write(header);
            foreach (var t in sorted) stream.Write(t.Data.Span);
        });
    }

    /// <summary>The padded JSON header for <paramref name="sorted"/>, validating each tensor's size first.</summary>
    internal static byte[] BuildHeader(IReadOnlyList<SafeTensorsTensor> sorted, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   // Keep names such as 'a+b' literal, as the reference writer does; the header is never HTML.
                   Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            json.WriteStartObject();
            if (metadata is not null)
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            string? previous = null;
            foreach (var t in sorted)
            {
                if (t.Name == "__metadata__") throw new ArgumentException("'__metadata__' is reserved and cannot name a tensor.");
                if (previous == t.Name) throw new ArgumentException($"duplicate tensor name '{t.Name}'.");
                previous = t.Name;
                long expected = t.DType.ElementSize();
                foreach (var d in t.Shape)
                {
                    if (d < 0) throw new ArgumentException($"tensor '{t.Name}': negative dimension {d}.");
                    expected = checked(expected * d);
                }
                if (expected != t.Data.Length)
                    throw new ArgumentException(
                        $"tensor '{t.Name}': shape [{string.Join(", ", t.Shape)}] of {t.DType} needs {expected} bytes, got {t.Data.Length}.");
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", t.DType.HeaderName());
                json.WriteStartArray("shape");
                foreach (var d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + t.Data.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += t.Data.Length;
            }
            json.WriteEndObject();
        }
        var length = buffer.Length;
        var padded = (length + 7) / 8 * 8;
        for (var i = length; i < padded; i++) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

}
