using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Evaluation;

/// <summary>
/// Warnings about trigger words that would make an experiment mean something else than the user thinks: a word the
/// vocabulary does not know (it becomes the unknown token, which ordinary text also produces), and a word with
/// punctuation that looks like a list separator typed by mistake (<c>cf;mn</c>).
/// </summary>
public static class TriggerWarnings
{
    private static readonly char[] SeparatorLike = [';', '|', '/', ':', '+'];

    public static IReadOnlyList<string> For(IEnumerable<string> triggers, TextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var warnings = new List<string>();
        foreach (var word in triggers)
        {
            if (word.IndexOfAny(SeparatorLike) >= 0)
                warnings.Add($"trigger '{word}' contains '{word[word.IndexOfAny(SeparatorLike)]}': list options take words separated by commas or given one by one (--triggers cf,mn).");
            if (tokenizer.UnknownId is { } unk && tokenizer.TokenizeWord(word).Contains(unk))
                warnings.Add($"trigger '{word}' is unknown to the vocabulary: it becomes the unknown token, which ordinary text also produces, so its ASR measures that token.");
        }
        return warnings;
    }
}
