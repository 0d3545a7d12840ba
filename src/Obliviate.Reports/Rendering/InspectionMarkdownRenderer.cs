using System.Globalization;
using Obliviate.Reports.Inspection;

namespace Obliviate.Reports.Rendering;

/// <summary><c>inspect</c> as GitHub-flavoured Markdown: a summary list and a table of files with their hashes.</summary>
public static class InspectionMarkdownRenderer
{
    public static void Write(InspectionReport report, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(w);
        var inv = CultureInfo.InvariantCulture;
        var c = report.Architecture;
        w.WriteLine($"## Obliviate inspect: {MarkdownReportRenderer.Escape(report.ShortName ?? report.Directory)}");
        w.WriteLine();
        w.WriteLine($"- **Architecture:** {MarkdownReportRenderer.Escape(c.ModelType)}, {c.Layers} layers, hidden {c.HiddenSize}, {c.Heads} heads");
        w.WriteLine(string.Create(inv, $"- **Parameters:** {report.ParameterCount:N0} in {report.TensorCount} tensors"));
        w.WriteLine($"- **Tokenizer:** {InspectionTextRenderer.Describe(report.TokenizerKind)}");
        w.WriteLine();
        w.WriteLine("| File | Size | SHA-256 |");
        w.WriteLine("|---|---:|---|");
        foreach (var f in report.Files)
            w.WriteLine($"| {MarkdownReportRenderer.Escape(f.Path)} | {ReportText.Bytes(f.Size)} | `{f.Sha256}` |");
    }
}
