namespace Obliviate.Scanner.Policy;

/// <summary>A grade plus the one-line reason shown in the finding.</summary>
public sealed record GlobalVerdict(GlobalClass Class, string Reason);
