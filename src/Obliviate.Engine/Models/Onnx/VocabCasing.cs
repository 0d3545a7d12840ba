namespace Obliviate.Engine.Models.Onnx;

/// <summary>
/// Decides <c>do_lower_case</c> from a WordPiece vocab: an uncased vocab (bert-base-uncased, MiniLM, arctic-xs) has
/// no upper-case letters outside its bracketed special tokens, while a cased one has thousands of them.
/// </summary>
internal static class VocabCasing
{
    public static bool IsUncased(IReadOnlyList<string> tokens)
    {
        var withUpper = 0;
        foreach (var token in tokens)
        {
            if (token.Length > 1 && token[0] == '[' && token[^1] == ']') continue; // [CLS], [unused0]…
            if (token.Any(char.IsUpper)) withUpper++;
        }
        // A handful of stray capitals (symbols, foreign scripts) does not make a vocab cased.
        return withUpper <= Math.Max(5, tokens.Count / 1000);
    }
}
