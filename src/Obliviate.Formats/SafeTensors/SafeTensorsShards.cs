namespace Obliviate.Formats.SafeTensors;

/// <summary>
/// A sharded checkpoint opened through its index: every shard is opened and validated, and each tensor must live in
/// exactly the shard the index names (a tensor missing from its shard, or present but unlisted, is a defect).
/// </summary>
public sealed class SafeTensorsShards : ISafeTensorsSource
{
    private readonly List<SafeTensorsFile> _files;
    private readonly Dictionary<string, (SafeTensorsFile File, SafeTensorsEntry Entry)> _byName;

    private SafeTensorsShards(List<SafeTensorsFile> files, Dictionary<string, (SafeTensorsFile, SafeTensorsEntry)> byName)
    {
        _files = files;
        _byName = byName;
        Entries = byName.Values.Select(v => v.Item2).OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Opens the index at <paramref name="indexPath"/> and all its shards.</summary>
    public static SafeTensorsShards Open(string indexPath, SafeTensorsLimits? limits = null)
    {
        var index = SafeTensorsIndex.Load(indexPath);
        var files = new List<SafeTensorsFile>();
        try
        {
            var byName = new Dictionary<string, (SafeTensorsFile, SafeTensorsEntry)>(StringComparer.Ordinal);
            foreach (var shard in index.Shards)
            {
                var file = SafeTensorsFile.Open(Path.Combine(index.Directory, shard), limits);
                files.Add(file);
                foreach (var entry in file.Entries)
                {
                    if (!index.WeightMap.TryGetValue(entry.Name, out var listed) || listed != shard)
                        throw new SafeTensorsFormatException(indexPath,
                            $"tensor '{entry.Name}' is in shard '{shard}' but the weight_map " +
                            (listed is null ? "does not list it." : $"puts it in '{listed}'."));
                    byName.Add(entry.Name, (file, entry));
                }
            }
            foreach (var (name, shard) in index.WeightMap)
            {
                if (!byName.ContainsKey(name))
                    throw new SafeTensorsFormatException(indexPath, $"weight_map lists '{name}' in '{shard}', but that shard does not hold it.");
            }
            return new SafeTensorsShards(files, byName);
        }
        catch
        {
            foreach (var f in files) f.Dispose();
            throw;
        }
    }

    public IReadOnlyList<SafeTensorsEntry> Entries { get; }

    /// <summary>The opened shard files.</summary>
    public IReadOnlyList<SafeTensorsFile> Files => _files;

    public bool TryGetEntry(string name, out SafeTensorsEntry entry)
    {
        var found = _byName.TryGetValue(name, out var hit);
        entry = hit.Entry;
        return found;
    }

    public byte[] ReadBytes(string name) => Locate(name).ReadBytes(name);

    public float[] ReadFloat32(string name) => Locate(name).ReadFloat32(name);

    private SafeTensorsFile Locate(string name) =>
        _byName.TryGetValue(name, out var hit) ? hit.File : throw new KeyNotFoundException($"no tensor named '{name}' in any shard.");

    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
    }
}
