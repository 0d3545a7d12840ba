using System.Collections.Immutable;
using System.Globalization;

namespace Obliviate.Engine.Data;

/// <summary>
/// Decides whether the first row is a header, resolves the text, pair and label columns (by name, by index or by the
/// documented defaults) and extracts each row's cells, rejecting ragged rows, empty texts and empty labels with their line.
/// </summary>
internal static class ColumnResolver
{
    /// <param name="withLabel">False for unlabelled text (an attack corpus): no label column is resolved or read.</param>
    public static ResolvedTable FromDelimited(List<RawRecord> records, string path, DatasetOptions options, bool withLabel = true)
    {
        if (records.Count == 0) throw new DatasetFormatException(path, null, "no data rows: the file is empty.");
        var hasHeader = options.HasHeader ?? DetectHeader(records, options);
        var header = hasHeader ? records[0].Fields.Select(f => f.Trim()).ToList() : null;
        var width = records[0].Fields.Count;
        var data = hasHeader ? records.Skip(1) : records;

        var textIndex = Resolve(options.TextColumn, header, width, "text", DatasetDefaults.TextColumnNames, path,
                            headerlessDefault: 0)
                        ?? throw new DatasetFormatException(path, 1,
                            $"no text column: none of {DatasetLoader.Quote(DatasetDefaults.TextColumnNames)} is in the header [{string.Join(", ", header!)}]; pass --text-column.");
        var labelIndex = !withLabel ? -1 : Resolve(options.LabelColumn, header, width, "label", DatasetDefaults.LabelColumnNames, path,
                             headerlessDefault: width >= 2 ? width - 1 : null)
                         ?? throw new DatasetFormatException(path, 1, header is null
                             ? $"only {width} column(s) and no label column; pass --label-column."
                             : $"no label column: none of {DatasetLoader.Quote(DatasetDefaults.LabelColumnNames)} is in the header [{string.Join(", ", header)}]; pass --label-column.");
        int? pairIndex = null;
        if (options.TextPairColumn is not null)
        {
            pairIndex = Resolve(options.TextPairColumn, header, width, "text pair", [], path, headerlessDefault: null);
        }
        else if (header is not null && options.TextColumn is null
                 && DatasetDefaults.PairPartners.TryGetValue(header[textIndex], out var partner))
        {
            var found = header.FindIndex(h => string.Equals(h, partner, StringComparison.OrdinalIgnoreCase));
            pairIndex = found >= 0 ? found : null;
        }
        if (withLabel) CheckDistinct(path, textIndex, pairIndex, labelIndex, i => Name(header, i));

        var rows = new List<ResolvedRow>(records.Count);
        foreach (var record in data)
        {
            if (record.Fields.Count != width)
            {
                throw new DatasetFormatException(path, record.Line,
                    $"expected {width} fields (as in {(hasHeader ? "the header" : "the first row")}), found {record.Fields.Count}; a stray delimiter or an unquoted field?");
            }
            rows.Add(Extract(path, record.Line,
                record.Fields[textIndex], pairIndex is { } p ? record.Fields[p] : null, withLabel ? record.Fields[labelIndex] : null,
                Name(header, textIndex), pairIndex is { } q ? Name(header, q) : null, withLabel ? Name(header, labelIndex) : ""));
        }
        return new ResolvedTable(hasHeader, Name(header, textIndex), pairIndex is { } pi ? Name(header, pi) : null,
            withLabel ? Name(header, labelIndex) : "", rows);
    }

    public static ResolvedTable FromJsonl(List<JsonRecord> records, string path, DatasetOptions options, bool withLabel = true)
    {
        if (records.Count == 0) throw new DatasetFormatException(path, null, "no data rows: the file is empty.");
        var keys = records[0].Values.Keys.ToList();
        var first = records[0].Line;
        string ResolveKey(ColumnRef? given, ImmutableArray<string> defaults, string role)
        {
            if (given is { Index: not null })
                throw new DatasetFormatException(path, null, $"JSONL rows are objects: choose the {role} column by name, not by index.");
            if (given?.Name is { } name) return name;
            return defaults.FirstOrDefault(d => keys.Contains(d, StringComparer.OrdinalIgnoreCase))
                   ?? throw new DatasetFormatException(path, first,
                       $"no {role} field: none of {DatasetLoader.Quote(defaults)} is among [{string.Join(", ", keys)}]; pass --{role.Replace(' ', '-')}-column.");
        }
        var textKey = ResolveKey(options.TextColumn, DatasetDefaults.TextColumnNames, "text");
        var labelKey = withLabel ? ResolveKey(options.LabelColumn, DatasetDefaults.LabelColumnNames, "label") : null;
        string? pairKey = null;
        if (options.TextPairColumn is not null) pairKey = ResolveKey(options.TextPairColumn, [], "text pair");
        else if (options.TextColumn is null && DatasetDefaults.PairPartners.TryGetValue(textKey, out var partner)
                 && keys.Contains(partner, StringComparer.OrdinalIgnoreCase)) pairKey = partner;
        var chosen = new[] { textKey, pairKey, labelKey }.OfType<string>().ToList();
        if (chosen.Distinct(StringComparer.OrdinalIgnoreCase).Count() != chosen.Count)
            throw new DatasetFormatException(path, null, $"the text, pair and label columns must differ (got {DatasetLoader.Quote(chosen)}).");

        var rows = new List<ResolvedRow>(records.Count);
        foreach (var record in records)
        {
            string Cell(string key, string role)
            {
                if (!record.Values.TryGetValue(key, out var scalar))
                    throw new DatasetFormatException(path, record.Line, $"missing the {role} field '{key}'.");
                return scalar.Text ?? throw new DatasetFormatException(path, record.Line,
                    $"the {role} field '{key}' is {scalar.Kind.ToString().ToLowerInvariant()}, not a string or number.");
            }
            rows.Add(Extract(path, record.Line, Cell(textKey, "text"), pairKey is null ? null : Cell(pairKey, "text pair"),
                labelKey is null ? null : Cell(labelKey, "label"), textKey, pairKey, labelKey ?? ""));
        }
        return new ResolvedTable(false, textKey, pairKey, labelKey ?? "", rows);
    }

    private static ResolvedRow Extract(string path, int line, string text, string? pair, string? label,
        string textName, string? pairName, string labelName)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DatasetFormatException(path, line, $"the text column {textName} is empty.");
        if (pair is not null && string.IsNullOrWhiteSpace(pair))
            throw new DatasetFormatException(path, line, $"the text pair column {pairName} is empty.");
        if (label is null) return new ResolvedRow(text, pair, "", line);
        var trimmed = label.Trim();
        if (trimmed.Length == 0) throw new DatasetFormatException(path, line, $"the label column {labelName} is empty.");
        return new ResolvedRow(text, pair, trimmed, line);
    }

    /// <summary>
    /// Without an explicit answer the first row is a header when a column is chosen by name, when it holds a known column
    /// name, or when its label cell is not a number while the next row's is (the usual "sentence, label" / text, 0 shape).
    /// </summary>
    private static bool DetectHeader(List<RawRecord> records, DatasetOptions options)
    {
        if (new[] { options.TextColumn, options.TextPairColumn, options.LabelColumn }.Any(c => c?.Name is not null)) return true;
        var first = records[0].Fields.Select(f => f.Trim()).ToList();
        var known = DatasetDefaults.TextColumnNames.Concat(DatasetDefaults.LabelColumnNames).Concat(DatasetDefaults.PairPartners.Values);
        if (first.Any(f => known.Contains(f, StringComparer.OrdinalIgnoreCase))) return true;
        if (records.Count < 2) return false;
        var labelIndex = options.LabelColumn?.Index ?? first.Count - 1;
        return labelIndex < first.Count && labelIndex < records[1].Fields.Count
               && !IsNumber(first[labelIndex]) && IsNumber(records[1].Fields[labelIndex]);
    }

    private static bool IsNumber(string s) =>
        double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v);

    private static int? Resolve(ColumnRef? given, List<string>? header, int width, string role,
        ImmutableArray<string> defaults, string path, int? headerlessDefault)
    {
        if (given is { Index: { } index })
        {
            if (index >= width)
                throw new DatasetFormatException(path, 1, $"the {role} column #{index} is out of range: rows have {width} column(s) (indices are 0-based).");
            return index;
        }
        if (given?.Name is { } name)
        {
            if (header is null) throw new DatasetFormatException(path, null, $"the {role} column is named '{name}' but the file has no header; use a 0-based index.");
            var found = header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            return found >= 0 ? found : throw new DatasetFormatException(path, 1,
                $"the {role} column '{name}' is not in the header [{string.Join(", ", header)}].");
        }
        if (header is null) return headerlessDefault;
        foreach (var candidate in defaults)
        {
            var found = header.FindIndex(h => string.Equals(h, candidate, StringComparison.OrdinalIgnoreCase));
            if (found >= 0) return found;
        }
        return null;
    }

    private static void CheckDistinct(string path, int text, int? pair, int label, Func<int, string> name)
    {
        if (text == label || pair == text || pair == label)
        {
            var chosen = new[] { text, pair, label }.OfType<int>().Select(name);
            throw new DatasetFormatException(path, null, $"the text, pair and label columns must differ (got {string.Join(", ", chosen)}).");
        }
    }

    private static string Name(List<string>? header, int index) =>
        header is not null && header[index].Length > 0 ? header[index] : DatasetLoader.Describe(index);
}
