using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Obliviate.Formats.Onnx;

/// <summary>
/// An ONNX <c>TensorProto</c> (an initializer or a constant): facts as stored. Values live in exactly one of
/// <see cref="RawData"/>, <see cref="FloatData"/>, <see cref="Int64Data"/>, <see cref="Int32Data"/>,
/// <see cref="DoubleData"/> or in an external file (<see cref="ExternalData"/>).
/// </summary>
public sealed record OnnxTensor
{
    public required string Name { get; init; }
    public required OnnxDataType DataType { get; init; }
    public required IReadOnlyList<long> Dims { get; init; }
    public ReadOnlyMemory<byte> RawData { get; init; }
    public bool HasRawData { get; init; }
    public IReadOnlyList<float> FloatData { get; init; } = [];
    public IReadOnlyList<long> Int64Data { get; init; } = [];
    public IReadOnlyList<int> Int32Data { get; init; } = [];
    public IReadOnlyList<double> DoubleData { get; init; } = [];

    /// <summary><c>external_data</c> key/value pairs (location, offset, length, checksum), empty when the data is inline.</summary>
    public IReadOnlyDictionary<string, string> ExternalData { get; init; } = new Dictionary<string, string>();

    /// <summary><c>data_location</c>: true when the values are stored in an external file.</summary>
    public bool IsExternal { get; init; }

    /// <summary>The product of <see cref="Dims"/> (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (var d in Dims) n = checked(n * d);
            return n;
        }
    }

    /// <summary>The values as F32 (FLOAT, FLOAT16, BFLOAT16 and DOUBLE); throws <see cref="InvalidDataException"/> on a size mismatch.</summary>
    public float[] ToFloat32()
    {
        RequireInline();
        var count = CheckedCount();
        switch (DataType)
        {
            case OnnxDataType.Float when HasRawData:
            {
                var raw = RequireRaw(count, 4).Span;
                var result = new float[count];
                if (BitConverter.IsLittleEndian)
                {
                    raw.CopyTo(MemoryMarshal.AsBytes(result.AsSpan())); // ONNX raw_data is little-endian
                    return result;
                }
                for (var i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(4 * i)..]);
                return result;
            }
            case OnnxDataType.Float:
                return RequireCount(FloatData, count).ToArray();
            case OnnxDataType.Double when HasRawData:
            {
                var raw = RequireRaw(count, 8).Span;
                var result = new float[count];
                for (var i = 0; i < result.Length; i++) result[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(8 * i)..]);
                return result;
            }
            case OnnxDataType.Double:
                return RequireCount(DoubleData, count).Select(v => (float)v).ToArray();
            case OnnxDataType.Float16 or OnnxDataType.BFloat16:
            {
                // Without raw_data, 16-bit values are carried in int32_data (one per element, low 16 bits).
                var bits = HasRawData
                    ? ReadUInt16(RequireRaw(count, 2).Span, count)
                    : RequireCount(Int32Data, count).Select(v => (ushort)v).ToArray();
                return DataType == OnnxDataType.Float16
                    ? bits.Select(b => (float)BitConverter.UInt16BitsToHalf(b)).ToArray()
                    : bits.Select(b => BitConverter.UInt32BitsToSingle((uint)b << 16)).ToArray();
            }
            default:
                throw new InvalidDataException($"tensor '{Name}' is {DataType}, not a floating-point type.");
        }
    }

    /// <summary>The values as int64 (INT64, INT32); used for shape constants.</summary>
    public long[] ToInt64()
    {
        RequireInline();
        var count = CheckedCount();
        switch (DataType)
        {
            case OnnxDataType.Int64 when HasRawData:
            {
                var raw = RequireRaw(count, 8).Span;
                var result = new long[count];
                for (var i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(8 * i)..]);
                return result;
            }
            case OnnxDataType.Int64:
                return RequireCount(Int64Data, count).ToArray();
            case OnnxDataType.Int32 when HasRawData:
            {
                var raw = RequireRaw(count, 4).Span;
                var result = new long[count];
                for (var i = 0; i < result.Length; i++) result[i] = BinaryPrimitives.ReadInt32LittleEndian(raw[(4 * i)..]);
                return result;
            }
            case OnnxDataType.Int32:
                return RequireCount(Int32Data, count).Select(v => (long)v).ToArray();
            default:
                throw new InvalidDataException($"tensor '{Name}' is {DataType}, not an integer type.");
        }
    }

    private void RequireInline()
    {
        if (IsExternal || ExternalData.Count > 0)
            throw new InvalidDataException(
                $"tensor '{Name}' stores its data in an external file ({ExternalData.GetValueOrDefault("location", "?")}); " +
                "external data is not loaded.");
    }

    private int CheckedCount()
    {
        long count;
        try
        {
            count = ElementCount;
        }
        catch (OverflowException)
        {
            throw new InvalidDataException($"tensor '{Name}': dims [{string.Join(", ", Dims)}] overflow.");
        }
        if (count > Array.MaxLength)
            throw new InvalidDataException($"tensor '{Name}' has {count} elements, too many for one array.");
        return (int)count;
    }

    private ReadOnlyMemory<byte> RequireRaw(int count, int size)
    {
        if (RawData.Length != (long)count * size)
            throw new InvalidDataException(
                $"tensor '{Name}': raw_data holds {RawData.Length} bytes but dims [{string.Join(", ", Dims)}] of {DataType} need {(long)count * size}.");
        return RawData;
    }

    private IReadOnlyList<T> RequireCount<T>(IReadOnlyList<T> values, int count)
    {
        if (values.Count != count)
            throw new InvalidDataException(
                $"tensor '{Name}': holds {values.Count} values but dims [{string.Join(", ", Dims)}] need {count}.");
        return values;
    }

    private static ushort[] ReadUInt16(ReadOnlySpan<byte> raw, int count)
    {
        var result = new ushort[count];
        for (var i = 0; i < count; i++) result[i] = BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * i)..]);
        return result;
    }
}
