namespace Obliviate.Formats.SafeTensors;

/// <summary>Named tensors readable one at a time: a single safetensors file or a sharded checkpoint.</summary>
public interface ISafeTensorsSource : IDisposable
{
    /// <summary>Every tensor, across all files.</summary>
    IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>Finds a tensor by exact name.</summary>
    bool TryGetEntry(string name, out SafeTensorsEntry entry);

    /// <summary>The raw little-endian bytes of one tensor.</summary>
    byte[] ReadBytes(string name);

    /// <summary>One tensor as F32 values, converting F16, BF16 and F64 (the compute type is F32).</summary>
    float[] ReadFloat32(string name);
}
