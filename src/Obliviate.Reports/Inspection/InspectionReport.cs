using Obliviate.Reports.Model;

namespace Obliviate.Reports.Inspection;

/// <summary>What <c>inspect</c> reports about a model folder: plain data, computed from the files themselves.</summary>
public sealed record InspectionReport : Report
{
    public override string Kind => "inspection";

    public required string Directory { get; init; }
    public string? ShortName { get; init; }
    public required ArchitectureSummary Architecture { get; init; }

    /// <summary>The sum of the element counts of every tensor in the safetensors weights.</summary>
    public required long ParameterCount { get; init; }

    public required int TensorCount { get; init; }

    /// <summary>Tensor count per dtype (e.g. F32 → 103).</summary>
    public required IReadOnlyDictionary<string, int> Dtypes { get; init; }

    /// <summary>word_piece, byte_level_bpe, hugging_face_json or none.</summary>
    public required string TokenizerKind { get; init; }

    public bool? DoLowerCase { get; init; }
    public required string Weights { get; init; }
    public bool Sharded { get; init; }
    public required IReadOnlyList<ModelFileInfo> Files { get; init; }

    /// <summary>Pickle-format files present and not loaded.</summary>
    public IReadOnlyList<string> IgnoredUnsafeFiles { get; init; } = [];
}
