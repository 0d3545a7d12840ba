using SharpCompress.Archives;
using SharpCompress.Archives.Rar;
using SharpCompress.Archives.SevenZip;
using SharpCompress.Archives.Tar;
using SharpCompress.Readers;

namespace Obliviate.Formats.Archives;

/// <summary>
/// Reads 7z, tar and rar members into memory for scanning (nothing is extracted to disk). Decoding is SharpCompress's;
/// every failure of a hostile header or stream becomes an <see cref="InvalidDataException"/> naming the defect.
/// </summary>
public static class SharpArchiveReader
{
    public static IReadOnlyList<ArchiveMember> ReadMembers(Stream stream, long maxMemberBytes, int maxEntries, CancellationToken ct = default) =>
        ReadMembers(stream, ArchiveKind.SevenZip, maxMemberBytes, maxEntries, ct);

    public static IReadOnlyList<ArchiveMember> ReadMembers(Stream stream, ArchiveKind kind, long maxMemberBytes, int maxEntries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var members = new List<ArchiveMember>();
        try
        {
            var options = new ReaderOptions { LeaveStreamOpen = true };
            using IArchive archive = kind switch
            {
                ArchiveKind.Tar => TarArchive.OpenArchive(stream, options),
                ArchiveKind.Rar => RarArchive.OpenArchive(stream, options),
                _ => SevenZipArchive.OpenArchive(stream, options),
            };
            foreach (var entry in archive.Entries)
            {
                ct.ThrowIfCancellationRequested();
                if (entry.IsDirectory) continue;
                if (members.Count >= maxEntries) throw new InvalidDataException($"archive has more than {maxEntries} members");
                var name = entry.Key ?? "";
                if (entry.IsEncrypted) { members.Add(new ArchiveMember(name, entry.Size, true, null, "member is encrypted")); continue; }
                if (entry.Size > maxMemberBytes) { members.Add(new ArchiveMember(name, entry.Size, false, null, $"member of {entry.Size} bytes exceeds the {maxMemberBytes}-byte cap")); continue; }
                members.Add(ReadEntry(name, entry.Size, entry.OpenEntryStream, maxMemberBytes));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not InvalidDataException)
        {
            throw new InvalidDataException($"{kind.ToString().ToLowerInvariant()} archive unreadable: {ex.Message}", ex);
        }
        return members;
    }

    private static ArchiveMember ReadEntry(string name, long size, Func<Stream> open, long cap)
    {
        try
        {
            using var s = open();
            using var ms = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (ms.Length + n > cap) return new ArchiveMember(name, size, false, null, $"member inflates past the {cap}-byte cap");
                ms.Write(buffer, 0, n);
            }
            return new ArchiveMember(name, size, false, ms.ToArray(), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new ArchiveMember(name, size, false, null, $"member does not decode: {ex.Message}");
        }
    }
}
