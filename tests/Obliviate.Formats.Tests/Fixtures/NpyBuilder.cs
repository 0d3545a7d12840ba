using System.Buffers.Binary;
using System.Text;

namespace Obliviate.Tests.Fixtures;

/// <summary>Writes .npy files (format version 1.0): magic, header dict padded to 64 bytes, payload.</summary>
public static class NpyBuilder
{
    public static byte[] Build(string descr, string shape, byte[] payload) => BuildLiteral($"'{descr}'", shape, payload);

    /// <summary>As <see cref="Build"/>, with the descr written verbatim (structured dtypes are Python lists).</summary>
    public static byte[] BuildLiteral(string descrLiteral, string shape, byte[] payload)
    {
        var dict = $"{{'descr': {descrLiteral}, 'fortran_order': False, 'shape': {shape}, }}";
        var total = 10 + dict.Length + 1;
        var pad = (64 - (total % 64)) % 64;
        var header = dict + new string(' ', pad) + "\n";
        using var ms = new MemoryStream();
        ms.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        var len = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(len, (ushort)header.Length);
        ms.Write(len);
        ms.Write(Encoding.ASCII.GetBytes(header));
        ms.Write(payload);
        return ms.ToArray();
    }
}
