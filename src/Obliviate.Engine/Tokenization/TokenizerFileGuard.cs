namespace Obliviate.Engine.Tokenization;

/// <summary>Size checks for untrusted tokenizer files, before any parsing.</summary>
internal static class TokenizerFileGuard
{
    public static void RequireSize(string path, long maxBytes)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: tokenizer file not found.", path);
        if (info.Length > maxBytes)
            throw new InvalidDataException($"{path}: {info.Length} bytes exceeds the {maxBytes}-byte limit for tokenizer files.");
    }
}
