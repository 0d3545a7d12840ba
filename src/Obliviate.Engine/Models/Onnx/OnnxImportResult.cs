namespace Obliviate.Engine.Models.Onnx;

/// <summary>The outcome of an ONNX import: the folder written and what was inferred.</summary>
public sealed record OnnxImportResult(
    string OutputDirectory,
    EncoderConfig Config,
    int TensorCount,
    long ParameterCount,
    bool DoLowerCase,
    string OnnxSha256,
    IReadOnlyList<string> Files);
