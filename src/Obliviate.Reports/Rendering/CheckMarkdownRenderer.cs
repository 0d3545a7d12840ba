using System.Globalization;
using Obliviate.Reports.Check;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// A <c>check</c> report as GitHub-flavoured Markdown for a pull-request comment or a job summary: a hidden marker (how
/// <c>publish</c> finds its own comment again), the verdict line, one table of the steps, then a short section per part.
/// Long lists fold into <c>&lt;details&gt;</c>; when the page would pass <see cref="CheckMarkdownOptions.MaxLength"/> (GitHub's
/// comment limit) lists are shortened, then the page is cut, and it says where the full report is. Untrusted text (file
/// names, evidence, candidates, trigger words) is escaped and clipped.
/// </summary>
public static class CheckMarkdownRenderer
{
    /// <summary>The first line of every check comment; <c>publish</c> updates only comments that start with it.</summary>
    public const string Marker = "<!-- obliviate:check -->";

    private const int MaxCell = 160;
    private static readonly int[] ShorterLists = [20, 5, 0];

    public static void Write(CheckReport report, TextWriter writer) => Write(report, writer, CheckMarkdownOptions.Default);

    public static void Write(CheckReport report, TextWriter writer, CheckMarkdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(options);
        var text = Render(report, options, options.MaxRows);
        foreach (var rows in ShorterLists.Where(r => r < options.MaxRows))
        {
            if (text.Length <= options.MaxLength) break;
            text = Render(report, options, rows);
        }
        writer.Write(MarkdownCut.Cut(text, options.MaxLength, LeftOutNote(options)));
    }

    /// <summary>The verdict with a sign a reader sees at a glance.</summary>
    public static string Headline(Verdict verdict) => verdict switch
    {
        Verdict.Clean => "✅ clean",
        Verdict.Suspicious => "⚠️ suspicious",
        Verdict.Inconclusive => "❔ inconclusive",
        Verdict.Dangerous => "⛔ dangerous",
        _ => "⏭️ " + verdict.Word(),
    };

    /// <summary>Where the full report is, for every page that leaves something out.</summary>
    internal static string LeftOutNote(CheckMarkdownOptions options) =>
        SafeUrl(options.FullReportUrl) is { } url
            ? $"*Shortened to fit a pull-request comment: the full report (report.html, report.json, report.sarif) is in [the workflow run's artifacts](<{url}>).*"
            : "*Shortened to fit a pull-request comment: the full report is report.html and report.json in the check's output folder.*";

    /// <summary>An absolute http(s) address in a form that cannot end a Markdown link early, or null.</summary>
    internal static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;

    private static string Render(CheckReport report, CheckMarkdownOptions options, int rows)
    {
        var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var page = new MarkdownPage(sw, rows, MaxCell);
        sw.WriteLine(Marker);
        sw.WriteLine($"## {Headline(report.Verdict)}: Obliviate check of {MarkdownReportRenderer.Cell(report.Target, MaxCell)}");
        sw.WriteLine();
        sw.WriteLine(VerdictSentence(report));
        sw.WriteLine();
        sw.WriteLine("| step | status | result |");
        sw.WriteLine("|---|---|---|");
        foreach (var step in report.Steps)
            sw.WriteLine($"| {step.Name} | {Status(step.Status)} | {StepResult(report, step)} |");
        sw.WriteLine();
        CheckMarkdownSections.Scan(report, page);
        CheckMarkdownSections.Probe(report, page, options.Mermaid);
        CheckMarkdownSections.Defense(report, page, options.Mermaid);
        if (page.LeftOut) sw.WriteLine(LeftOutNote(options) + "\n");
        if (report.Run is { } run)
        {
            sw.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"<sub>obliviate {MarkdownReportRenderer.Cell(run.ToolVersion, 60)} · {run.Seconds:0.#} s · formats: report.md, report.html, report.json, report.sarif</sub>"));
        }
        return sw.ToString();
    }

    private static string VerdictSentence(CheckReport report)
    {
        var why = report.Verdict switch
        {
            Verdict.Dangerous => "do not load or deploy this model as it is.",
            Verdict.Suspicious => "review the findings below before trusting this model.",
            Verdict.Inconclusive => "a check could not finish, so nothing vouches for this model yet (see the failed steps).",
            Verdict.Clean => "no check found a problem.",
            _ => "nothing was checked.",
        };
        return $"**Verdict: {report.Verdict.Word()}**: {why} Checks asked for: {string.Join(", ", report.Checks)}.";
    }

    private static string Status(CheckStepStatus status) => status switch
    {
        CheckStepStatus.Completed => "completed",
        CheckStepStatus.Failed => "❌ failed",
        _ => "skipped",
    };

    private static string StepResult(CheckReport report, CheckStep step)
    {
        if (step.Status != CheckStepStatus.Completed) return MarkdownReportRenderer.Cell(step.Message, 300);
        switch (step.Name)
        {
            case CheckStepNames.Scan when report.Scan is { } scan:
                return $"{scan.Verdict.Word()}: {scan.Files.Count} files ({ReportText.VerdictCounts(scan.Files)}); {ReportText.FindingCounts(scan.Files)}";
            case CheckStepNames.Probe when report.Probe is { } probe:
                return CheckMarkdownSections.ProbeSummary(probe);
            case CheckStepNames.Baseline when report.Defense?.Baseline is { } before:
                return CheckMarkdownSections.MetricsSummary(before);
            case CheckStepNames.Defend when report.Defense?.Defended is { } after:
                return CheckMarkdownSections.MetricsSummary(after);
            case CheckStepNames.ProbeAdapter when report.Defense?.ProbeWithAdapter is { } withAdapter:
                return CheckMarkdownSections.ProbeSummary(withAdapter) + " with the defended adapter";
            default:
                return "completed";
        }
    }
}
