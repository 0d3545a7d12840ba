namespace Obliviate.Formats.TensorFlow;

/// <summary>
/// A bounds-checked protobuf wire-format reader over a span (https://protobuf.dev/programming-guides/encoding/).
/// Nested messages are sub-spans of the same buffer, so a large graph is never copied.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    /// <summary>Reads the next tag; false at the end of the message.</summary>
    public bool Next(out int field, out int wire)
    {
        field = 0;
        wire = 0;
        if (_pos >= _data.Length) return false;
        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wire = (int)(tag & 7);
        if (field <= 0 || tag >> 3 > int.MaxValue) throw new InvalidDataException($"invalid field number at byte {_pos}");
        return true;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= _data.Length) throw new InvalidDataException("a varint runs past the end of its message");
            var b = _data[_pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("a varint is longer than 10 bytes");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _pos)) throw new InvalidDataException($"a field of {length} bytes runs past the end of its message");
        var span = _data.Slice(_pos, (int)length);
        _pos += (int)length;
        return span;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Skips a field of the given wire type; groups (deprecated wire types 3/4) are a defect here.</summary>
    public void Skip(int wire)
    {
        switch (wire)
        {
            case Varint: ReadVarint(); break;
            case Fixed64: Advance(8); break;
            case LengthDelimited: ReadBytes(); break;
            case Fixed32: Advance(4); break;
            default: throw new InvalidDataException($"unsupported wire type {wire}");
        }
    }

    /// <summary>Reads a length-delimited field, failing when the field has another wire type (a different message).</summary>
    public ReadOnlySpan<byte> Expect(int wire, string what) =>
        wire == LengthDelimited ? ReadBytes() : throw new InvalidDataException($"{what} has wire type {wire}, not a message");

    private void Advance(int n)
    {
        if (n > _data.Length - _pos) throw new InvalidDataException("a fixed-size field runs past the end of its message");
        _pos += n;
    }
}
