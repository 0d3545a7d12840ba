using System.Text;

namespace Obliviate.Formats.Pickle;

/// <summary>
/// Recognises pickles hidden inside string/bytes constants: raw, base64 (standard or URL-safe) or hex.
/// A candidate must decode to something that starts like a pickle; the caller walks it to confirm.
/// </summary>
public static class NestedPickleDecoder
{
    private const int ProbeLength = 256;

    /// <summary>Cheap check on the first bytes, used while walking to decide whether to keep a constant.</summary>
    public static bool IsCandidate(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8) return false;
        if (StartsLikePickle(data)) return true;
        var probe = data[..Math.Min(data.Length, ProbeLength)];
        return (data.Length >= 12 && IsBase64Text(probe)) || (data.Length >= 16 && IsHexText(probe));
    }

    /// <summary>The decodings of <paramref name="data"/> that start like a pickle, each with how it was encoded.</summary>
    public static IReadOnlyList<(string Encoding, byte[] Data)> Decode(byte[] data)
    {
        var result = new List<(string, byte[])>();
        if (StartsLikePickle(data)) result.Add(("raw", data));
        var text = Encoding.Latin1.GetString(data).Trim();
        if (text.Length >= 16 && text.Length % 2 == 0 && IsHexText(Encoding.Latin1.GetBytes(text)))
        {
            var bytes = Convert.FromHexString(text);
            if (StartsLikePickle(bytes)) result.Add(("hex", bytes));
        }
        if (text.Length >= 12 && IsBase64Text(Encoding.Latin1.GetBytes(text)))
        {
            var normalized = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()).Replace('-', '+').Replace('_', '/');
            normalized = normalized.PadRight(normalized.Length + ((4 - (normalized.Length % 4)) % 4), '=');
            var buffer = new byte[normalized.Length];
            if (Convert.TryFromBase64String(normalized, buffer, out var written) && StartsLikePickle(buffer.AsSpan(0, written)))
                result.Add(("base64", buffer[..written]));
        }
        return result;
    }

    /// <summary>PROTO 2-5 header, or a protocol-0/1 text program that opens with an import/constant and ends with STOP.</summary>
    public static bool StartsLikePickle(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0x80 && data[1] is >= 2 and <= 5) return true;
        if (data.Length < 4) return false;
        var end = data.Length - 1;
        while (end > 0 && data[end] is (byte)'\n' or (byte)'\r' or (byte)' ') end--;
        if (data[end] != '.') return false;
        // Protocol 0/1 have no header: accept the opcodes a pickler actually emits first.
        var first = data[0];
        var needsLine = first is (byte)'c' or (byte)'i' or (byte)'S' or (byte)'V' or (byte)'I' or (byte)'L' or (byte)'F';
        var binary = first is (byte)'(' or (byte)'N' or (byte)'}' or (byte)']' or (byte)')' or (byte)'K' or (byte)'J';
        return binary || (needsLine && data.IndexOf((byte)'\n') >= 0);
    }

    private static bool IsBase64Text(ReadOnlySpan<byte> probe)
    {
        var letters = 0;
        foreach (var b in probe)
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')) { letters++; continue; }
            if (b is (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'/' or (byte)'-' or (byte)'_' or (byte)'=' or (byte)'\n' or (byte)'\r') continue;
            return false;
        }
        return letters > 0;
    }

    private static bool IsHexText(ReadOnlySpan<byte> probe)
    {
        foreach (var b in probe)
        {
            if (b is not ((>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F'))) return false;
        }
        return true;
    }
}
