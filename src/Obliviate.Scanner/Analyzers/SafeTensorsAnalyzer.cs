using System.Text.RegularExpressions;
using Obliviate.Formats.SafeTensors;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// Safetensors: the loader's own strict header validation (shared reader), then the free-text __metadata__ map,
/// which is the only place such a file can carry code-like content.
/// </summary>
internal sealed partial class SafeTensorsAnalyzer(ScanContext ctx)
{
    public string Scan(Stream stream, long length, string? innerPath, int depth, FindingSink sink)
    {
        SafeTensorsHeader header;
        try
        {
            stream.Position = 0;
            header = SafeTensorsReader.ReadHeader(stream, length, null, innerPath ?? "safetensors");
        }
        catch (Exception ex) when (ex is SafeTensorsFormatException or InvalidDataException or IOException)
        {
            sink.Inconclusive($"invalid safetensors header: {ex.Message}", innerPath);
            return "safetensors";
        }
        if (innerPath is null) sink.SafeTensorsHeader = header;
        var nested = new NestedPickleScanner(ctx, new PickleAnalyzer(ctx));
        foreach (var (key, value) in header.Metadata ?? new Dictionary<string, string>())
        {
            ctx.Check();
            // safetensors loaders never unpickle metadata, but tooling around them may: an embedded pickle is graded by what it calls.
            nested.ScanText(value, $"__metadata__ entry '{Clip(key)}'", 8, $"{innerPath ?? ""}#__metadata__.{Clip(key)}", depth, sink);
            var m = CodeLike().Match(value);
            if (!m.Success) m = CodeLike().Match(key);
            if (!m.Success) continue;
            sink.Add(RuleIds.SafeTensorsMetadataCode, $"__metadata__ entry '{Clip(key)}' looks like code or a command ('{Clip(m.Value)}')",
                $"{Clip(key)} = {Clip(value)}", 8, innerPath);
        }
        return "safetensors";
    }

    private static string Clip(string s) => s.Length <= 80 ? s : s[..77] + "...";

    // Shell, interpreter and payload idioms; plain prose, numbers and model names do not match.
    [GeneratedRegex(@"(__import__|\beval\s*\(|\bexec\s*\(|\bcompile\s*\(|os\.(system|popen|exec\w*)|subprocess\.|\bimport\s+(os|sys|subprocess|socket|base64|pickle)\b|pickle\.loads|marshal\.loads|\b(curl|wget)\s+\S|/bin/(ba)?sh|\bpowershell\b|\bnc\s+-e\b|base64\s+-d|<script\b|\$\([^)]*\)|\brm\s+-rf\b|lambda\s+[\w, ]*:)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex CodeLike();
}
