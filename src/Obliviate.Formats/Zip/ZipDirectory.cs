namespace Obliviate.Formats.Zip;

/// <summary>The members of one zip archive plus archive-level anomalies.</summary>
/// <param name="PrependedBytes">Bytes before the archive proper (self-extractor stubs, polyglots); 0 for a plain zip.</param>
public sealed record ZipDirectory(IReadOnlyList<ZipEntryInfo> Entries, IReadOnlyList<string> Anomalies, bool RecoveredFromLocalHeaders, long PrependedBytes = 0)
{
    /// <summary>
    /// Pairs of members whose bytes overlap (local header through compressed data). Archivers lay members out one after
    /// another; overlap is how non-recursive zip bombs reuse one compressed kernel for every member, and how an archive
    /// shows different content to different readers.
    /// </summary>
    public IReadOnlyList<(ZipEntryInfo First, ZipEntryInfo Second)> Overlaps { get; init; } = [];
}
