using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Tool.Pipeline;

/// <summary>
/// The steps <see cref="CheckPipeline"/> runs, as plain functions: <see cref="CheckSteps.Create"/> wires the real ones (the
/// scanner, the probe, the defense), tests wire fakes. Each may throw; the pipeline records the failure in the report.
/// </summary>
public sealed record CheckStepSet
{
    /// <summary>Scans the model as given (a folder or an embedded name), without loading anything.</summary>
    public required Func<CancellationToken, ScanReport> Scan { get; init; }

    /// <summary>The model's folder; called only once the scan allowed the weights to be loaded.</summary>
    public required Func<string> ModelDirectory { get; init; }

    /// <summary>The trigger probe: (model folder, adapter folder or null) → its report.</summary>
    public required Func<string, string?, CancellationToken, ProbeReport> Probe { get; init; }

    /// <summary>
    /// PEFT training and evaluation: (with the defense?, output folder, the base model's probe report or null) → eval_results;
    /// null without training data. The trigger-aware defense takes its candidates from the probe report rather than probing again.
    /// </summary>
    public Func<bool, string, ProbeReport?, CancellationToken, EvaluationReport>? Train { get; init; }
}
