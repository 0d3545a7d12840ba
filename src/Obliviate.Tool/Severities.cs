using Obliviate.Reports.Model;

namespace Obliviate.Tool;

/// <summary>Severity words on the command line (the words <see cref="Verdicts.Word(Severity)"/> writes).</summary>
public static class Severities
{
    public static Severity Parse(string word) =>
        Enum.GetValues<Severity>().FirstOrDefault(s => s.Word() == word, Severity.High);
}
