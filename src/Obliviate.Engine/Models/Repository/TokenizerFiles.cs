using System.Text.Json;

namespace Obliviate.Engine.Models.Repository;

/// <summary>The tokenizer files of a model folder (absolute paths, null when absent) and the settings read from them.</summary>
public sealed record TokenizerFiles
{
    public TokenizerKind Kind { get; init; }
    public string? VocabTxt { get; init; }
    public string? VocabJson { get; init; }
    public string? MergesTxt { get; init; }
    public string? TokenizerJson { get; init; }
    public string? TokenizerConfig { get; init; }
    public string? SpecialTokensMap { get; init; }

    /// <summary><c>do_lower_case</c> from tokenizer_config.json, or null when it does not say.</summary>
    public bool? DoLowerCase { get; init; }

    /// <summary><c>model_max_length</c> from tokenizer_config.json, or null when absent or implausibly large.</summary>
    public int? ModelMaxLength { get; init; }

    /// <summary>The largest tokenizer_config.json read.</summary>
    internal const long MaxConfigBytes = 4 * 1024 * 1024;

    internal static TokenizerFiles Find(string directory)
    {
        string? Existing(string name)
        {
            var path = Path.Combine(directory, name);
            return File.Exists(path) ? path : null;
        }
        var files = new TokenizerFiles
        {
            VocabTxt = Existing("vocab.txt"),
            VocabJson = Existing("vocab.json"),
            MergesTxt = Existing("merges.txt"),
            TokenizerJson = Existing("tokenizer.json"),
            TokenizerConfig = Existing("tokenizer_config.json"),
            SpecialTokensMap = Existing("special_tokens_map.json"),
        };
        var kind = files.TokenizerJson is not null ? TokenizerKind.HuggingFaceJson
            : files.VocabTxt is not null ? TokenizerKind.WordPiece
            : files.VocabJson is not null && files.MergesTxt is not null ? TokenizerKind.ByteLevelBpe
            : TokenizerKind.None;
        var (lower, maxLength) = files.TokenizerConfig is null ? (null, null) : ReadConfig(files.TokenizerConfig);
        return files with { Kind = kind, DoLowerCase = lower, ModelMaxLength = maxLength };
    }

    private static (bool?, int?) ReadConfig(string path)
    {
        if (new FileInfo(path).Length > MaxConfigBytes)
            throw new ModelRepositoryException($"{path}: larger than {MaxConfigBytes} bytes; not a tokenizer config.");
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path),
                new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new ModelRepositoryException($"{path}: not a JSON object.");
            bool? lower = root.TryGetProperty("do_lower_case", out var l) && l.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? l.GetBoolean()
                : null;
            // transformers writes 1e30 for "no limit"; only a real length is useful.
            int? max = root.TryGetProperty("model_max_length", out var m) && m.ValueKind == JsonValueKind.Number &&
                       m.TryGetDouble(out var d) && d is > 0 and <= 1_000_000
                ? (int)d
                : null;
            return (lower, max);
        }
        catch (JsonException e)
        {
            throw new ModelRepositoryException($"{path}: not valid JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }
    }
}
