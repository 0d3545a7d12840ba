using System.Globalization;
using System.Text;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// A Markdown report for pull-request comments and job summaries (GitHub-flavoured pipe tables). Every piece of text
/// that comes from the scanned files is escaped, so a malicious file name or evidence string cannot inject links,
/// HTML or table cells into the page.
/// </summary>
public static class MarkdownReportRenderer
{
    public static void Write(ScanReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);

        writer.WriteLine($"## Obliviate scan: {report.Verdict.Word()}");
        writer.WriteLine();
        writer.WriteLine($"- **Target:** {Escape(report.Target)}");
        writer.WriteLine($"- **Verdict:** {report.Verdict.Word()}");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- **Files:** {report.Files.Count} ({ReportText.VerdictCounts(report.Files)}); {ReportText.FindingCounts(report.Files)}"));
        if (report.Run is { } run)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- **Run:** obliviate {Escape(run.ToolVersion)}, {run.Seconds:0.00} s"));
        }

        var findings = report.Files.SelectMany(file => file.Findings.Select(f => (file, f))).ToList();
        if (findings.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("### Findings");
            writer.WriteLine();
            writer.WriteLine(FindingsHeader);
            foreach (var (file, f) in findings) writer.WriteLine(FindingRow(file, f));
        }

        if (report.Files.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("### Files");
            writer.WriteLine();
            writer.WriteLine(FilesHeader);
            foreach (var file in report.Files) writer.WriteLine(FileRow(file));
        }

        var fired = report.Rules.Where(r => findings.Any(x => x.f.RuleId == r.Id)).ToList();
        if (fired.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("### Rules");
            writer.WriteLine();
            foreach (var rule in fired)
            {
                var advice = string.IsNullOrEmpty(rule.Advice) ? "" : $" *Advice:* {Escape(rule.Advice)}";
                writer.WriteLine($"- **{Escape(rule.Id)}** {Escape(rule.Name)} ({rule.DefaultSeverity.Word()}): " +
                                 $"{Escape(rule.Description)}{advice}");
            }
        }
    }

    /// <summary>The header and delimiter rows of the findings table (one row per finding: <see cref="FindingRow"/>).</summary>
    internal const string FindingsHeader = "| File | Rule | Severity | Message | Evidence | Suppressed |\n|---|---|---|---|---|---|";

    /// <summary>The header and delimiter rows of the files table (one row per file: <see cref="FileRow"/>).</summary>
    internal const string FilesHeader = "| File | Format | Size | Verdict | SHA-256 | Note |\n|---|---|---:|---|---|---|";

    /// <param name="maxCell">Untrusted text longer than this is clipped (with an ellipsis) before escaping.</param>
    internal static string FindingRow(FileResult file, Finding f, int maxCell = int.MaxValue) =>
        $"| {Cell(file.Path, maxCell)} | {Cell(f.RuleId, maxCell)} | {f.Severity.Word()} | {Cell(f.Message, maxCell)} | " +
        $"{Cell(ReportText.Where(f), maxCell)} | {(f.Suppression is { } s ? Cell(s.Reason, maxCell) : "")} |";

    /// <param name="maxCell">Untrusted text longer than this is clipped (with an ellipsis) before escaping.</param>
    internal static string FileRow(FileResult file, int maxCell = int.MaxValue)
    {
        // The short hash is enough to compare by eye; the full hash is in the JSON and SARIF reports.
        var hash = file.Sha256.Length > 12 ? file.Sha256[..12] : file.Sha256;
        return $"| {Cell(file.Path, maxCell)} | {Cell(file.Format, maxCell)} | {ReportText.Bytes(file.Size)} | " +
               $"{file.Verdict.Word()} | {Cell(hash, maxCell)} | {Cell(file.Note, maxCell)} |";
    }

    /// <summary>Untrusted text for a table cell: clipped to <paramref name="max"/> characters, then escaped.</summary>
    internal static string Cell(string? text, int max) => Escape(ReportText.Clip(text, max));

    /// <summary>
    /// Backslash-escapes every ASCII punctuation character CommonMark could read as markup (a backslash before any ASCII
    /// punctuation is a literal in CommonMark), and makes invisible characters visible. Text becomes inert inline
    /// content that also cannot end a table cell.
    /// </summary>
    internal static string Escape(string? text)
    {
        var visible = ReportText.Visible(text);
        var sb = new StringBuilder(visible.Length + 8);
        for (var i = 0; i < visible.Length; i++)
        {
            var c = visible[i];
            // ':' breaks "scheme://" autolinks, '.' after "www" breaks GFM "www." autolinks, '$' breaks GitHub math.
            if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '<' or '>' or '(' or ')' or '#' or '!'
                    or '|' or '~' or '&' or '$' or ':'
                || c == '.' && i >= 3 && visible.AsSpan(i - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
