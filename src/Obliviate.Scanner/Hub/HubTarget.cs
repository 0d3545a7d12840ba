using System.Text.RegularExpressions;

namespace Obliviate.Scanner.Hub;

/// <summary>A Hugging Face model repository named as <c>hf://owner/name[@revision]</c>.</summary>
/// <param name="RepoId">"owner/name".</param>
/// <param name="Revision">A branch, tag or commit; "main" when omitted.</param>
public sealed partial record HubTarget(string RepoId, string Revision)
{
    public const string Scheme = "hf://";
    public const string DefaultRevision = "main";

    public static bool IsHubTarget(string text) => text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>hf://owner/name[@revision]</c>; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static HubTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsHubTarget(text)) throw new ArgumentException($"'{text}' is not an hf:// target.", nameof(text));
        var rest = text[Scheme.Length..];
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        var repo = at < 0 ? rest : rest[..at];
        var revision = at < 0 ? DefaultRevision : rest[(at + 1)..];
        // The Hub's own repo-id rule (huggingface_hub validate_repo_id): letters, digits, '-', '_', '.', no '--' or '..'.
        if (!RepoIdPattern().IsMatch(repo) || repo.Contains("..", StringComparison.Ordinal) ||
            repo.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{text}': expected hf://owner/name[@revision] with a valid repository id.", nameof(text));
        }
        if (revision.Length is 0 or > 256 || revision.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)) ||
            revision.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"'{text}': the revision after '@' is not a valid branch, tag or commit.", nameof(text));
        }
        return new HubTarget(repo, revision);
    }

    public override string ToString() => $"{Scheme}{RepoId}@{Revision}";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,95}/[A-Za-z0-9][A-Za-z0-9_.-]{0,95}$", RegexOptions.CultureInvariant)]
    private static partial Regex RepoIdPattern();
}
