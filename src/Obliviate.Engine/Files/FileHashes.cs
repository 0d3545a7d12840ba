using System.Security.Cryptography;

namespace Obliviate.Engine.Files;

/// <summary>SHA-256 of files that runs record (weights, datasets).</summary>
public static class FileHashes
{
    /// <summary>Lower-case hex SHA-256 of the file's bytes.</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
