using System.Text.RegularExpressions;

namespace Obliviate.MSBuild.Protocol;

/// <summary>
/// One diagnostic as a line of text, <c>file: error OBL001: message</c> (the canonical form compilers print and IDE
/// problem matchers read). The scan host writes these lines on standard output and the task parses them back, so the
/// process boundary carries no serializer and the task assembly needs no JSON library inside Visual Studio's MSBuild.
/// A diagnostic about no file names <see cref="NoFile"/> in the file position.
/// </summary>
internal sealed class DiagnosticLine
{
    public const string NoFile = "obliviate";

    private static readonly Regex Shape = new(
        @"^(?<file>.+?): (?<level>error|warning|note) (?<code>OBL[0-9]{3}): (?<text>.*)$", RegexOptions.CultureInvariant);

    // Control characters, invisible format characters (bidi overrides, zero-width), line separators and lone surrogates:
    // messages quote bytes of hostile files, and a newline in one would start a forged diagnostic on the next line.
    private static readonly Regex Invisible = new(@"[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]", RegexOptions.CultureInvariant);

    public DiagnosticLine(DiagnosticLevel level, string code, string? file, string text)
    {
        Level = level;
        Code = code;
        File = string.IsNullOrEmpty(file) ? null : file;
        Text = text;
    }

    public DiagnosticLevel Level { get; }

    public string Code { get; }

    /// <summary>The absolute path of the file the diagnostic is about, or null.</summary>
    public string? File { get; }

    public string Text { get; }

    public string Format() =>
        $"{Escape(File ?? NoFile)}: {LevelWord(Level)} {Code}: {Escape(Text)}";

    /// <summary>The diagnostic a line holds, or null when the line is anything else (progress, a summary).</summary>
    public static DiagnosticLine? TryParse(string line)
    {
        if (line is null) return null;
        var m = Shape.Match(line);
        if (!m.Success) return null;
        var level = m.Groups["level"].Value switch
        {
            "error" => DiagnosticLevel.Error,
            "warning" => DiagnosticLevel.Warning,
            _ => DiagnosticLevel.Note,
        };
        var file = m.Groups["file"].Value;
        return new DiagnosticLine(level, m.Groups["code"].Value, file == NoFile ? null : file, m.Groups["text"].Value);
    }

    /// <summary>Shows invisible characters as <c>\uXXXX</c> so the text stays one visible line.</summary>
    public static string Escape(string text) =>
        Invisible.Replace(text, c => "\\u" + ((int)c.Value[0]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));

    private static string LevelWord(DiagnosticLevel level) => level switch
    {
        DiagnosticLevel.Error => "error",
        DiagnosticLevel.Warning => "warning",
        _ => "note",
    };
}
