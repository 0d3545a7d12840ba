using Obliviate.Reports.Check;
using Obliviate.Reports.Rendering;
using Obliviate.Tests;

namespace Obliviate.GitHub.Tests;

/// <summary><c>publish</c> against a GitHub API on loopback, with Octokit as the client.</summary>
public sealed class PublishRunTests : IDisposable
{
    private const string Token = "ghs_FAKE0123456789abcdefTOKEN";
    private readonly FakeGitHubApi api = new(Token);
    private readonly TempFolder temp = new();
    private readonly List<TimeSpan> waits = [];
    private readonly List<string> log = [];

    public void Dispose()
    {
        api.Dispose();
        temp.Dispose();
    }

    private RetryPolicy Retry => new() { Delay = (d, _) => { waits.Add(d); return Task.CompletedTask; } };

    private GitHubEnvironment Environment(int? pullRequest = 7) => new()
    {
        Token = Token,
        Repository = "octo/models",
        ApiUrl = api.ApiUrl,
        EventPath = temp.Write("event.json", pullRequest is null ? """{"ref":"refs/heads/main"}""" : "{\"action\":\"synchronize\",\"pull_request\":{\"number\":" + pullRequest + "}}"),
        StepSummaryPath = temp["summary.md"],
        RunUrl = "https://github.test/octo/models/actions/runs/99",
    };

    private Task<PublishResult> Publish(string report, GitHubEnvironment? environment = null, string? author = null) =>
        PublishRun.RunAsync(new PublishRequest { ReportPath = report, Author = author }, environment ?? Environment(), Retry, log.Add, default);

    [Fact]
    public async Task The_first_run_creates_the_comment_and_the_second_updates_it_in_place()
    {
        var first = await Publish(Reports.Write(temp, Reports.Check()));
        Assert.Equal(PublishAction.Created, first.Action);
        var comment = Assert.Single(api.Comments);
        Assert.StartsWith(CheckMarkdownRenderer.Marker, comment.Body, StringComparison.Ordinal);
        Assert.Contains("suspicious", comment.Body, StringComparison.Ordinal);

        var second = await Publish(Reports.Write(temp, Reports.Check(verdict: Obliviate.Reports.Model.Verdict.Clean, files: 0)));
        Assert.Equal(PublishAction.Updated, second.Action);
        var updated = Assert.Single(api.Comments);
        Assert.Equal(comment.Id, updated.Id);
        Assert.NotEqual(comment.Body, updated.Body);
        Assert.Contains(api.Requests, r => r.StartsWith($"PATCH /api/v3/repos/octo/models/issues/comments/{comment.Id}", StringComparison.Ordinal));
        Assert.Equal(first.CommentUrl, second.CommentUrl);
    }

    [Fact]
    public async Task Someone_elses_comment_with_the_same_text_is_left_alone()
    {
        var report = Reports.Write(temp, Reports.Check());
        var markdown = PublishRun.Render(report, null).Body;
        // A reviewer pasted our comment, marker and all.
        api.Comments.Add(new FakeGitHubApi.Comment(1, 7, "reviewer", markdown));
        api.Comments.Add(new FakeGitHubApi.Comment(2, 7, "github-actions[bot]", "Some other bot output"));
        var result = await Publish(report);
        Assert.Equal(PublishAction.Created, result.Action);
        Assert.Equal(3, api.Comments.Count);
        Assert.Equal(markdown, api.Comments[0].Body);
        Assert.Equal("Some other bot output", api.Comments[1].Body);
        Assert.DoesNotContain(api.Requests, r => r.StartsWith("PATCH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_oversized_report_is_shortened_to_the_comment_limit_with_a_link_to_the_run()
    {
        var result = await Publish(Reports.Write(temp, Reports.Check(files: 2000, nameLength: 300)));
        Assert.Equal(PublishAction.Created, result.Action);
        var body = Assert.Single(api.Comments).Body;
        Assert.True(body.Length <= CheckMarkdownOptions.GitHubCommentLimit, $"{body.Length}");
        Assert.Contains("https://github.test/octo/models/actions/runs/99", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_403_falls_back_to_the_job_summary_and_explains_the_workflow_run_pattern()
    {
        api.ForbidWrites = true;
        var report = Reports.Write(temp, Reports.Check());
        var result = await Publish(report);
        Assert.Equal(PublishAction.JobSummary, result.Action);
        Assert.Empty(api.Comments);
        var summary = File.ReadAllText(temp["summary.md"]);
        Assert.StartsWith(CheckMarkdownRenderer.Marker, summary, StringComparison.Ordinal);
        Assert.Contains("workflow_run", summary, StringComparison.Ordinal);
        Assert.Contains("403", result.Notes[0], StringComparison.Ordinal);
        // A second fallback (check already wrote the report there) adds only the note.
        await Publish(report);
        var again = File.ReadAllText(temp["summary.md"]);
        Assert.Equal(1, again.Split(CheckMarkdownRenderer.Marker).Length - 1);
    }

    [Fact]
    public async Task A_502_is_retried_with_backoff()
    {
        api.FailNext.Enqueue(502);
        api.FailNext.Enqueue(502);
        var result = await Publish(Reports.Write(temp, Reports.Check()));
        Assert.Equal(PublishAction.Created, result.Action);
        Assert.Single(api.Comments);
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
        Assert.Equal(2, log.Count(l => l.Contains("HTTP 502", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_502_that_persists_fails_after_the_last_attempt()
    {
        for (var i = 0; i < 10; i++) api.FailNext.Enqueue(502);
        await Assert.ThrowsAnyAsync<Octokit.ApiException>(() => Publish(Reports.Write(temp, Reports.Check())));
        Assert.Equal(3, waits.Count);
    }

    [Fact]
    public async Task Without_a_pull_request_the_report_goes_to_the_job_summary()
    {
        var result = await Publish(Reports.Write(temp, Reports.Check()), Environment(pullRequest: null));
        Assert.Equal(PublishAction.JobSummary, result.Action);
        Assert.Empty(api.Requests);
        Assert.Contains("no pull request", File.ReadAllText(temp["summary.md"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_token_finds_its_own_login_and_updates_its_own_comment()
    {
        api.UserForbidden = false;
        api.TokenLogin = "alice";
        var report = Reports.Write(temp, Reports.Check());
        api.Comments.Add(new FakeGitHubApi.Comment(1, 7, "github-actions[bot]", PublishRun.Render(report, null).Body));
        Assert.Equal(PublishAction.Created, (await Publish(report)).Action);
        Assert.Equal(PublishAction.Updated, (await Publish(report)).Action);
        Assert.Equal(["github-actions[bot]", "alice"], api.Comments.Select(c => c.Login));
    }

    [Fact]
    public async Task A_merged_summary_is_its_own_sticky_comment()
    {
        var check = Reports.Write(temp, Reports.Check());
        var summary = temp.Write("summary.json", Obliviate.Reports.Json.ReportJson.Serialize(CheckSummaryReport.Merge([(Reports.Check(), "a/report.json")])));
        await Publish(check);
        await Publish(summary);
        await Publish(summary);
        Assert.Equal(2, api.Comments.Count);
        Assert.StartsWith(CheckSummaryMarkdownRenderer.Marker, api.Comments[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_kind_of_report_is_refused()
    {
        var scan = temp.Write("scan.json", """{"schema_version":1,"kind":"scan","target":"x","verdict":"clean","files":[],"rules":[]}""");
        await Assert.ThrowsAsync<InvalidDataException>(() => Publish(scan));
    }

    [Theory]
    [InlineData("""{"pull_request":{"number":12}}""", 12)]
    [InlineData("""{"issue":{"number":13,"pull_request":{"url":"x"}}}""", 13)]
    [InlineData("""{"issue":{"number":14}}""", null)]
    [InlineData("""{"workflow_run":{"pull_requests":[{"number":15}]}}""", 15)]
    [InlineData("""{"workflow_run":{"pull_requests":[]}}""", null)]
    [InlineData("not json", null)]
    public void The_pull_request_comes_from_the_event(string json, int? expected) =>
        Assert.Equal(expected, new GitHubEnvironment { EventPath = temp.Write("e.json", json) }.PullRequestNumber());

    [Fact]
    public void The_environment_names_the_run()
    {
        var env = GitHubEnvironment.From(n => n switch
        {
            "GITHUB_SERVER_URL" => "https://ghe.example/", "GITHUB_REPOSITORY" => "o/r", "GITHUB_RUN_ID" => "5", "GITHUB_API_URL" => "https://ghe.example/api/v3",
            _ => null,
        });
        Assert.Equal("https://ghe.example/o/r/actions/runs/5", env.RunUrl);
        Assert.Equal("https://ghe.example/api/v3", env.ApiUrl);
        Assert.Null(env.Token);
    }
}
