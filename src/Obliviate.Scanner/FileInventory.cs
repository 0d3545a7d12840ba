namespace Obliviate.Scanner;

/// <summary>One entry found under the scan root.</summary>
internal sealed record InventoryItem(string FullPath, string RelativePath, bool IsSymlink, string? LinkTarget, bool LinkEscapes, bool LinkIsDirectory)
{
    /// <summary>Set for a folder that could not be listed: reported as inconclusive, never silently dropped.</summary>
    public string? ListError { get; init; }

    /// <summary>The entry's type from lstat (for a symlink, its final target's), read before anything opens it.</summary>
    public FileType Type { get; init; }

    /// <summary>A FIFO, socket or device (itself or behind a link): never opened, never hashed.</summary>
    public bool IsSpecial => FileTypeProbe.IsSpecial(Type);
}

/// <summary>
/// Lists the files under a root in ordinal path order. Symlinks are reported with their final target and never
/// followed out of the root; directory links are not descended (no cycles). ".git" internals are not model content.
/// </summary>
internal static class FileInventory
{
    public static (string BaseDir, IReadOnlyList<InventoryItem> Items) List(string rootPathOrFile, IReadOnlyList<string> trustedLinkRoots, CancellationToken ct)
    {
        var full = Path.GetFullPath(rootPathOrFile);
        if (File.Exists(full))
        {
            var dir = Path.GetDirectoryName(full) ?? full;
            return (dir, [Describe(new FileInfo(full), dir, trustedLinkRoots)]);
        }
        if (!Directory.Exists(full)) throw new FileNotFoundException($"scan target not found: {rootPathOrFile}", rootPathOrFile);
        var items = new List<InventoryItem>();
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(full));
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var dir = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. dir.EnumerateFileSystemInfos()];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var rel = Path.GetRelativePath(full, dir.FullName).Replace('\\', '/') + "/";
                items.Add(new InventoryItem(dir.FullName, rel, false, null, false, false) { ListError = ex.Message });
                continue;
            }
            foreach (var info in entries)
            {
                if (info is DirectoryInfo d)
                {
                    if (d.LinkTarget is not null) { items.Add(Describe(d, full, trustedLinkRoots)); continue; }
                    if (d.Name == ".git") continue;
                    pending.Push(d);
                }
                else
                {
                    items.Add(Describe(info, full, trustedLinkRoots));
                }
            }
        }
        items.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        return (full, items);
    }

    /// <summary>
    /// The named files only (absolute or relative to <paramref name="root"/>), in ordinal path order, each once. A named
    /// file is read through any symbolic link, as the copy that ships it reads it (docs/msbuild.md), and is typed first so
    /// a FIFO or device is still never opened; a missing one ends inconclusive when it cannot be opened.
    /// </summary>
    public static IReadOnlyList<InventoryItem> ListNamed(string root, IReadOnlyList<string> files, CancellationToken ct)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full)) throw new FileNotFoundException($"scan root folder not found: {root}", root);
        var items = new Dictionary<string, InventoryItem>(StringComparer.Ordinal);
        foreach (var name in files)
        {
            ct.ThrowIfCancellationRequested();
            var path = Path.GetFullPath(Path.Combine(full, name));
            var rel = Path.GetRelativePath(full, path).Replace('\\', '/');
            items.TryAdd(path, new InventoryItem(path, rel, false, null, false, false) { Type = FileTypeProbe.Of(path, followLinks: true) });
        }
        return [.. items.Values.OrderBy(i => i.RelativePath, StringComparer.Ordinal)];
    }

    private static InventoryItem Describe(FileSystemInfo info, string root, IReadOnlyList<string> trusted)
    {
        var rel = Path.GetRelativePath(root, info.FullName).Replace('\\', '/');
        // File types first: a FIFO or device is recognised here, from its metadata, and never opened later.
        var type = FileTypeProbe.Of(info.FullName, followLinks: info.LinkTarget is not null);
        if (info.LinkTarget is null) return new InventoryItem(info.FullName, rel, false, null, false, false) { Type = type };
        string? target;
        try
        {
            target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        }
        catch (IOException)
        {
            target = null;
        }
        // A dangling or unresolvable link is judged by its literal target.
        target ??= Path.GetFullPath(Path.Combine(Path.GetDirectoryName(info.FullName) ?? root, info.LinkTarget));
        var escapes = !IsUnder(target, root) && !trusted.Any(t => IsUnder(target, Path.GetFullPath(t)));
        return new InventoryItem(info.FullName, rel, true, target, escapes, info is DirectoryInfo || Directory.Exists(target)) { Type = type };
    }

    private static bool IsUnder(string path, string root)
    {
        var r = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        return path.StartsWith(r, StringComparison.Ordinal) || path == Path.TrimEndingDirectorySeparator(root);
    }
}
