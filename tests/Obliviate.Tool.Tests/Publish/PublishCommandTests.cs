using Obliviate.GitHub;
using Obliviate.Tests;
using Obliviate.Tool.Commands.Publish;

namespace Obliviate.Tool.Tests.Publish;

public sealed class PublishCommandTests : IDisposable
{
    private const string Token = "ghp_SECRET_publish_0123456789";
    private readonly FakeGitHubApi api = new(Token);
    private readonly TempFolder temp = new();

    public void Dispose()
    {
        api.Dispose();
        temp.Dispose();
    }

    private static (int Code, string Out, string Error) Run(Dictionary<string, string?> env, params string[] args) =>
        ToolRun.Run(console => PublishCommand.Create(console, n => env.GetValueOrDefault(n), new RetryPolicy { Delay = (_, _) => Task.CompletedTask }), args);

    private Dictionary<string, string?> Env() => new()
    {
        ["GITHUB_TOKEN"] = Token, ["GITHUB_REPOSITORY"] = "o/r", ["GITHUB_API_URL"] = api.ApiUrl,
        ["GITHUB_EVENT_PATH"] = temp.Write("event.json", """{"pull_request":{"number":5}}"""), ["GITHUB_STEP_SUMMARY"] = temp["summary.md"],
    };

    private string Report() => temp.Write("report.json", """
        {"schema_version":1,"kind":"check","target":"m","verdict":"clean","checks":["scan"],
         "steps":[{"name":"scan","status":"completed"}],"scan":{"schema_version":1,"kind":"scan","target":"m","verdict":"clean","files":[],"rules":[]}}
        """);

    [Fact]
    public void Publishing_creates_the_comment_and_says_where()
    {
        var (code, _, error) = Run(Env(), "publish", Report());
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("created the report comment on pull request #5", error, StringComparison.Ordinal);
        Assert.Single(api.Comments);
    }

    [Fact]
    public void A_persistent_server_error_exits_2_and_no_line_shows_the_token()
    {
        for (var i = 0; i < 10; i++) api.FailNext.Enqueue(500);
        var (code, stdout, error) = Run(Env(), "publish", Report());
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("500", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, stdout + error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_job_summary_or_pull_request_the_report_is_printed()
    {
        var env = Env();
        env["GITHUB_STEP_SUMMARY"] = null;
        env["GITHUB_EVENT_PATH"] = null;
        var (code, stdout, error) = Run(env, "publish", Report());
        Assert.Equal(ExitCodes.Ok, code);
        Assert.StartsWith(Reports.Rendering.CheckMarkdownRenderer.Marker, stdout, StringComparison.Ordinal);
        Assert.Contains("no pull request", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_report_exits_2() => Assert.Equal(ExitCodes.Error, Run(Env(), "publish", temp["none.json"]).Code);

    [Fact]
    public void The_token_is_scrubbed_from_any_message() =>
        Assert.Equal("bad *** here", PublishCommand.Redact($"bad {Token} here", Token));
}
