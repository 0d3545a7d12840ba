using Obliviate.Formats.IO;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Obliviate.Engine.Data;

/// <summary>
/// The mapping between label names as written in the data and the class ids the classifier uses: id = position in
/// <see cref="Names"/>. <c>defend</c> saves it beside the adapter and <c>evaluate</c> loads it back, so evaluation maps
/// labels exactly as training did even when the evaluation file lacks a class.
/// </summary>
public sealed record LabelMap
{
    [JsonConstructor]
    public LabelMap(IReadOnlyList<string> names, LabelOrder order)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) throw new ArgumentException("a label map needs at least one label.", nameof(names));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("label names must be non-empty.", nameof(names));
            if (!seen.Add(name)) throw new ArgumentException($"label '{name}' appears twice.", nameof(names));
        }
        Names = [.. names];
        Order = order;
    }

    /// <summary>Label names; the id of a label is its index here.</summary>
    [JsonPropertyName("labels")] public IReadOnlyList<string> Names { get; }

    [JsonPropertyName("order")] public LabelOrder Order { get; }

    [JsonIgnore] public int Count => Names.Count;

    public string NameOf(int id) =>
        id >= 0 && id < Names.Count ? Names[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"no label with id {id}.");

    public bool TryGetId(string name, out int id)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                id = i;
                return true;
            }
        }
        id = -1;
        return false;
    }

    /// <summary>Builds the map for labels observed in a file: numeric order when every label is a number, else ordinal order.</summary>
    /// <exception cref="ArgumentException">Two different spellings denote the same number (e.g. "1" and "1.0").</exception>
    public static LabelMap FromObserved(IEnumerable<string> observed)
    {
        var distinct = observed.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 0) throw new ArgumentException("no labels observed.", nameof(observed));
        var numbers = new List<(string Name, double Value)>(distinct.Count);
        foreach (var name in distinct)
        {
            if (!TryParseNumber(name, out var value))
            {
                return new LabelMap([.. distinct.Order(StringComparer.Ordinal)], LabelOrder.Ordinal);
            }
            numbers.Add((name, value));
        }
        numbers.Sort((a, b) => a.Value.CompareTo(b.Value));
        for (var i = 1; i < numbers.Count; i++)
        {
            if (numbers[i].Value == numbers[i - 1].Value)
            {
                throw new ArgumentException(
                    $"labels '{numbers[i - 1].Name}' and '{numbers[i].Name}' are the same number; write each label one way.", nameof(observed));
            }
        }
        return new LabelMap([.. numbers.Select(n => n.Name)], LabelOrder.Numeric);
    }

    private static bool TryParseNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // Names only: an integer would map to any enum value, including undefined ones.
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses a saved map; <paramref name="source"/> names the file in errors.</summary>
    public static LabelMap FromJson(string json, string source = "labels.json")
    {
        try
        {
            // Both fields must be present: a missing "order" would otherwise silently default to numeric.
            using (var document = JsonDocument.Parse(json))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object
                    || !document.RootElement.TryGetProperty("labels", out _) || !document.RootElement.TryGetProperty("order", out _))
                {
                    throw new InvalidDataException($"{source}: a label map is an object with \"labels\" and \"order\".");
                }
            }
            return JsonSerializer.Deserialize<LabelMap>(json, JsonOptions)
                   ?? throw new InvalidDataException($"{source}: the label map is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid label map: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: not a valid label map: {e.Message}", e);
        }
    }

    /// <summary>Writes the map atomically (temp file + rename), so an interrupted run never leaves half a file.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson() + "\n");

    public static LabelMap Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: label map not found.", path);
        // A label map is a few hundred bytes; refuse anything absurd rather than reading it.
        if (info.Length > 16 << 20) throw new InvalidDataException($"{path}: {info.Length} bytes is too large for a label map.");
        return FromJson(File.ReadAllText(path), path);
    }

    public bool Equals(LabelMap? other) =>
        other is not null && Order == other.Order && Names.SequenceEqual(other.Names, StringComparer.Ordinal);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Order);
        foreach (var name in Names) hash.Add(name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
