namespace Obliviate.Formats.Pickle;

/// <summary>
/// Forward-only reader over an untrusted stream that tracks its own position (zip members are not seekable)
/// and never allocates more than the caller's cap for one argument.
/// </summary>
internal sealed class PickleInput(Stream stream, long length)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _bufferPos;
    private int _bufferLen;

    /// <summary>Bytes consumed so far, relative to the start of the input.</summary>
    public long Position { get; private set; }

    /// <summary>Known total length, or -1 when the stream cannot tell.</summary>
    public long Length { get; } = length;

    public bool AtEnd => _bufferPos >= _bufferLen && !Fill();

    public int ReadByte()
    {
        if (_bufferPos >= _bufferLen && !Fill()) return -1;
        Position++;
        return _buffer[_bufferPos++];
    }

    public byte ReadRequiredByte(string what)
    {
        var b = ReadByte();
        if (b < 0) throw new PickleFormatException(Position, $"truncated: end of data inside {what}");
        return (byte)b;
    }

    /// <summary>Reads exactly <paramref name="count"/> bytes (count must already be capped by the caller).</summary>
    public byte[] ReadExact(int count, string what)
    {
        EnsureAvailable(count, what);
        var result = new byte[count];
        var done = 0;
        while (done < count)
        {
            if (_bufferPos >= _bufferLen && !Fill())
                throw new PickleFormatException(Position, $"truncated: {what} needs {count} bytes, only {done} left");
            var n = Math.Min(count - done, _bufferLen - _bufferPos);
            Buffer.BlockCopy(_buffer, _bufferPos, result, done, n);
            _bufferPos += n;
            done += n;
            Position += n;
        }
        return result;
    }

    /// <summary>Discards <paramref name="count"/> bytes, failing when the data ends first.</summary>
    public void Skip(long count, string what)
    {
        EnsureAvailable(count, what);
        var left = count;
        while (left > 0)
        {
            if (_bufferPos >= _bufferLen && !Fill())
                throw new PickleFormatException(Position, $"truncated: {what} needs {count} bytes");
            var n = (int)Math.Min(left, _bufferLen - _bufferPos);
            _bufferPos += n;
            left -= n;
            Position += n;
        }
    }

    /// <summary>Reads up to and excluding '\n'. A line longer than <paramref name="maxBytes"/> is a defect.</summary>
    public byte[] ReadLine(int maxBytes, string what)
    {
        var start = Position;
        using var ms = new MemoryStream();
        while (true)
        {
            var b = ReadByte();
            if (b < 0) throw new PickleFormatException(Position, $"truncated: {what} line has no newline");
            if (b == '\n') return ms.ToArray();
            if (ms.Length >= maxBytes)
                throw new PickleFormatException(start, $"{what} line longer than {maxBytes} bytes", limitExceeded: true);
            ms.WriteByte((byte)b);
        }
    }

    private void EnsureAvailable(long count, string what)
    {
        if (count < 0) throw new PickleFormatException(Position, $"negative length for {what}");
        if (Length >= 0 && Position + count > Length)
            throw new PickleFormatException(Position, $"truncated: {what} declares {count} bytes but only {Length - Position} remain");
    }

    private bool Fill()
    {
        _bufferPos = 0;
        _bufferLen = stream.Read(_buffer, 0, _buffer.Length);
        return _bufferLen > 0;
    }
}
