using System.CommandLine;
using Obliviate.GitHub;

namespace Obliviate.Tool.Commands.Publish;

/// <summary>
/// <c>publish &lt;report.json&gt;</c>: the report as the sticky pull-request comment (created once, then updated in place), or
/// the job summary when there is no pull request or GitHub refuses. Reads only the report file, so it runs apart from the
/// process that loaded the model, and never prints the token.
/// </summary>
public static class PublishCommand
{
    public static Command Create(ToolConsole console) => Create(console, Environment.GetEnvironmentVariable, new RetryPolicy());

    public static Command Create(ToolConsole console, Func<string, string?> environment, RetryPolicy retry)
    {
        var report = new Argument<string>("report") { Description = "A check report (report.json) or a merged summary (summary.json).", HelpName = "report.json" };
        var pr = new Option<int?>("--pr") { Description = "The pull request number (default: from the event in GITHUB_EVENT_PATH).", HelpName = "number" };
        var author = new Option<string?>("--comment-author")
        {
            Description = $"The login the token comments as, to find our comment (default: asked from the API, else {PublishRun.ActionsBot}).",
            HelpName = "login",
        };
        var command = new Command("publish",
            "Post a report as the pull request's sticky comment, or update it in place; without a pull request or permission " +
            "(forks), write it to the job summary and say how to publish from a workflow_run workflow. Uses GITHUB_TOKEN, " +
            "GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL and GITHUB_STEP_SUMMARY.\n\n" +
            "Examples:\n  dotnet obliviate publish report/report.json\n  dotnet obliviate publish summary/summary.json --pr 42\n\n" +
            "Exit codes: 0 commented or wrote the job summary, 2 the report is unreadable or GitHub failed, 4 usage.")
        {
            report, pr, author,
        };
        command.SetAction((parse, ct) =>
        {
            var env = GitHubEnvironment.From(environment);
            var request = new PublishRequest
            {
                ReportPath = parse.GetValue(report)!,
                PullRequest = parse.GetValue(pr),
                Author = parse.GetValue(author),
                ToolVersion = Doctor.DoctorCommand.ToolVersion().Split('+')[0],
            };
            return Execute(request, env, retry, console, ct);
        });
        return command;
    }

    public static async Task<int> Execute(PublishRequest request, GitHubEnvironment environment, RetryPolicy retry, ToolConsole console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(console);
        string Safe(string text) => Redact(text, environment.Token);
        try
        {
            var result = await PublishRun.RunAsync(request, environment, retry, line => console.Info(Safe(line)), ct).ConfigureAwait(false);
            foreach (var note in result.Notes)
            {
                if (result.Action == PublishAction.Printed && note == result.Notes[^1]) console.Out.WriteLine(Safe(note));
                else console.Info(Safe(note));
            }
            return ExitCodes.Ok;
        }
        catch (Octokit.ApiException e)
        {
            throw new UserError(Safe($"GitHub refused or failed ({(int)e.StatusCode}): {e.Message}"), ExitCodes.Error);
        }
        catch (HttpRequestException e)
        {
            throw new UserError(Safe($"cannot reach {environment.ApiUrl}: {e.Message}"), ExitCodes.Error);
        }
    }

    /// <summary>The token never appears in what we print, whatever a library put into a message.</summary>
    internal static string Redact(string text, string? token) =>
        string.IsNullOrEmpty(token) || token.Length < 4 ? text : text.Replace(token, "***", StringComparison.Ordinal);
}
