namespace Obliviate.Bench;

/// <summary><c>--name value</c> options of a benchmark verb; every option takes a value.</summary>
public sealed class BenchArguments
{
    private readonly Dictionary<string, string> values;

    private BenchArguments(Dictionary<string, string> values) => this.values = values;

    public static BenchArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
                throw new ArgumentException($"expected '--option value', got '{name}'.");
            values[name[2..]] = args[++i];
        }
        return new BenchArguments(values);
    }

    public string String(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public string? OptionalString(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min = 1)
    {
        if (!values.TryGetValue(name, out var text)) return fallback;
        if (!int.TryParse(text, out var value) || value < min)
            throw new ArgumentException($"--{name} must be an integer ≥ {min}, got '{text}'.");
        return value;
    }
}
