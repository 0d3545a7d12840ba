using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Check;

/// <summary>
/// The retraining part of a check: the same PEFT training without the defense (<see cref="Baseline"/>, what a user gets by
/// fine-tuning the model as it is) and with it (<see cref="Defended"/>), evaluated on the same poisoned set, so the two
/// differ only in the defense's objective (docs/method.md §3, §6; docs/defend.md).
/// </summary>
public sealed record CheckDefense
{
    /// <summary>The folder of the defended adapter (relative to where check ran, as given).</summary>
    public required string AdapterDirectory { get; init; }

    /// <summary>Plain PEFT (no defense); null when it was not run or failed.</summary>
    public EvaluationReport? Baseline { get; init; }

    /// <summary>With the defense (the method `defend` would use); null when it failed.</summary>
    public EvaluationReport? Defended { get; init; }

    /// <summary>The probe of the base model with the defended adapter attached; null when not run.</summary>
    public ProbeReport? ProbeWithAdapter { get; init; }
}
