using Obliviate.Reports.Model;

namespace Obliviate.Scanner.Hub;

/// <summary>Adds the files a Hub snapshot listed but did not download to a scan report, as inconclusive.</summary>
public static class HubReport
{
    /// <summary>
    /// Every skipped file becomes an inconclusive <see cref="FileResult"/> with the reason as its note: a file too big
    /// to fetch, or with a name we refuse to write, was not checked, and must not let the repository pass as clean.
    /// </summary>
    public static ScanReport WithSkippedFiles(ScanReport report, HubSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(snapshot);
        // A file skipped now may still sit complete in the cache from an earlier run without the cap; the scan has
        // already reported it (and applied its own size limit), so it is not listed twice.
        var scanned = report.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var missing = snapshot.Skipped.Where(s => !scanned.Contains(s.Path)).ToList();
        if (missing.Count == 0) return report;
        var files = report.Files.Concat(missing.Select(s => new FileResult
            {
                Path = s.Path,
                Size = s.Size ?? 0,
                Sha256 = s.Sha256 ?? string.Empty,
                Format = "unknown",
                Verdict = Verdict.Inconclusive,
                Note = s.Reason,
            }))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        return report with { Files = files, Verdict = Verdicts.Combine(files.Select(f => f.Verdict)) };
    }
}
