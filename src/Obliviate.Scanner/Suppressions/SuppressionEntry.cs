namespace Obliviate.Scanner.Suppressions;

/// <summary>One accepted risk: a rule, the files it applies to, optionally the exact file content, and why.</summary>
/// <param name="RuleId">The exact rule id ("OBL" + 3 digits); wildcards are not allowed, so a new rule is never pre-accepted.</param>
/// <param name="PathGlob">A glob over the '/'-separated path relative to the scan root (<c>*</c>, <c>?</c>, <c>**</c>).</param>
/// <param name="Sha256">When set, the entry only applies while the file has exactly this content (lower-case hex).</param>
/// <param name="Reason">Why the risk is accepted; required, shown in every report.</param>
public sealed record SuppressionEntry(string RuleId, string PathGlob, string? Sha256, string Reason)
{
    internal GlobPattern Glob { get; } = GlobPattern.Compile(PathGlob);

    /// <summary>Equality over the four declared values; the compiled glob follows from <see cref="PathGlob"/>.</summary>
    public bool Equals(SuppressionEntry? other) =>
        other is not null && RuleId == other.RuleId && PathGlob == other.PathGlob && Sha256 == other.Sha256 && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(RuleId, PathGlob, Sha256, Reason);

    public bool Matches(string ruleId, string path, string fileSha256) =>
        string.Equals(RuleId, ruleId, StringComparison.Ordinal)
        && (Sha256 is null || string.Equals(Sha256, fileSha256, StringComparison.OrdinalIgnoreCase))
        && Glob.IsMatch(path);
}
