using System.Text.RegularExpressions;
using Obliviate.Formats.Archives;
using Obliviate.Formats.Sniffing;
using Obliviate.Formats.Zip;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// Zip containers: PyTorch checkpoints, .npz, .keras and plain zips, nested to any (capped) depth. Members are read
/// whatever the header flags claim, because loaders such as torch ignore them; flags that lie become findings.
/// </summary>
internal sealed partial class ZipAnalyzer(ScanContext ctx, ContentScanner content)
{
    /// <param name="trailing">The end record was found behind other content: only a well-formed archive counts, since
    /// "PK\x05\x06" can occur by chance in tensor bytes.</param>
    public string? Scan(Stream stream, string? innerPath, int depth, FindingSink sink, bool trailing = false)
    {
        ZipDirectory dir;
        try
        {
            dir = ZipReader.ReadDirectory(stream, new ZipLimits { MaxEntries = ctx.Limits.MaxArchiveMembers });
        }
        catch (ZipFormatException ex)
        {
            if (trailing) return null;
            sink.Inconclusive($"zip unreadable: {ex.Message}", innerPath);
            return "zip";
        }
        if (trailing && (dir.RecoveredFromLocalHeaders || dir.Entries.Count == 0)) return null;
        if (dir.PrependedBytes != 0)
            sink.Add(RuleIds.ZipPrependedData, $"{dir.PrependedBytes} bytes precede the zip archive", $"{dir.PrependedBytes} bytes before the archive", 0, innerPath);
        foreach (var a in dir.Anomalies) sink.Note($"{Prefix(innerPath)}{a}");
        if (dir.Overlaps.Count > 0)
        {
            var (first, second) = dir.Overlaps[0];
            sink.Add(RuleIds.ZipOverlappingEntries,
                $"{dir.Overlaps.Count} member(s) overlap another member's bytes, e.g. '{second.Name}' at offset {second.LocalHeaderOffset} inside '{first.Name}'",
                $"{dir.Overlaps.Count} overlapping members", second.LocalHeaderOffset, innerPath);
        }
        var files = dir.Entries.Where(e => !e.IsDirectory).ToList();
        var format = Classify(files);
        foreach (var entry in files)
        {
            ctx.Check();
            ScanEntry(stream, entry, format, innerPath, depth, sink);
        }
        if (format == "keras") new KerasAnalyzer(ctx).ScanKerasZip(stream, files, innerPath, sink);
        return format;
    }

    private void ScanEntry(Stream stream, ZipEntryInfo entry, string format, string? innerPath, int depth, FindingSink sink)
    {
        var member = innerPath is null ? entry.Name : $"{innerPath}/{entry.Name}";
        foreach (var name in new[] { entry.Name, entry.LocalName }.OfType<string>().Distinct())
        {
            if (ArchivePath.Escapes(name))
                sink.Add(RuleIds.ArchivePathTraversal, $"archive member path escapes the extraction folder: {name}", name, entry.LocalHeaderOffset, member);
        }
        if (entry.NameMismatch)
            sink.Add(RuleIds.ZipNameMismatch, $"central directory name '{entry.Name}' differs from local header name '{entry.LocalName}'",
                entry.LocalName, entry.LocalHeaderOffset, member);
        foreach (var a in entry.Anomalies) sink.Note($"{member}: {a}");
        // torch reads storages as raw bytes by key and never unpickles them; reading them would cost time for nothing.
        if (format == "pytorch-zip" && StorageMember().IsMatch(entry.Name)) return;
        if (entry.DataOffset < 0) { sink.Inconclusive("local header unreadable; member not scanned", member); return; }
        if (entry.UncompressedSize > ctx.Limits.MaxMemberBytes || entry.CompressedSize > ctx.Limits.MaxMemberBytes)
        {
            ScanLargeMember(stream, entry, member, depth, sink);
            return;
        }
        byte[]? data;
        try
        {
            data = content.Inflate(() => ZipReader.OpenData(stream, entry), member, sink);
        }
        catch (ZipFormatException ex)
        {
            sink.Inconclusive(entry.EncryptedFlag ? "member is encrypted and cannot be scanned" : ex.Message, member);
            return;
        }
        if (data is null)
        {
            if (entry.EncryptedFlag) sink.Inconclusive("member is encrypted and cannot be scanned", member);
            return;
        }
        var crcOk = entry.UncompressedSize < 0 || ZipReader.Crc32(data) == entry.Crc32;
        if (entry.EncryptedFlag || entry.UnusualFlags)
        {
            if (!crcOk)
            {
                if (entry.EncryptedFlag) { sink.Inconclusive("member is encrypted and cannot be scanned", member); return; }
            }
            else
            {
                // The bytes are plain although the flags say otherwise: scanners that trust the flag skip what loaders read.
                sink.Add(RuleIds.ZipFlagTrick, $"member flags claim {(entry.EncryptedFlag ? "encryption" : "strong encryption / patched data")} but the data is plain",
                    $"flags 0x{entry.Flags | entry.LocalFlags:x4}", entry.LocalHeaderOffset, member);
            }
        }
        if (!crcOk) sink.Add(RuleIds.ZipCrcMismatch, "member CRC-32 does not match its contents", $"crc 0x{entry.Crc32:x8}", entry.LocalHeaderOffset, member);
        using var ms = new MemoryStream(data, writable: false);
        content.Scan(ms, data.Length, entry.Name, member, depth + 1, sink);
    }

    /// <summary>Members above the in-memory cap: only formats that can be walked as a stream are scanned.</summary>
    private void ScanLargeMember(Stream stream, ZipEntryInfo entry, string member, int depth, FindingSink sink)
    {
        try
        {
            var head = ZipReader.ReadHead(stream, entry, FileSniffer.HeadLength);
            if (!ctx.TakeInflated(head.Length)) throw new ScanLimitException($"{member}: scan-wide inflation cap reached");
            var kind = FileSniffer.Sniff(head, Math.Max(entry.UncompressedSize, head.Length));
            if (kind is FileKind.Pickle or FileKind.MaybePickle)
            {
                // Walked as a stream, never held: every inflated byte is still charged and the time budget polled.
                using var data = new InflationBudgetStream(ZipReader.OpenData(stream, entry), ctx, member);
                var walk = Formats.Pickle.PickleWalker.Walk(data, entry.UncompressedSize, new Formats.Pickle.PickleLimits { MaxOpcodes = ctx.Limits.MaxPickleOpcodes }, ctx.Token);
                if (kind == FileKind.Pickle || walk.Streams.Any(s => s.Complete || s.Globals.Count > 0))
                    new PickleAnalyzer(ctx).Grade(walk, 0, member, depth + 1, sink);
                return;
            }
            if (kind is FileKind.Zip or FileKind.SevenZip or FileKind.Npy or FileKind.Gzip)
                sink.Inconclusive($"{kind.ToString().ToLowerInvariant()} member larger than the {ctx.Limits.MaxMemberBytes}-byte cap was not scanned", member);
        }
        catch (Exception ex) when (ex is ZipFormatException or InvalidDataException)
        {
            sink.Inconclusive(ex.Message, member);
        }
    }

    private static string Classify(List<ZipEntryInfo> files)
    {
        if (files.Any(e => e.Name == "data.pkl" || e.Name.EndsWith("/data.pkl", StringComparison.Ordinal))) return "pytorch-zip";
        if (files.Count > 0 && files.All(e => e.Name.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))) return "npz";
        if (files.Any(e => e.Name == "config.json") && files.Any(e => e.Name is "metadata.json" or "model.weights.h5")) return "keras";
        return "zip";
    }

    private static string Prefix(string? innerPath) => innerPath is null ? "" : innerPath + ": ";

    [GeneratedRegex(@"(^|/)data/\d+$")]
    private static partial Regex StorageMember();
}
