using Google.Protobuf;

namespace Obliviate.Formats.Onnx;

/// <summary>Wire-level helpers of <see cref="OnnxWireParser"/>: message windows, packed fields and caps.</summary>
internal sealed partial class OnnxWireParser
{
    /// <summary>The length-delimited fields of a message window, as (field, offset, length).</summary>
    private List<(int, int, int)> Messages(int offset, int length)
    {
        var input = Open(offset, length);
        var result = new List<(int, int, int)>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (Wire(tag) == LengthDelimited)
            {
                var (s, l) = Window(input);
                result.Add((Field(tag), s, l));
            }
            else
            {
                input.SkipLastField();
            }
        }
        return result;
    }

    private CodedInputStream Open(int offset, int length) => new(buffer, offset, length);

    /// <summary>
    /// Locates the payload of the length-delimited field whose tag was just read, and moves past it: the stream skips
    /// the field, and the payload is the <c>length</c> bytes before the new position (length decoded from the prefix).
    /// </summary>
    private (int Offset, int Length) Window(CodedInputStream input)
    {
        var prefixAt = checked((int)input.Position);
        input.SkipLastField();
        var end = checked((int)input.Position);
        var length = DecodeLength(prefixAt);
        var start = end - length;
        if (length < 0 || start < prefixAt || end > buffer.Length)
            throw Defect($"a length-delimited field at byte {prefixAt} has an inconsistent length.");
        return (start, length);
    }

    private int DecodeLength(int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= buffer.Length) throw Defect("a length prefix runs past the end of the file.");
            var b = buffer[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value <= int.MaxValue ? (int)value : throw Defect($"a field length {value} exceeds 2 GiB.");
        }
        throw Defect("a malformed varint length prefix.");
    }

    private void ReadPackedFloats(CodedInputStream input, List<float> into)
    {
        var (s, l) = Window(input);
        if (l % 4 != 0) throw Defect("a packed float field has a length that is not a multiple of 4.");
        CheckRepeated(into.Count + l / 4, "packed floats");
        for (var p = s; p < s + l; p += 4) into.Add(BitConverter.ToSingle(buffer, p));
    }

    private void ReadPackedDoubles(CodedInputStream input, List<double> into)
    {
        var (s, l) = Window(input);
        if (l % 8 != 0) throw Defect("a packed double field has a length that is not a multiple of 8.");
        CheckRepeated(into.Count + l / 8, "packed doubles");
        for (var p = s; p < s + l; p += 8) into.Add(BitConverter.ToDouble(buffer, p));
    }

    private void ReadPackedInt64(CodedInputStream input, List<long> into)
    {
        var (s, l) = Window(input);
        var packed = Open(s, l);
        while (!packed.IsAtEnd)
        {
            CheckRepeated(into.Count + 1, "packed int64 values");
            into.Add(packed.ReadInt64());
        }
    }

    private void ReadPackedInt32(CodedInputStream input, List<int> into)
    {
        var (s, l) = Window(input);
        var packed = Open(s, l);
        while (!packed.IsAtEnd)
        {
            CheckRepeated(into.Count + 1, "packed int32 values");
            into.Add(packed.ReadInt32());
        }
    }

    private void AddDim(List<long> dims, long d)
    {
        if (d < 0) throw Defect($"a tensor has a negative dimension {d}.");
        if (dims.Count >= limits.MaxRank) throw Defect($"a tensor has more than {limits.MaxRank} dimensions.");
        dims.Add(d);
    }

    private void Add<T>(List<T> list, T value, string what)
    {
        if (list.Count >= limits.MaxNodeArity && what.StartsWith("node", StringComparison.Ordinal))
            throw Defect($"more than {limits.MaxNodeArity} {what}.");
        CheckRepeated(list.Count + 1, what);
        list.Add(value);
    }

    private void CheckRepeated(long count, string what)
    {
        if (count > limits.MaxRepeatedValues) throw Defect($"more than {limits.MaxRepeatedValues} {what}.");
    }

    private static int Field(uint tag) => WireFormat.GetTagFieldNumber(tag);

    private static int Wire(uint tag) => (int)WireFormat.GetTagWireType(tag);

    private OnnxFormatException Defect(string defect) => new(file, defect);
}
