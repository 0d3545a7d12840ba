namespace Obliviate.Engine.Evaluation;

/// <summary>
/// The clean copies followed by one block of N triggered copies per trigger, in trigger order: row
/// <c>k·N + i</c> is source row i under trigger k−1 (k = 0 is the clean block). Predictions aligned with
/// <see cref="Examples"/> go straight into <see cref="BackdoorMetrics.Compute(PoisonedEvalSet, IReadOnlyList{int}, int)"/>.
/// </summary>
public sealed record PoisonedEvalSet
{
    /// <summary>N, the number of source rows (each appears once clean and once per trigger).</summary>
    public required int SourceCount { get; init; }

    public required IReadOnlyList<string> Triggers { get; init; }

    /// <summary>All (1 + |T|)·N rows: the clean block, then one block per trigger.</summary>
    public required IReadOnlyList<PoisonedExample> Examples { get; init; }

    /// <summary>The largest insertion position allowed (docs/method.md §5: 64).</summary>
    public required int MaxPosition { get; init; }

    /// <summary>The clean copies, in source order.</summary>
    public IEnumerable<PoisonedExample> Clean => Block(0);

    /// <summary>The copies carrying <paramref name="trigger"/>, in source order.</summary>
    public IEnumerable<PoisonedExample> WithTrigger(string trigger)
    {
        var k = Triggers.ToList().IndexOf(trigger);
        if (k < 0) throw new ArgumentException($"'{trigger}' is not one of this set's triggers.", nameof(trigger));
        return Block(k + 1);
    }

    private IEnumerable<PoisonedExample> Block(int k)
    {
        for (var i = 0; i < SourceCount; i++) yield return Examples[k * SourceCount + i];
    }
}
