using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obliviate.Tool;

/// <summary>JSON settings for machine-readable command output: camelCase, indented, enums as strings.</summary>
internal static class ToolJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
