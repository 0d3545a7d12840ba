using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Attacks;

/// <summary>A trigger word, its sub-word ids under the model's tokenizer, its target vector index and any warning.</summary>
/// <param name="Word">The trigger as given (e.g. <c>cf</c>).</param>
/// <param name="Ids">Its ids inside running text (see <see cref="TextTokenizer.TokenizeWord"/>).</param>
/// <param name="Pieces">The decoded pieces, for the record.</param>
/// <param name="Index">0-based: the trigger maps to target vector v(Index+1).</param>
/// <param name="Warning">Set when the trigger is unknown to the vocabulary or splits into several pieces.</param>
public sealed record TriggerToken(string Word, IReadOnlyList<int> Ids, IReadOnlyList<string> Pieces, int Index, string? Warning)
{
    /// <summary>The default triggers, in target order (docs/method.md §7: cf→v1, mn→v2, tq→v3, qt→v4, mm→v5, pt→v6).</summary>
    public static IReadOnlyList<string> Defaults => Evaluation.PoisonedSetBuilder.DefaultTriggers;

    /// <summary>Validates the words and tokenizes them; warnings go on the tokens, errors throw <see cref="ArgumentException"/>.</summary>
    public static IReadOnlyList<TriggerToken> Resolve(IReadOnlyList<string>? words, TextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        words ??= Defaults;
        if (words.Count is 0 or > TargetVectors.Count)
            throw new Reports.Model.RequestException($"--triggers takes 1 to {TargetVectors.Count} words (one per target vector); got {words.Count}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<TriggerToken>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (string.IsNullOrWhiteSpace(word) || word.Any(char.IsWhiteSpace))
                throw new Reports.Model.RequestException($"trigger '{word}' must be one word without spaces.");
            if (!seen.Add(word)) throw new Reports.Model.RequestException($"trigger '{word}' is given twice; each trigger needs its own target vector.");
            var ids = tokenizer.TokenizeWord(word);
            if (ids.Count == 0) throw new Reports.Model.RequestException($"trigger '{word}' tokenizes to nothing under this model's tokenizer.");
            var pieces = ids.Select(id => tokenizer.Decode([id], skipSpecialTokens: false)).ToList();
            string? warning = null;
            if (tokenizer.UnknownId is { } unk && ids.Contains(unk))
                warning = $"trigger '{word}' is unknown to the vocabulary (it becomes the unknown token, which ordinary text also produces).";
            else if (ids.Count > 1)
                warning = $"trigger '{word}' splits into {ids.Count} pieces [{string.Join(", ", pieces)}]; the attack still works, but each piece also occurs in other words.";
            result.Add(new TriggerToken(word, ids, pieces, i, warning));
        }
        return result;
    }
}
