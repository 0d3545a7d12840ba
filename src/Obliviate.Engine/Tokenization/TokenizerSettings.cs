using System.Text.Json;

namespace Obliviate.Engine.Tokenization;

/// <summary>
/// What tokenizer_config.json (and special_tokens_map.json) say about a tokenizer: casing, accents, prefix space,
/// the special-token strings and the model's maximum length. Absent fields keep transformers' defaults.
/// </summary>
public sealed record TokenizerSettings
{
    /// <summary>transformers' BertTokenizer default is <c>do_lower_case=True</c>.</summary>
    public bool DoLowerCase { get; init; } = true;

    /// <summary>null: strip accents exactly when lower-casing (transformers' default).</summary>
    public bool? StripAccents { get; init; }

    public bool TokenizeChineseChars { get; init; } = true;

    public bool AddPrefixSpace { get; init; }

    /// <summary><c>model_max_length</c> when it is a real limit (transformers writes 1e30 for "none").</summary>
    public int? ModelMaxLength { get; init; }

    public string? TokenizerClass { get; init; }

    public string? ClsToken { get; init; }
    public string? SepToken { get; init; }
    public string? PadToken { get; init; }
    public string? UnkToken { get; init; }
    public string? MaskToken { get; init; }
    public string? BosToken { get; init; }
    public string? EosToken { get; init; }

    /// <summary>The special-token names for a family, overridden by what the files declare.</summary>
    public SpecialTokenNames SpecialsFor(TokenizerFamily kind)
    {
        var d = kind == TokenizerFamily.WordPiece ? SpecialTokenNames.Bert : SpecialTokenNames.Roberta;
        // RoBERTa's template uses cls/sep (which equal bos/eos); fall back to bos/eos when only those are given.
        return new SpecialTokenNames(
            ClsToken ?? (kind == TokenizerFamily.ByteLevelBpe ? BosToken : null) ?? d.Start,
            SepToken ?? (kind == TokenizerFamily.ByteLevelBpe ? EosToken : null) ?? d.End,
            PadToken ?? d.Pad,
            UnkToken ?? d.Unknown,
            MaskToken ?? d.Mask);
    }

    /// <summary>Reads tokenizer_config.json and special_tokens_map.json from <paramref name="folder"/>; either may be absent.</summary>
    public static TokenizerSettings Load(string folder, TokenizerLimits? limits = null)
    {
        limits ??= TokenizerLimits.Default;
        var settings = new TokenizerSettings();
        var map = Path.Combine(folder, "special_tokens_map.json");
        if (File.Exists(map)) settings = Apply(settings, Read(map, limits), map);
        var config = Path.Combine(folder, "tokenizer_config.json");
        if (File.Exists(config)) settings = Apply(settings, Read(config, limits), config);
        return settings;
    }

    private static JsonDocument Read(string path, TokenizerLimits limits)
    {
        TokenizerFileGuard.RequireSize(path, limits.MaxConfigBytes);
        try
        {
            var doc = JsonDocument.Parse(File.ReadAllBytes(path),
                new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new InvalidDataException($"{path}: expected a JSON object.");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
    }

    private static TokenizerSettings Apply(TokenizerSettings s, JsonDocument doc, string path)
    {
        using (doc)
        {
            var root = doc.RootElement;
            return s with
            {
                DoLowerCase = Bool(root, "do_lower_case", path) ?? s.DoLowerCase,
                StripAccents = root.TryGetProperty("strip_accents", out _) ? Bool(root, "strip_accents", path) : s.StripAccents,
                TokenizeChineseChars = Bool(root, "tokenize_chinese_chars", path) ?? s.TokenizeChineseChars,
                AddPrefixSpace = Bool(root, "add_prefix_space", path) ?? s.AddPrefixSpace,
                ModelMaxLength = MaxLength(root) ?? s.ModelMaxLength,
                TokenizerClass = Text(root, "tokenizer_class") ?? s.TokenizerClass,
                ClsToken = Token(root, "cls_token") ?? s.ClsToken,
                SepToken = Token(root, "sep_token") ?? s.SepToken,
                PadToken = Token(root, "pad_token") ?? s.PadToken,
                UnkToken = Token(root, "unk_token") ?? s.UnkToken,
                MaskToken = Token(root, "mask_token") ?? s.MaskToken,
                BosToken = Token(root, "bos_token") ?? s.BosToken,
                EosToken = Token(root, "eos_token") ?? s.EosToken,
            };
        }
    }

    private static bool? Bool(JsonElement root, string name, string path)
    {
        if (!root.TryGetProperty(name, out var v)) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => throw new InvalidDataException($"{path}: '{name}' must be true, false or null."),
        };
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // Special tokens are either plain strings or AddedToken objects {"content": "...", ...}.
    private static string? Token(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var v)) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        if (v.ValueKind == JsonValueKind.Object && v.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String)
            return c.GetString();
        return null;
    }

    private static int? MaxLength(JsonElement root)
    {
        if (!root.TryGetProperty("model_max_length", out var v) || v.ValueKind != JsonValueKind.Number) return null;
        return v.TryGetDouble(out var d) && d is >= 1 and <= 1_000_000 ? (int)d : null;
    }
}
