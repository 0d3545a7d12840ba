using Obliviate.Reports.Html;
using Obliviate.Formats.IO;
using Obliviate.Reports.Check;
using Obliviate.Reports.Rendering;

namespace Obliviate.Tool.Pipeline;

/// <summary>
/// Writes a check report in every format into the output folder (each file atomically) and, in a GitHub Actions job, appends
/// the Markdown to the job summary (<c>$GITHUB_STEP_SUMMARY</c>).
/// </summary>
public static class CheckOutput
{
    /// <summary>The files written, by format.</summary>
    public static IReadOnlyDictionary<string, string> FileNames { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["markdown"] = "report.md",
        ["html"] = "report.html",
        ["json"] = "report.json",
        ["sarif"] = "report.sarif",
    };

    public static void Write(CheckReport report, string directory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(environment);
        var markdown = MarkdownOptions(environment);
        try
        {
            foreach (var (format, name) in FileNames)
            {
                var path = Path.Combine(directory, name);
                if (format == "markdown") AtomicFile.WriteText(path, w => CheckMarkdownRenderer.Write(report, w, markdown));
                else AtomicFile.WriteText(path, w => HtmlRenderers.Check.Write(report, format, w));
            }
            if (environment("GITHUB_STEP_SUMMARY") is { Length: > 0 } summary)
                File.AppendAllText(summary, File.ReadAllText(Path.Combine(directory, FileNames["markdown"])) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write the check report: {e.Message}. Choose a writable output folder.", ExitCodes.Error);
        }
    }

    /// <summary>The comment-sized Markdown, pointing at the workflow run (where the artifacts are) inside GitHub Actions.</summary>
    public static CheckMarkdownOptions MarkdownOptions(Func<string, string?> environment) =>
        CheckMarkdownOptions.Default with { FullReportUrl = GitHub.GitHubEnvironment.From(environment).RunUrl };
}
