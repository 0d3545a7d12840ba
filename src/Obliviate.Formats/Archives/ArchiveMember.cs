namespace Obliviate.Formats.Archives;

/// <summary>One member read from an archive. <see cref="Data"/> is null when it could not or may not be read; <see cref="Error"/> says why.</summary>
public sealed record ArchiveMember(string Name, long Size, bool Encrypted, byte[]? Data, string? Error);
