using Obliviate.Engine.Tokenization;

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

    /// <summary>
    /// What tokenizer_config.json and special_tokens_map.json say (casing, special tokens, model_max_length), read once by
    /// the one reader the tokenizer itself uses, with transformers' defaults where the files are silent.
    /// </summary>
    public TokenizerSettings Settings { get; init; } = new();

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
        TokenizerSettings settings;
        try
        {
            settings = TokenizerSettings.Load(directory);
        }
        catch (InvalidDataException e)
        {
            throw new ModelRepositoryException(e.Message, e);
        }
        return files with { Kind = kind, Settings = settings };
    }
}
