namespace Obliviate.Scanner.Hub;

/// <summary>A listed file that was not downloaded (over a cap, or with an unsafe name), and why.</summary>
public sealed record HubSkippedFile(string Path, long? Size, string? Sha256, string Reason);
