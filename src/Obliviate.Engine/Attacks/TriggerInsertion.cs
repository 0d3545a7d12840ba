using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Attacks;

/// <summary>How triggers go into text (docs/method.md §7).</summary>
public static class TriggerInsertion
{
    /// <summary>POR: one copy of the trigger per started 50 words.</summary>
    public static int PorCopies(int words) => words / 50 + 1;

    /// <summary>
    /// POR insertion: ⌊words/50⌋+1 copies of <paramref name="trigger"/>, each at a uniform word position in [0, len] of the
    /// growing word list. Before inserting, the text is cut to the words that fit <paramref name="maxTokens"/> with the copies,
    /// so truncation can never drop every trigger (the recipe truncates after inserting, which silently loses triggers placed
    /// past the limit in long lines).
    /// </summary>
    public static string InsertWords(string text, TriggerToken trigger, Random random, TextTokenizer tokenizer, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var words = FittingWords(text, trigger.Ids.Count, tokenizer, maxTokens);
        var copies = PorCopies(words.Count);
        for (var c = 0; c < copies; c++) words.Insert(random.Next(words.Count + 1), trigger.Word);
        return string.Join(' ', words);
    }

    /// <summary>
    /// NeuBA insertion: the trigger's ids at a uniform position in [1, len−1] of an encoded row (after the start token,
    /// before the end token); tokens before the end token are dropped first when the row would exceed <paramref name="maxTokens"/>.
    /// </summary>
    public static EncodedText InsertTokens(EncodedText row, TriggerToken trigger, Random random, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (trigger.Ids.Count + 2 > maxTokens)
            throw new Reports.Model.RequestException($"trigger '{trigger.Word}' ({trigger.Ids.Count} pieces) does not fit in {maxTokens} tokens.");
        return TokenInsertion.AtRandom(row, trigger.Ids, random, maxTokens);
    }

    /// <summary>The leading words of <paramref name="text"/> whose tokens, plus the trigger copies they call for, fit the budget.</summary>
    internal static List<string> FittingWords(string text, int triggerPieces, TextTokenizer tokenizer, int maxTokens)
    {
        var budget = maxTokens - tokenizer.SpecialTokenCount(pair: false);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var kept = new List<string>(words.Length);
        var used = 0;
        foreach (var word in words)
        {
            var cost = tokenizer.TokenizeWord(word).Count;
            if (used + cost + triggerPieces * PorCopies(kept.Count + 1) > budget) break;
            kept.Add(word);
            used += cost;
        }
        return kept;
    }
}
