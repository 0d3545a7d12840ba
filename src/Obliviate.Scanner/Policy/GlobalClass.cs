namespace Obliviate.Scanner.Policy;

/// <summary>How the policy grades one pickle import.</summary>
public enum GlobalClass
{
    Allowed,
    /// <summary>Outside both lists and only referenced: suspicious (dangerous under --strict).</summary>
    Unknown,
    /// <summary>On the denylist (called or not).</summary>
    Dangerous,
    /// <summary>Called during loading but not on the allowlist of callables (default-deny): dangerous.</summary>
    UnknownCall,
}
