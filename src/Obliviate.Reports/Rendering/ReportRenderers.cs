using Obliviate.Reports.Attack;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Inspection;
using Obliviate.Reports.Json;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// The registry of renderers: for each kind of report, format name → writer. The CLI, <c>check</c> and the MSBuild task
/// all render through it, so a format means the same thing everywhere.
/// </summary>
public static class ReportRenderers
{
    public static RendererSet<ScanReport> Scan { get; } = new(
        ("table", TableReportRenderer.Write),
        ("json", ReportJson.Write),
        ("markdown", MarkdownReportRenderer.Write),
        ("sarif", SarifReportRenderer.Write));

    public static RendererSet<EvaluationReport> Evaluation { get; } = new(
        ("table", EvaluationTextRenderer.Write),
        ("json", ReportJson.Write),
        ("markdown", EvaluationMarkdownRenderer.Write));

    public static RendererSet<AttackReport> Attack { get; } = new(
        ("table", AttackTextRenderer.Write),
        ("json", ReportJson.Write),
        ("markdown", AttackMarkdownRenderer.Write));

    public static RendererSet<InspectionReport> Inspection { get; } = new(
        ("table", InspectionTextRenderer.Write),
        ("json", ReportJson.Write),
        ("markdown", InspectionMarkdownRenderer.Write));

    public static RendererSet<Probe.ProbeReport> Probe { get; } = new(
        ("table", ProbeTextRenderer.Write),
        ("json", ReportJson.Write),
        ("markdown", ProbeMarkdownRenderer.Write));

    public static RendererSet<Check.CheckReport> Check { get; } = new(
        ("table", CheckTextRenderer.Write),
        ("json", ReportJson.Write),
        ("markdown", CheckMarkdownRenderer.Write),
        ("sarif", CheckSarifRenderer.Write));

    public static RendererSet<Check.CheckSummaryReport> CheckSummary { get; } = new(
        ("markdown", CheckSummaryMarkdownRenderer.Write),
        ("json", ReportJson.Write));

    /// <summary>The format a report path's extension implies (.json, .sarif, .md, .html, .txt), or null when it implies none.</summary>
    public static string? FormatForPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => "json",
            ".sarif" => "sarif",
            ".md" or ".markdown" => "markdown",
            ".html" or ".htm" => "html",
            ".txt" or ".text" => "table",
            _ => null,
        };
    }
}
