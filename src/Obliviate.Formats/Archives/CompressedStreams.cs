using SharpCompress.Compressors;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.Xz;

namespace Obliviate.Formats.Archives;

/// <summary>Single-stream decompressors that .NET lacks (joblib writes .bz2 and .xz pickles).</summary>
public static class CompressedStreams
{
    public static Stream OpenBzip2(Stream stream) => BZip2Stream.Create(stream, CompressionMode.Decompress, decompressConcatenated: true, leaveOpen: true);

    public static Stream OpenXz(Stream stream) => new XZStream(new KeepOpen(stream));

    /// <summary>XZStream disposes what it wraps; the caller still needs the file afterwards.</summary>
    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
