using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Obliviate.Formats.Numpy;
using Obliviate.Formats.Zip;

namespace Obliviate.Formats.Sniffing;

/// <summary>Identifies a file by its leading bytes, never by its name (a pickle named .png is a pickle).</summary>
public static class FileSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> wants.</summary>
    public const int HeadLength = 8192;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    // Every opcode of protocols 0-5: the unpickler does not require PROTO first, so any of them can open a pickle;
    // anything else makes a pickle loader fail at byte 0.
    private static readonly byte[] PickleOpeners =
        [.. "(.0123BCFGIJKLMNPQRSTUVXabcdeghijlopqrstu}])"u8, .. Enumerable.Range(0x80, 0x19).Select(b => (byte)b)];

    /// <param name="head">The first bytes of the file (up to <see cref="HeadLength"/>).</param>
    /// <param name="length">The whole file length.</param>
    public static FileKind Sniff(ReadOnlySpan<byte> head, long length)
    {
        if (length == 0 || head.Length == 0) return FileKind.Empty;
        if (ZipReader.HasZipMagic(head)) return FileKind.Zip;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return FileKind.SevenZip;
        if (NpyReader.HasMagic(head)) return FileKind.Npy;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A])) return FileKind.Hdf5;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47])) return FileKind.Png;
        if (head.StartsWith("GGUF"u8)) return FileKind.Gguf;
        if (head.Length >= 8 && head[4..8].SequenceEqual("TFL3"u8)) return FileKind.TfLite;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return FileKind.Gzip;
        if (head.Length >= 2 && head[0] == 0x78 && head[1] is 0x01 or 0x5E or 0x9C or 0xDA && ((head[0] << 8) | head[1]) % 31 == 0) return FileKind.Zlib;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x04, 0x22, 0x4D, 0x18])) return FileKind.Lz4;
        if (head.StartsWith("BZh"u8)) return FileKind.Bzip2;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])) return FileKind.Xz;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x28, 0xB5, 0x2F, 0xFD])) return FileKind.Zstd;
        if (head.StartsWith("Rar!"u8)) return FileKind.Rar;
        if (head.Length >= 262 && head[257..262].SequenceEqual("ustar"u8)) return FileKind.Tar;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return FileKind.Jpeg;
        if (head.StartsWith("GIF8"u8)) return FileKind.Gif;
        if (head.StartsWith("%PDF"u8)) return FileKind.Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46])) return FileKind.Elf;
        if (LooksLikeSafeTensors(head, length)) return FileKind.SafeTensors;
        if (head.Length >= 2 && head[0] == 0x80 && head[1] <= 5) return FileKind.Pickle;
        if (IsText(head, length))
        {
            if (LooksLikeJson(head, length)) return FileKind.Json;
            // Protocol-0 pickles are text too; the caller confirms by walking.
            return PickleOpeners.Contains(head[0]) ? FileKind.MaybePickle : FileKind.Text;
        }
        return PickleOpeners.Contains(head[0]) ? FileKind.MaybePickle : FileKind.Unknown;
    }

    /// <summary>8-byte little-endian header length that fits the file, then a JSON object.</summary>
    public static bool LooksLikeSafeTensors(ReadOnlySpan<byte> head, long length)
    {
        if (head.Length < 9 || length < 10) return false;
        var n = BinaryPrimitives.ReadUInt64LittleEndian(head);
        return n >= 2 && n <= (ulong)(length - 8) && head[8] == '{';
    }

    /// <summary>Valid UTF-8 without NULs or control bytes other than whitespace (a cut multi-byte sequence at the end is allowed).</summary>
    public static bool IsText(ReadOnlySpan<byte> head, long length)
    {
        if (head.Contains((byte)0)) return false;
        var probe = head;
        // A multi-byte UTF-8 sequence may be cut at the end of the probe.
        if (head.Length < length) probe = head[..Math.Max(0, head.Length - 4)];
        try
        {
            StrictUtf8.GetCharCount(probe);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        foreach (var b in probe)
        {
            if (b < 0x20 && b is not ((byte)'\n' or (byte)'\r' or (byte)'\t' or 0x0C)) return false;
        }
        return true;
    }

    /// <summary>
    /// An object or array whose leading bytes tokenize as JSON (comments and trailing commas allowed, as Hugging Face
    /// loaders accept). A bracket alone is not enough: BERT's vocab.txt starts with "[PAD]".
    /// </summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> head, long length)
    {
        var text = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        var trimmed = text.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] is not ((byte)'{' or (byte)'[')) return false;
        var reader = new Utf8JsonReader(text, isFinalBlock: head.Length >= length,
            new JsonReaderState(new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 }));
        try
        {
            // A head cut in the middle of a value just stops reading; a byte that cannot start or continue JSON throws.
            while (reader.Read()) { }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
