using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace Obliviate.Formats.Numpy;

/// <summary>Reads the .npy header (numpy/lib/format.py): magic, version, a length and a Python dict literal.</summary>
public static partial class NpyReader
{
    private const int MaxHeaderBytes = 1 << 20;

    public static bool HasMagic(ReadOnlySpan<byte> head) =>
        head.Length >= 6 && head[0] == 0x93 && head[1..6].SequenceEqual("NUMPY"u8);

    /// <summary>Parses the header at the start of <paramref name="data"/>; throws <see cref="InvalidDataException"/> naming the defect.</summary>
    public static NpyHeader ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var fixedPart = new byte[12];
        var n = stream.ReadAtLeast(fixedPart, 12, throwOnEndOfStream: false);
        if (n < 10 || !HasMagic(fixedPart)) throw new InvalidDataException("not a .npy file (magic missing)");
        int major = fixedPart[6], minor = fixedPart[7];
        long headerLen;
        int prefix;
        switch (major)
        {
            case 1: headerLen = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(8)); prefix = 10; break;
            case 2 or 3:
                if (n < 12) throw new InvalidDataException(".npy v2 header truncated");
                headerLen = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart.AsSpan(8)); prefix = 12; break;
            default: throw new InvalidDataException($".npy version {major}.{minor} is not supported");
        }
        if (headerLen > MaxHeaderBytes) throw new InvalidDataException($".npy header of {headerLen} bytes exceeds {MaxHeaderBytes}");
        var header = new byte[headerLen];
        var already = Math.Max(0, n - prefix);
        Array.Copy(fixedPart, prefix, header, 0, Math.Min(already, (int)headerLen));
        if (headerLen > already)
        {
            var got = stream.ReadAtLeast(header.AsSpan(already), (int)headerLen - already, throwOnEndOfStream: false);
            if (got < headerLen - already) throw new InvalidDataException(".npy header truncated");
        }
        var text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);
        var descr = DescrRegex().Match(text);
        if (!descr.Success) throw new InvalidDataException(".npy header has no 'descr' entry");
        var value = descr.Groups[1].Value;
        return new NpyHeader(major, minor, value, ObjectRegex().IsMatch(value), prefix + headerLen);
    }

    // 'descr' is either a dtype string ('<f4', '|O') or a list of fields ([('a', '<i8'), ('b', '|O')]).
    [GeneratedRegex(@"['""]descr['""]\s*:\s*('[^']*'|""[^""]*""|\[.*?\](?=\s*,\s*['""](fortran_order|shape)['""]|\s*,?\s*\}))", RegexOptions.Singleline)]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"['""][|<>=]?O\d*['""]")]
    private static partial Regex ObjectRegex();
}
