namespace Obliviate.Formats.Onnx;

/// <summary>One tensor whose bytes live outside the .onnx file (TensorProto.external_data "location").</summary>
public sealed record OnnxExternalData(string TensorName, string Location, long Offset);
