namespace Obliviate.Reports.Inspection;

/// <summary>One file of a model folder: its path relative to the folder, size and SHA-256.</summary>
public sealed record ModelFileInfo(string Path, long Size, string Sha256);
