namespace Obliviate.Engine.Tokenization;

/// <summary>
/// Token-level insertion into an encoded row (special tokens included): the attacks' NeuBA insertion, the probe's carriers
/// and the trigger-aware defense's perturbed rows all put ids between the start and the end token this way.
/// </summary>
public static class TokenInsertion
{
    /// <summary>
    /// <paramref name="ids"/> inserted before position <paramref name="position"/> (1 = right after the start token,
    /// <c>Length − 1</c> = right before the end token). Tokens before the end token are dropped first when the row would
    /// exceed <paramref name="maxTokens"/>; the inserted ids take the token type of the token before them.
    /// </summary>
    public static EncodedText Insert(EncodedText row, IReadOnlyList<int> ids, int position, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(ids);
        if (row.Length < 2) throw new ArgumentException("an encoded row has at least its start and end tokens.", nameof(row));
        if (ids.Count + 2 > maxTokens) throw new ArgumentException($"{ids.Count} tokens do not fit in {maxTokens} with the start and end tokens.", nameof(ids));
        var tokens = row.Ids.ToList();
        var types = row.TypeIds.ToList();
        var overflow = tokens.Count + ids.Count - maxTokens;
        if (overflow > 0)
        {
            // Keep the end token: drop the last content tokens before it.
            var drop = Math.Min(overflow, tokens.Count - 2);
            tokens.RemoveRange(tokens.Count - 1 - drop, drop);
            types.RemoveRange(types.Count - 1 - drop, drop);
        }
        position = Math.Clamp(position, 1, tokens.Count - 1);
        tokens.InsertRange(position, ids);
        types.InsertRange(position, Enumerable.Repeat(types[position - 1], ids.Count));
        return new EncodedText(tokens, types);
    }

    /// <summary><see cref="Insert"/> at a uniform position in [1, len − 1], drawn after any truncation.</summary>
    public static EncodedText AtRandom(EncodedText row, IReadOnlyList<int> ids, Random random, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(random);
        var kept = Math.Min(row.Length, maxTokens - ids.Count);
        return Insert(row, ids, 1 + random.Next(Math.Max(1, kept - 1)), maxTokens);
    }
}
