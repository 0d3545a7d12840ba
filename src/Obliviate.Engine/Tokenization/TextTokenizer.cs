namespace Obliviate.Engine.Tokenization;

/// <summary>
/// A model's tokenizer: texts and text pairs → ids with the family's special tokens, truncation and padded batches.
/// Subclasses supply the sub-word step (<see cref="Tokenize"/>) and the special-token template; truncation and batching are shared.
/// </summary>
/// <remarks>
/// Truncation follows transformers' <c>longest_first</c> strategy of the Python tokenizers: tokens are removed one at a time
/// from the end of the longer sequence (the second on ties) until the pair plus its special tokens fits <c>maxLength</c>.
/// </remarks>
public abstract class TextTokenizer
{
    public abstract TokenizerFamily Family { get; }

    /// <summary>Vocabulary size including added tokens (the largest id + 1).</summary>
    public abstract int VocabularySize { get; }

    /// <summary>[PAD] / &lt;pad&gt;.</summary>
    public abstract int PadId { get; }

    /// <summary>The first special token: [CLS] / &lt;s&gt;.</summary>
    public abstract int StartId { get; }

    /// <summary>The separator / end token: [SEP] / &lt;/s&gt;.</summary>
    public abstract int EndId { get; }

    /// <summary>[UNK] / &lt;unk&gt;, or null when the vocabulary has none.</summary>
    public abstract int? UnknownId { get; }

    /// <summary>[MASK] / &lt;mask&gt;, or null when the vocabulary has none (masked-LM training needs it).</summary>
    public abstract int? MaskId { get; }

    /// <summary>Whether <paramref name="id"/> is a special token (start, end, pad, unknown, mask, added specials).</summary>
    public abstract bool IsSpecial(int id);

    /// <summary>
    /// The ids of <paramref name="word"/> as it appears inside running text: WordPiece tokenizes it alone, byte-level BPE
    /// with the leading space a mid-sentence word carries (docs/method.md §7: RoBERTa triggers take a leading space).
    /// </summary>
    public IReadOnlyList<int> TokenizeWord(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Tokenize(Family == TokenizerFamily.ByteLevelBpe ? " " + word : word);
    }

    /// <summary>The vocabulary entry of <paramref name="id"/> as the vocabulary file spells it (<c>##t</c>, <c>Ġcf</c>), or null.</summary>
    public abstract string? TokenString(int id);

    /// <summary>
    /// True when <paramref name="id"/> continues a word rather than starting one: WordPiece's <c>##</c> pieces, and byte-level
    /// BPE pieces without the leading-space marker <c>Ġ</c> (a word in running text starts with one).
    /// </summary>
    public bool ContinuesWord(int id) => TokenString(id) is { } token && (Family == TokenizerFamily.WordPiece
        ? token.StartsWith("##", StringComparison.Ordinal) && token.Length > 2
        : !token.StartsWith('\u0120'));

    /// <summary>Sub-word ids of <paramref name="text"/> without special tokens.</summary>
    public abstract IReadOnlyList<int> Tokenize(string text);

    /// <summary>The id of a vocabulary token, or null.</summary>
    public abstract int? TokenToId(string token);

    /// <summary>Text for ids; special tokens are dropped when <paramref name="skipSpecialTokens"/>.</summary>
    public abstract string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true);

    /// <summary>How many special tokens the template adds to a single text (2) or a pair (3 for BERT, 4 for RoBERTa).</summary>
    public abstract int SpecialTokenCount(bool pair);

    /// <summary>Wraps already-truncated sequences in the family's template.</summary>
    protected abstract EncodedText ApplyTemplate(IReadOnlyList<int> first, IReadOnlyList<int>? second);

    /// <summary>Encodes one text or a pair with special tokens, truncated to at most <paramref name="maxLength"/> ids.</summary>
    public EncodedText Encode(string text, string? pair = null, int maxLength = 512)
    {
        ArgumentNullException.ThrowIfNull(text);
        var budget = maxLength - SpecialTokenCount(pair is not null);
        if (budget < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength),
                $"maxLength {maxLength} leaves no room for text after {SpecialTokenCount(pair is not null)} special tokens.");
        }
        var first = Tokenize(text);
        var second = pair is null ? null : Tokenize(pair);
        var (keepFirst, keepSecond) = LongestFirst(first.Count, second?.Count ?? 0, budget);
        return ApplyTemplate(Take(first, keepFirst), second is null ? null : Take(second, keepSecond));
    }

    /// <summary>
    /// Encodes a batch and pads it to its longest row (dynamic padding), or to <paramref name="maxLength"/> when
    /// <paramref name="padToMaxLength"/> (the reference code's <c>padding='max_length'</c>).
    /// </summary>
    public TokenBatch EncodeBatch(IReadOnlyList<string> texts, IReadOnlyList<string>? pairs = null, int maxLength = 512,
        bool padToMaxLength = false)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("a batch needs at least one text.", nameof(texts));
        if (pairs is not null && pairs.Count != texts.Count)
            throw new ArgumentException($"{texts.Count} texts but {pairs.Count} pair texts.", nameof(pairs));
        var rows = new EncodedText[texts.Count];
        for (var i = 0; i < rows.Length; i++) rows[i] = Encode(texts[i], pairs?[i], maxLength);
        return Pad(rows, padToMaxLength ? maxLength : rows.Max(r => r.Length));
    }

    /// <summary>Pads encoded rows to <paramref name="length"/> with <see cref="PadId"/>, mask 0 and token type 0.</summary>
    public TokenBatch Pad(IReadOnlyList<EncodedText> rows, int length)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("a batch needs at least one row.", nameof(rows));
        var longest = rows.Max(r => r.Length);
        if (length < longest) throw new ArgumentOutOfRangeException(nameof(length), $"length {length} is shorter than a row ({longest}).");
        var ids = new long[rows.Count * length];
        var mask = new long[ids.Length];
        var types = new long[ids.Length];
        Array.Fill(ids, PadId);
        for (var r = 0; r < rows.Count; r++)
        {
            var offset = r * length;
            for (var t = 0; t < rows[r].Length; t++)
            {
                ids[offset + t] = rows[r].Ids[t];
                mask[offset + t] = 1;
                types[offset + t] = rows[r].TypeIds[t];
            }
        }
        return new TokenBatch
        {
            BatchSize = rows.Count,
            SequenceLength = length,
            InputIds = ids,
            AttentionMask = mask,
            TokenTypeIds = types,
            Lengths = rows.Select(r => r.Length).ToArray(),
        };
    }

    /// <summary>How many tokens of each sequence survive <c>longest_first</c> truncation to <paramref name="budget"/>.</summary>
    internal static (int First, int Second) LongestFirst(int first, int second, int budget)
    {
        var excess = first + second - budget;
        if (excess <= 0) return (first, second);
        // Removing one token at a time from the longer side (the second on ties) first levels the two lengths, then
        // alternates. The closed form below gives the same counts without the loop.
        var diff = Math.Abs(first - second);
        var fromLonger = Math.Min(excess, diff);
        int a = first, b = second;
        if (first > second) a -= fromLonger; else b -= fromLonger;
        var rest = excess - fromLonger;
        // Now a == b (or the excess was used up); alternate starting with the second (tie rule).
        b -= (rest + 1) / 2;
        a -= rest / 2;
        return (a, b);
    }

    private static int[] Take(IReadOnlyList<int> ids, int count)
    {
        var result = new int[count];
        for (var i = 0; i < count; i++) result[i] = ids[i];
        return result;
    }
}
