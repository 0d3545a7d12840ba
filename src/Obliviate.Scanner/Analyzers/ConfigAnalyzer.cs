using System.Text.Json;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// Custom-code hooks in Hugging Face configuration files: auto_map (config.json, tokenizer_config.json,
/// processor configs) and trust_remote_code.
/// </summary>
internal static class ConfigAnalyzer
{
    public static void Scan(JsonElement root, FindingSink sink)
    {
        if (root.TryGetProperty("auto_map", out var autoMap) && autoMap.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in autoMap.EnumerateObject())
            {
                var targets = p.Value.ValueKind switch
                {
                    JsonValueKind.String => [p.Value.GetString()!],
                    JsonValueKind.Array => p.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray(),
                    _ => Array.Empty<string>(),
                };
                foreach (var target in targets)
                {
                    var evidence = $"auto_map.{p.Name} = {target}";
                    // "org/repo--module.Class" makes transformers fetch and run code from another repository.
                    if (target.Contains("--", StringComparison.Ordinal))
                        sink.Add(RuleIds.ConfigRemoteCodeRepo, $"auto_map.{p.Name} loads code from another repository: {target}", evidence);
                    else
                        sink.Add(RuleIds.ConfigAutoMap, $"auto_map.{p.Name} maps to repository code {target}", evidence);
                }
            }
        }
        if (root.TryGetProperty("trust_remote_code", out var trust) && trust.ValueKind == JsonValueKind.True)
            sink.Add(RuleIds.ConfigTrustRemoteCode, "configuration sets trust_remote_code: true", "trust_remote_code = true");
    }
}
