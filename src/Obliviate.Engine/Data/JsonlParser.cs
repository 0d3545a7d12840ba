using System.Text.Json;

namespace Obliviate.Engine.Data;

/// <summary>One JSONL row: property name → scalar value as text (null for JSON null or a non-scalar), plus its line.</summary>
internal sealed record JsonRecord(IReadOnlyDictionary<string, JsonScalar> Values, int Line);

/// <summary>A scalar JSON value rendered as text, or why it cannot be one.</summary>
internal readonly record struct JsonScalar(string? Text, JsonValueKind Kind);

/// <summary>
/// Reads JSON Lines: one object per physical line, blank lines skipped. Numbers keep their literal text (so a label 1 is the
/// name "1", the same as in a TSV). Nesting is capped so a hostile file cannot exhaust the stack.
/// </summary>
internal static class JsonlParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16, AllowTrailingCommas = false };

    public static List<JsonRecord> Parse(string text, string path, int maxFieldChars, int maxRecords)
    {
        var records = new List<JsonRecord>();
        var lineNumber = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            lineNumber++;
            var lineText = text.AsSpan(start, end - start).TrimEnd('\r');
            start = end + 1;
            if (lineText.IsWhiteSpace()) continue;
            if (lineText.Length > maxFieldChars * 4L)
                throw new DatasetFormatException(path, lineNumber, $"the line is longer than {maxFieldChars * 4L} characters.");
            if (records.Count >= maxRecords)
                throw new DatasetFormatException(path, lineNumber, $"more than {maxRecords} rows; the file is too large to load.");
            records.Add(ParseLine(lineText.ToString(), path, lineNumber, maxFieldChars));
        }
        return records;
    }

    private static JsonRecord ParseLine(string lineText, string path, int lineNumber, int maxFieldChars)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(lineText, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new DatasetFormatException(path, lineNumber, $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new DatasetFormatException(path, lineNumber, $"each JSONL line must be a JSON object, found {document.RootElement.ValueKind}.");
            var values = new Dictionary<string, JsonScalar>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var element = property.Value;
                var scalar = element.ValueKind switch
                {
                    JsonValueKind.String => new JsonScalar(element.GetString(), element.ValueKind),
                    JsonValueKind.Number => new JsonScalar(element.GetRawText(), element.ValueKind),
                    JsonValueKind.True => new JsonScalar("true", element.ValueKind),
                    JsonValueKind.False => new JsonScalar("false", element.ValueKind),
                    _ => new JsonScalar(null, element.ValueKind),
                };
                if (scalar.Text is { Length: var length } && length > maxFieldChars)
                    throw new DatasetFormatException(path, lineNumber, $"field '{property.Name}' is longer than {maxFieldChars} characters.");
                // Duplicate keys: JSON leaves them undefined; refuse rather than silently pick one.
                if (!values.TryAdd(property.Name, scalar))
                    throw new DatasetFormatException(path, lineNumber, $"property '{property.Name}' appears twice.");
            }
            return new JsonRecord(values, lineNumber);
        }
    }
}
