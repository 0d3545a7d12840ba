namespace Obliviate.Engine.Tokenization;

/// <summary>
/// Opens the tokenizer of a Hugging Face-style model folder. Like transformers' AutoTokenizer it prefers tokenizer.json,
/// then vocab.txt (WordPiece), then vocab.json + merges.txt (byte-level BPE); tokenizer_config.json and
/// special_tokens_map.json supply casing and special-token names.
/// </summary>
public static class TokenizerLoader
{
    /// <summary>The tokenizer of an opened model repository (folder or materialised embedded model).</summary>
    public static TextTokenizer FromRepository(Models.Repository.ModelRepository repository, TokenizerLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return FromFolder(repository.Directory, limits);
    }

    public static TextTokenizer FromFolder(string folder, TokenizerLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: model folder not found.");
        var settings = TokenizerSettings.Load(folder, limits);
        var json = Path.Combine(folder, "tokenizer.json");
        if (File.Exists(json)) return HfTokenizerJson.Load(json, settings, limits);
        var vocabTxt = Path.Combine(folder, "vocab.txt");
        if (File.Exists(vocabTxt))
        {
            return WordPieceTextTokenizer.FromVocabFile(vocabTxt, settings.DoLowerCase, settings.StripAccents,
                settings.SpecialsFor(TokenizerFamily.WordPiece), settings.TokenizeChineseChars, limits);
        }
        var vocabJson = Path.Combine(folder, "vocab.json");
        var merges = Path.Combine(folder, "merges.txt");
        if (File.Exists(vocabJson) && File.Exists(merges))
        {
            return ByteLevelBpeTextTokenizer.FromFiles(vocabJson, merges, settings.SpecialsFor(TokenizerFamily.ByteLevelBpe),
                settings.AddPrefixSpace, limits);
        }
        throw new FileNotFoundException(
            $"{folder}: no tokenizer found (looked for tokenizer.json, vocab.txt, and vocab.json + merges.txt).");
    }
}
