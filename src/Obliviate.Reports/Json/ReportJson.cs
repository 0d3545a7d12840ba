using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Json;

/// <summary>
/// The one JSON shape of every report and result file the tool writes (scan, inspection, eval_results.json,
/// backdoor.json, probe, check): snake_case keys, enums as lower-case words, <c>schema_version</c> and <c>kind</c> first,
/// null members omitted unless a record marks them as always written (a metric that could not be measured is an explicit
/// null, never a missing key and never a made-up number).
/// </summary>
public static class ReportJson
{
    /// <summary>Frozen with MakeReadOnly, so sharing it is not shared mutable state; building options per call would
    /// rebuild the serializer's metadata cache every time.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            WriteIndented = true,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Reports are not embedded in HTML by this serializer, so HTML-sensitive characters need no escaping;
            // control characters still are, and invisible ones are escaped after serialization.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
            MaxDepth = 32,
            AllowTrailingCommas = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>The report as one indented JSON document (no trailing newline).</summary>
    public static string Serialize<T>(T report) where T : Report =>
        EscapeInvisible(JsonSerializer.Serialize(report, Options));

    public static void Write<T>(T report, TextWriter writer) where T : Report
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Serialize(report));
        writer.WriteLine();
    }

    /// <summary>Parses a report of kind <typeparamref name="T"/>; <see cref="InvalidDataException"/> names the defect.</summary>
    /// <param name="source">The file or stream the text came from, for messages.</param>
    public static T Read<T>(string json, string source) where T : Report
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var report = JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"{source}: empty report.");
            if (KindOf(json) is { } kind && kind != report.Kind)
                throw new InvalidDataException($"{source}: a '{kind}' report, expected '{report.Kind}'.");
            if (report.SchemaVersion > Report.CurrentSchemaVersion)
            {
                throw new InvalidDataException(
                    $"{source}: schema version {report.SchemaVersion} is newer than this tool reads ({Report.CurrentSchemaVersion}); update the tool.");
            }
            return report;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a {typeof(T).Name} ({e.Message}).", e);
        }
    }

    /// <summary>The <c>kind</c> of a report document, or null when it names none.</summary>
    public static string? KindOf(string json)
    {
        try
        {
            return JsonNode.Parse(json)?["kind"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Escapes control and invisible format characters that survived serialization, so a report quoting hostile bytes
    /// (file names, evidence) cannot reorder or hide text in a viewer.
    /// </summary>
    private static string EscapeInvisible(string json) => Rendering.ReportText.EscapeInvisibleInJson(json);
}
