namespace Obliviate.Engine.Tokenization;

/// <summary>
/// A padded batch as plain row-major int64 arrays of <c>BatchSize × SequenceLength</c> (no tensors cross the API):
/// ids (pad id in padding), attention mask (1 real, 0 pad) and token types (0 in padding).
/// </summary>
public sealed record TokenBatch
{
    public required int BatchSize { get; init; }
    public required int SequenceLength { get; init; }
    public required long[] InputIds { get; init; }
    public required long[] AttentionMask { get; init; }
    public required long[] TokenTypeIds { get; init; }

    /// <summary>The number of real tokens in each row.</summary>
    public required IReadOnlyList<int> Lengths { get; init; }

    /// <summary>Row <paramref name="row"/>'s ids without padding.</summary>
    public long[] RowIds(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, BatchSize);
        return InputIds.AsSpan(row * SequenceLength, Lengths[row]).ToArray();
    }
}
