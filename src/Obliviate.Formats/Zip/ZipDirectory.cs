namespace Obliviate.Formats.Zip;

/// <summary>The members of one zip archive plus archive-level anomalies.</summary>
/// <param name="PrependedBytes">Bytes before the archive proper (self-extractor stubs, polyglots); 0 for a plain zip.</param>
public sealed record ZipDirectory(IReadOnlyList<ZipEntryInfo> Entries, IReadOnlyList<string> Anomalies, bool RecoveredFromLocalHeaders, long PrependedBytes = 0);
