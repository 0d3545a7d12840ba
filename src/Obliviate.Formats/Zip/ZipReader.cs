using Obliviate.Formats.IO;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Obliviate.Formats.Zip;

/// <summary>
/// Zip reader for scanning, written against the PKWARE APPNOTE rather than System.IO.Compression.ZipArchive because
/// hostile archives lie in their headers (fake encryption bits, central-directory names that differ from local ones,
/// bad CRCs) and loaders such as torch read them anyway. Every length and offset is bounds-checked against the stream.
/// </summary>
public static class ZipReader
{
    private const uint LocalSig = 0x04034b50, CentralSig = 0x02014b50, EndSig = 0x06054b50, End64Sig = 0x06064b50, Locator64Sig = 0x07064b50;

    /// <summary>"PK\x03\x04" (a member) or "PK\x05\x06" (an empty archive).</summary>
    public static bool HasZipMagic(ReadOnlySpan<byte> head) =>
        head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));

    /// <summary>True when an end-of-central-directory record sits in the last 64 KiB (a zip, possibly behind other content).</summary>
    public static bool HasEndRecord(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || stream.Length < 22) return false;
        var tailLength = (int)Math.Min(stream.Length, 22 + 65535);
        var tail = ReadAt(stream, stream.Length - tailLength, tailLength);
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSig) return true;
        }
        return false;
    }

    /// <summary>Lists the members; falls back to walking local headers when the central directory is missing or broken.</summary>
    public static ZipDirectory ReadDirectory(Stream stream, ZipLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("zip reading needs a seekable stream", nameof(stream));
        limits ??= new ZipLimits();
        var anomalies = new List<string>();
        try
        {
            var entries = ReadCentralDirectory(stream, limits, anomalies, out var prepended);
            if (entries is not null) return new ZipDirectory(entries, anomalies, false, prepended) { Overlaps = FindOverlaps(entries) };
            anomalies.Add("no end-of-central-directory record");
        }
        catch (ZipFormatException ex)
        {
            anomalies.Add("central directory unreadable: " + ex.Message);
        }
        var recovered = ScanLocalHeaders(stream, limits);
        if (recovered.Count == 0) throw new ZipFormatException(string.Join("; ", anomalies.Append("no readable local file header")));
        return new ZipDirectory(recovered, anomalies, true);
    }

    /// <summary>The member's uncompressed bytes as a stream (stored or deflate; anything else is reported, not guessed).</summary>
    public static Stream OpenData(Stream stream, ZipEntryInfo entry)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.DataOffset < 0) throw new ZipFormatException($"member '{entry.Name}' has no readable local header");
        if (entry.DataOffset + entry.CompressedSize > stream.Length)
            throw new ZipFormatException($"member '{entry.Name}' data runs past the end of the archive");
        var raw = new SubReadStream(stream, entry.DataOffset, entry.CompressedSize);
        return entry.Method switch
        {
            0 => raw,
            8 => new DeflateStream(raw, CompressionMode.Decompress, leaveOpen: false),
            99 => throw new ZipFormatException($"member '{entry.Name}' is AES-encrypted"),
            _ => throw new ZipFormatException($"member '{entry.Name}' uses unsupported compression method {entry.Method}"),
        };
    }

    /// <summary>Reads a whole member; null when it inflates past <paramref name="maxBytes"/> (zip bombs stop there).</summary>
    public static byte[]? ReadAll(Stream stream, ZipEntryInfo entry, long maxBytes)
    {
        using var data = OpenData(stream, entry);
        try
        {
            return BoundedRead.ReadAll(data, maxBytes).Data;
        }
        catch (InvalidDataException ex)
        {
            throw new ZipFormatException($"member '{entry.Name}' does not inflate: {ex.Message}");
        }
    }

    /// <summary>Reads up to <paramref name="count"/> leading bytes of a member (for sniffing), without inflating the rest.</summary>
    public static byte[] ReadHead(Stream stream, ZipEntryInfo entry, int count)
    {
        using var data = OpenData(stream, entry);
        var buffer = new byte[count];
        var total = 0;
        try
        {
            int n;
            while (total < count && (n = data.Read(buffer, total, count - total)) > 0) total += n;
        }
        catch (InvalidDataException ex)
        {
            throw new ZipFormatException($"member '{entry.Name}' does not inflate: {ex.Message}");
        }
        return buffer[..total];
    }

    /// <summary>Members whose [local header, end of data) spans intersect, in file order (each member paired with the one it overlaps).</summary>
    private static List<(ZipEntryInfo, ZipEntryInfo)> FindOverlaps(List<ZipEntryInfo> entries)
    {
        var overlaps = new List<(ZipEntryInfo, ZipEntryInfo)>();
        ZipEntryInfo? furthest = null;
        long end = -1;
        foreach (var e in entries.Where(e => e.DataOffset >= 0).OrderBy(e => e.LocalHeaderOffset))
        {
            if (furthest is not null && e.LocalHeaderOffset < end) overlaps.Add((furthest, e));
            var eEnd = e.DataOffset + Math.Max(0, e.CompressedSize);
            if (eEnd > end) { end = eEnd; furthest = e; }
        }
        return overlaps;
    }

    public static uint Crc32(ReadOnlySpan<byte> data) => System.IO.Hashing.Crc32.HashToUInt32(data);

    private static List<ZipEntryInfo>? ReadCentralDirectory(Stream s, ZipLimits limits, List<string> anomalies, out long prepended)
    {
        prepended = 0;
        var length = s.Length;
        var tailLength = (int)Math.Min(length, 22 + 65535);
        var tail = ReadAt(s, length - tailLength, tailLength);
        var eocd = -1;
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSig) { eocd = i; break; }
        }
        if (eocd < 0) return null;
        var eocdPos = length - tailLength + eocd;
        long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(eocd + 10));
        long cdSize = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(eocd + 12));
        long cdOffset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(eocd + 16));
        var cdEnd = eocdPos;
        // A zip64 locator right before the EOCD makes the zip64 record authoritative (torch always writes one), and the
        // central directory then ends where that record starts.
        if (eocdPos >= 20)
        {
            var loc = ReadAt(s, eocdPos - 20, 20);
            if (BinaryPrimitives.ReadUInt32LittleEndian(loc) == Locator64Sig)
            {
                var z64 = BinaryPrimitives.ReadInt64LittleEndian(loc.AsSpan(8));
                if (z64 < 0 || z64 + 56 > length) throw new ZipFormatException("zip64 end record offset out of range");
                var rec = ReadAt(s, z64, 56);
                if (BinaryPrimitives.ReadUInt32LittleEndian(rec) != End64Sig) throw new ZipFormatException("zip64 end record signature missing");
                count = BinaryPrimitives.ReadInt64LittleEndian(rec.AsSpan(32));
                cdSize = BinaryPrimitives.ReadInt64LittleEndian(rec.AsSpan(40));
                cdOffset = BinaryPrimitives.ReadInt64LittleEndian(rec.AsSpan(48));
                cdEnd = z64;
            }
        }
        if (count < 0 || count > limits.MaxEntries) throw new ZipFormatException($"{count} entries exceeds the cap of {limits.MaxEntries}");
        if (cdSize < 0 || cdSize > cdEnd) throw new ZipFormatException("central directory size out of range");
        // Data prepended before the archive (self-extractors, polyglots) shifts every offset; zipfile corrects the same way.
        var cdStart = cdEnd - cdSize;
        var shift = cdStart - cdOffset;
        if (shift != 0) anomalies.Add($"{shift} bytes precede the archive (offsets shifted)");
        prepended = shift;
        if (cdSize > 64L << 20) throw new ZipFormatException("central directory larger than 64 MiB");
        var cd = ReadAt(s, cdStart, (int)cdSize);
        var entries = new List<ZipEntryInfo>();
        var p = 0;
        for (var i = 0; i < count; i++)
        {
            if (p + 46 > cd.Length || BinaryPrimitives.ReadUInt32LittleEndian(cd.AsSpan(p)) != CentralSig)
                throw new ZipFormatException($"central directory entry {i} is truncated or has a bad signature");
            var h = cd.AsSpan(p);
            int nameLen = BinaryPrimitives.ReadUInt16LittleEndian(h[28..]), extraLen = BinaryPrimitives.ReadUInt16LittleEndian(h[30..]), commentLen = BinaryPrimitives.ReadUInt16LittleEndian(h[32..]);
            if (p + 46 + nameLen + extraLen + commentLen > cd.Length) throw new ZipFormatException($"central directory entry {i} runs past the directory");
            if (nameLen > limits.MaxNameBytes) throw new ZipFormatException($"central directory entry {i} name longer than {limits.MaxNameBytes} bytes");
            long comp = BinaryPrimitives.ReadUInt32LittleEndian(h[20..]), uncomp = BinaryPrimitives.ReadUInt32LittleEndian(h[24..]), offset = BinaryPrimitives.ReadUInt32LittleEndian(h[42..]);
            ApplyZip64Extra(h.Slice(46 + nameLen, extraLen), ref uncomp, ref comp, ref offset);
            var entry = new ZipEntryInfo
            {
                Name = DecodeName(h.Slice(46, nameLen)),
                Flags = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]),
                Method = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]),
                Crc32 = BinaryPrimitives.ReadUInt32LittleEndian(h[16..]),
                CompressedSize = comp,
                UncompressedSize = uncomp,
                LocalHeaderOffset = offset + shift,
            };
            entries.Add(WithLocalHeader(s, entry));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return entries;
    }

    private static ZipEntryInfo WithLocalHeader(Stream s, ZipEntryInfo e)
    {
        var anomalies = new List<string>();
        if (e.LocalHeaderOffset < 0 || e.LocalHeaderOffset + 30 > s.Length)
            return e with { Anomalies = [$"local header offset {e.LocalHeaderOffset} is outside the file"] };
        var h = ReadAt(s, e.LocalHeaderOffset, 30);
        if (BinaryPrimitives.ReadUInt32LittleEndian(h) != LocalSig)
            return e with { Anomalies = [$"no local header signature at offset {e.LocalHeaderOffset}"] };
        int nameLen = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(26)), extraLen = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(28));
        var dataOffset = e.LocalHeaderOffset + 30 + nameLen + extraLen;
        if (dataOffset > s.Length) return e with { Anomalies = ["local header runs past the end of the file"] };
        var localName = DecodeName(ReadAt(s, e.LocalHeaderOffset + 30, nameLen));
        var localFlags = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(6));
        if (BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(8)) != e.Method) anomalies.Add("compression method differs between central directory and local header");
        return e with { LocalName = localName, LocalFlags = localFlags, DataOffset = dataOffset, Anomalies = anomalies };
    }

    private static List<ZipEntryInfo> ScanLocalHeaders(Stream s, ZipLimits limits)
    {
        var entries = new List<ZipEntryInfo>();
        long pos = 0;
        while (entries.Count < limits.MaxEntries && pos + 30 <= s.Length)
        {
            var sigAt = FindSignature(s, pos, LocalSig);
            if (sigAt < 0 || sigAt + 30 > s.Length) break;
            var h = ReadAt(s, sigAt, 30);
            int flags = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(6)), nameLen = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(26)), extraLen = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(28));
            var dataOffset = sigAt + 30 + nameLen + extraLen;
            if (dataOffset > s.Length || nameLen > limits.MaxNameBytes) { pos = sigAt + 4; continue; }
            long comp = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(18)), uncomp = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(22));
            if ((flags & 0x8) != 0 || comp == 0 || dataOffset + comp > s.Length)
            {
                // Sizes live in a trailing data descriptor: the member runs to the next header signature.
                var next = FindSignature(s, dataOffset, LocalSig);
                var cdAt = FindSignature(s, dataOffset, CentralSig);
                var end = new[] { next, cdAt, s.Length }.Where(x => x >= 0).Min();
                comp = end - dataOffset;
                uncomp = -1;
            }
            var name = DecodeName(ReadAt(s, sigAt + 30, nameLen));
            entries.Add(new ZipEntryInfo
            {
                Name = name, LocalName = name, Flags = flags, LocalFlags = flags,
                Method = BinaryPrimitives.ReadUInt16LittleEndian(h.AsSpan(8)),
                Crc32 = BinaryPrimitives.ReadUInt32LittleEndian(h.AsSpan(14)),
                CompressedSize = comp, UncompressedSize = uncomp, LocalHeaderOffset = sigAt, DataOffset = dataOffset,
                Anomalies = ["recovered from its local header (not in a readable central directory)"],
            });
            pos = Math.Max(dataOffset + comp, sigAt + 4);
        }
        return entries;
    }

    private static void ApplyZip64Extra(ReadOnlySpan<byte> extra, ref long uncomp, ref long comp, ref long offset)
    {
        var p = 0;
        while (p + 4 <= extra.Length)
        {
            int id = BinaryPrimitives.ReadUInt16LittleEndian(extra[p..]), size = BinaryPrimitives.ReadUInt16LittleEndian(extra[(p + 2)..]);
            if (p + 4 + size > extra.Length) return;
            if (id == 1)
            {
                var q = p + 4;
                var end = q + size;
                if (uncomp == 0xFFFFFFFF && q + 8 <= end) { uncomp = BinaryPrimitives.ReadInt64LittleEndian(extra[q..]); q += 8; }
                if (comp == 0xFFFFFFFF && q + 8 <= end) { comp = BinaryPrimitives.ReadInt64LittleEndian(extra[q..]); q += 8; }
                if (offset == 0xFFFFFFFF && q + 8 <= end) offset = BinaryPrimitives.ReadInt64LittleEndian(extra[q..]);
                return;
            }
            p += 4 + size;
        }
    }

    private static long FindSignature(Stream s, long from, uint sig)
    {
        var buffer = new byte[64 * 1024];
        for (var pos = from; pos + 4 <= s.Length; pos += buffer.Length - 3)
        {
            var n = (int)Math.Min(buffer.Length, s.Length - pos);
            var chunk = ReadAt(s, pos, n, buffer);
            for (var i = 0; i + 4 <= n; i++)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(i)) == sig) return pos + i;
            }
            if (n < buffer.Length) break;
        }
        return -1;
    }

    private static string DecodeName(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    private static byte[] ReadAt(Stream s, long offset, int count, byte[]? buffer = null)
    {
        if (offset < 0 || offset + count > s.Length) throw new ZipFormatException($"read of {count} bytes at {offset} is outside the file");
        buffer ??= new byte[count];
        s.Position = offset;
        s.ReadExactly(buffer, 0, count);
        return buffer;
    }
}
