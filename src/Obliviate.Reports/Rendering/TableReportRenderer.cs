using System.Globalization;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// The default console output: a plain-text table, one row per finding (or per file without findings), then a summary.
/// Plain text rather than a console library so the renderer stays pure and the output is identical in a terminal, a
/// log file and a golden file.
/// </summary>
public static class TableReportRenderer
{
    private static readonly string[] Header = ["FILE", "FORMAT", "VERDICT", "RULE", "SEVERITY", "MESSAGE"];

    public static void Write(ScanReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteLine($"Target:  {ReportText.Visible(report.Target)}");
        writer.WriteLine($"Verdict: {report.Verdict.Word().ToUpperInvariant()}");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Files:   {report.Files.Count} ({ReportText.VerdictCounts(report.Files)}); {ReportText.FindingCounts(report.Files)}"));

        if (report.Files.Count > 0)
        {
            writer.WriteLine();
            WriteTable(BuildRows(report.Files), writer);
        }

        if (report.Run is { } run)
        {
            writer.WriteLine();
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scanned in {run.Seconds:0.00} s by obliviate {ReportText.Visible(run.ToolVersion)}."));
        }
    }

    private static List<string[]> BuildRows(IReadOnlyList<FileResult> files)
    {
        var rows = new List<string[]> { Header };
        foreach (var file in files)
        {
            var path = ReportText.Visible(file.Path);
            var format = ReportText.Visible(file.Format);
            var verdict = file.Verdict.Word();
            if (file.Findings.Count == 0)
            {
                rows.Add([path, format, verdict, "-", "-", ReportText.Visible(file.Note)]);
                continue;
            }
            var first = true;
            foreach (var f in file.Findings)
            {
                var message = ReportText.Visible(f.Message);
                var where = ReportText.Visible(ReportText.Where(f));
                if (where.Length > 0) message += $" [{where}]";
                if (f.Suppression is { } s) message += $" (suppressed: {ReportText.Visible(s.Reason)})";
                // Repeat nothing on continuation rows, so the eye groups the findings of one file.
                rows.Add(first ? [path, format, verdict, f.RuleId, f.Severity.Word(), message]
                               : ["", "", "", f.RuleId, f.Severity.Word(), message]);
                first = false;
            }
            if (!string.IsNullOrEmpty(file.Note)) rows.Add(["", "", "", "-", "-", ReportText.Visible(file.Note)]);
        }
        return rows;
    }

    private static void WriteTable(List<string[]> rows, TextWriter writer)
    {
        var widths = new int[Header.Length];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        }
        foreach (var row in rows)
        {
            var line = new System.Text.StringBuilder();
            for (var c = 0; c < row.Length; c++)
            {
                line.Append(row[c]);
                // The last column is not padded: no trailing blanks.
                if (c < row.Length - 1) line.Append(' ', widths[c] - row[c].Length + 2);
            }
            writer.WriteLine(line.ToString().TrimEnd());
        }
    }
}
