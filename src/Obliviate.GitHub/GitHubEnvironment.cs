using System.Text.Json;

namespace Obliviate.GitHub;

/// <summary>
/// What a GitHub Actions job tells a step through its environment: the token, the repository, the API (GitHub Enterprise
/// Server has its own), the event that started the run, where the job summary goes and the run's address.
/// </summary>
public sealed record GitHubEnvironment
{
    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>GITHUB_TOKEN; never printed.</summary>
    public string? Token { get; init; }

    /// <summary>GITHUB_REPOSITORY, owner/name.</summary>
    public string? Repository { get; init; }

    /// <summary>GITHUB_API_URL (https://HOST/api/v3 on GitHub Enterprise Server).</summary>
    public string ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>GITHUB_EVENT_PATH: the webhook payload of the event that started the run.</summary>
    public string? EventPath { get; init; }

    /// <summary>GITHUB_STEP_SUMMARY: Markdown appended here shows on the run's summary page.</summary>
    public string? StepSummaryPath { get; init; }

    /// <summary>The run's page (GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID), where its artifacts are.</summary>
    public string? RunUrl { get; init; }

    public static GitHubEnvironment From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Get(string name) => environment(name) is { Length: > 0 } v ? v : null;
        var (server, repository, run) = (Get("GITHUB_SERVER_URL"), Get("GITHUB_REPOSITORY"), Get("GITHUB_RUN_ID"));
        return new GitHubEnvironment
        {
            Token = Get("GITHUB_TOKEN"),
            Repository = repository,
            ApiUrl = Get("GITHUB_API_URL") ?? DefaultApiUrl,
            EventPath = Get("GITHUB_EVENT_PATH"),
            StepSummaryPath = Get("GITHUB_STEP_SUMMARY"),
            RunUrl = server is null || repository is null || run is null ? null : $"{server.TrimEnd('/')}/{repository}/actions/runs/{run}",
        };
    }

    /// <summary>
    /// The pull request the event is about: <c>pull_request.number</c> (pull_request, pull_request_target), an
    /// <c>issue.number</c> that is a pull request (issue_comment), or the first of <c>workflow_run.pull_requests</c> (empty
    /// for pull requests from forks, which is why the workflow_run pattern passes the number in an artifact).
    /// </summary>
    public int? PullRequestNumber()
    {
        if (EventPath is null || !File.Exists(EventPath)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(EventPath));
            var root = doc.RootElement;
            if (root.TryGetProperty("pull_request", out var pr) && pr.TryGetProperty("number", out var n) && n.TryGetInt32(out var number)) return number;
            if (root.TryGetProperty("issue", out var issue) && issue.TryGetProperty("pull_request", out _) &&
                issue.TryGetProperty("number", out var i) && i.TryGetInt32(out var issueNumber)) return issueNumber;
            if (root.TryGetProperty("workflow_run", out var run) && run.TryGetProperty("pull_requests", out var prs) &&
                prs.ValueKind == JsonValueKind.Array && prs.GetArrayLength() > 0 && prs[0].TryGetProperty("number", out var r) && r.TryGetInt32(out var runNumber))
                return runNumber;
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
