using System.Buffers;
using System.Globalization;
using System.Text;
using Obliviate.Reports.Model;

namespace Obliviate.Reports.Rendering;

/// <summary>Small text helpers shared by the human-readable renderers.</summary>
internal static class ReportText
{
    /// <summary>
    /// Makes untrusted text (messages and evidence quote bytes from the scanned files) safe for a terminal or a
    /// Markdown page: control characters, bidi overrides and other invisible format characters are shown as
    /// <c>\uXXXX</c>, so a malicious file cannot move the cursor, recolour the terminal or reorder what the reader sees.
    /// </summary>
    public static string Visible(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != OperationStatus.Done)
            {
                // A lone surrogate: not text at all.
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:x4}");
                i++;
                continue;
            }
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsControl(rune) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator)
            {
                if (rune.IsBmp) sb.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                else sb.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
            }
            else
            {
                sb.Append(text, i, consumed);
            }
            i += consumed;
        }
        return sb.ToString();
    }

    /// <summary>
    /// Escapes invisible format characters (bidi overrides, zero-width characters, line/paragraph separators) that the
    /// relaxed JSON encoder leaves raw, so a report opened in a terminal or an editor shows them instead of obeying them.
    /// Valid on serializer output: outside string literals JSON text is ASCII, and inside them \uXXXX means the same.
    /// </summary>
    public static string EscapeInvisibleInJson(string json)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c > 0x7f && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                sb ??= new StringBuilder(json, 0, i, json.Length + 16);
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                sb?.Append(c);
            }
        }
        return sb?.ToString() ?? json;
    }

    /// <summary>"1 dangerous, 2 clean" over the verdicts that occur, in a fixed order.</summary>
    public static string VerdictCounts(IReadOnlyList<FileResult> files)
    {
        var parts = new List<string>();
        foreach (var v in new[] { Verdict.Dangerous, Verdict.Inconclusive, Verdict.Suspicious, Verdict.Clean, Verdict.Skipped })
        {
            var n = files.Count(f => f.Verdict == v);
            if (n > 0) parts.Add($"{n} {v.Word()}");
        }
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    /// <summary>"2 findings, 1 suppressed".</summary>
    public static string FindingCounts(IReadOnlyList<FileResult> files)
    {
        var all = files.Sum(f => f.Findings.Count);
        var suppressed = files.Sum(f => f.Findings.Count(x => x.Suppression is not null));
        var text = all == 1 ? "1 finding" : $"{all} findings";
        return suppressed > 0 ? $"{text}, {suppressed} suppressed" : text;
    }

    /// <summary>Evidence, inner path and offset as one phrase, e.g. "os.system in archive/data.pkl at byte 28".</summary>
    public static string Where(Finding f)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(f.Evidence)) parts.Add(f.Evidence);
        if (!string.IsNullOrEmpty(f.InnerPath)) parts.Add("in " + f.InnerPath);
        if (f.Offset is { } offset) parts.Add(string.Create(CultureInfo.InvariantCulture, $"at byte {offset}"));
        return string.Join(" ", parts);
    }

    /// <summary>
    /// At most <paramref name="max"/> characters of <paramref name="text"/>, ending in an ellipsis when cut (never inside a
    /// surrogate pair), so one hostile string cannot fill a page.
    /// </summary>
    public static string Clip(string? text, int max)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= max) return text ?? string.Empty;
        var keep = Math.Max(0, max - 1);
        if (keep > 0 && char.IsHighSurrogate(text[keep - 1])) keep--;
        return text[..keep] + "…";
    }

    public static string Bytes(long size) => size switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{size} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{size / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{size / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{size / (1024.0 * 1024 * 1024):0.##} GiB"),
    };
}
