namespace Obliviate.Engine.Models.Repository;

/// <summary>What <c>inspect</c> reports about a model folder: plain data, computed from the files themselves.</summary>
public sealed record ModelInspection
{
    public required string Directory { get; init; }
    public string? ShortName { get; init; }
    public required EncoderConfig Config { get; init; }

    /// <summary>The sum of the element counts of every tensor in the safetensors weights.</summary>
    public required long ParameterCount { get; init; }

    public required int TensorCount { get; init; }

    /// <summary>Tensor count per dtype (e.g. F32 → 103).</summary>
    public required IReadOnlyDictionary<string, int> Dtypes { get; init; }

    public required TokenizerKind TokenizerKind { get; init; }
    public bool? DoLowerCase { get; init; }
    public required string Weights { get; init; }
    public bool Sharded { get; init; }
    public required IReadOnlyList<ModelFileInfo> Files { get; init; }

    /// <summary>Pickle-format files present and not loaded.</summary>
    public IReadOnlyList<string> IgnoredUnsafeFiles { get; init; } = [];
}
