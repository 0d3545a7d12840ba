namespace Obliviate.Reports.Rendering;

/// <summary>How <see cref="CheckMarkdownRenderer"/> sizes and points its output.</summary>
public sealed record CheckMarkdownOptions
{
    /// <summary>GitHub refuses issue and pull-request comments longer than this many characters.</summary>
    public const int GitHubCommentLimit = 65_536;

    /// <summary>The longest text written; lists are shortened, then the text is cut, to stay within it.</summary>
    public int MaxLength { get; init; } = GitHubCommentLimit;

    /// <summary>Rows per list (findings, files, candidates) before lists are shortened to fit.</summary>
    public int MaxRows { get; init; } = 100;

    /// <summary>An http(s) address of the full report (the workflow run with its artifacts), named when text is left out.</summary>
    public string? FullReportUrl { get; init; }

    /// <summary>Draw mermaid charts (GitHub renders them); the HTML report draws its own charts instead.</summary>
    public bool Mermaid { get; init; } = true;

    /// <summary>The pull-request comment form: GitHub's limit, mermaid on.</summary>
    public static CheckMarkdownOptions Default { get; } = new();
}
