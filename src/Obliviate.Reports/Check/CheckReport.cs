using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Check;

/// <summary>
/// The result of <c>check</c>: every step's status, the scan report, the probe report and, when training data was given,
/// the before/after retraining, under one verdict on the scanner's scale (docs/reports.md "check").
/// </summary>
public sealed record CheckReport : Report
{
    public override string Kind => "check";

    /// <summary>The model as given: a folder or an embedded name.</summary>
    public required string Target { get; init; }

    /// <summary>Overall, from <see cref="CheckVerdicts.Overall"/>.</summary>
    public required Verdict Verdict { get; init; }

    /// <summary>The checks asked for (<see cref="CheckStepNames.Selectable"/>), in run order.</summary>
    public required IReadOnlyList<string> Checks { get; init; }

    /// <summary>Every step, in run order, including those skipped.</summary>
    public required IReadOnlyList<CheckStep> Steps { get; init; }

    public ScanReport? Scan { get; init; }
    public ProbeReport? Probe { get; init; }
    public CheckDefense? Defense { get; init; }

    public CheckRunInfo? Run { get; init; }

    /// <summary>What the verdict means against <paramref name="failOn"/> (<see cref="CheckVerdicts.Outcome"/>).</summary>
    public Outcome OutcomeFor(Verdict failOn) => CheckVerdicts.Outcome(Verdict, failOn);
}
