using Obliviate.Engine.Data;
using Obliviate.Engine.Runtime;
using Obliviate.Reports.Attack;

namespace Obliviate.Engine.Attacks;

/// <summary>Everything <c>attack</c> needs; every optional property has a documented default.</summary>
public sealed record AttackRequest
{
    /// <summary>The clean model: a folder or an embedded short name (<c>minilm</c>, <c>arctic-xs</c>).</summary>
    public required string Model { get; init; }

    public required AttackMethod Method { get; init; }

    /// <summary>Plain text (one text per line) or a TSV/CSV/JSONL table.</summary>
    public required string CorpusPath { get; init; }

    public ColumnRef? TextColumn { get; init; }

    /// <summary>Texts read from the corpus, in file order.</summary>
    public int MaxLines { get; init; } = DefaultMaxLines;

    public const int DefaultMaxLines = 60_000;

    /// <summary>Texts kept out of training for the self-check.</summary>
    public int HeldOut { get; init; } = DefaultHeldOut;

    public const int DefaultHeldOut = 200;

    /// <summary>Trigger words (null: <see cref="TriggerToken.Defaults"/>).</summary>
    public IReadOnlyList<string>? Triggers { get; init; }

    public Reports.Attack.AttackSettings Settings { get; init; } = new();

    public DeviceKind Device { get; init; } = DeviceKind.Auto;

    public string? CacheDir { get; init; }

    /// <summary>The backdoored model folder to write.</summary>
    public required string OutputDirectory { get; init; }

    public bool Resume { get; init; }

    /// <summary>Write into a non-empty output folder (see <see cref="Files.OutputFolder"/>).</summary>
    public bool Force { get; init; }
}
