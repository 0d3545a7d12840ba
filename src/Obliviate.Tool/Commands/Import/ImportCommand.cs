using System.CommandLine;
using Obliviate.Engine.Models.Onnx;

namespace Obliviate.Tool.Commands.Import;

/// <summary><c>import onnx</c>: a BERT-family ONNX export plus vocab.txt → a Hugging Face model folder.</summary>
public static class ImportCommand
{
    public static Command Create(ToolConsole console)
    {
        var model = new Argument<FileInfo>("model.onnx") { Description = "The ONNX export of a BERT-family encoder." };
        var vocab = new Option<FileInfo>("--vocab") { Description = "The model's WordPiece vocab.txt.", Required = true, HelpName = "vocab.txt" };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "The folder to create (new or empty; --force replaces a non-empty one).", Required = true, HelpName = "dir" };
        var force = CommonOptions.Force();
        var upstream = new Option<string?>("--upstream") { Description = "Upstream model id recorded in the model card, e.g. sentence-transformers/all-MiniLM-L6-v2.", HelpName = "id" };
        var license = new Option<string?>("--license") { Description = "SPDX licence of the weights recorded in the model card, e.g. Apache-2.0.", HelpName = "spdx" };
        var onnx = new Command("onnx", "Convert a BERT-family encoder exported to ONNX into a Hugging Face folder: config.json (inferred " +
                                       "from the graph), model.safetensors, vocab.txt, tokenizer_config.json and a README.md model card.\n\n" +
                                       "Example:\n  dotnet obliviate import onnx model.onnx --vocab vocab.txt -o ./my-model\n\n" +
                                       "Exit codes: 0 imported, 2 unreadable or unsupported input, 4 usage (including a non-empty --output without --force).")
        {
            model, vocab, output, upstream, license, force,
        };
        onnx.SetAction(parse => Execute(parse.GetValue(model)!, parse.GetValue(vocab)!, parse.GetValue(output)!,
            parse.GetValue(upstream), parse.GetValue(license), parse.GetValue(force), console));
        return new Command("import", "Import models from other formats.") { onnx };
    }

    public static int Execute(FileInfo model, FileInfo vocab, DirectoryInfo output, string? upstream, string? license, bool force, ToolConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var result = OnnxBertImporter.Import(model.FullName, vocab.FullName, output.FullName, new OnnxImportProvenance(upstream, license), force);
        var c = result.Config;
        console.Out.WriteLine(result.OutputDirectory);
        console.Info($"imported {c.ModelType}: {c.NumHiddenLayers} layers, hidden {c.HiddenSize}, {c.NumAttentionHeads} heads, " +
                                $"intermediate {c.IntermediateSize}, vocab {c.VocabSize}; {result.TensorCount} tensors, " +
                                $"{result.ParameterCount:N0} parameters; do_lower_case={(result.DoLowerCase ? "true" : "false")}");
        return ExitCodes.Ok;
    }
}
