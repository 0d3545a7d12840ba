using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// The machine-readable report: the <see cref="ScanReport"/> record as camelCase JSON, enums as lower-case words,
/// null members omitted. <see cref="Read"/> parses it back (e.g. for a later <c>publish</c> step that must not rescan).
/// </summary>
public static class JsonReportRenderer
{
    /// <summary>Frozen with MakeReadOnly, so sharing it is not shared mutable state; building options per call would
    /// rebuild the serializer's metadata cache every time.</summary>
    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // The report is not embedded in HTML, so HTML-sensitive characters need no escaping; control characters still are.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
            MaxDepth = 16,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }

    public static void Write(ScanReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ReportText.EscapeInvisibleInJson(JsonSerializer.Serialize(report, Options)));
        writer.WriteLine();
    }

    /// <summary>Parses a report written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> naming the defect.</summary>
    public static ScanReport Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<ScanReport>(json, Options)
                   ?? throw new InvalidDataException("scan report JSON is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not a scan report: {e.Message}", e);
        }
    }
}
