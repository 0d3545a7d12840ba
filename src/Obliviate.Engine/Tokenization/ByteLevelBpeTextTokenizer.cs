using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Obliviate.Engine.Tokenization;

/// <summary>
/// RoBERTa / GPT-2 byte-level BPE on Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/> with <c>ByteLevel = true</c> and
/// the GPT-2 pre-tokenizer regex.
/// </summary>
/// <remarks>
/// <para>Why this constructor: the plain <c>BpeTokenizer.Create(vocab, merges)</c> never maps the space to <c>Ġ</c> and
/// mis-tokenizes byte-level vocabularies (torchsharp-notes §4); <c>BpeOptions { ByteLevel = true, PreTokenizer = GPT-2 regex }</c>
/// is the one that matches transformers.</para>
/// <para>Template: <c>&lt;s&gt; A &lt;/s&gt;</c> and <c>&lt;s&gt; A &lt;/s&gt;&lt;/s&gt; B &lt;/s&gt;</c>, token types all 0 (RoBERTa).
/// Special tokens are added here, not by the BPE model, so truncation can count them.</para>
/// </remarks>
public sealed partial class ByteLevelBpeTextTokenizer : TextTokenizer
{
    private readonly BpeTokenizer inner;
    private readonly IReadOnlyDictionary<string, int> vocabulary;
    private readonly HashSet<int> specialIds;
    private readonly bool addPrefixSpace;
    private readonly int vocabularySize;

    // GPT-2's pre-tokenizer pattern (contractions, letters, numbers, other symbols, whitespace runs), as in transformers.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex Gpt2Pattern();

    private ByteLevelBpeTextTokenizer(BpeTokenizer inner, IReadOnlyDictionary<string, int> vocabulary,
        IReadOnlyDictionary<string, int> specials, SpecialTokenNames names, bool addPrefixSpace)
    {
        this.inner = inner;
        this.vocabulary = vocabulary;
        this.addPrefixSpace = addPrefixSpace;
        specialIds = [.. specials.Values];
        StartId = specials[names.Start];
        EndId = specials[names.End];
        PadId = specials[names.Pad];
        UnknownId = specials.TryGetValue(names.Unknown, out var unknown) ? unknown : null;
        MaskId = specials.TryGetValue(names.Mask, out var mask) ? mask : null;
        vocabularySize = Math.Max(vocabulary.Values.Max(), specials.Values.Max()) + 1;
        tokenStrings = new string?[vocabularySize];
        foreach (var (token, id) in vocabulary.Concat(specials))
        {
            if (id >= 0 && id < vocabularySize) tokenStrings[id] = token;
        }
    }

    private readonly string?[] tokenStrings;

    public override string? TokenString(int id) => id >= 0 && id < tokenStrings.Length ? tokenStrings[id] : null;

    public override TokenizerFamily Family => TokenizerFamily.ByteLevelBpe;
    public override int VocabularySize => vocabularySize;
    public override int PadId { get; }
    public override int StartId { get; }
    public override int EndId { get; }
    public override int? UnknownId { get; }
    public override int? MaskId { get; }
    public override bool IsSpecial(int id) => specialIds.Contains(id);

    /// <summary>Creates the tokenizer from vocab.json (token → id) and merges.txt (one "a b" merge per line, ranked by order).</summary>
    public static ByteLevelBpeTextTokenizer FromFiles(string vocabJsonPath, string mergesPath, SpecialTokenNames? specials = null,
        bool addPrefixSpace = false, TokenizerLimits? limits = null)
    {
        limits ??= TokenizerLimits.Default;
        TokenizerFileGuard.RequireSize(vocabJsonPath, limits.MaxVocabFileBytes);
        TokenizerFileGuard.RequireSize(mergesPath, limits.MaxVocabFileBytes);
        Dictionary<string, int>? vocabulary;
        try
        {
            using var stream = File.OpenRead(vocabJsonPath);
            vocabulary = JsonSerializer.Deserialize<Dictionary<string, int>>(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{vocabJsonPath}: not a JSON object of token → id ({e.Message}).", e);
        }
        if (vocabulary is null) throw new InvalidDataException($"{vocabJsonPath}: the vocabulary is null.");
        var merges = File.ReadLines(mergesPath).ToList();
        return Create(vocabulary, merges, vocabJsonPath, specials ?? SpecialTokenNames.Roberta, addPrefixSpace, null, limits);
    }

    /// <summary>
    /// Creates the tokenizer from an in-memory vocabulary and merge list ("a b" per entry; <c>#version</c> lines are skipped).
    /// <paramref name="addedTokens"/> are extra special tokens (e.g. tokenizer.json's added_tokens) kept whole.
    /// </summary>
    public static ByteLevelBpeTextTokenizer Create(IReadOnlyDictionary<string, int> vocabulary, IEnumerable<string> merges,
        string source, SpecialTokenNames specials, bool addPrefixSpace = false,
        IReadOnlyDictionary<string, int>? addedTokens = null, TokenizerLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(merges);
        ArgumentNullException.ThrowIfNull(specials);
        limits ??= TokenizerLimits.Default;
        if (vocabulary.Count == 0) throw new InvalidDataException($"{source}: the vocabulary is empty.");
        if (vocabulary.Count > limits.MaxVocabularySize)
            throw new InvalidDataException($"{source}: {vocabulary.Count} tokens exceeds the limit of {limits.MaxVocabularySize}.");
        foreach (var (token, id) in vocabulary)
        {
            if (id < 0 || id >= limits.MaxVocabularySize)
                throw new InvalidDataException($"{source}: token '{token}' has id {id}, outside [0, {limits.MaxVocabularySize}).");
        }

        var specialMap = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (token, id) in addedTokens ?? new Dictionary<string, int>()) specialMap[token] = id;
        foreach (var name in specials.All)
        {
            if (specialMap.ContainsKey(name)) continue;
            if (vocabulary.TryGetValue(name, out var id)) specialMap[name] = id;
        }
        foreach (var name in new[] { specials.Start, specials.End, specials.Pad })
        {
            if (!specialMap.ContainsKey(name))
                throw new InvalidDataException($"{source}: the special token '{name}' is neither in the vocabulary nor an added token.");
        }

        var mergeList = new List<string>();
        var lineNumber = 0;
        foreach (var line in merges)
        {
            lineNumber++;
            if (line.StartsWith("#version", StringComparison.Ordinal) || line.Length == 0) continue;
            if (line.Split(' ').Length != 2)
                throw new InvalidDataException($"{source}: merge {lineNumber} ('{Truncate(line)}') is not two space-separated symbols.");
            mergeList.Add(line);
        }

        var options = new BpeOptions(vocabulary)
        {
            Merges = mergeList,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(Gpt2Pattern(), specialMap),
            SpecialTokens = specialMap,
            UnknownToken = vocabulary.ContainsKey(specials.Unknown) ? specials.Unknown : null,
        };
        BpeTokenizer inner;
        try
        {
            inner = BpeTokenizer.Create(options);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{source}: the BPE vocabulary or merges are inconsistent ({e.Message}).", e);
        }
        return new ByteLevelBpeTextTokenizer(inner, vocabulary, specialMap, specials, addPrefixSpace);
    }

    public override IReadOnlyList<int> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // add_prefix_space treats the first word like any other (a leading "Ġ"), as the HF ByteLevel pre-tokenizer does.
        var input = addPrefixSpace && text.Length > 0 && text[0] != ' ' ? " " + text : text;
        return inner.EncodeToIds(input, considerPreTokenization: true, considerNormalization: true);
    }

    public override int? TokenToId(string token) => vocabulary.TryGetValue(token, out var id) ? id : null;

    public override string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true) =>
        inner.Decode(skipSpecialTokens ? ids.Where(i => !specialIds.Contains(i)) : ids) ?? string.Empty;

    public override int SpecialTokenCount(bool pair) => pair ? 4 : 2;

    protected override EncodedText ApplyTemplate(IReadOnlyList<int> first, IReadOnlyList<int>? second)
    {
        var ids = new List<int>(first.Count + (second?.Count ?? 0) + 4) { StartId };
        ids.AddRange(first);
        ids.Add(EndId);
        if (second is not null)
        {
            ids.Add(EndId);
            ids.AddRange(second);
            ids.Add(EndId);
        }
        return new EncodedText(ids, new int[ids.Count]);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
