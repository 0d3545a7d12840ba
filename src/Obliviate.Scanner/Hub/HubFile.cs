namespace Obliviate.Scanner.Hub;

/// <summary>One file of a Hub revision as listed by the API (<c>siblings</c>).</summary>
/// <param name="Path">The repository path ('/' separators), exactly as the Hub listed it.</param>
/// <param name="Size">Size in bytes when the Hub reported it.</param>
/// <param name="LfsSha256">The LFS object's SHA-256, when the file is stored in LFS; the download is checked against it.</param>
public sealed record HubFile(string Path, long? Size, string? LfsSha256);
