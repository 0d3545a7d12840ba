namespace Obliviate.Engine.Defense;

/// <summary>
/// Timings and machine facts of one run: the <c>run</c> block of <c>eval_results.json</c>, kept apart from the results so
/// two runs of the same configuration produce identical bodies.
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
    public LossTerms? FinalLoss { get; init; }
    public required double EvalSeconds { get; init; }
    public required double PeakRssMb { get; init; }
}
