namespace Obliviate.Scanner.Policy;

/// <summary>
/// What an imported global resolves to, the way CPython's unpickler resolves it: the module imported and the attribute
/// path walked from it, plus the hops that led there (Python 2 rename, extension code, module aliases).
/// </summary>
public sealed record ResolvedGlobal(string Module, string Name, IReadOnlyList<string> Hops)
{
    public string QualifiedName => Module + "." + Name;

    /// <summary>" (via …)" for messages, or "" when the global was imported as written.</summary>
    public string Via => Hops.Count == 0 ? "" : " (" + string.Join("; ", Hops) + ")";
}
