using System.Globalization;
using System.Security.Cryptography;
using System.Text.Unicode;

namespace Obliviate.Engine.Data;

/// <summary>
/// The steps behind <see cref="TextDataset.Load"/>: read the bytes once (capped), hash them, decode strict UTF-8, parse the
/// layout, resolve columns, extract rows and map labels. Every defect fails closed with the file, the line and the problem.
/// </summary>
internal static class DatasetLoader
{
    /// <summary>One data row before label mapping.</summary>
    private sealed record RawExample(string Text, string? Pair, string Label, int Line);

    public static TextDataset Load(string path, DatasetOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (options.LabelMap is not null && options.LabelNames is not null)
            throw new ArgumentException("give either a saved label map or an explicit label order, not both.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxFileBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxFieldChars);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxRows, int.MaxValue - 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxFileBytes, (long)Array.MaxLength - 1);

        if (options.Format == DatasetFormat.PlainText)
            throw new ArgumentException("plain text has no labels; a classification dataset needs TSV, CSV or JSONL.", nameof(options));
        var (sha256, format, table) = ReadTable(path, options, withLabel: true);

        var raw = table.Rows.Select(r => new RawExample(r.Text, r.Pair, r.Label, r.Line)).ToList();
        if (raw.Count == 0) throw new DatasetFormatException(path, null, "no data rows: the file is empty or holds only a header.");

        var labels = BuildLabelMap(raw, path, options);
        var rows = new List<TextExample>(raw.Count);
        foreach (var r in raw)
        {
            if (!labels.TryGetId(r.Label, out var id))
            {
                var source = options.LabelMap is not null ? "the training label map" : "the given label order";
                var near = labels.Names.Concat(labels.Aliases.Keys)
                    .FirstOrDefault(n => string.Equals(n.Trim(), r.Label.Trim(), StringComparison.OrdinalIgnoreCase));
                var hint = near is not null
                    ? $" It differs from '{near}' only in case or spaces: write it as '{near}', or train with --label-map naming both spellings."
                    : " A class the training data does not have cannot be evaluated; check the label column, or train with --label-map to merge spellings.";
                throw new DatasetFormatException(path, r.Line,
                    $"label '{r.Label}' is not in {source} [{string.Join(", ", labels.Names)}].{hint}");
            }
            rows.Add(new TextExample(r.Text, r.Pair, id, r.Line));
        }

        var dataset = new TextDataset
        {
            Path = path,
            Sha256 = sha256,
            Format = format,
            HasHeader = table.HasHeader,
            TextColumn = table.TextColumn,
            TextPairColumn = table.PairColumn,
            LabelColumn = table.LabelColumn,
            Labels = labels,
            Rows = rows,
            TotalRows = rows.Count,
            Role = options.Role,
        };
        if (options.Role == DatasetRole.Train && options.LabelMap is { } given)
        {
            // A class the user declared that no training row carries: the class count does not match the data.
            var empty = given.Names.Where((_, i) => rows.All(r => r.Label != i)).ToList();
            if (empty.Count > 0)
            {
                throw new DatasetFormatException(path, null,
                    $"the label map declares {given.Count} classes but no training row is labelled {string.Join(", ", empty.Select(n => $"'{n}'"))} " +
                    $"(labels seen: {string.Join(", ", raw.Select(r => r.Label).Distinct(StringComparer.Ordinal).Take(12).Select(l => $"'{l}'"))}). Fix --label-map or the label column.");
            }
        }
        return options.Role == DatasetRole.Train ? dataset.EnsureTrainable() : dataset;
    }

    /// <summary>The text column of a labelled or unlabelled table (an attack corpus): no label is read or required.</summary>
    public static (string Sha256, DatasetFormat Format, ResolvedTable Table) LoadTexts(string path, DatasetOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var result = ReadTable(path, options, withLabel: false);
        if (result.Table.Rows.Count == 0) throw new DatasetFormatException(path, null, "no data rows: the file is empty or holds only a header.");
        return result;
    }

    private static (string Sha256, DatasetFormat Format, ResolvedTable Table) ReadTable(string path, DatasetOptions options, bool withLabel)
    {
        var bytes = ReadCapped(path, options.MaxFileBytes);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var text = Decode(bytes, path);
        var format = options.Format ?? InferFormat(path, text);
        if (format == DatasetFormat.PlainText) return (sha256, format, PlainLines(text, path, options));
        var table = format == DatasetFormat.Jsonl
            ? ColumnResolver.FromJsonl(JsonlParser.Parse(text, path, options.MaxFieldChars, options.MaxRows), path, options, withLabel)
            : ColumnResolver.FromDelimited(
                DelimitedParser.Parse(text, format == DatasetFormat.Tsv ? '\t' : ',', path, options.MaxFieldChars, options.MaxRows + 1),
                path, options, withLabel);
        return (sha256, format, table);
    }

    /// <summary>
    /// One text per line; blank lines and wikitext section headings (<c>= Title =</c>) are dropped, as the attack recipes
    /// drop them from their corpora (docs/method.md §7).
    /// </summary>
    private static ResolvedTable PlainLines(string text, string path, DatasetOptions options)
    {
        var rows = new List<ResolvedRow>();
        var line = 0;
        foreach (var raw in text.EnumerateLines())
        {
            line++;
            var trimmed = raw.Trim();
            if (trimmed.IsEmpty || (trimmed.StartsWith('=') && trimmed.EndsWith('='))) continue;
            if (trimmed.Length > options.MaxFieldChars)
                throw new DatasetFormatException(path, line, $"the line has {trimmed.Length} characters, more than the {options.MaxFieldChars} allowed.");
            if (rows.Count == options.MaxRows)
                throw new DatasetFormatException(path, line, $"more than {options.MaxRows} lines; pass a smaller file or --max-lines.");
            rows.Add(new ResolvedRow(trimmed.ToString(), null, "", line));
        }
        return new ResolvedTable(false, "line", null, "", rows);
    }

    private static LabelMap BuildLabelMap(List<RawExample> raw, string path, DatasetOptions options)
    {
        if (options.LabelMap is { } saved) return saved;
        if (options.LabelNames is { } names) return new LabelMap([.. names.Select(n => n.Trim())], LabelOrder.Given);
        try
        {
            return LabelMap.FromObserved(raw.Select(r => r.Label));
        }
        catch (ArgumentException e)
        {
            throw new DatasetFormatException(path, null, e.Message);
        }
    }

    private static byte[] ReadCapped(string path, long maxBytes)
    {
        if (Directory.Exists(path)) throw new DatasetFormatException(path, null, "is a directory, not a dataset file.");
        var info = new FileInfo(path);
        if (!info.Exists) throw new DatasetFormatException(path, null, "file not found.");
        if (info.Length > maxBytes)
            throw new DatasetFormatException(path, null, $"{info.Length} bytes exceeds the {maxBytes}-byte limit for a dataset file.");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            // Read at most maxBytes + 1 so a file that grows after the size check still cannot exceed the cap.
            var buffer = new byte[(int)Math.Min(info.Length, maxBytes) + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0) total += read;
            if (total > maxBytes) throw new DatasetFormatException(path, null, $"exceeds the {maxBytes}-byte limit for a dataset file.");
            return buffer.AsSpan(0, total).ToArray();
        }
        catch (IOException e)
        {
            throw new DatasetFormatException(path, null, $"cannot be read: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DatasetFormatException(path, null, $"cannot be read: {e.Message}");
        }
    }

    /// <summary>Strict UTF-8 (a BOM is dropped): invalid bytes or NUL characters are reported with their line, never replaced.</summary>
    private static string Decode(byte[] bytes, string path)
    {
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        var chars = new char[span.Length];
        var status = Utf8.ToUtf16(span, chars, out var bytesRead, out var charsWritten, replaceInvalidSequences: false);
        if (status != System.Buffers.OperationStatus.Done)
        {
            throw new DatasetFormatException(path, LineAt(span, bytesRead),
                $"not valid UTF-8 at byte {bytesRead + (bytes.Length - span.Length)}; save the file as UTF-8.");
        }
        var nul = span.IndexOf((byte)0);
        if (nul >= 0) throw new DatasetFormatException(path, LineAt(span, nul), "contains a NUL byte; this is not a text file.");
        return new string(chars, 0, charsWritten);
    }

    private static int LineAt(ReadOnlySpan<byte> span, int offset) => span[..offset].Count((byte)'\n') + 1;

    private static DatasetFormat InferFormat(string path, string text)
    {
        switch (System.IO.Path.GetExtension(path).ToLowerInvariant())
        {
            case ".tsv" or ".tab" or ".txt": return DatasetFormat.Tsv;
            case ".csv": return DatasetFormat.Csv;
            case ".jsonl" or ".ndjson" or ".json": return DatasetFormat.Jsonl;
        }
        var first = text.AsSpan().TrimStart();
        if (first.StartsWith("{")) return DatasetFormat.Jsonl;
        var lineEnd = first.IndexOfAny('\r', '\n');
        var firstLine = lineEnd < 0 ? first : first[..lineEnd];
        return firstLine.Contains('\t') ? DatasetFormat.Tsv : DatasetFormat.Csv;
    }

    internal static string Describe(int index) => "#" + index.ToString(CultureInfo.InvariantCulture);

    internal static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
