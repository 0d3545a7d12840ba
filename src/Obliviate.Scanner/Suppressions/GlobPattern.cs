using System.Text;
using System.Text.RegularExpressions;

namespace Obliviate.Scanner.Suppressions;

/// <summary>
/// A path glob over '/'-separated relative paths, anchored at both ends: <c>*</c> matches within one segment,
/// <c>?</c> one character of a segment, and a whole segment <c>**</c> any number of segments (zero included).
/// Everything else is literal. Compiled to a non-backtracking regex, so no pattern can make matching slow.
/// </summary>
internal sealed class GlobPattern
{
    private readonly Regex regex;

    private GlobPattern(Regex regex) => this.regex = regex;

    public bool IsMatch(string path) => regex.IsMatch(path);

    public static GlobPattern Compile(string glob)
    {
        ArgumentException.ThrowIfNullOrEmpty(glob);
        var segments = glob.Split('/');
        var sb = new StringBuilder("^");
        for (var s = 0; s < segments.Length; s++)
        {
            var segment = segments[s];
            var last = s == segments.Length - 1;
            if (segment == "**")
            {
                // "a/**/b" matches a/b, a/x/b, a/x/y/b; a trailing "**" matches everything below.
                sb.Append(last ? ".*" : "(?:[^/]*/)*");
                continue;
            }
            foreach (var c in segment)
            {
                sb.Append(c switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    _ => Regex.Escape(c.ToString()),
                });
            }
            if (!last) sb.Append('/');
        }
        sb.Append('$');
        return new GlobPattern(new Regex(sb.ToString(),
            RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1)));
    }
}
