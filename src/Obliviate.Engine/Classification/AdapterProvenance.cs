using System.Text.Json.Nodes;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Peft;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Classification;

/// <summary>
/// An adapter only means something on the base model it was trained on: on another encoder its numbers describe a model
/// nobody trained (a MiniLM adapter on arctic-xs gave CACC 35 % with exit 0). <c>defend</c> records the base model's name
/// and weights SHA-256; <c>evaluate</c> and <c>probe --adapter</c> compare them with the model given and refuse a mismatch
/// unless the user allows it explicitly.
/// </summary>
public static class AdapterProvenance
{
    /// <summary>Checks <paramref name="actual"/> against what the adapter folder records; returns warnings for what cannot be checked.</summary>
    /// <param name="recorded">The folder's eval_results.json, when present.</param>
    /// <exception cref="AdapterProvenanceException">The recorded base model differs and <paramref name="allowMismatch"/> is false.</exception>
    public static IReadOnlyList<string> Check(string adapterDirectory, EvaluationReport? recorded, ModelSummary actual, bool allowMismatch)
    {
        ArgumentNullException.ThrowIfNull(actual);
        string? mismatch = null;
        if (recorded?.Model.WeightsSha256 is { } sha && actual.WeightsSha256 is { } actualSha)
        {
            if (!string.Equals(sha, actualSha, StringComparison.OrdinalIgnoreCase))
            {
                mismatch = $"the adapter in {adapterDirectory} was trained on {recorded.Model.BaseModelNameOrPath} (weights sha256 {sha[..12]}…), " +
                           $"but the model given, {actual.Name}, has weights sha256 {actualSha[..12]}…";
            }
        }
        else if (RecordedBaseName(adapterDirectory) is { } name && name != actual.BaseModelNameOrPath && !Path.IsPathRooted(name))
        {
            mismatch = $"the adapter in {adapterDirectory} records base model {name}, but the model given is {actual.BaseModelNameOrPath}";
        }
        else if (recorded?.Model.WeightsSha256 is null)
        {
            return [$"{adapterDirectory} does not record its base model's weights hash (trained by an older version?): cannot check that {actual.Name} is the model it was trained on."];
        }
        if (mismatch is null) return [];
        if (!allowMismatch)
            throw new AdapterProvenanceException($"{mismatch}. Pass the model it was trained on, or --allow-base-mismatch to evaluate anyway.");
        return [$"{mismatch}; evaluating anyway (--allow-base-mismatch): the metrics describe this combination, not the trained model."];
    }

    private static string? RecordedBaseName(string adapterDirectory)
    {
        var path = Path.Combine(adapterDirectory, PeftArtifactFiles.AdapterConfig);
        if (!File.Exists(path)) return null;
        JsonObject config = ClassifierArtifacts.ReadJson(path);
        return config["base_model_name_or_path"]?.GetValue<string>() ?? config["config"]?["base_model_name_or_path"]?.GetValue<string>();
    }
}
