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
    public LabelMap(IReadOnlyList<string> names, LabelOrder order) : this(names, order, null)
    {
    }

    /// <param name="aliases">Other spellings of the classes as they appear in data files (raw → class name), e.g. "pos" → "positive".</param>
    [JsonConstructor]
    public LabelMap(IReadOnlyList<string> names, LabelOrder order, IReadOnlyDictionary<string, string>? aliases)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0) throw new ArgumentException("a label map needs at least one label.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("label names must be non-empty.");
            if (!seen.Add(name)) throw new ArgumentException($"label '{name}' appears twice.");
        }
        Names = [.. names];
        Order = order;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (alias, target) in aliases ?? new Dictionary<string, string>())
        {
            if (!seen.Contains(target)) throw new ArgumentException($"alias '{alias}' names the unknown class '{target}'.");
            if (seen.Contains(alias) && alias != target) throw new ArgumentException($"'{alias}' is both a class and an alias of '{target}'.");
            if (alias != target) map[alias] = target;
        }
        Aliases = map;
    }

    /// <summary>Label names; the id of a label is its index here.</summary>
    [JsonPropertyName("labels")] public IReadOnlyList<string> Names { get; }

    [JsonPropertyName("order")] public LabelOrder Order { get; }

    /// <summary>Other spellings (raw label → class name); empty unless the user gave them with <c>--label-map</c>.</summary>
    [JsonPropertyName("aliases")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyDictionary<string, string> Aliases { get; }

    [JsonIgnore] public int Count => Names.Count;

    public string NameOf(int id) =>
        id >= 0 && id < Names.Count ? Names[id] : throw new ArgumentOutOfRangeException(nameof(id), id, $"no label with id {id}.");

    public bool TryGetId(string name, out int id)
    {
        if (Aliases.TryGetValue(name, out var target)) name = target;
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
        if (distinct.Count == 0) throw new ArgumentException("no labels observed.");
        RejectSpellingVariants(distinct);
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
                    $"labels '{numbers[i - 1].Name}' and '{numbers[i].Name}' are the same number; write each label one way.");
            }
        }
        return new LabelMap([.. numbers.Select(n => n.Name)], LabelOrder.Numeric);
    }

    /// <summary>
    /// Refuses label sets that look like one class written several ways — "positive"/"Positive", " neg"/"neg", or numbers
    /// beside names — because each spelling would silently become its own class. The message lists what was seen and the
    /// <c>--label-map</c> that merges them.
    /// </summary>
    private static void RejectSpellingVariants(IReadOnlyList<string> labels)
    {
        var groups = labels.GroupBy(l => l.Trim().ToLowerInvariant(), StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (groups.Count > 0)
        {
            var variants = string.Join("; ", groups.Select(g => string.Join(" / ", g.Select(Quote))));
            throw new ArgumentException(
                $"labels that differ only in case or spaces would become separate classes: {variants} (labels seen: {List(labels)}). " +
                $"Write each class one way, or merge them with --label-map, e.g. {Suggestion(groups.Select(g => g.ToList()))}.");
        }
        var numbers = labels.Where(l => TryParseNumber(l, out _)).ToList();
        if (numbers.Count > 0 && numbers.Count < labels.Count)
        {
            var names = labels.Except(numbers).ToList();
            throw new ArgumentException(
                $"labels mix numbers ({List(numbers)}) and names ({List(names)}), which would become {labels.Count} separate classes. " +
                $"Say which number is which name with --label-map, e.g. --label-map \"{names[0]}={numbers[0]}\".");
        }
    }

    private static string Quote(string label) => $"'{label}'";

    private static string List(IEnumerable<string> labels) => string.Join(", ", labels.Take(12).Select(Quote)) + (labels.Count() > 12 ? ", …" : "");

    private static string Suggestion(IEnumerable<List<string>> groups) =>
        string.Join(" ", groups.Select(g => $"--label-map \"{g[0].Trim().ToLowerInvariant()}={string.Join(",", g)}\""));

    /// <summary>
    /// A map the user gave on the command line: one spec per class, <c>class=alias,alias</c> (or just <c>class</c>), in id
    /// order. The class name is the name reports use; every alias is another spelling found in the data.
    /// </summary>
    /// <exception cref="Reports.Model.RequestException">A malformed or contradictory spec.</exception>
    public static LabelMap FromSpecs(IReadOnlyList<string> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var names = new List<string>();
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var parts = spec.Split('=', 2);
            var name = parts[0].Trim();
            if (name.Length == 0) throw new Reports.Model.RequestException($"--label-map '{spec}': the class name before '=' is empty.");
            names.Add(name);
            if (parts.Length < 2) continue;
            foreach (var alias in parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (aliases.TryGetValue(alias, out var other) && other != name)
                    throw new Reports.Model.RequestException($"--label-map: '{alias}' is given for both '{other}' and '{name}'.");
                aliases[alias] = name;
            }
        }
        try
        {
            return new LabelMap(names, LabelOrder.Given, aliases);
        }
        catch (ArgumentException e)
        {
            throw new Reports.Model.RequestException($"--label-map: {e.Message}", e);
        }
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
        other is not null && Order == other.Order && Names.SequenceEqual(other.Names, StringComparer.Ordinal) &&
        Aliases.Count == other.Aliases.Count && Aliases.All(a => other.Aliases.TryGetValue(a.Key, out var v) && v == a.Value);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Order);
        foreach (var name in Names) hash.Add(name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}
