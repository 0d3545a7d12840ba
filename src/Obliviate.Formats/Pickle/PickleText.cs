using System.Text;

namespace Obliviate.Formats.Pickle;

/// <summary>Decoders for the text arguments of protocol-0 opcodes, matching CPython's unpickler.</summary>
internal static class PickleText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>GLOBAL/INST operands: CPython decodes them as strict UTF-8 and fails otherwise.</summary>
    public static string DecodeUtf8Strict(byte[] bytes, long offset, string what)
    {
        try
        {
            return StrictUtf8.GetString(StripCarriageReturn(bytes));
        }
        catch (DecoderFallbackException)
        {
            throw new PickleFormatException(offset, $"{what} is not valid UTF-8");
        }
    }

    public static string DecodeUtf8Lenient(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>UNICODE ('V') uses raw-unicode-escape: only \uXXXX and \UXXXXXXXX are escapes, other bytes are Latin-1.</summary>
    public static string DecodeRawUnicodeEscape(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\\' && i + 1 < bytes.Length && (bytes[i + 1] == 'u' || bytes[i + 1] == 'U'))
            {
                var digits = bytes[i + 1] == 'u' ? 4 : 8;
                if (i + 2 + digits <= bytes.Length && TryHex(bytes, i + 2, digits, out var cp) && cp <= 0x10FFFF)
                {
                    sb.Append(cp is >= 0xD800 and <= 0xDFFF ? ((char)cp).ToString() : char.ConvertFromUtf32((int)cp));
                    i += 1 + digits;
                    continue;
                }
            }
            sb.Append((char)bytes[i]);
        }
        return sb.ToString();
    }

    /// <summary>STRING ('S'): a quoted Python literal decoded with escape_decode. Unquoted input is rejected, as CPython does.</summary>
    public static byte[] DecodeQuotedString(byte[] line, long offset)
    {
        var raw = StripCarriageReturn(line);
        if (raw.Length < 2 || raw[0] != raw[^1] || (raw[0] != '\'' && raw[0] != '"'))
            throw new PickleFormatException(offset, "STRING argument is not quoted");
        var result = new List<byte>(raw.Length);
        for (var i = 1; i < raw.Length - 1; i++)
        {
            var b = raw[i];
            if (b != '\\' || i + 1 >= raw.Length - 1) { result.Add(b); continue; }
            var e = raw[++i];
            switch (e)
            {
                case (byte)'n': result.Add((byte)'\n'); break;
                case (byte)'t': result.Add((byte)'\t'); break;
                case (byte)'r': result.Add((byte)'\r'); break;
                case (byte)'a': result.Add(7); break;
                case (byte)'b': result.Add(8); break;
                case (byte)'f': result.Add(12); break;
                case (byte)'v': result.Add(11); break;
                case (byte)'\n': break;
                case (byte)'x' when i + 2 < raw.Length && TryHex(raw, i + 1, 2, out var hv):
                    result.Add((byte)hv); i += 2; break;
                case >= (byte)'0' and <= (byte)'7':
                    var v = e - '0';
                    for (var k = 0; k < 2 && i + 1 < raw.Length - 1 && raw[i + 1] is >= (byte)'0' and <= (byte)'7'; k++) v = (v * 8) + (raw[++i] - '0');
                    result.Add((byte)v); break;
                default: result.Add(e); break;
            }
        }
        return [.. result];
    }

    private static byte[] StripCarriageReturn(byte[] bytes) =>
        bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;

    private static bool TryHex(byte[] bytes, int start, int count, out long value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = bytes[i];
            int d = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (d < 0) return false;
            value = (value * 16) + d;
        }
        return true;
    }
}
