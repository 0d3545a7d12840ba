using System.Buffers.Binary;
using System.Text;
using Obliviate.Formats.SafeTensors;

namespace Obliviate.Formats.Tests.SafeTensors;

public sealed class SafeTensorsWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("obliviate-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] RandomBytes(Random random, int n)
    {
        var b = new byte[n];
        random.NextBytes(b);
        return b;
    }

    [Fact]
    public void Write_ThenRead_IsBitExactForEveryDtype()
    {
        var random = new Random(1234);
        var tensors = Enum.GetValues<SafeTensorsDType>()
            .Select((dtype, i) => new SafeTensorsTensor($"t{i:D2}.{dtype}", dtype, [3, i % 4 + 1],
                RandomBytes(random, 3 * (i % 4 + 1) * dtype.ElementSize())))
            .Append(new SafeTensorsTensor("scalar", SafeTensorsDType.F64, [], RandomBytes(random, 8)))
            .Append(new SafeTensorsTensor("empty", SafeTensorsDType.F32, [0, 5], Array.Empty<byte>()))
            .ToList();
        var path = Path.Combine(_dir, "all.safetensors");
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode + <symbols>" };

        SafeTensorsWriter.Write(path, tensors, metadata);

        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(tensors.Count, file.Entries.Count);
        foreach (var t in tensors)
        {
            var entry = file.GetEntry(t.Name);
            Assert.Equal(t.DType, entry.DType);
            Assert.Equal(t.Shape, entry.Shape);
            Assert.Equal(t.Data.ToArray(), file.ReadBytes(t.Name));
        }
    }

    [Fact]
    public void Write_PadsHeaderWithSpacesToEightBytes_AndSortsNames()
    {
        var path = Path.Combine(_dir, "pad.safetensors");
        SafeTensorsWriter.Write(path,
        [
            SafeTensorsTensor.FromFloat32("zeta", [1], [1f]),
            SafeTensorsTensor.FromFloat32("alpha", [2], [2f, 3f]),
        ]);
        var bytes = File.ReadAllBytes(path);
        var n = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        var header = Encoding.UTF8.GetString(bytes, 8, n);
        Assert.Equal(header.TrimEnd(' ').Length + (n - header.TrimEnd(' ').Length), n);
        Assert.True(header.IndexOf("alpha", StringComparison.Ordinal) < header.IndexOf("zeta", StringComparison.Ordinal));
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(0, file.GetEntry("alpha").Begin);
        Assert.Equal([2f, 3f], file.ReadFloat32("alpha"));
        Assert.Equal([1f], file.ReadFloat32("zeta"));
    }

    [Fact]
    public void Write_LeavesNoTempFile_AndReplacesAnExistingFile()
    {
        var path = Path.Combine(_dir, "x.safetensors");
        SafeTensorsWriter.Write(path, [SafeTensorsTensor.FromFloat32("a", [1], [1f])]);
        SafeTensorsWriter.Write(path, [SafeTensorsTensor.FromFloat32("b", [1], [2f])]);
        Assert.Equal(["x.safetensors"], Directory.GetFiles(_dir).Select(Path.GetFileName));
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal("b", Assert.Single(file.Entries).Name);
    }

    [Fact]
    public void Write_RejectsWrongByteCountAndDuplicates_WithoutTouchingTheDestination()
    {
        var path = Path.Combine(_dir, "bad.safetensors");
        var e = Assert.Throws<ArgumentException>(() =>
            SafeTensorsWriter.Write(path, [new SafeTensorsTensor("a", SafeTensorsDType.F32, [2], new byte[4])]));
        Assert.Contains("needs 8 bytes, got 4", e.Message);
        Assert.Throws<ArgumentException>(() => SafeTensorsWriter.Write(path,
            [SafeTensorsTensor.FromFloat32("a", [1], [1f]), SafeTensorsTensor.FromFloat32("a", [1], [2f])]));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void ReadFloat32_ConvertsHalfBFloatAndDouble()
    {
        float[] values = [-2.5f, 0f, 1f, 3.140625f, 65504f];
        var half = values.SelectMany(v => BitConverter.GetBytes(BitConverter.HalfToUInt16Bits((Half)v))).ToArray();
        var bf16 = values.SelectMany(v => BitConverter.GetBytes((ushort)(BitConverter.SingleToUInt32Bits(v) >> 16))).ToArray();
        var f64 = values.SelectMany(v => BitConverter.GetBytes((double)v)).ToArray();
        var path = Path.Combine(_dir, "conv.safetensors");
        SafeTensorsWriter.Write(path,
        [
            new SafeTensorsTensor("h", SafeTensorsDType.F16, [5], half),
            new SafeTensorsTensor("b", SafeTensorsDType.BF16, [5], bf16),
            new SafeTensorsTensor("d", SafeTensorsDType.F64, [5], f64),
            new SafeTensorsTensor("i", SafeTensorsDType.I32, [1], new byte[4]),
        ]);
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(values, file.ReadFloat32("h"));
        Assert.Equal(values.Select(v => BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(v) & 0xFFFF0000)), file.ReadFloat32("b"));
        Assert.Equal(values, file.ReadFloat32("d"));
        Assert.Throws<InvalidOperationException>(() => file.ReadFloat32("i"));
        Assert.Throws<KeyNotFoundException>(() => file.ReadFloat32("missing"));
    }

    [Fact]
    public void ReadFloat32_LargeHalfTensor_ConvertsAcrossChunks()
    {
        var n = (1 << 18) + 17; // more than one conversion chunk
        var random = new Random(7);
        var values = Enumerable.Range(0, n).Select(_ => (float)(Half)(float)(random.NextDouble() * 4 - 2)).ToArray();
        var path = Path.Combine(_dir, "big.safetensors");
        var bytes = values.SelectMany(v => BitConverter.GetBytes(BitConverter.HalfToUInt16Bits((Half)v))).ToArray();
        SafeTensorsWriter.Write(path, [new SafeTensorsTensor("w", SafeTensorsDType.F16, [n], bytes)]);
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(values, file.ReadFloat32("w"));
    }

    [Fact]
    public void Open_TruncatedFile_FailsNamingTheFile()
    {
        var path = Path.Combine(_dir, "t.safetensors");
        SafeTensorsWriter.Write(path, [SafeTensorsTensor.FromFloat32("a", [4], [1f, 2f, 3f, 4f])]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsFile.Open(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("run past the end of the data", e.Message);
    }
}
