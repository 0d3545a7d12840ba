using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Obliviate.Reports.Attack;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Inspection;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Json;

/// <summary>
/// The JSON Schema of every kind of report, exported from the records themselves with the options
/// <see cref="ReportJson"/> writes with, so the schema cannot drift from the output. The committed copies under
/// docs/schemas/ are checked against these by a test.
/// </summary>
public static class ReportSchemas
{
    /// <summary>Report kind → record type.</summary>
    public static IReadOnlyDictionary<string, Type> Types { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["scan"] = typeof(ScanReport),
        ["inspection"] = typeof(InspectionReport),
        ["evaluation"] = typeof(EvaluationReport),
        ["attack"] = typeof(AttackReport),
        ["probe"] = typeof(Probe.ProbeReport),
        ["check"] = typeof(Check.CheckReport),
        ["check-summary"] = typeof(Check.CheckSummaryReport),
    };

    /// <summary>The draft 2020-12 schema of <paramref name="kind"/>'s reports.</summary>
    public static JsonNode Schema(string kind)
    {
        var type = Types[kind];
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(ReportJson.Options, type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
        });
        if (schema is JsonObject o)
        {
            o.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
            o.Insert(1, "$id", $"https://obliviate.dev/schemas/{kind}-v{Report.CurrentSchemaVersion}.schema.json");
            o.Insert(2, "title", $"Obliviate {kind} report, schema version {Report.CurrentSchemaVersion}");
            // Both are always written, and kind names exactly this report.
            if (o["properties"] is JsonObject properties) properties["kind"] = new JsonObject { ["const"] = kind };
            var required = o["required"] as JsonArray ?? [];
            foreach (var name in new[] { "kind", "schema_version" })
            {
                if (!required.Any(n => n?.GetValue<string>() == name)) required.Insert(0, name);
            }
            o["required"] = required;
        }
        return schema;
    }
}
