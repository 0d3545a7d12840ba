namespace Obliviate.Formats.Pickle;

/// <summary>Every stream walked in one input, in order.</summary>
public sealed record PickleWalkResult(IReadOnlyList<PickleStream> Streams, long BytesConsumed, bool TrailingData)
{
    public IEnumerable<PickleGlobal> Globals => Streams.SelectMany(s => s.Globals);
}
