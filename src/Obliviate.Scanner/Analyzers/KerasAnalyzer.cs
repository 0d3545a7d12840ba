using System.Text.Json;
using Obliviate.Formats.Archives;
using Obliviate.Formats.Zip;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>Keras models (.h5 with a model_config attribute, .keras zips with config.json): Lambda layers carry Python bytecode.</summary>
internal sealed class KerasAnalyzer(ScanContext ctx)
{
    public string ScanHdf5(Stream stream, string? innerPath, FindingSink sink)
    {
        string? config;
        try
        {
            stream.Position = 0;
            config = Hdf5Attributes.ReadRootString(stream, "model_config");
        }
        catch (InvalidDataException ex)
        {
            sink.Inconclusive(ex.Message, innerPath);
            return "hdf5";
        }
        if (config is null) { sink.Note($"{(innerPath is null ? "" : innerPath + ": ")}HDF5 without a Keras model_config (weights only)"); return "hdf5"; }
        InspectConfig(config, innerPath, sink);
        return "keras-h5";
    }

    public void ScanKerasZip(Stream stream, IReadOnlyList<ZipEntryInfo> files, string? innerPath, FindingSink sink)
    {
        var configEntry = files.First(e => e.Name == "config.json");
        var member = innerPath is null ? "config.json" : $"{innerPath}/config.json";
        byte[]? data;
        try
        {
            data = ZipReader.ReadAll(stream, configEntry, ctx.Limits.MaxTextBytes);
        }
        catch (ZipFormatException ex)
        {
            sink.Inconclusive(ex.Message, member);
            return;
        }
        if (data is null) { sink.Inconclusive("config.json exceeds the text size cap", member); return; }
        if (!ctx.TakeInflated(data.Length)) { sink.Inconclusive("scan-wide inflation cap reached", member); return; }
        InspectConfig(System.Text.Encoding.UTF8.GetString(data), member, sink);
    }

    /// <summary>Walks a Keras model or layer config (JSON) for Lambda layers.</summary>
    public void InspectConfig(string json, string? innerPath, FindingSink sink)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            sink.Inconclusive($"Keras model config is not valid JSON: {ex.Message}", innerPath);
            return;
        }
        using (doc)
        {
            var count = 0;
            Walk(doc.RootElement, ref count, innerPath, sink);
        }
    }

    private void Walk(JsonElement e, ref int visited, string? innerPath, FindingSink sink)
    {
        if (++visited % 1024 == 0) ctx.Check();
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                if (e.TryGetProperty("class_name", out var cls) && cls.ValueKind == JsonValueKind.String && cls.GetString() == "Lambda")
                {
                    var name = e.TryGetProperty("config", out var cfg) && cfg.ValueKind == JsonValueKind.Object
                        && cfg.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    sink.Add(RuleIds.KerasLambdaLayer, $"Keras Lambda layer '{name ?? "?"}' stores Python bytecode that runs on load", $"Lambda {name}", null, innerPath);
                }
                foreach (var p in e.EnumerateObject()) Walk(p.Value, ref visited, innerPath, sink);
                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray()) Walk(item, ref visited, innerPath, sink);
                break;
        }
    }
}
