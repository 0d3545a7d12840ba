namespace Obliviate.Formats.Onnx;

/// <summary>Caps applied while parsing an untrusted ONNX file.</summary>
public sealed record OnnxLimits
{
    /// <summary>The largest file read (protobuf messages are limited to 2 GiB anyway).</summary>
    public long MaxFileBytes { get; init; } = int.MaxValue - 64;

    public int MaxNodes { get; init; } = 1_000_000;

    public int MaxInitializers { get; init; } = 1_000_000;

    /// <summary>The most inputs, outputs or attributes a single node may have.</summary>
    public int MaxNodeArity { get; init; } = 10_000;

    public int MaxRank { get; init; } = 32;

    /// <summary>The most values in a repeated numeric field (float_data, int64_data, ints, floats).</summary>
    public int MaxRepeatedValues { get; init; } = 512 * 1024 * 1024;

    public static OnnxLimits Default { get; } = new();
}
