using Obliviate.Reports.Model;

namespace Obliviate.Reports.Check;

/// <summary>
/// Several check reports merged into one (<c>report merge</c>): one line per model and the worst verdict over all of them,
/// e.g. for a workflow that checks each model in its own matrix job.
/// </summary>
public sealed record CheckSummaryReport : Report
{
    public override string Kind => "check-summary";

    /// <summary>The worst verdict of the models (<see cref="Verdicts.Combine"/>).</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>Worst verdict first, then by target.</summary>
    public required IReadOnlyList<CheckSummaryEntry> Models { get; init; }

    /// <summary>The summary of <paramref name="reports"/> (report, source path).</summary>
    public static CheckSummaryReport Merge(IEnumerable<(CheckReport Report, string Source)> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var entries = reports.Select(r => CheckSummaryEntry.From(r.Report, r.Source))
            .OrderByDescending(e => e.Verdict.Rank()).ThenBy(e => e.Target, StringComparer.Ordinal).ToList();
        return new CheckSummaryReport { Verdict = Verdicts.Combine(entries.Select(e => e.Verdict)), Models = entries };
    }
}
