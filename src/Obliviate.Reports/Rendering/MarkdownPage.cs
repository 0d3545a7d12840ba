namespace Obliviate.Reports.Rendering;

/// <summary>
/// One rendering of a long Markdown report under a row budget: the writer, the most rows any list may show, and whether
/// anything was left out (then the page says where the full report is).
/// </summary>
internal sealed class MarkdownPage(TextWriter writer, int maxRows, int maxCell)
{
    /// <summary>Lists longer than this are folded into a <c>&lt;details&gt;</c> block.</summary>
    public const int OpenRows = 10;

    public TextWriter W { get; } = writer;
    public int MaxRows { get; } = maxRows;
    public int MaxCell { get; } = maxCell;
    public bool LeftOut { get; private set; }

    /// <summary>
    /// A table of up to <see cref="MaxRows"/> rows: open when short, folded under <paramref name="summary"/> when long, and
    /// a line saying how many rows the full report adds.
    /// </summary>
    public void Table<T>(string summary, string header, IReadOnlyList<T> items, Func<T, string> row, bool fold = false)
    {
        var shown = Math.Min(items.Count, MaxRows);
        if (shown < items.Count) LeftOut = true;
        if (shown == 0)
        {
            if (items.Count > 0) W.WriteLine($"{summary}: left out here, see the full report.\n");
            return;
        }
        var folded = fold || shown > OpenRows;
        if (folded) W.WriteLine($"<details><summary>{summary}</summary>\n");
        W.WriteLine(header);
        for (var i = 0; i < shown; i++) W.WriteLine(row(items[i]));
        if (shown < items.Count) W.WriteLine($"\n… and {items.Count - shown} more in the full report.");
        if (folded) W.WriteLine("\n</details>");
        W.WriteLine();
    }
}
