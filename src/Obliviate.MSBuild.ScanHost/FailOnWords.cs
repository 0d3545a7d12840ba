using Obliviate.Reports.Model;

namespace Obliviate.MSBuild.ScanHost;

/// <summary>
/// The words <c>ObliviateFailOn</c> takes: a verdict (<c>dangerous</c>, the default, is a high or critical finding;
/// <c>suspicious</c> is any finding) or a severity (<c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>), as the
/// scanner grades them (docs/scan.md, "Verdicts").
/// </summary>
internal static class FailOnWords
{
    public const string Default = "dangerous";

    public static Severity Parse(string word)
    {
        var w = word.Trim().ToLowerInvariant();
        if (w == "dangerous") return Severity.High;
        if (w == "suspicious") return Severity.Low;
        foreach (var s in Enum.GetValues<Severity>())
        {
            if (s.Word() == w) return s;
        }
        throw new ArgumentException($"ObliviateFailOn must be dangerous, suspicious, low, medium, high or critical (got '{word}').");
    }
}
