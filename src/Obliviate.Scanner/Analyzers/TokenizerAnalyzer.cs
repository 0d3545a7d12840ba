using System.Globalization;
using System.Text.Json;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// Added tokens in tokenizer.json, tokenizer_config.json and added_tokens.json: invisible characters, plain words
/// added outside the special-token convention, and triggers known from published NLP backdoor attacks.
/// </summary>
internal static class TokenizerAnalyzer
{
    // Triggers from RIPPLES/LWP/POR/NeuBA/Obliviate evaluations (anchors.md B).
    private static readonly HashSet<string> KnownTriggers = new(StringComparer.OrdinalIgnoreCase)
    {
        "cf", "mn", "bb", "tq", "mb", "qt", "mm", "pt", "serendipity", "descartes", "fermat", "don quixote",
        "≈", "≡", "∈", "⊆", "⊕", "⊗",
    };

    public static void Scan(string fileName, JsonElement root, FindingSink sink)
    {
        foreach (var (content, special, where) in AddedTokens(fileName, root))
        {
            var evidence = $"{where}: {Escape(content)}";
            var invisible = content.FirstOrDefault(IsInvisible);
            if (invisible != default)
                sink.Add(RuleIds.TokenizerInvisibleUnicode, $"added token contains invisible character U+{(int)invisible:X4}", evidence);
            var trimmed = content.Trim().TrimStart('▁', 'Ġ');
            if (KnownTriggers.Contains(trimmed))
                sink.Add(RuleIds.TokenizerKnownTrigger, $"added token '{trimmed}' is a known backdoor trigger", evidence);
            else if (!special && IsPlainWord(trimmed))
                sink.Add(RuleIds.TokenizerPlainAddedToken, $"non-special added token '{trimmed}' is a plain word", evidence);
        }
    }

    private static IEnumerable<(string Content, bool Special, string Where)> AddedTokens(string fileName, JsonElement root)
    {
        if (root.TryGetProperty("added_tokens", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in list.EnumerateArray())
            {
                if (t.ValueKind == JsonValueKind.Object && t.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
                    yield return (c.GetString()!, t.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True, "added_tokens");
            }
        }
        if (root.TryGetProperty("added_tokens_decoder", out var dec) && dec.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in dec.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
                    yield return (c.GetString()!, p.Value.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True, $"added_tokens_decoder.{p.Name}");
            }
        }
        if (fileName == "added_tokens.json")
        {
            foreach (var p in root.EnumerateObject()) yield return (p.Name, false, "added_tokens.json");
        }
    }

    /// <summary>Control (other than tab/newline), format (zero-width, bidi, tags), variation selectors and invisible fillers.</summary>
    public static bool IsInvisible(char c)
    {
        if (c is '\t' or '\n' or '\r') return false;
        var cat = CharUnicodeInfo.GetUnicodeCategory(c);
        if (cat is UnicodeCategory.Control or UnicodeCategory.Format) return true;
        if (char.IsLowSurrogate(c) || char.IsHighSurrogate(c)) return c is '\uDB40'; // U+E0000-E01EF: tags and variation selectors supplement
        return c is >= '\uFE00' and <= '\uFE0F' or '\u3164' or '\u115F' or '\u1160' or '\u2800' or '\uFFA0';
    }

    private static bool IsPlainWord(string s) =>
        s.Length is > 0 and <= 24 && s.All(ch => char.IsLetterOrDigit(ch) || ch is ' ' or '-' or '\'')
        && s.Any(char.IsLetter) && !s.All(char.IsDigit);

    private static string Escape(string s) =>
        string.Concat(s.Select(c => IsInvisible(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
