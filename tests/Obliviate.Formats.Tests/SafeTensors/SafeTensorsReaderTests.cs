using System.Buffers.Binary;
using System.Text;
using Obliviate.Formats.SafeTensors;
using Obliviate.Tests;

namespace Obliviate.Formats.Tests.SafeTensors;

public sealed class SafeTensorsReaderTests
{
    private static byte[] Build(string json, byte[] data, ulong? declaredLength = null) =>
        BuildRaw(Encoding.UTF8.GetBytes(json), data, declaredLength);

    private static byte[] BuildRaw(byte[] header, byte[] data, ulong? declaredLength = null)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, declaredLength ?? (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    private static SafeTensorsHeader Read(byte[] bytes, SafeTensorsLimits? limits = null, long? fileLength = null)
    {
        using var stream = new MemoryStream(bytes);
        return SafeTensorsReader.ReadHeader(stream, fileLength ?? bytes.Length, limits, "bad.safetensors");
    }

    [Fact]
    public void ReadHeader_ValidFile_ReportsEntriesInOffsetOrderAndMetadata()
    {
        var bytes = Build("""{"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]},"__metadata__":{"k":"v"},"a":{"dtype":"U8","shape":[2,2],"data_offsets":[0,4]}}""",
            new byte[12]);
        var header = Read(bytes);
        Assert.Equal(["a", "b"], header.Tensors.Select(t => t.Name));
        Assert.Equal(SafeTensorsDType.U8, header.Tensors[0].DType);
        Assert.Equal([2L, 2L], header.Tensors[0].Shape);
        Assert.Equal(bytes.Length - 12, header.DataStart);
        Assert.Equal(header.DataStart - 8, header.HeaderLength);
        Assert.Equal("v", header.Metadata!["k"]);
    }

    [Fact]
    public void ReadHeader_EmptyFileWithNoTensors_IsValid()
    {
        var header = Read(Build("{}", []));
        Assert.Empty(header.Tensors);
        Assert.Null(header.Metadata);
    }

    public static TheoryData<string, byte[], string> Defects() => new()
    {
        { "short file", [1, 2, 3], "too short for the 8-byte header length" },
        { "length past end", Build("{}", [], 1000), "header length 1000 runs past the end of the file" },
        { "huge length", Build("{}", [], ulong.MaxValue), "exceeds the cap of 100000000 bytes" },
        { "invalid utf8", BuildRaw([(byte)'{', 0xC3, 0x28, (byte)'}'], []), "not valid UTF-8" },
        { "not an object", Build("[1,2]", []), "does not start with '{'" },
        { "invalid json", Build("{\"a\":", []), "header is not valid JSON" },
        { "trailing garbage", Build("{} x", []), "header is not valid JSON" },
        { "too deep", Build("""{"a":{"shape":[[[1]]]}}""", []), "header is not valid JSON" },
        { "unknown dtype", Build("""{"a":{"dtype":"Q8","shape":[1],"data_offsets":[0,1]}}""", [0]), "tensor 'a': unknown dtype 'Q8'" },
        { "lower-case dtype", Build("""{"a":{"dtype":"f32","shape":[1],"data_offsets":[0,4]}}""", new byte[4]), "unknown dtype 'f32'" },
        { "size mismatch", Build("""{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}""", new byte[8]), "needs 12 bytes but data_offsets [0, 8] span 8" },
        { "past data end", Build("""{"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}}""", new byte[4]), "run past the end of the data (4 bytes)" },
        { "overlap", Build("""{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}""", new byte[6]), "tensor 'b' [2, 6] overlaps tensor 'a' [0, 4]" },
        { "gap", Build("""{"a":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}""", new byte[4]), "gap of 2 bytes before tensor 'a'" },
        { "uncovered tail", Build("""{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}""", new byte[5]), "3 bytes after the last tensor are not covered" },
        { "duplicate name", Build("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}}""", new byte[2]), "duplicate name 'a'" },
        { "metadata value", Build("""{"__metadata__":{"k":1}}""", []), "__metadata__ value of 'k' must be a string" },
        { "metadata kind", Build("""{"__metadata__":"x"}""", []), "__metadata__ must be an object of string values" },
        { "negative dim", Build("""{"a":{"dtype":"U8","shape":[-1],"data_offsets":[0,0]}}""", []), "shape must hold non-negative integers" },
        { "fractional dim", Build("""{"a":{"dtype":"U8","shape":[1.5],"data_offsets":[0,0]}}""", []), "shape must hold non-negative integers" },
        { "reversed offsets", Build("""{"a":{"dtype":"U8","shape":[0],"data_offsets":[2,1]}}""", new byte[2]), "end before they begin" },
        { "three offsets", Build("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1,2]}}""", [0]), "data_offsets has more than 2 values" },
        { "missing dtype", Build("""{"a":{"shape":[1],"data_offsets":[0,1]}}""", [0]), "tensor 'a': missing dtype" },
        { "missing offsets", Build("""{"a":{"dtype":"U8","shape":[1]}}""", [0]), "tensor 'a': missing data_offsets" },
        { "unknown field", Build("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1],"x":1}}""", [0]), "tensor 'a': unknown field 'x'" },
        { "entry not object", Build("""{"a":[1]}""", []), "tensor 'a': entry must be an object" },
        { "overflow", Build("""{"a":{"dtype":"F64","shape":[4294967296,4294967296],"data_offsets":[0,0]}}""", []), "overflows the size computation" },
        { "rank cap", Build("{\"a\":{\"dtype\":\"U8\",\"shape\":[" + string.Join(",", Enumerable.Repeat(1, 33)) + "],\"data_offsets\":[0,1]}}", [0]), "shape has more than 32 values" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void ReadHeader_Defect_FailsNamingFileAndDefect(string caseName, byte[] bytes, string expected)
    {
        var e = Assert.Throws<SafeTensorsFormatException>(() => Read(bytes));
        Assert.StartsWith("bad.safetensors: ", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.Equal("bad.safetensors", e.FileName);
        Assert.False(string.IsNullOrEmpty(caseName));
    }

    [Fact]
    public void ReadHeader_MutatedBytes_EitherParseOrFailWithAFormatError()
    {
        var valid = Build("""{"__metadata__":{"k":"v"},"a":{"dtype":"F16","shape":[2,2],"data_offsets":[0,8]},"b":{"dtype":"I64","shape":[1],"data_offsets":[8,16]}}""",
            new byte[16]);
        var random = new Random(99);
        for (var trial = 0; trial < 2000; trial++)
        {
            var bytes = (byte[])valid.Clone();
            for (var k = 0; k < 1 + trial % 4; k++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (trial % 5 == 0) bytes = bytes[..random.Next(bytes.Length)];
            try
            {
                var header = Read(bytes);
                Assert.Equal(bytes.Length - header.DataStart, header.Tensors.Sum(t => t.ByteLength));
            }
            catch (SafeTensorsFormatException e)
            {
                Assert.StartsWith("bad.safetensors: ", e.Message);
            }
        }
    }

    [Fact]
    public void ReadHeader_HeaderOverCustomCap_IsRejectedBeforeReading()
    {
        var bytes = Build("{}      ", []);
        var e = Assert.Throws<SafeTensorsFormatException>(() => Read(bytes, new SafeTensorsLimits { MaxHeaderBytes = 4 }));
        Assert.Contains("header length 8 exceeds the cap of 4 bytes", e.Message);
    }

    [Fact]
    public void ReadHeader_TensorCountOverCap_IsRejected()
    {
        var bytes = Build("""{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}""", []);
        var e = Assert.Throws<SafeTensorsFormatException>(() => Read(bytes, new SafeTensorsLimits { MaxTensors = 1 }));
        Assert.Contains("more than 1 tensors", e.Message);
    }

    [Fact]
    public void ReadHeader_StreamShorterThanClaimedLength_FailsClearly()
    {
        var bytes = Build("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}""", [0]);
        var truncated = bytes[..20];
        var e = Assert.Throws<SafeTensorsFormatException>(() => Read(truncated, fileLength: bytes.Length));
        Assert.Contains("the stream ended while reading the header", e.Message);
    }

    [Fact]
    public void ReadHeader_SpacePaddedHeader_IsAccepted()
    {
        var header = Read(Build("""{"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}     """, [7]));
        Assert.Single(header.Tensors);
    }

    // The reference samples: arange(-3, 3) in each dtype (README "safetensors samples").
    public static TheoryData<string, SafeTensorsDType> Samples() => new()
    {
        { "B", SafeTensorsDType.U8 }, { "H", SafeTensorsDType.U16 }, { "I", SafeTensorsDType.U32 },
        { "b", SafeTensorsDType.I8 }, { "d", SafeTensorsDType.F64 }, { "e", SafeTensorsDType.F16 },
        { "f", SafeTensorsDType.F32 }, { "h", SafeTensorsDType.I16 }, { "i", SafeTensorsDType.I32 },
    };

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void ReferenceSample_HasOneTensorOfItsDtype_WithArangeValues(string name, SafeTensorsDType dtype)
    {
        var path = SharedData.Require($"modelfiles/safetensors-samples/{name}.safetensors");
        using var file = SafeTensorsFile.Open(path);
        var entry = Assert.Single(file.Entries);
        Assert.Equal(name, entry.Name);
        Assert.Equal(dtype, entry.DType);
        Assert.Equal([6L], entry.Shape);
        Assert.Equal("a", file.Metadata!["test"]);
        var bytes = file.ReadBytes(name);
        Assert.Equal(6 * dtype.ElementSize(), bytes.Length);
        var expected = new long[] { -3, -2, -1, 0, 1, 2 };
        var actual = Decode(bytes, dtype);
        var wrap = dtype switch { SafeTensorsDType.U8 => 256L, SafeTensorsDType.U16 => 65536L, SafeTensorsDType.U32 => 1L << 32, _ => 0L };
        Assert.Equal(expected.Select(v => v < 0 && wrap > 0 ? v + wrap : v).Select(v => (double)v), actual);
        if (dtype.IsFloatingPoint()) Assert.Equal([-3f, -2f, -1f, 0f, 1f, 2f], file.ReadFloat32(name));
    }

    [SkippableFact]
    public void ReferenceSample_Overall_HoldsAllNineTensorsContiguously()
    {
        var path = SharedData.Require("modelfiles/safetensors-samples/overall.safetensors");
        using var file = SafeTensorsFile.Open(path);
        Assert.Equal(["B", "H", "I", "b", "d", "e", "f", "h", "i"], file.Entries.Select(e => e.Name));
        Assert.Equal(168, file.Entries[^1].End);
        Assert.Equal(file.Length, file.Header.DataStart + 168);
        Assert.Equal([-3f, -2f, -1f, 0f, 1f, 2f], file.ReadFloat32("e"));
        Assert.Equal([-3f, -2f, -1f, 0f, 1f, 2f], file.ReadFloat32("d"));
    }

    private static double[] Decode(byte[] b, SafeTensorsDType dtype) => dtype switch
    {
        SafeTensorsDType.U8 => b.Select(x => (double)x).ToArray(),
        SafeTensorsDType.I8 => b.Select(x => (double)(sbyte)x).ToArray(),
        SafeTensorsDType.U16 => Enumerable.Range(0, 6).Select(i => (double)BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(2 * i))).ToArray(),
        SafeTensorsDType.I16 => Enumerable.Range(0, 6).Select(i => (double)BinaryPrimitives.ReadInt16LittleEndian(b.AsSpan(2 * i))).ToArray(),
        SafeTensorsDType.U32 => Enumerable.Range(0, 6).Select(i => (double)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4 * i))).ToArray(),
        SafeTensorsDType.I32 => Enumerable.Range(0, 6).Select(i => (double)BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(4 * i))).ToArray(),
        SafeTensorsDType.F16 => Enumerable.Range(0, 6).Select(i => (double)BinaryPrimitives.ReadHalfLittleEndian(b.AsSpan(2 * i))).ToArray(),
        SafeTensorsDType.F32 => Enumerable.Range(0, 6).Select(i => (double)BinaryPrimitives.ReadSingleLittleEndian(b.AsSpan(4 * i))).ToArray(),
        SafeTensorsDType.F64 => Enumerable.Range(0, 6).Select(i => BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(8 * i))).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype)),
    };
}
