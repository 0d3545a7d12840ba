using System.Text.Json;
using System.Text.RegularExpressions;

namespace Obliviate.Scanner.Hub;

/// <summary>Parses the Hub's revision listing (<c>{"sha": …, "siblings": [{"rfilename", "size", "lfs": {"sha256"}}]}</c>).</summary>
internal static partial class HubListing
{
    public static (string Commit, IReadOnlyList<HubFile> Files) Parse(string json, int maxFiles)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException("the listing is not a JSON object");
        if (!root.TryGetProperty("sha", out var shaElement) || shaElement.ValueKind != JsonValueKind.String ||
            !CommitPattern().IsMatch(shaElement.GetString()!))
        {
            throw new InvalidDataException("the listing has no 40-hex-digit commit \"sha\"");
        }
        if (!root.TryGetProperty("siblings", out var siblings) || siblings.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("the listing has no \"siblings\" array");
        }
        if (siblings.GetArrayLength() > maxFiles)
        {
            throw new InvalidDataException($"the repository lists {siblings.GetArrayLength()} files, more than the {maxFiles} allowed");
        }
        var files = new List<HubFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sibling in siblings.EnumerateArray())
        {
            if (sibling.ValueKind != JsonValueKind.Object ||
                !sibling.TryGetProperty("rfilename", out var name) || name.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException("a sibling has no \"rfilename\" string");
            }
            var path = name.GetString()!;
            if (!seen.Add(path)) throw new InvalidDataException($"the file '{path}' is listed twice");
            long? size = null;
            if (sibling.TryGetProperty("size", out var sizeElement) && sizeElement.ValueKind == JsonValueKind.Number)
            {
                size = sizeElement.TryGetInt64(out var s) && s >= 0 ? s
                    : throw new InvalidDataException($"the size of '{path}' is not a byte count");
            }
            string? lfsSha = null;
            if (sibling.TryGetProperty("lfs", out var lfs) && lfs.ValueKind == JsonValueKind.Object)
            {
                if (lfs.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String)
                {
                    lfsSha = Sha256Pattern().IsMatch(sha.GetString()!) ? sha.GetString()!.ToLowerInvariant()
                        : throw new InvalidDataException($"the LFS sha256 of '{path}' is not 64 hex digits");
                }
                if (size is null && lfs.TryGetProperty("size", out var lfsSize) && lfsSize.TryGetInt64(out var ls) && ls >= 0)
                {
                    size = ls;
                }
            }
            files.Add(new HubFile(path, size, lfsSha));
        }
        return (shaElement.GetString()!.ToLowerInvariant(), files);
    }

    [GeneratedRegex("^[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitPattern();

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Pattern();
}
