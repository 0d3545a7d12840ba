using System.Globalization;
using System.Text;

namespace Obliviate.Reports.Rendering;

/// <summary>
/// A mermaid <c>xychart-beta</c> bar chart as a fenced block (GitHub renders it in pull requests and job summaries).
/// Labels come from reports (trigger words, candidates), so they are reduced to letters, digits and a few inert marks:
/// nothing can end the quoted label, the chart or the fence.
/// </summary>
internal static class MermaidChart
{
    private const int MaxLabel = 16;

    /// <param name="series">Each series' values, all as long as <paramref name="labels"/>; drawn in order, later over earlier.</param>
    public static void WriteBars(TextWriter w, string title, string yAxis, IReadOnlyList<string> labels, double yMax,
        params IReadOnlyList<double>[] series)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine("```mermaid");
        w.WriteLine("xychart-beta");
        w.WriteLine($"    title \"{Label(title, 80)}\"");
        w.WriteLine($"    x-axis [{string.Join(", ", labels.Select(l => $"\"{Label(l, MaxLabel)}\""))}]");
        w.WriteLine(string.Create(inv, $"    y-axis \"{Label(yAxis, 40)}\" 0 --> {Math.Max(yMax, 1e-9):0.###}"));
        foreach (var values in series)
            w.WriteLine($"    bar [{string.Join(", ", values.Select(v => (double.IsFinite(v) ? v : 0).ToString("0.###", inv)))}]");
        w.WriteLine("```");
    }

    /// <summary>Letters, digits, spaces and <c>.,:-+()/≥</c>; anything else becomes '?' (mermaid reads <c>%%</c> as a comment and <c>#…;</c> as an entity).</summary>
    internal static string Label(string text, int max)
    {
        var sb = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }
            var ok = Rune.IsLetterOrDigit(rune) || rune.Value is ' ' or '.' or ',' or ':' or '-' or '+' or '(' or ')' or '/' or '≥';
            if (ok) sb.Append(rune.ToString());
            else sb.Append('?');
        }
        return sb.Length == 0 ? "?" : sb.ToString();
    }
}
