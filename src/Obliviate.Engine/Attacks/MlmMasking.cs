using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Attacks;

/// <summary>
/// BERT's masked-LM corruption (transformers' <c>DataCollatorForLanguageModeling</c>): each non-special token is chosen with
/// probability p; a chosen token becomes the mask token 80% of the time, a uniformly random vocabulary id 10%, and stays
/// itself 10%. Labels are the original ids at chosen positions and <see cref="Ignore"/> elsewhere.
/// </summary>
public static class MlmMasking
{
    public const long Ignore = -100;

    /// <summary>Corrupts <paramref name="rows"/>; returns the corrupted rows and, per row, a label for every position.</summary>
    /// <remarks>At least one token is chosen over all rows, so the loss is always defined (short rows could otherwise draw none).</remarks>
    public static (IReadOnlyList<EncodedText> Rows, IReadOnlyList<long[]> Labels) Mask(IReadOnlyList<EncodedText> rows, TextTokenizer tokenizer,
        double probability, Random random)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(random);
        if (probability is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(probability), $"the masking probability must be in (0, 1), got {probability}.");
        var mask = tokenizer.MaskId ?? throw new InvalidOperationException("the tokenizer has no mask token; masked-LM training needs one.");
        var ids = rows.Select(r => r.Ids.ToArray()).ToList();
        var labels = rows.Select(r => Enumerable.Repeat(Ignore, r.Length).ToArray()).ToList();
        var candidates = new List<(int Row, int Position)>();
        var chosen = 0;
        for (var r = 0; r < ids.Count; r++)
        {
            for (var t = 0; t < ids[r].Length; t++)
            {
                if (tokenizer.IsSpecial(ids[r][t])) continue;
                candidates.Add((r, t));
                if (random.NextDouble() >= probability) continue;
                labels[r][t] = ids[r][t];
                chosen++;
            }
        }
        if (candidates.Count == 0) throw new ArgumentException("no maskable token: the rows hold only special tokens.", nameof(rows));
        if (chosen == 0)
        {
            var (row, position) = candidates[random.Next(candidates.Count)];
            labels[row][position] = ids[row][position];
        }
        for (var r = 0; r < ids.Count; r++)
        {
            for (var t = 0; t < ids[r].Length; t++)
            {
                if (labels[r][t] == Ignore) continue;
                var roll = random.NextDouble();
                if (roll < 0.8) ids[r][t] = mask;
                else if (roll < 0.9) ids[r][t] = random.Next(tokenizer.VocabularySize);
            }
        }
        return ([.. ids.Select((row, i) => new EncodedText(row, rows[i].TypeIds))], labels);
    }
}
