using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Obliviate.Scanner;

/// <summary>SHA-256 of every inventoried file, computed in parallel (one file per core) with large sequential reads.</summary>
internal static class FileHasher
{
    /// <summary>Starts hashing into <paramref name="result"/> (full path → hex); stops early when <paramref name="ct"/> fires.</summary>
    public static Task StartAll(IReadOnlyList<InventoryItem> items, ScanOptions options, ConcurrentDictionary<string, string> result, CancellationToken ct)
    {
        var targets = items.Where(i => i.ListError is null && (!i.IsSymlink || (!i.LinkEscapes && !i.LinkIsDirectory))).Take(options.Limits.MaxFiles).ToList();
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
                    using var fs = new FileStream(item.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
                    result[item.FullPath] = Convert.ToHexStringLower(SHA256.HashData(fs));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Left out of the map; the scanner marks the file inconclusive.
                }
            });
        }, ct);
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
