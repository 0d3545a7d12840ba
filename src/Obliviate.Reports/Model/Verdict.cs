namespace Obliviate.Reports.Model;

/// <summary>Outcome for one file or a whole scan. Rendered as lower-case words in JSON.</summary>
public enum Verdict
{
    Clean,
    Suspicious,
    Dangerous,
    Inconclusive,
    Skipped,
}
