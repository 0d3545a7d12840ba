using System.Collections.Concurrent;
using System.Security.Cryptography;
using Obliviate.Reports.Model;
using Obliviate.Scanner.Analyzers;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner;

/// <summary>
/// Scans a model folder or file for supply-chain risks without executing anything it reads: inventory (size,
/// sha256), format by magic bytes, per-format analyzers, repository checks, and one verdict per file and overall.
/// </summary>
public static class ModelFileScanner
{
    public static ScanReport Scan(string rootPathOrFile, ScanOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rootPathOrFile);
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        using var ctx = new ScanContext(options, ct);
        var items = options.Files is { } only
            ? FileInventory.ListNamed(rootPathOrFile, only, ct)
            : FileInventory.List(rootPathOrFile, options.TrustedLinkRoots, ct).Items;
        // Hashing reads every byte and is the only cost that grows with tensor bytes; it runs on all cores beside the
        // analyzers, which read only headers, pickles and archive directories.
        var hashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var hashing = FileHasher.StartAll(items, options, hashes, ctx.ScanToken);
        var scanned = new List<(InventoryItem Item, FileResultBuilder Result)>();
        try
        {
            foreach (var item in items)
            {
                ct.ThrowIfCancellationRequested();
                scanned.Add((item, ScanItem(item, scanned.Count, ctx)));
            }
        }
        catch (OperationCanceledException)
        {
            // Let the hashing workers see the cancellation and stop before the context is disposed.
            try { hashing.Wait(CancellationToken.None); } catch (AggregateException) { }
            throw;
        }
        try
        {
            hashing.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException ex) when (ctx.IsTimeout(ex))
        {
            // The time budget ran out while hashing: the files left unhashed become inconclusive below.
        }
        foreach (var (item, result) in scanned)
        {
            if (hashes.TryGetValue(item.FullPath, out var hash)) result.Sha256 = hash;
            else if (result.Size > 0 && result.Format is not ("symlink" or "folder" or "fifo" or "socket" or "device") && result.Sink.Verdict() != Verdict.Inconclusive)
                result.Sink.Inconclusive("file could not be hashed (unreadable or out of time)");
        }
        RepositoryChecks.Run(scanned.Select(s => s.Result).ToList(), ctx);
        var files = scanned.Select(s => s.Result.Build()).ToList();
        var rules = files.SelectMany(f => f.Findings).Select(f => f.RuleId).Distinct().Order(StringComparer.Ordinal)
            .Select(RuleCatalog.Get).ToList();
        return new ScanReport
        {
            Target = options.DisplayTarget ?? rootPathOrFile,
            Verdict = Verdicts.Combine(files.Select(f => f.Verdict)),
            Files = files,
            Rules = rules,
            Run = new ScanRunInfo(options.ToolVersion, started, ctx.ElapsedSeconds),
        };
    }

    /// <summary>Scans in-memory content as if it were a file named <paramref name="name"/> (fuzzing and tests; no disk I/O).</summary>
    internal static FileResult ScanContent(byte[] data, string name, ScanOptions options, CancellationToken ct = default)
    {
        using var ctx = new ScanContext(options, ct);
        var result = new FileResultBuilder(name, name) { Size = data.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(data)) };
        using var fileBudget = ctx.BeginFile();
        try
        {
            using var ms = new MemoryStream(data, writable: false);
            result.Format = new ContentScanner(ctx).Scan(ms, data.Length, name, null, 0, result.Sink);
            TextAnalyzers.Analyze(name, ms, result.Format, ctx, result.Sink);
        }
        catch (ScanLimitException ex)
        {
            result.Sink.Inconclusive(ex.Message);
        }
        catch (OperationCanceledException ex) when (ctx.IsTimeout(ex))
        {
            result.Sink.Inconclusive(ctx.TimeoutMessage);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result.Sink.Inconclusive($"scanner error ({ex.GetType().Name}): {ex.Message}");
        }
        return result.Build();
    }

    private static FileResultBuilder ScanItem(InventoryItem item, int index, ScanContext ctx)
    {
        var result = new FileResultBuilder(item.RelativePath, item.FullPath);
        var sink = result.Sink;
        if (item.ListError is not null)
        {
            result.Format = "folder";
            sink.Inconclusive($"folder could not be listed: {item.ListError}");
            return result;
        }
        if (item.IsSymlink && (item.LinkEscapes || item.LinkIsDirectory))
        {
            result.Format = "symlink";
            if (item.LinkEscapes)
                sink.Add(RuleIds.SymlinkOutsideRoot, $"symbolic link points outside the scanned folder to {item.LinkTarget}; not followed", item.LinkTarget);
            else sink.Note($"directory link to {item.LinkTarget} not descended (its target is scanned where it lives)");
            return result;
        }
        if (item.IsSpecial)
        {
            // Decided from lstat/statx, before any open(): opening a FIFO blocks until a writer appears and a device such
            // as /dev/zero never ends, which no time budget could interrupt.
            result.Format = item.Type switch { FileType.Fifo => "fifo", FileType.Socket => "socket", _ => "device" };
            sink.Note($"{FileTypeProbe.Describe(item.Type)}{(item.IsSymlink ? " behind a symbolic link" : "")}, not a regular file: skipped without opening it");
            return result;
        }
        try { result.Size = new FileInfo(item.FullPath).Length; } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
        if (index >= ctx.Limits.MaxFiles) { sink.Inconclusive($"not scanned: more than {ctx.Limits.MaxFiles} files"); return result; }
        if (ctx.OutOfTime) { sink.Inconclusive($"not scanned: scan time limit of {ctx.Limits.MaxTotalTime.TotalSeconds:0} s reached"); return result; }
        using var fileBudget = ctx.BeginFile();
        try
        {
            using var stream = new FileStream(item.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            result.Size = stream.Length;
            if (stream.Length > ctx.Limits.MaxFileBytes)
            {
                sink.Inconclusive($"not scanned: {stream.Length} bytes exceeds the {ctx.Limits.MaxFileBytes}-byte file cap");
                return result;
            }
            result.Format = new ContentScanner(ctx).Scan(stream, stream.Length, Path.GetFileName(item.FullPath), null, 0, sink);
            TextAnalyzers.Analyze(item.RelativePath, stream, result.Format, ctx, sink);
        }
        catch (ScanLimitException ex)
        {
            sink.Inconclusive(ex.Message);
        }
        catch (OperationCanceledException ex) when (ctx.IsTimeout(ex))
        {
            sink.Inconclusive(ctx.TimeoutMessage);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            sink.Inconclusive($"unreadable: {ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed on our own defects too: a crash must never read as "clean".
            sink.Inconclusive($"scanner error ({ex.GetType().Name}): {ex.Message}");
        }
        return result;
    }
}
