namespace Obliviate.Formats.SafeTensors;

/// <summary>One tensor declared in a safetensors header.</summary>
/// <param name="Name">The tensor name (a state-dict key).</param>
/// <param name="DType">The element type.</param>
/// <param name="Shape">The dimensions; empty for a scalar.</param>
/// <param name="Begin">Start of the data, relative to <see cref="SafeTensorsHeader.DataStart"/>.</param>
/// <param name="End">End of the data (exclusive), relative to <see cref="SafeTensorsHeader.DataStart"/>.</param>
public sealed record SafeTensorsEntry(string Name, SafeTensorsDType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    /// <summary>The number of bytes of data.</summary>
    public long ByteLength => End - Begin;

    /// <summary>The number of elements (the product of <see cref="Shape"/>; 1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var d in Shape) count *= d;
            return count;
        }
    }
}
