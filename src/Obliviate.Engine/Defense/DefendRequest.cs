using Obliviate.Engine.Data;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Probe;

namespace Obliviate.Engine.Defense;

/// <summary>Everything <c>defend</c> needs: the base model, the data, the PEFT method, the objective and where to write.</summary>
public sealed record DefendRequest
{
    /// <summary>A model folder or an embedded short name (<c>minilm</c>, <c>arctic-xs</c>).</summary>
    public required string Model { get; init; }

    /// <summary>Where embedded models are materialised; null uses the default cache.</summary>
    public string? CacheDir { get; init; }

    public required string TrainPath { get; init; }
    public required string EvalPath { get; init; }
    public required PeftMethod Method { get; init; }
    public DefenseSettings Defense { get; init; } = new();
    public TrainingSettings Training { get; init; } = new();

    /// <summary>Training rows sampled (docs/method.md §4: 6000).</summary>
    public int MaxTrain { get; init; } = DatasetDefaults.MaxTrain;

    /// <summary>Evaluation rows sampled before poisoning (docs/method.md §5: 2000).</summary>
    public int MaxEval { get; init; } = DatasetDefaults.MaxEval;

    public ColumnRef? TextColumn { get; init; }
    public ColumnRef? TextPairColumn { get; init; }
    public ColumnRef? LabelColumn { get; init; }

    /// <summary>Triggers of the poisoned evaluation set; null uses the reference's six.</summary>
    public IReadOnlyList<string>? Triggers { get; init; }

    public DeviceKind Device { get; init; } = DeviceKind.Auto;
    public required string OutputDirectory { get; init; }

    /// <summary>Continue from the output folder's checkpoint.</summary>
    public bool Resume { get; init; }

    /// <summary>Write into a non-empty output folder (see <see cref="Files.OutputFolder"/>).</summary>
    public bool Force { get; init; }

    /// <summary>
    /// The classes in id order with other spellings of each (<c>--label-map</c>); null derives them from the training file,
    /// where spelling variants are refused.
    /// </summary>
    public LabelMap? Labels { get; init; }

    /// <summary>
    /// The trigger-aware defense's candidates: a probe report of the same base model (<c>probe --format json</c>); null runs
    /// the probe first (about a minute on MiniLM).
    /// </summary>
    public string? ProbeReportPath { get; init; }

    /// <summary>The same, already in memory (<c>check</c> hands over its own probe); takes precedence over <see cref="ProbeReportPath"/>.</summary>
    public ProbeReport? Probe { get; init; }
}
