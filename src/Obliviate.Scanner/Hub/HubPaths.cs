using System.Text;

namespace Obliviate.Scanner.Hub;

/// <summary>
/// Turns names that come from the Hub (repository file names, commits, revisions) into local paths that stay inside
/// the cache. A hostile listing can name "../../.bashrc", an absolute path, a backslash path or a control character;
/// those are refused, never cleaned up into something else.
/// </summary>
internal static class HubPaths
{
    private const int MaxPathLength = 1024;
    private const int MaxSegmentLength = 255;

    /// <summary>Null when <paramref name="repoPath"/> is safe; otherwise why not.</summary>
    public static string? Problem(string repoPath)
    {
        if (string.IsNullOrEmpty(repoPath)) return "empty file name";
        if (repoPath.Length > MaxPathLength) return $"file name longer than {MaxPathLength} characters";
        if (repoPath.StartsWith('/') || repoPath.Contains('\\', StringComparison.Ordinal)) return "absolute or backslash path";
        if (repoPath.Any(c => char.IsControl(c) || c == ':')) return "control character or ':' in the file name";
        foreach (var segment in repoPath.Split('/'))
        {
            if (segment is "" or "." or "..") return "empty, '.' or '..' path segment";
            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentLength) return $"path segment longer than {MaxSegmentLength} bytes";
        }
        return null;
    }

    /// <summary>The local path of <paramref name="repoPath"/> under <paramref name="root"/>, checked to stay inside it.</summary>
    public static string Under(string root, string repoPath, string suffix = "")
    {
        if (Problem(repoPath) is { } problem) throw new HubException($"refused file name '{repoPath}': {problem}.");
        var fullRoot = Path.GetFullPath(root);
        var full = Path.GetFullPath(Path.Combine(fullRoot, repoPath.Replace('/', Path.DirectorySeparatorChar) + suffix));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(fullRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new HubException($"refused file name '{repoPath}': it leaves the download folder.");
        }
        return full;
    }

    /// <summary>A single folder name for a commit or revision: [A-Za-z0-9._-] kept, anything else percent-encoded.</summary>
    public static string FolderName(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || c == '.' && sb.Length > 0) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>The URL path of a repository file: each segment percent-encoded.</summary>
    public static string UrlPath(string repoPath) => string.Join('/', repoPath.Split('/').Select(Uri.EscapeDataString));
}
