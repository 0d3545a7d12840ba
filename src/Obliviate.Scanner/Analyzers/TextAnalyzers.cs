using System.Text;
using System.Text.Json;

namespace Obliviate.Scanner.Analyzers;

/// <summary>Dispatches the repository text files (configs, tokenizer files, Python code) and ONNX graphs by name.</summary>
internal static class TextAnalyzers
{
    public static void Analyze(string relativePath, Stream stream, string format, ScanContext ctx, FindingSink sink)
    {
        var name = Path.GetFileName(relativePath).ToLowerInvariant();
        if (format == "onnx")
        {
            new OnnxAnalyzer(ctx).Scan(stream, relativePath, sink);
            return;
        }
        if (format is not ("json" or "text" or "python")) return;
        if (stream.Length > ctx.Limits.MaxTextBytes)
        {
            sink.Note($"text file larger than {ctx.Limits.MaxTextBytes} bytes not analyzed");
            return;
        }
        stream.Position = 0;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var text = Encoding.UTF8.GetString(bytes);
        if (name.EndsWith(".py", StringComparison.Ordinal))
        {
            sink.Analyzed = true;
            PythonCodeAnalyzer.Scan(relativePath, text, sink);
            return;
        }
        if (format != "json") return;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            sink.Note($"not valid JSON ({ex.Message}); loaders reject it");
            return;
        }
        using (doc)
        {
            sink.Analyzed = true;
            JsonNestedPickles.Scan(doc.RootElement, ctx, sink);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return;
            ConfigAnalyzer.Scan(doc.RootElement, sink);
            TokenizerAnalyzer.Scan(name, doc.RootElement, sink);
        }
    }
}
