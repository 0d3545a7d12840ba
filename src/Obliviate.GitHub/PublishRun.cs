using System.Net;
using Obliviate.Reports.Check;
using Obliviate.Reports.Json;
using Obliviate.Reports.Rendering;
using Octokit;

namespace Obliviate.GitHub;

/// <summary>
/// <c>publish</c>: renders a report JSON as the pull-request comment (within GitHub's length limit, pointing at the run's
/// artifacts when cut) and creates or updates our sticky comment; without a pull request, without a token, or when GitHub
/// refuses (403: a pull request from a fork gets a read-only token), it writes the job summary instead and says how to use
/// the two-workflow <c>workflow_run</c> pattern (docs/action.md). The token goes only to Octokit's credentials.
/// </summary>
public static class PublishRun
{
    /// <summary>The login GITHUB_TOKEN's comments carry; it cannot read its own user (GET /user answers 403).</summary>
    public const string ActionsBot = "github-actions[bot]";

    public const long MaxReportBytes = 16L << 20;

    internal const string ForkAdvice =
        "Pull requests from forks get a read-only GITHUB_TOKEN. To comment on them, run the check in a pull_request workflow that " +
        "uploads report.json and the pull request number as an artifact, and publish from a second workflow triggered by " +
        "workflow_run, which runs with write access (docs/action.md, \"Pull requests from forks\").";

    /// <exception cref="InvalidDataException">The report is missing, too large, or not a check report or summary.</exception>
    /// <exception cref="ApiException">GitHub failed for a reason other than 403/404, after retries.</exception>
    public static async Task<PublishResult> RunAsync(PublishRequest request, GitHubEnvironment environment, RetryPolicy retry,
        Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(environment);
        var (marker, body) = Render(request.ReportPath, environment.RunUrl);
        var number = request.PullRequest ?? environment.PullRequestNumber();
        if (environment.Repository?.Split('/') is not [{ Length: > 0 } owner, { Length: > 0 } name])
            return Fallback(environment, marker, body, "GITHUB_REPOSITORY (owner/name) is not set, so there is no repository to comment on.");
        if (number is null)
            return Fallback(environment, marker, body, "this run has no pull request (not a pull_request event, and no --pr given).");
        if (environment.Token is null)
            return Fallback(environment, marker, body, "GITHUB_TOKEN is not set, so the report cannot be posted as a comment.");

        var client = new GitHubClient(new ProductHeaderValue("obliviate", request.ToolVersion), new Uri(environment.ApiUrl))
        {
            Credentials = new Credentials(environment.Token),
        };
        try
        {
            var author = request.Author ?? await Login(client, retry, log, ct).ConfigureAwait(false);
            var (action, comment) = await StickyComment.UpsertAsync(client, owner, name, number.Value, marker, author, body, retry, log, ct).ConfigureAwait(false);
            return new PublishResult(action, comment.HtmlUrl, [$"{(action == PublishAction.Created ? "created" : "updated")} the report comment on pull request #{number}: {comment.HtmlUrl}"]);
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound && e is not RateLimitExceededException)
        {
            return Fallback(environment, marker, body,
                $"GitHub refused the comment on pull request #{number} (HTTP {(int)e.StatusCode}: {e.Message}). {ForkAdvice}");
        }
    }

    /// <summary>The comment's marker and text for the report at <paramref name="path"/>.</summary>
    internal static (string Marker, string Body) Render(string path, string? runUrl)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidDataException($"{path}: file not found.");
        if (info.Length > MaxReportBytes) throw new InvalidDataException($"{path}: {info.Length} bytes is too large for a report.");
        var json = File.ReadAllText(path);
        var options = CheckMarkdownOptions.Default with { FullReportUrl = runUrl };
        var text = new StringWriter { NewLine = "\n" };
        switch (ReportJson.KindOf(json))
        {
            case "check":
                CheckMarkdownRenderer.Write(ReportJson.Read<CheckReport>(json, path), text, options);
                return (CheckMarkdownRenderer.Marker, text.ToString());
            case "check-summary":
                CheckSummaryMarkdownRenderer.Write(ReportJson.Read<CheckSummaryReport>(json, path), text, options);
                return (CheckSummaryMarkdownRenderer.Marker, text.ToString());
            case var kind:
                throw new InvalidDataException($"{path}: a '{kind ?? "unknown"}' report; publish takes a check report (report.json) or a merged summary (summary.json).");
        }
    }

    /// <summary>A personal token's login; GITHUB_TOKEN (an installation token) cannot read /user, and writes as github-actions[bot].</summary>
    private static async Task<string> Login(IGitHubClient client, RetryPolicy retry, Action<string>? log, CancellationToken ct)
    {
        try
        {
            return (await retry.RunAsync(() => client.User.Current(), log, ct).ConfigureAwait(false)).Login;
        }
        catch (ApiException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized)
        {
            return ActionsBot;
        }
    }

    /// <summary>
    /// The job summary instead of a comment. <c>check</c> may already have written the same report there (it does in a
    /// workflow), so the body is appended only when the summary does not hold it yet; the reason always is.
    /// </summary>
    private static PublishResult Fallback(GitHubEnvironment environment, string marker, string body, string reason)
    {
        var note = $"No pull-request comment: {reason}";
        if (environment.StepSummaryPath is not { } summary) return new PublishResult(PublishAction.Printed, null, [note, body]);
        var existing = File.Exists(summary) ? File.ReadAllText(summary) : "";
        var text = (existing.Contains(marker, StringComparison.Ordinal) ? "" : body + "\n") + $"> [!NOTE]\n> {note}\n";
        File.AppendAllText(summary, text);
        return new PublishResult(PublishAction.JobSummary, null, [note, $"the report is in the job summary ({summary})."]);
    }
}
