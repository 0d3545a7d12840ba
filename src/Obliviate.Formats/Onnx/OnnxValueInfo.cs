namespace Obliviate.Formats.Onnx;

/// <summary>A graph input or output (<c>ValueInfoProto</c>) with its tensor element type and shape when declared.</summary>
/// <param name="Name">The value name.</param>
/// <param name="ElementType">The element type, or <see cref="OnnxDataType.Undefined"/> when not a tensor type.</param>
/// <param name="Shape">Per dimension: the fixed size, or null for a symbolic (named) dimension.</param>
/// <param name="DimNames">Per dimension: the symbolic name (e.g. <c>batch_size</c>), or null for a fixed size.</param>
public sealed record OnnxValueInfo(string Name, OnnxDataType ElementType, IReadOnlyList<long?> Shape, IReadOnlyList<string?> DimNames);
