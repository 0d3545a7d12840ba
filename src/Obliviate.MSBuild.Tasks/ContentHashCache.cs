using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// SHA-256 of files, remembered by (size, last write time) in a file under obj/ so an unchanged build does not read every
/// model byte again (git's index does the same). A touched file whose bytes did not change is re-hashed once and yields
/// the same hash, so it does not count as a change. Symbolic links are always re-hashed: their own times say nothing about
/// the file they point to.
/// </summary>
internal sealed class ContentHashCache
{
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private readonly Dictionary<string, Entry> _entries;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private bool _dirty;

    private ContentHashCache(Dictionary<string, Entry> entries) => _entries = entries;

    /// <summary>The cache in <paramref name="path"/>; an unreadable or malformed file is an empty cache.</summary>
    public static ContentHashCache Load(string path)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                foreach (var line in File.ReadAllLines(path))
                {
                    var parts = line.Split(['\t'], 4);
                    if (parts.Length == 4
                        && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                        && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
                    {
                        entries[parts[3]] = new Entry(size, ticks, parts[0]);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            entries.Clear();
        }
        return new ContentHashCache(entries);
    }

    /// <summary>Lower-case hex SHA-256 of the file's bytes, or null when it does not exist.</summary>
    public string? HashOf(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return null;
        _used.Add(path);
        // FIFOs, sockets and devices have size 0 on Unix, and opening one blocks until a writer appears or never ends
        // (docs/scan.md, "File types first"); so a zero-size entry is never opened there. Its hash is the empty one, which
        // is right for an empty regular file, and the scanner types the entry properly.
        if (info.Length == 0 && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return EmptySha256;
        var isLink = (info.Attributes & FileAttributes.ReparsePoint) != 0;
        var size = info.Length;
        var ticks = info.LastWriteTimeUtc.Ticks;
        if (!isLink && _entries.TryGetValue(path, out var known) && known.Size == size && known.Ticks == ticks) return known.Sha256;
        var hash = Compute(path);
        if (!isLink)
        {
            _entries[path] = new Entry(size, ticks, hash);
            _dirty = true;
        }
        return hash;
    }

    /// <summary>Writes the entries used this time (others are forgotten), when anything changed.</summary>
    public void Save(string path)
    {
        if (!_dirty && _entries.Keys.All(_used.Contains)) return;
        var text = new StringBuilder();
        foreach (var pair in _entries.Where(e => _used.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(pair.Value.Sha256).Append('\t')
                .Append(pair.Value.Size.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(pair.Value.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(pair.Key).Append('\n');
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
    }

    private static string Compute(string path)
    {
        using var sha = SHA256.Create();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var hash = sha.ComputeHash(stream);
        var hex = new StringBuilder(hash.Length * 2);
        foreach (var b in hash) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return hex.ToString();
    }

    private sealed class Entry(long size, long ticks, string sha256)
    {
        public long Size { get; } = size;
        public long Ticks { get; } = ticks;
        public string Sha256 { get; } = sha256;
    }
}
