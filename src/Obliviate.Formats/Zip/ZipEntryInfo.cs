namespace Obliviate.Formats.Zip;

/// <summary>
/// One member as both the central directory and the local header describe it. Loaders differ on which they trust
/// (torch's miniz reads the central directory and ignores most flags), so both are kept and disagreements become facts.
/// </summary>
public sealed record ZipEntryInfo
{
    /// <summary>Name from the central directory (or the local header when recovered without one).</summary>
    public required string Name { get; init; }
    public string? LocalName { get; init; }
    public required int Flags { get; init; }
    public int LocalFlags { get; init; }
    public required int Method { get; init; }
    public required uint Crc32 { get; init; }
    public required long CompressedSize { get; init; }
    public required long UncompressedSize { get; init; }
    public required long LocalHeaderOffset { get; init; }
    /// <summary>First byte of the member's data, after the local header; -1 when the local header is unreadable.</summary>
    public long DataOffset { get; init; } = -1;
    public bool IsDirectory => Name.EndsWith('/');
    /// <summary>The central directory and the local header name the member differently.</summary>
    public bool NameMismatch => LocalName is not null && LocalName != Name;
    /// <summary>Bit 0: "encrypted" (ZipCrypto) — may be a lie; the caller checks the CRC of the plain reading.</summary>
    public bool EncryptedFlag => (Flags & 0x1) != 0 || (LocalFlags & 0x1) != 0;
    /// <summary>Bit 6: strong encryption; bit 5: compressed patched data. Loaders such as torch ignore both.</summary>
    public bool UnusualFlags => ((Flags | LocalFlags) & 0x60) != 0;
    public IReadOnlyList<string> Anomalies { get; init; } = [];
}
