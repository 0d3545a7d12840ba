namespace Obliviate.Tool;

/// <summary>"Did you mean …?" for values that are one or two edits away from an accepted one.</summary>
public static class Suggest
{
    /// <summary>" Did you mean 'lora'?" when a choice is close to <paramref name="value"/>, else the empty string.</summary>
    public static string DidYouMean(string value, IEnumerable<string> choices)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(choices);
        var best = choices.Select(c => (Choice: c, Distance: Distance(value.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, c.Choice.Length / 3)))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Choice is null ? "" : $" Did you mean '{best.Choice}'?";
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
