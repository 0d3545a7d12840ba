namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// Wraps a decompressing stream that is walked rather than held in memory (zip members above the in-memory cap), so
/// that its bytes count against the scan-wide inflation budget like every other inflated byte, and so that the time
/// budget is polled on every read: a small archive of overlapping members cannot stream terabytes through the walker.
/// </summary>
internal sealed class InflationBudgetStream(Stream inner, ScanContext ctx, string member) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Charge(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Charge(inner.Read(buffer));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private int Charge(int n)
    {
        ctx.Check();
        ctx.Token.ThrowIfCancellationRequested();
        if (n > 0 && !ctx.TakeInflated(n))
            throw new ScanLimitException($"{member}: inflates past the scan-wide inflation cap of {ctx.Limits.MaxTotalInflatedBytes} bytes");
        return n;
    }
}
