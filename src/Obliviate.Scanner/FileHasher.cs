using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Obliviate.Scanner;

/// <summary>SHA-256 of every inventoried file, computed in parallel (one file per core) with large sequential reads.</summary>
internal static class FileHasher
{
    /// <summary>Starts hashing into <paramref name="result"/> (full path → hex); stops early when <paramref name="ct"/> fires.</summary>
    public static Task StartAll(IReadOnlyList<InventoryItem> items, ScanOptions options, ConcurrentDictionary<string, string> result, CancellationToken ct)
    {
        var targets = items.Where(i => i.ListError is null && !i.IsSpecial && (!i.IsSymlink || (!i.LinkEscapes && !i.LinkIsDirectory)))
            .Take(options.Limits.MaxFiles).ToList();
        return Task.Run(() =>
        {
            var parallel = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
            // Largest first so one big file does not start last and set the wall time.
            var ordered = targets.Select(t => (Item: t, Size: SafeLength(t.FullPath))).Where(t => t.Size >= 0 && t.Size <= options.Limits.MaxFileBytes)
                .OrderByDescending(t => t.Size).Select(t => t.Item);
            Parallel.ForEach(ordered, parallel, item =>
            {
                try
                {
                    result[item.FullPath] = Hash(item.FullPath, ct);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
                {
                    // Left out of the map; the scanner marks the file inconclusive. A cancelled hash ends here too, so
                    // Parallel.ForEach reports the cancellation itself instead of an AggregateException.
                }
            });
        }, ct);
    }

    /// <summary>Chunked so that the time budget can stop it between reads (a 64 GiB file takes minutes).</summary>
    private static string Hash(string path, CancellationToken ct)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        int n;
        while ((n = fs.Read(buffer, 0, buffer.Length)) > 0)
        {
            ct.ThrowIfCancellationRequested();
            sha.AppendData(buffer, 0, n);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static long SafeLength(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
