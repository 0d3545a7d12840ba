using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Obliviate.Formats.SafeTensors;

/// <summary>
/// An open safetensors file. The header is validated on open; tensors are read on demand with positional reads,
/// one tensor at a time, so a 500 MB checkpoint never needs twice its size in memory. Reads are thread-safe.
/// </summary>
public sealed class SafeTensorsFile : ISafeTensorsSource
{
    private const int ChunkElements = 1 << 18;
    private readonly FileStream _stream;
    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, SafeTensorsEntry> _byName;

    private SafeTensorsFile(string path, FileStream stream, SafeTensorsHeader header, long length)
    {
        Path = path;
        _stream = stream;
        _handle = stream.SafeFileHandle;
        Header = header;
        Length = length;
        _byName = header.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Opens and validates <paramref name="path"/>; throws <see cref="SafeTensorsFormatException"/> on any defect.</summary>
    public static SafeTensorsFile Open(string path, SafeTensorsLimits? limits = null)
    {
        // Unbuffered: the header is read once, then tensors by positional reads on the same handle.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.RandomAccess);
        try
        {
            var length = stream.Length;
            var header = SafeTensorsReader.ReadHeader(stream, length, limits, path);
            return new SafeTensorsFile(path, stream, header, length);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>The file length in bytes when it was opened.</summary>
    public long Length { get; }

    public SafeTensorsHeader Header { get; }

    public IReadOnlyList<SafeTensorsEntry> Entries => Header.Tensors;

    public IReadOnlyDictionary<string, string>? Metadata => Header.Metadata;

    public bool TryGetEntry(string name, out SafeTensorsEntry entry) => _byName.TryGetValue(name, out entry!);

    /// <summary>The entry named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> naming the file when absent.</summary>
    public SafeTensorsEntry GetEntry(string name) =>
        _byName.TryGetValue(name, out var entry)
            ? entry
            : throw new KeyNotFoundException($"{Path}: no tensor named '{name}'.");

    public byte[] ReadBytes(string name)
    {
        var entry = GetEntry(name);
        if (entry.ByteLength > Array.MaxLength)
            throw new SafeTensorsFormatException(Path, $"tensor '{name}' is {entry.ByteLength} bytes, too large for one array.");
        var buffer = new byte[entry.ByteLength];
        ReadAt(entry, 0, buffer);
        return buffer;
    }

    /// <summary>Copies the raw bytes of <paramref name="name"/> into <paramref name="destination"/> (exactly its byte length).</summary>
    public void ReadBytes(string name, Span<byte> destination)
    {
        var entry = GetEntry(name);
        if (destination.Length != entry.ByteLength)
            throw new ArgumentException($"tensor '{name}' is {entry.ByteLength} bytes; the destination holds {destination.Length}.",
                nameof(destination));
        ReadAt(entry, 0, destination);
    }

    public float[] ReadFloat32(string name)
    {
        var entry = GetEntry(name);
        if (!entry.DType.IsFloatingPoint())
            throw new InvalidOperationException($"{Path}: tensor '{name}' is {entry.DType}, not a floating-point type.");
        var count = entry.ElementCount;
        if (count > Array.MaxLength)
            throw new SafeTensorsFormatException(Path, $"tensor '{name}' has {count} elements, too many for one array.");
        var result = new float[count];
        if (entry.DType == SafeTensorsDType.F32)
        {
            // Straight into the result: safetensors is little-endian, as is every platform .NET runs TorchSharp on.
            ReadAt(entry, 0, MemoryMarshal.AsBytes(result.AsSpan()));
            if (!BitConverter.IsLittleEndian)
            {
                var ints = MemoryMarshal.Cast<float, int>(result.AsSpan());
                BinaryPrimitives.ReverseEndianness(ints, ints);
            }
            return result;
        }
        // Convert in chunks so a half-precision tensor costs only its F32 result, not result + raw copy.
        var size = entry.DType.ElementSize();
        var chunk = new byte[(int)Math.Min(count, ChunkElements) * size];
        for (long done = 0; done < count;)
        {
            var n = (int)Math.Min(ChunkElements, count - done);
            var bytes = chunk.AsSpan(0, n * size);
            ReadAt(entry, done * size, bytes);
            Convert(entry.DType, bytes, result.AsSpan((int)done, n));
            done += n;
        }
        return result;
    }

    private static void Convert(SafeTensorsDType dtype, ReadOnlySpan<byte> bytes, Span<float> output)
    {
        switch (dtype)
        {
            case SafeTensorsDType.F16:
                for (var i = 0; i < output.Length; i++)
                    output[i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]));
                break;
            case SafeTensorsDType.BF16:
                // bfloat16 is the upper half of an IEEE float32.
                for (var i = 0; i < output.Length; i++)
                    output[i] = BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16);
                break;
            case SafeTensorsDType.F64:
                for (var i = 0; i < output.Length; i++)
                    output[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
                break;
            default:
                throw new InvalidOperationException($"no F32 conversion for {dtype}.");
        }
    }

    private void ReadAt(SafeTensorsEntry entry, long offsetInTensor, Span<byte> destination)
    {
        var position = Header.DataStart + entry.Begin + offsetInTensor;
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(_handle, destination[total..], position + total);
            if (read == 0)
                throw new SafeTensorsFormatException(Path,
                    $"tensor '{entry.Name}': the file ended early (was it truncated after it was opened?).");
            total += read;
        }
    }

    public void Dispose() => _stream.Dispose();
}
