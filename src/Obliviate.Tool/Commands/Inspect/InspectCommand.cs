using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Obliviate.Engine.Models.Repository;
using Obliviate.Formats.SafeTensors;

namespace Obliviate.Tool.Commands.Inspect;

/// <summary><c>inspect</c>: architecture, parameter count, dtypes, tokenizer and files (size, sha256) of a model folder.</summary>
public static class InspectCommand
{
    public static Command Create(ToolConsole console)
    {
        var model = new Argument<string>("model") { Description = "A model folder, or an embedded model name (minilm, arctic-xs)." };
        var json = new Option<bool>("--json") { Description = "Write the inspection as JSON." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "The model cache for embedded model names.", HelpName = "dir" };
        var command = new Command("inspect", "Describe a model: architecture, parameter count (from the safetensors shapes), dtypes, " +
                                             "tokenizer kind, and every file with its size and sha256. Never loads pickles.")
        {
            model, json, cacheDir,
        };
        command.SetAction((parse, ct) => Task.FromResult(
            Execute(parse.GetValue(model)!, parse.GetValue(json), parse.GetValue(cacheDir), console, ct)));
        return command;
    }

    public static int Execute(string model, bool json, string? cacheDir, ToolConsole console, CancellationToken cancellationToken = default)
    {
        ModelInspection inspection;
        try
        {
            inspection = ModelInspector.Inspect(ModelRepository.Resolve(model, cacheDir), cancellationToken);
        }
        catch (Exception e) when (e is ModelRepositoryException or SafeTensorsFormatException or InvalidDataException)
        {
            throw new UserError(e.Message);
        }
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(inspection, ToolJson.Options));
            return ExitCodes.Ok;
        }
        var c = inspection.Config;
        var o = console.Out;
        o.WriteLine($"model         {inspection.Directory}{(inspection.ShortName is null ? "" : $" ({inspection.ShortName})")}");
        o.WriteLine($"architecture  {c.ModelType}: {c.NumHiddenLayers} layers, hidden {c.HiddenSize}, {c.NumAttentionHeads} heads, " +
                    $"intermediate {c.IntermediateSize}, {c.HiddenAct}");
        o.WriteLine($"vocabulary    {c.VocabSize} tokens, {c.MaxPositionEmbeddings} positions, {c.TypeVocabSize} token types, " +
                    $"layer_norm_eps {c.LayerNormEps.ToString("R", CultureInfo.InvariantCulture)}");
        o.WriteLine($"parameters    {inspection.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} in {inspection.TensorCount} tensors");
        o.WriteLine($"dtypes        {string.Join(", ", inspection.Dtypes.Select(d => $"{d.Key} ×{d.Value}"))}");
        o.WriteLine($"weights       {inspection.Weights}{(inspection.Sharded ? " (sharded)" : "")}");
        var lower = inspection.DoLowerCase is { } l ? $" (do_lower_case={(l ? "true" : "false")})" : "";
        o.WriteLine($"tokenizer     {Describe(inspection.TokenizerKind)}{lower}");
        if (inspection.IgnoredUnsafeFiles.Count > 0)
            o.WriteLine($"not loaded    {string.Join(", ", inspection.IgnoredUnsafeFiles)} (pickle-based: loading can execute code)");
        o.WriteLine("files");
        foreach (var f in inspection.Files)
            o.WriteLine($"  {f.Sha256}  {f.Size.ToString(CultureInfo.InvariantCulture),12}  {f.Path}");
        return ExitCodes.Ok;
    }

    private static string Describe(TokenizerKind kind) => kind switch
    {
        TokenizerKind.WordPiece => "WordPiece (vocab.txt)",
        TokenizerKind.ByteLevelBpe => "byte-level BPE (vocab.json + merges.txt)",
        TokenizerKind.HuggingFaceJson => "Hugging Face tokenizer.json",
        _ => "none found",
    };
}
