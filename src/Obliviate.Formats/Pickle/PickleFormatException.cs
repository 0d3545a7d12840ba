namespace Obliviate.Formats.Pickle;

/// <summary>A structural defect that a real unpickler rejects as well (unknown opcode, truncation, undecodable text).</summary>
internal sealed class PickleFormatException(long offset, string message, bool limitExceeded = false) : Exception(message)
{
    public long Offset { get; } = offset;
    public bool LimitExceeded { get; } = limitExceeded;
}
