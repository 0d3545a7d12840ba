using System.Runtime.InteropServices;

namespace Obliviate.Formats.SafeTensors;

/// <summary>A tensor to write: its name, element type, shape and raw little-endian bytes.</summary>
public sealed record SafeTensorsTensor(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, ReadOnlyMemory<byte> Data)
{
    /// <summary>An F32 tensor from values in row-major order.</summary>
    public static SafeTensorsTensor FromFloat32(string name, IReadOnlyList<long> shape, float[] values) =>
        new(name, SafeTensorsDType.F32, shape, MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
}
