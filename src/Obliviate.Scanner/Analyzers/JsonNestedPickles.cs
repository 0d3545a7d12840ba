using System.Text.Json;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// Finds pickles hidden in the string values of JSON files (configs, tokenizer files) and grades them with the one
/// nested-pickle policy (<see cref="NestedPickleScanner"/>): dormant data, walked and graded by what it calls.
/// </summary>
internal static class JsonNestedPickles
{
    private const int MaxValues = 1_000_000;

    public static void Scan(JsonElement root, ScanContext ctx, FindingSink sink)
    {
        var nested = new NestedPickleScanner(ctx, new PickleAnalyzer(ctx));
        var pending = new Stack<(JsonElement Element, string Path)>();
        pending.Push((root, "$"));
        var visited = 0;
        while (pending.Count > 0 && visited++ < MaxValues)
        {
            if (visited % 1024 == 0) ctx.Check();
            var (e, path) = pending.Pop();
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) pending.Push((p.Value, $"{path}.{p.Name}"));
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) pending.Push((item, $"{path}[{i++}]"));
                    break;
                case JsonValueKind.String:
                    var text = e.GetString()!;
                    if (text.Length >= 12) nested.ScanText(text, $"JSON value {Clip(path)}", 0, $"#json{Clip(path)}", 0, sink);
                    break;
            }
        }
        if (visited > MaxValues) sink.Note($"JSON with more than {MaxValues} values: the rest was not searched for embedded pickles");
    }

    private static string Clip(string s) => s.Length <= 120 ? s : s[..117] + "...";
}
