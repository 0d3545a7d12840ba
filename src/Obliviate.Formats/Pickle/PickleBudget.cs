namespace Obliviate.Formats.Pickle;

/// <summary>Counters shared by all streams of one input so that many small streams cannot bypass the caps.</summary>
internal sealed class PickleBudget(PickleLimits limits)
{
    private long _opcodes;
    private long _blobBytes;

    /// <summary>Counts one opcode; true when the cap is exceeded.</summary>
    public bool CountOpcode() => ++_opcodes > limits.MaxOpcodes;

    public bool TakeBlobBytes(long n)
    {
        if (_blobBytes + n > limits.MaxBlobBytesTotal) return false;
        _blobBytes += n;
        return true;
    }
}
