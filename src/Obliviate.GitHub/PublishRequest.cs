namespace Obliviate.GitHub;

/// <summary>Everything <c>publish</c> needs besides the environment.</summary>
public sealed record PublishRequest
{
    /// <summary>A check report or a merged summary (report.json, summary.json).</summary>
    public required string ReportPath { get; init; }

    /// <summary>The pull request; null takes it from the event (<see cref="GitHubEnvironment.PullRequestNumber"/>).</summary>
    public int? PullRequest { get; init; }

    /// <summary>The login our comments are written by; null asks the API (a personal token) or assumes github-actions[bot] (GITHUB_TOKEN).</summary>
    public string? Author { get; init; }

    /// <summary>The tool version sent in the User-Agent.</summary>
    public string ToolVersion { get; init; } = "0";
}
