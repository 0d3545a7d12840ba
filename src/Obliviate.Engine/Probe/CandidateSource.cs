using Obliviate.Engine.Tokenization;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Probe;

/// <summary>
/// Where candidates come from: every vocabulary token that can start a word (special tokens, <c>[unused…]</c> placeholders
/// and word-continuation pieces excluded: a continuation cannot follow a space in real text), the same word starts extended
/// by one continuation piece (<see cref="Extend"/>: how split words such as <c>q ##t</c> are reached), and the user's own.
/// </summary>
public static class CandidateSource
{
    /// <summary>Single tokens that can begin a word, in id order.</summary>
    public static IReadOnlyList<ProbeCandidate> Vocabulary(TextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var result = new List<ProbeCandidate>(tokenizer.VocabularySize);
        for (var id = 0; id < tokenizer.VocabularySize; id++)
        {
            if (tokenizer.IsSpecial(id) || tokenizer.ContinuesWord(id)) continue;
            var token = tokenizer.TokenString(id);
            if (string.IsNullOrEmpty(token) || IsPlaceholder(token)) continue;
            var text = Text(tokenizer, [id]);
            if (text.Length == 0) continue;
            result.Add(new ProbeCandidate(text, [id]));
        }
        return result;
    }

    /// <summary>Word-continuation pieces (<c>##t</c>; BPE pieces without the space marker).</summary>
    public static IReadOnlyList<int> Continuations(TextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var result = new List<int>();
        for (var id = 0; id < tokenizer.VocabularySize; id++)
        {
            if (!tokenizer.IsSpecial(id) && tokenizer.ContinuesWord(id) && tokenizer.TokenString(id) is { } t && !IsPlaceholder(t)) result.Add(id);
        }
        return result;
    }

    /// <summary><paramref name="start"/> followed by <paramref name="continuation"/>, as one candidate.</summary>
    public static ProbeCandidate Extend(TextTokenizer tokenizer, ProbeCandidate start, int continuation)
    {
        ArgumentNullException.ThrowIfNull(start);
        int[] ids = [.. start.Ids, continuation];
        return new ProbeCandidate(Text(tokenizer, ids), ids);
    }

    /// <summary>The user's candidates: one word or short phrase per line (at most 10 tokens each, 10,000 lines).</summary>
    public static IReadOnlyList<ProbeCandidate> FromFile(string path, TextTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: candidate file not found.", path);
        if (info.Length > 4 << 20) throw new InvalidDataException($"{path}: {info.Length} bytes is too large for a candidate file (4 MiB at most).");
        var result = new List<ProbeCandidate>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (result.Count >= 10_000) throw new RequestException($"--candidates {path}: more than 10,000 candidates.");
            var ids = tokenizer.TokenizeWord(line);
            if (ids.Count == 0) throw new InvalidDataException($"{path}:{number}: '{line}' tokenizes to nothing.");
            if (ids.Count > 10) throw new InvalidDataException($"{path}:{number}: '{line}' is {ids.Count} tokens; candidates are words or short phrases (10 tokens at most).");
            result.Add(new ProbeCandidate(line, ids));
        }
        return result;
    }

    private static bool IsPlaceholder(string token) => token.StartsWith("[unused", StringComparison.Ordinal) || token.StartsWith("<unused", StringComparison.Ordinal);

    /// <summary>The word as typed: WordPiece pieces joined without their <c>##</c> marks; byte-level BPE decoded.</summary>
    private static string Text(TextTokenizer tokenizer, IReadOnlyList<int> ids) => tokenizer.Family == TokenizerFamily.WordPiece
        ? string.Concat(ids.Select(id => tokenizer.TokenString(id) is { } t ? (t.StartsWith("##", StringComparison.Ordinal) && t.Length > 2 ? t[2..] : t) : ""))
        : tokenizer.Decode(ids, skipSpecialTokens: false).Trim();
}
