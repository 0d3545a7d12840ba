using System.Text.Json;

namespace Obliviate.Formats.SafeTensors;

/// <summary>
/// A sharded checkpoint's <c>model.safetensors.index.json</c>: the <c>weight_map</c> from tensor name to shard file.
/// Shard names are checked to be plain file names in the index's own folder, so a hostile index cannot point
/// outside the model repository.
/// </summary>
public sealed record SafeTensorsIndex
{
    /// <summary>The most weight_map entries accepted.</summary>
    public const int MaxEntries = 1_000_000;

    /// <summary>The largest index file read.</summary>
    public const long MaxIndexBytes = 64L * 1024 * 1024;

    /// <summary>The folder holding the index and its shards.</summary>
    public required string Directory { get; init; }

    /// <summary>Tensor name → shard file name.</summary>
    public required IReadOnlyDictionary<string, string> WeightMap { get; init; }

    /// <summary><c>metadata.total_size</c> when present.</summary>
    public long? TotalSize { get; init; }

    /// <summary>The distinct shard file names, sorted.</summary>
    public IReadOnlyList<string> Shards => WeightMap.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static SafeTensorsIndex Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: not found.", path);
        if (info.Length > MaxIndexBytes)
            throw new SafeTensorsFormatException(path, $"index is {info.Length} bytes, over the {MaxIndexBytes}-byte cap.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(path, $"index is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("weight_map", out var map) ||
                map.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsFormatException(path, "index has no weight_map object.");
            var weightMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in map.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.String)
                    throw new SafeTensorsFormatException(path, $"weight_map['{p.Name}'] is not a string.");
                var shard = p.Value.GetString()!;
                if (shard.Length == 0 || shard != Path.GetFileName(shard) || shard is "." or ".." || shard.Contains('\\'))
                    throw new SafeTensorsFormatException(path,
                        $"weight_map['{p.Name}'] = '{shard}' is not a plain file name in the index's folder.");
                if (!shard.EndsWith(".safetensors", StringComparison.Ordinal))
                    throw new SafeTensorsFormatException(path,
                        $"weight_map['{p.Name}'] = '{shard}' is not a .safetensors file.");
                if (!weightMap.TryAdd(p.Name, shard))
                    throw new SafeTensorsFormatException(path, $"duplicate weight_map key '{p.Name}'.");
                if (weightMap.Count > MaxEntries)
                    throw new SafeTensorsFormatException(path, $"more than {MaxEntries} weight_map entries.");
            }
            long? total = null;
            if (root.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object &&
                meta.TryGetProperty("total_size", out var size) && size.ValueKind == JsonValueKind.Number &&
                size.TryGetInt64(out var n))
                total = n;
            return new SafeTensorsIndex
            {
                Directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".",
                WeightMap = weightMap,
                TotalSize = total,
            };
        }
    }
}
