namespace Obliviate.Reports.Model;

/// <summary>
/// Timings and machine facts of one training or evaluation run: the <c>run</c> block of a report, kept apart from the
/// results so two runs of the same configuration produce identical bodies.
/// </summary>
public sealed record RunInfo
{
    public required DateTimeOffset StartedUtc { get; init; }
    public required string Device { get; init; }
    public required int Threads { get; init; }
    public double? TrainSeconds { get; init; }
    public double? TrainStepMsMedian { get; init; }
    public int? StepsThisProcess { get; init; }
    public int? ResumedFromStep { get; init; }
    public LossValues? FinalLoss { get; init; }

    /// <summary>Evaluation (defend, evaluate) or self-check (attack) time.</summary>
    public double? EvalSeconds { get; init; }

    public double? TotalSeconds { get; init; }
    public required double PeakRssMb { get; init; }
}
