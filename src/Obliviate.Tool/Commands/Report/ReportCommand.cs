using System.CommandLine;
using Obliviate.Engine.Runs;
using Obliviate.Formats.IO;
using Obliviate.Reports.Check;
using Obliviate.Reports.Json;
using Obliviate.Reports.Model;
using Obliviate.Reports.Rendering;

namespace Obliviate.Tool.Commands.Report;

/// <summary><c>report merge &lt;report.json&gt;…</c>: several check reports (one per model, e.g. from matrix jobs) as one summary.</summary>
public static class ReportCommand
{
    public static Command Create(ToolConsole console)
    {
        var reports = new Argument<string[]>("reports") { Description = "Check reports (report.json) to merge.", HelpName = "report.json", Arity = ArgumentArity.OneOrMore };
        var format = CommonOptions.Format(ReportRenderers.CheckSummary.Formats);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "A folder to write summary.md and summary.json into (atomically) instead of printing.",
            HelpName = "dir",
        };
        var merge = new Command("merge",
            "Merge check reports into one summary: one row per model and the worst verdict.\n\n" +
            "Example:\n  dotnet obliviate report merge reports/*/report.json -o summary\n\n" +
            "Exit codes: 0 written, 2 a report is unreadable, 4 usage.")
        {
            reports, format, output,
        };
        merge.SetAction(parse => Execute(parse.GetValue(reports)!, parse.GetValue(format), parse.GetValue(output), console));
        return new Command("report", "Work with report files.\n\nExample:\n  dotnet obliviate report merge a/report.json b/report.json") { merge };
    }

    public static int Execute(IReadOnlyList<string> paths, string? format, string? output, ToolConsole console)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(console);
        var summary = CheckSummaryReport.Merge(paths.Select(p => (ReportFiles.Load<CheckReport>(p), p)));
        if (output is null)
        {
            ReportRenderers.CheckSummary.Write(summary, format ?? "markdown", console.Out);
            return ExitCodes.Ok;
        }
        Directory.CreateDirectory(output);
        AtomicFile.WriteText(Path.Combine(output, "summary.md"), w => ReportRenderers.CheckSummary.Write(summary, "markdown", w));
        AtomicFile.WriteText(Path.Combine(output, "summary.json"), w => ReportJson.Write(summary, w));
        console.Info($"{summary.Verdict.Word()}: {summary.Models.Count} reports merged into {Path.Combine(output, "summary.md")} and summary.json");
        return ExitCodes.Ok;
    }
}
