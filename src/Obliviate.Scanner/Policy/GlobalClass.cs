namespace Obliviate.Scanner.Policy;

/// <summary>How the policy grades one pickle import.</summary>
public enum GlobalClass
{
    Allowed,
    Unknown,
    Dangerous,
}
