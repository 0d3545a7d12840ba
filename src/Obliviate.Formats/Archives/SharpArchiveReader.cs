using Obliviate.Formats.IO;
using SharpCompress.Archives;
using SharpCompress.Archives.Rar;
using SharpCompress.Archives.SevenZip;
using SharpCompress.Archives.Tar;
using SharpCompress.Readers;

namespace Obliviate.Formats.Archives;

/// <summary>
/// Reads 7z, tar and rar members into memory for scanning (nothing is extracted to disk), one member at a time.
/// Decoding is SharpCompress's; every failure of a hostile header or stream becomes an <see cref="InvalidDataException"/>
/// naming the defect. Every decoded byte is charged to the caller's budget while it is decoded, so a bomb stops at the
/// budget rather than at the member cap.
/// </summary>
public static class SharpArchiveReader
{
    public static IReadOnlyList<ArchiveMember> ReadMembers(Stream stream, long maxMemberBytes, int maxEntries, CancellationToken ct = default) =>
        ReadMembers(stream, ArchiveKind.SevenZip, maxMemberBytes, maxEntries, ct);

    public static IReadOnlyList<ArchiveMember> ReadMembers(Stream stream, ArchiveKind kind, long maxMemberBytes, int maxEntries, CancellationToken ct = default)
    {
        var members = new List<ArchiveMember>();
        ForEachMember(stream, kind, maxMemberBytes, maxEntries, _ => true, members.Add, ct);
        return members;
    }

    /// <summary>Decodes the members in order and hands each to <paramref name="visit"/> before decoding the next.</summary>
    /// <param name="takeBytes">Charged with every decoded chunk; false stops that member (its Error says so).</param>
    /// <param name="visit">Exceptions it throws propagate unchanged.</param>
    public static void ForEachMember(Stream stream, ArchiveKind kind, long maxMemberBytes, int maxEntries, Func<long, bool> takeBytes,
        Action<ArchiveMember> visit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(takeBytes);
        ArgumentNullException.ThrowIfNull(visit);
        var label = kind.ToString().ToLowerInvariant();
        using var archive = Guard(label, () => Open(stream, kind));
        using var entries = Guard(label, () => archive.Entries.GetEnumerator());
        var count = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var entry = Guard(label, () => entries.MoveNext() ? entries.Current : null);
            if (entry is null) return;
            if (entry.IsDirectory) continue;
            if (++count > maxEntries) throw new InvalidDataException($"archive has more than {maxEntries} members");
            var name = entry.Key ?? "";
            ArchiveMember member;
            if (entry.IsEncrypted) member = new ArchiveMember(name, entry.Size, true, null, "member is encrypted");
            else if (entry.Size > maxMemberBytes) member = new ArchiveMember(name, entry.Size, false, null, $"member of {entry.Size} bytes exceeds the {maxMemberBytes}-byte cap");
            else member = ReadEntry(name, entry.Size, entry.OpenEntryStream, maxMemberBytes, takeBytes, ct);
            visit(member);
        }
    }

    private static IArchive Open(Stream stream, ArchiveKind kind)
    {
        var options = new ReaderOptions { LeaveStreamOpen = true };
        return kind switch
        {
            ArchiveKind.Tar => TarArchive.OpenArchive(stream, options),
            ArchiveKind.Rar => RarArchive.OpenArchive(stream, options),
            _ => SevenZipArchive.OpenArchive(stream, options),
        };
    }

    private static T Guard<T>(string label, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not InvalidDataException)
        {
            throw new InvalidDataException($"{label} archive unreadable: {ex.Message}", ex);
        }
    }

    private static ArchiveMember ReadEntry(string name, long size, Func<Stream> open, long cap, Func<long, bool> takeBytes, CancellationToken ct)
    {
        try
        {
            using var s = open();
            var (data, stop) = BoundedRead.ReadAll(s, cap, n => takeBytes(n), ct);
            return stop switch
            {
                BoundedReadStop.Cap => new ArchiveMember(name, size, false, null, $"member inflates past the {cap}-byte cap"),
                BoundedReadStop.Budget => new ArchiveMember(name, size, false, null, "decoding stopped at the scan-wide inflation cap"),
                _ => new ArchiveMember(name, size, false, data, null),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ArchiveMember(name, size, false, null, $"member does not decode: {ex.Message}");
        }
    }
}
