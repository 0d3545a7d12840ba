using Obliviate.Engine.Data;

namespace Obliviate.Engine.Attacks;

/// <summary>
/// The text an attack trains on, split as docs/method.md §7 splits it: a poisoned half and a clean half, plus a held-out slice the
/// self-check measures on and training never sees.
/// </summary>
/// <remarks>
/// Files: <c>.tsv/.csv/.jsonl/.ndjson/.json</c> are tables (the text column by name or index, else the usual names); anything
/// else is plain text, one text per line, blank lines and wikitext <c>= headings =</c> dropped. <c>--text-column</c> forces a
/// table. The split: the first <c>--max-lines</c> texts (file order), shuffled with the corpus seed; the first
/// <c>held-out</c> are held out, and the rest is cut in two halves, poisoned then clean.
/// </remarks>
public sealed record AttackCorpus
{
    private static readonly string[] TableExtensions = [".tsv", ".tab", ".csv", ".jsonl", ".ndjson", ".json"];

    public required string Path { get; init; }
    public required string Sha256 { get; init; }

    /// <summary>tsv, csv, jsonl or plaintext.</summary>
    public required string Format { get; init; }

    /// <summary>The text column as resolved (<c>line</c> for plain text).</summary>
    public required string TextColumn { get; init; }

    /// <summary>Usable texts in the file before <c>--max-lines</c>.</summary>
    public required int TotalLines { get; init; }

    public required IReadOnlyList<string> Poisoned { get; init; }
    public required IReadOnlyList<string> Clean { get; init; }
    public required IReadOnlyList<string> HeldOut { get; init; }

    /// <exception cref="DatasetFormatException">The file is missing, malformed (naming the line) or too small to split.</exception>
    public static AttackCorpus Load(string path, ColumnRef? textColumn, int maxLines, int heldOut, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heldOut);
        var table = textColumn is not null || TableExtensions.Contains(System.IO.Path.GetExtension(path).ToLowerInvariant());
        var options = new DatasetOptions { Format = table ? null : DatasetFormat.PlainText, TextColumn = textColumn };
        var (sha, format, resolved) = DatasetLoader.LoadTexts(path, options);
        var texts = resolved.Rows.Select(r => r.Text.Trim()).Where(t => t.Length > 0).ToList();
        var total = texts.Count;
        if (texts.Count > maxLines) texts = texts.GetRange(0, maxLines);
        // Two rows per half at least, beside the held-out slice.
        if (texts.Count < heldOut + 4)
        {
            throw new DatasetFormatException(path, null,
                $"{texts.Count} usable texts; the attack needs more than the {heldOut} held out for the self-check plus 4 to train on " +
                "(use a larger corpus, a larger --max-lines or a smaller --held-out).");
        }
        var order = texts.ToArray();
        new Random(seed).Shuffle(order);
        var rest = order.AsSpan(heldOut);
        var half = rest.Length / 2;
        return new AttackCorpus
        {
            Path = path,
            Sha256 = sha,
            Format = format.ToString().ToLowerInvariant(),
            TextColumn = resolved.TextColumn,
            TotalLines = total,
            HeldOut = order[..heldOut],
            Poisoned = rest[..half].ToArray(),
            Clean = rest[half..].ToArray(),
        };
    }
}
