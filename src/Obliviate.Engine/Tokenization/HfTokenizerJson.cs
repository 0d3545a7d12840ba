using System.Text.Json;

namespace Obliviate.Engine.Tokenization;

/// <summary>
/// A small adapter for Hugging Face <c>tokenizer.json</c> (the "fast" tokenizer file), which Microsoft.ML.Tokenizers cannot
/// read: it takes <c>model.vocab</c> / <c>model.merges</c>, the normalizer's lower-casing, the ByteLevel pre-tokenizer's
/// <c>add_prefix_space</c>, the post-processor's CLS/SEP and <c>added_tokens</c>, and builds the matching
/// <see cref="WordPieceTextTokenizer"/> or <see cref="ByteLevelBpeTextTokenizer"/>.
/// </summary>
/// <remarks>
/// Only the two model types the encoders use are accepted (WordPiece, BPE with a ByteLevel pre-tokenizer); anything else
/// (Unigram, a BPE without byte-level handling) is an <see cref="InvalidDataException"/> rather than a silently different tokenization.
/// </remarks>
public static class HfTokenizerJson
{
    public static TextTokenizer Load(string path, TokenizerSettings? settings = null, TokenizerLimits? limits = null)
    {
        limits ??= TokenizerLimits.Default;
        settings ??= new TokenizerSettings();
        TokenizerFileGuard.RequireSize(path, limits.MaxTokenizerJsonBytes);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
        using (doc)
        {
            try
            {
                return Build(doc.RootElement, settings, path, limits);
            }
            catch (InvalidOperationException e)
            {
                // JsonElement accessors throw this when a field has the wrong JSON type (e.g. a number where a string belongs).
                throw new InvalidDataException($"{path}: a field has the wrong JSON type ({e.Message}).", e);
            }
        }
    }

    private static TextTokenizer Build(JsonElement root, TokenizerSettings settings, string path, TokenizerLimits limits)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path}: no 'model' object; not a Hugging Face tokenizer.json.");
        var type = model.TryGetProperty("type", out var t) ? t.GetString() : null;
        var vocabulary = ReadVocabulary(model, path, limits);
        var added = ReadAddedTokens(root, path, limits);
        var (cls, sep) = ReadPostProcessorSpecials(root);
        return type switch
        {
            "WordPiece" => BuildWordPiece(root, model, vocabulary, added, cls, sep, settings, path),
            "BPE" => BuildBpe(root, model, vocabulary, added, cls, sep, settings, path, limits),
            _ => throw new InvalidDataException($"{path}: model type '{type}' is not supported (WordPiece or byte-level BPE)."),
        };
    }

    private static TextTokenizer BuildWordPiece(JsonElement root, JsonElement model, Dictionary<string, int> vocabulary,
        Dictionary<string, int> added, string? cls, string? sep, TokenizerSettings settings, string path)
    {
        if (model.TryGetProperty("continuing_subword_prefix", out var p) && p.GetString() is { } prefix && prefix != "##")
            throw new InvalidDataException($"{path}: continuing_subword_prefix '{prefix}' is not supported (only '##').");
        foreach (var (token, id) in added) vocabulary.TryAdd(token, id);
        // WordPiece ids are line numbers of vocab.txt: they must be exactly 0..N-1.
        var tokens = new string[vocabulary.Count];
        foreach (var (token, id) in vocabulary)
        {
            if (id < 0 || id >= tokens.Length || tokens[id] is not null)
                throw new InvalidDataException($"{path}: WordPiece ids are not a permutation of 0..{tokens.Length - 1} (token '{token}', id {id}).");
            tokens[id] = token;
        }
        var (lowercase, stripAccents, chinese) = ReadBertNormalizer(root, settings);
        var d = settings.SpecialsFor(TokenizerFamily.WordPiece);
        var unk = model.TryGetProperty("unk_token", out var u) && u.GetString() is { } unkToken ? unkToken : d.Unknown;
        var specials = d with { Start = cls ?? d.Start, End = sep ?? d.End, Pad = PadToken(root) ?? d.Pad, Unknown = unk };
        return WordPieceTextTokenizer.FromTokens(tokens, path, lowercase, stripAccents, specials, chinese);
    }

    private static TextTokenizer BuildBpe(JsonElement root, JsonElement model, Dictionary<string, int> vocabulary,
        Dictionary<string, int> added, string? cls, string? sep, TokenizerSettings settings, string path, TokenizerLimits limits)
    {
        if (!IsByteLevel(root))
            throw new InvalidDataException($"{path}: a BPE model without a ByteLevel pre-tokenizer is not supported.");
        if (!model.TryGetProperty("merges", out var mergesElement) || mergesElement.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"{path}: model.merges is missing.");
        var merges = new List<string>(mergesElement.GetArrayLength());
        foreach (var m in mergesElement.EnumerateArray())
        {
            // Older files store "a b"; tokenizers ≥ 0.20 store ["a", "b"].
            if (m.ValueKind == JsonValueKind.String) merges.Add(m.GetString()!);
            else if (m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2)
                merges.Add(m[0].GetString() + " " + m[1].GetString());
            else throw new InvalidDataException($"{path}: merge {merges.Count + 1} is neither \"a b\" nor [a, b].");
        }
        var d = settings.SpecialsFor(TokenizerFamily.ByteLevelBpe);
        var specials = d with { Start = cls ?? d.Start, End = sep ?? d.End, Pad = PadToken(root) ?? d.Pad };
        return ByteLevelBpeTextTokenizer.Create(vocabulary, merges, path, specials, ByteLevelPrefixSpace(root), added, limits);
    }

    private static Dictionary<string, int> ReadVocabulary(JsonElement model, string path, TokenizerLimits limits)
    {
        if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{path}: model.vocab is missing or not an object of token → id.");
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in vocab.EnumerateObject())
        {
            if (result.Count >= limits.MaxVocabularySize)
                throw new InvalidDataException($"{path}: more than {limits.MaxVocabularySize} vocabulary entries.");
            if (entry.Value.ValueKind != JsonValueKind.Number || !entry.Value.TryGetInt32(out var id) || id < 0)
                throw new InvalidDataException($"{path}: vocabulary entry '{entry.Name}' has no valid id.");
            result[entry.Name] = id;
        }
        return result;
    }

    private static Dictionary<string, int> ReadAddedTokens(JsonElement root, string path, TokenizerLimits limits)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!root.TryGetProperty("added_tokens", out var added) || added.ValueKind != JsonValueKind.Array) return result;
        foreach (var token in added.EnumerateArray())
        {
            if (token.ValueKind != JsonValueKind.Object
                || !token.TryGetProperty("id", out var idElement) || !idElement.TryGetInt32(out var id)
                || id < 0 || id >= limits.MaxVocabularySize
                || !token.TryGetProperty("content", out var content) || content.GetString() is not { Length: > 0 } text)
                throw new InvalidDataException($"{path}: an added_tokens entry lacks a valid id or content.");
            result[text] = id;
        }
        return result;
    }

    private static (string? Cls, string? Sep) ReadPostProcessorSpecials(JsonElement root)
    {
        if (!root.TryGetProperty("post_processor", out var pp) || pp.ValueKind != JsonValueKind.Object) return (null, null);
        // BertProcessing / RobertaProcessing: "cls": ["[CLS]", 101], "sep": ["[SEP]", 102].
        static string? First(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array && v.GetArrayLength() > 0 ? v[0].GetString() : null;
        var cls = First(pp, "cls");
        var sep = First(pp, "sep");
        if (cls is not null || sep is not null) return (cls, sep);
        // TemplateProcessing: the first and last special tokens of the "single" template.
        if (pp.TryGetProperty("single", out var single) && single.ValueKind == JsonValueKind.Array)
        {
            var ids = single.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("SpecialToken", out _))
                .Select(p => p.GetProperty("SpecialToken").TryGetProperty("id", out var id) ? id.GetString() : null)
                .Where(s => s is not null).ToList();
            if (ids.Count >= 2) return (ids[0], ids[^1]);
        }
        return (null, null);
    }

    private static string? PadToken(JsonElement root) =>
        root.TryGetProperty("padding", out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty("pad_token", out var t) ? t.GetString() : null;

    private static (bool Lowercase, bool? StripAccents, bool Chinese) ReadBertNormalizer(JsonElement root, TokenizerSettings settings)
    {
        var lowercase = false;
        bool? strip = null;
        var chinese = settings.TokenizeChineseChars;
        var found = false;
        foreach (var n in Normalizers(root))
        {
            var type = n.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "BertNormalizer")
            {
                found = true;
                lowercase = !n.TryGetProperty("lowercase", out var l) || l.ValueKind != JsonValueKind.False;
                strip = n.TryGetProperty("strip_accents", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? s.GetBoolean() : null;
                chinese = !n.TryGetProperty("handle_chinese_chars", out var c) || c.ValueKind != JsonValueKind.False;
            }
            else if (type == "Lowercase")
            {
                found = true;
                lowercase = true;
            }
        }
        // Without a normalizer in the file, fall back to tokenizer_config.json.
        return found ? (lowercase, strip, chinese) : (settings.DoLowerCase, settings.StripAccents, chinese);
    }

    private static IEnumerable<JsonElement> Normalizers(JsonElement root)
    {
        if (!root.TryGetProperty("normalizer", out var n) || n.ValueKind != JsonValueKind.Object) yield break;
        if (n.TryGetProperty("normalizers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object) yield return item;
        }
        else yield return n;
    }

    private static IEnumerable<JsonElement> PreTokenizers(JsonElement root)
    {
        if (!root.TryGetProperty("pre_tokenizer", out var p) || p.ValueKind != JsonValueKind.Object) yield break;
        if (p.TryGetProperty("pretokenizers", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
                if (item.ValueKind == JsonValueKind.Object) yield return item;
        }
        else yield return p;
    }

    private static bool IsByteLevel(JsonElement root) =>
        PreTokenizers(root).Any(p => p.TryGetProperty("type", out var t) && t.GetString() == "ByteLevel");

    private static bool ByteLevelPrefixSpace(JsonElement root) =>
        PreTokenizers(root).Any(p => p.TryGetProperty("type", out var t) && t.GetString() == "ByteLevel"
                                     && p.TryGetProperty("add_prefix_space", out var a) && a.ValueKind == JsonValueKind.True);
}
