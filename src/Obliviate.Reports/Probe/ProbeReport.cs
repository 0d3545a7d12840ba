using Obliviate.Reports.Model;

namespace Obliviate.Reports.Probe;

/// <summary>
/// The result of <c>probe</c>: the verdict, the ranked candidates (best first) with their evidence, and what the probe
/// measured on. With <see cref="Adapter"/> set, the evidence is of the base model with that trained adapter attached, and
/// <see cref="WithoutAdapter"/> holds the same candidates measured on the bare base model.
/// </summary>
public sealed record ProbeReport : Report
{
    public override string Kind => "probe";

    public required ModelSummary Model { get; init; }

    /// <summary>The PEFT adapter folder attached during probing, or null.</summary>
    public string? Adapter { get; init; }

    public required ProbeVerdict Verdict { get; init; }

    /// <summary>Ordered best first (highest score).</summary>
    public required IReadOnlyList<ProbeCandidate> Candidates { get; init; }

    /// <summary>With an adapter: the same top candidates measured without it, in the same order.</summary>
    public IReadOnlyList<ProbeCandidate>? WithoutAdapter { get; init; }

    /// <summary>Scores at or above this make the verdict suspicious.</summary>
    public required double SuspiciousThreshold { get; init; }

    /// <summary>Scores at or above this make the verdict backdoored.</summary>
    public required double BackdooredThreshold { get; init; }

    /// <summary>Counts of stage-one scores per bin, for the score-distribution chart (bin edges in <see cref="HistogramEdges"/>).</summary>
    public IReadOnlyList<int> Histogram { get; init; } = [];

    public IReadOnlyList<double> HistogramEdges { get; init; } = [];

    /// <summary>How many candidates stage one ranked (the vocabulary after exclusions plus extensions and user candidates).</summary>
    public required int CandidatesScreened { get; init; }

    /// <summary>How many of the best stage-one candidates stage two verified on every carrier.</summary>
    public required int CandidatesVerified { get; init; }

    public required ProbeSettings Settings { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public required RunInfo Run { get; init; }

    /// <summary>Failed when the verdict reaches <paramref name="failOn"/>.</summary>
    public Outcome OutcomeFor(ProbeVerdict failOn) => Verdict >= failOn ? Outcome.Failed : Outcome.Passed;
}
