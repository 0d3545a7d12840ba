using Obliviate.Formats.TensorFlow;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// TensorFlow protobuf files: SavedModel graphs (saved_model.pb) and frozen GraphDefs (*.pb) are read op by op,
/// function library included, and ops that run Python or touch files are findings; keras_metadata.pb holds the layer
/// configs Keras revives (Lambda layers carry bytecode); fingerprint.pb holds hashes only.
/// </summary>
internal sealed class TensorFlowAnalyzer(ScanContext ctx)
{
    public static bool Handles(string name) => name.EndsWith(".pb", StringComparison.OrdinalIgnoreCase);

    public string Scan(Stream stream, long length, string name, string? innerPath, FindingSink sink)
    {
        sink.Analyzed = true;
        if (length > ctx.Limits.MaxMemberBytes)
        {
            sink.Inconclusive($"TensorFlow graph larger than the {ctx.Limits.MaxMemberBytes}-byte cap was not read", innerPath);
            return "tensorflow";
        }
        var data = new byte[length];
        stream.Position = 0;
        stream.ReadExactly(data);
        var file = Path.GetFileName(name).ToLowerInvariant();
        try
        {
            if (file == "fingerprint.pb" && TensorFlowGraphReader.IsFingerprint(data))
            {
                sink.Note($"{Prefix(innerPath)}SavedModel fingerprint (hashes only)");
                return "tf-fingerprint";
            }
            if (file == "keras_metadata.pb")
            {
                var keras = new KerasAnalyzer(ctx);
                foreach (var json in TensorFlowGraphReader.ReadKerasMetadata(data)) keras.InspectConfig(json, innerPath, sink);
                return "keras-metadata";
            }
            var (graph, format) = Read(data, file);
            Grade(graph, innerPath, sink);
            return format;
        }
        catch (InvalidDataException ex)
        {
            sink.Inconclusive($"not a TensorFlow SavedModel or GraphDef that this scanner can read: {ex.Message}", innerPath);
            return "tensorflow";
        }
    }

    private static (TfGraph, string) Read(byte[] data, string file)
    {
        if (file == "saved_model.pb") return (TensorFlowGraphReader.ReadSavedModel(data), "tf-savedmodel");
        try
        {
            return (TensorFlowGraphReader.ReadSavedModel(data), "tf-savedmodel");
        }
        catch (InvalidDataException)
        {
            var graph = TensorFlowGraphReader.ReadGraphDef(data);
            // Any protobuf whose field 1 is a message parses as a GraphDef; a real one names an op on every node.
            if (graph.Nodes.Any(n => n.Op.Length == 0 || !n.Op.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
                throw new InvalidDataException("nodes without a valid op name: not a GraphDef");
            return (graph, "tf-graphdef");
        }
    }

    private void Grade(TfGraph graph, string? innerPath, FindingSink sink)
    {
        foreach (var group in graph.Nodes.Where(n => TensorFlowOps.Flagged.ContainsKey(n.Op)).GroupBy(n => n.Op, StringComparer.Ordinal))
        {
            ctx.Check();
            var (rule, reason) = TensorFlowOps.Flagged[group.Key];
            var first = group.First();
            var where = first.Function is null ? "the graph" : $"function {first.Function}";
            var token = first.StringAttributes.TryGetValue("token", out var t) ? $" (token '{t}')" : "";
            var more = group.Count() > 1 ? $" and {group.Count() - 1} more" : "";
            sink.Add(rule, $"op {group.Key} {reason}: node '{first.Name}' in {where}{token}{more}", $"op {group.Key}", null, innerPath);
        }
    }

    private static string Prefix(string? innerPath) => innerPath is null ? "" : innerPath + ": ";
}
