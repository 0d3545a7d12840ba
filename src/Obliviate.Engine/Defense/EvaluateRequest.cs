using Obliviate.Engine.Data;
using Obliviate.Engine.Runtime;

namespace Obliviate.Engine.Defense;

/// <summary>
/// <c>evaluate</c>: a base model, a saved adapter folder and an evaluation file. Settings left null are taken from the
/// folder's <c>eval_results.json</c> (seed, sample size, columns, triggers, max length), so the metrics of <c>defend</c> are
/// reproduced exactly; without that file the defaults apply.
/// </summary>
public sealed record EvaluateRequest
{
    public required string Model { get; init; }
    public string? CacheDir { get; init; }
    public required string AdapterDirectory { get; init; }
    public required string EvalPath { get; init; }
    public IReadOnlyList<string>? Triggers { get; init; }
    public int? MaxEval { get; init; }
    public int? Seed { get; init; }
    public int? MaxLength { get; init; }
    public ColumnRef? TextColumn { get; init; }
    public ColumnRef? TextPairColumn { get; init; }
    public ColumnRef? LabelColumn { get; init; }
    public DeviceKind Device { get; init; } = DeviceKind.Auto;

    /// <summary>Evaluate even when the adapter records another base model (<see cref="AdapterProvenance"/>); a warning says so.</summary>
    public bool AllowBaseMismatch { get; init; }
}
