namespace Obliviate.Reports.Rendering;

/// <summary>
/// The last resort of the length budget: cuts Markdown at a line end, closes what the cut left open (a code fence, open
/// <c>&lt;details&gt;</c> blocks) so the rest of the page still renders, and appends a note that says where the rest is.
/// </summary>
internal static class MarkdownCut
{
    /// <summary>Room kept for the closing fence, the closing tags and line ends.</summary>
    private const int Closing = 256;

    public static string Cut(string markdown, int maxLength, string note)
    {
        if (markdown.Length <= maxLength) return markdown;
        var room = Math.Max(0, maxLength - note.Length - Closing);
        var end = markdown.LastIndexOf('\n', Math.Min(room, markdown.Length - 1));
        var kept = end < 0 ? "" : markdown[..(end + 1)];
        var fenceOpen = false;
        var details = 0;
        foreach (var line in kept.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal)) fenceOpen = !fenceOpen;
            else if (!fenceOpen && line.StartsWith("<details>", StringComparison.Ordinal)) details++;
            else if (!fenceOpen && line.StartsWith("</details>", StringComparison.Ordinal)) details = Math.Max(0, details - 1);
        }
        var tail = (fenceOpen ? "```\n" : "") + string.Concat(Enumerable.Repeat("\n</details>\n", Math.Min(details, 8))) + "\n" + note + "\n";
        var result = kept + tail;
        return result.Length <= maxLength ? result : result[..maxLength];
    }
}
