using System.Text;
using Microsoft.ML.Tokenizers;

namespace Obliviate.Engine.Tokenization;

/// <summary>
/// BERT WordPiece on Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>: basic tokenization (optional lower-casing and accent
/// stripping, CJK split, punctuation split), then greedy longest-match WordPiece with <c>##</c> continuations.
/// </summary>
/// <remarks>Template: <c>[CLS] A [SEP]</c> (types 0) and <c>[CLS] A [SEP] B [SEP]</c> (types 0…0 1…1), as transformers' BertTokenizer.</remarks>
public sealed class WordPieceTextTokenizer : TextTokenizer
{
    private readonly BertTokenizer inner;
    private readonly Dictionary<string, int> vocabulary;
    private readonly HashSet<int> specialIds;
    private readonly int vocabularySize;
    private readonly string?[] tokenStrings;

    private WordPieceTextTokenizer(BertTokenizer inner, Dictionary<string, int> vocabulary, int vocabularySize)
    {
        this.inner = inner;
        this.vocabulary = vocabulary;
        this.vocabularySize = vocabularySize;
        tokenStrings = new string?[vocabularySize];
        foreach (var (token, id) in vocabulary)
        {
            if (id >= 0 && id < vocabularySize) tokenStrings[id] = token;
        }
        specialIds = [inner.ClassificationTokenId, inner.SeparatorTokenId, inner.PaddingTokenId, inner.MaskingTokenId, inner.UnknownTokenId];
    }

    public override TokenizerFamily Family => TokenizerFamily.WordPiece;
    // The line count, not the distinct-token count: a duplicated line still occupies an id (transformers keeps the last).
    public override int VocabularySize => vocabularySize;
    public override int PadId => inner.PaddingTokenId;
    public override int StartId => inner.ClassificationTokenId;
    public override int EndId => inner.SeparatorTokenId;
    public override int? UnknownId => inner.UnknownTokenId;
    public override int? MaskId => inner.MaskingToken == inner.UnknownToken ? null : inner.MaskingTokenId;
    public override bool IsSpecial(int id) => specialIds.Contains(id);

    /// <summary>Whether input is lower-cased before tokenization (tokenizer_config.json <c>do_lower_case</c>).</summary>
    public bool LowerCase => inner.LowerCaseBeforeTokenization;

    /// <summary>
    /// Creates the tokenizer from vocab.txt (one token per line; the line number is the id).
    /// </summary>
    /// <param name="lowerCase">transformers' <c>do_lower_case</c>; accents are stripped with it unless <paramref name="stripAccents"/> says otherwise.</param>
    public static WordPieceTextTokenizer FromVocabFile(string vocabPath, bool lowerCase, bool? stripAccents = null,
        SpecialTokenNames? specials = null, bool tokenizeChineseChars = true, TokenizerLimits? limits = null)
    {
        limits ??= TokenizerLimits.Default;
        TokenizerFileGuard.RequireSize(vocabPath, limits.MaxVocabFileBytes);
        var tokens = new List<string>();
        using (var reader = new StreamReader(vocabPath, new UTF8Encoding(false, true)))
        {
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    if (tokens.Count >= limits.MaxVocabularySize)
                        throw new InvalidDataException($"{vocabPath}: more than {limits.MaxVocabularySize} tokens.");
                    // transformers keeps the token as the line without its newline (it strips only "\n").
                    tokens.Add(line);
                }
            }
            catch (DecoderFallbackException e)
            {
                throw new InvalidDataException($"{vocabPath}: not valid UTF-8 ({e.Message}).", e);
            }
        }
        return FromTokens(tokens, vocabPath, lowerCase, stripAccents, specials, tokenizeChineseChars);
    }

    /// <summary>Creates the tokenizer from tokens in id order (used by the tokenizer.json adapter).</summary>
    internal static WordPieceTextTokenizer FromTokens(IReadOnlyList<string> tokens, string source, bool lowerCase,
        bool? stripAccents, SpecialTokenNames? specials, bool tokenizeChineseChars)
    {
        specials ??= SpecialTokenNames.Bert;
        if (tokens.Count == 0) throw new InvalidDataException($"{source}: the vocabulary is empty.");
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++) vocabulary[tokens[i]] = i;
        foreach (var name in new[] { specials.Start, specials.End, specials.Pad, specials.Unknown })
        {
            if (!vocabulary.ContainsKey(name))
                throw new InvalidDataException($"{source}: the special token '{name}' is not in the vocabulary.");
        }
        var text = new StringBuilder();
        foreach (var token in tokens) text.Append(token).Append('\n');
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = lowerCase,
            // transformers: strip_accents=None means "strip when lower-casing".
            RemoveNonSpacingMarks = stripAccents ?? lowerCase,
            IndividuallyTokenizeCjk = tokenizeChineseChars,
            ApplyBasicTokenization = true,
            SplitOnSpecialTokens = true,
            ClassificationToken = specials.Start,
            SeparatorToken = specials.End,
            PaddingToken = specials.Pad,
            UnknownToken = specials.Unknown,
            MaskingToken = vocabulary.ContainsKey(specials.Mask) ? specials.Mask : specials.Unknown,
        };
        return new WordPieceTextTokenizer(BertTokenizer.Create(stream, options), vocabulary, tokens.Count);
    }

    public override IReadOnlyList<int> Tokenize(string text) =>
        inner.EncodeToIds(text, addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true);

    public override int? TokenToId(string token) => vocabulary.TryGetValue(token, out var id) ? id : null;

    public override string? TokenString(int id) => id >= 0 && id < tokenStrings.Length ? tokenStrings[id] : null;

    public override string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true) =>
        inner.Decode(skipSpecialTokens ? ids.Where(i => !specialIds.Contains(i)) : ids) ?? string.Empty;

    public override int SpecialTokenCount(bool pair) => pair ? 3 : 2;

    protected override EncodedText ApplyTemplate(IReadOnlyList<int> first, IReadOnlyList<int>? second)
    {
        var ids = new List<int>(first.Count + (second?.Count ?? 0) + 3) { StartId };
        ids.AddRange(first);
        ids.Add(EndId);
        var types = Enumerable.Repeat(0, ids.Count).ToList();
        if (second is not null)
        {
            ids.AddRange(second);
            ids.Add(EndId);
            types.AddRange(Enumerable.Repeat(1, second.Count + 1));
        }
        return new EncodedText(ids, types);
    }
}
