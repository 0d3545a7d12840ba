using System.Text.Json;
using Obliviate.Formats.SafeTensors;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner;

/// <summary>
/// Checks across files of one model folder: the tokenizer's id range and config.json's vocab_size against the
/// rows of the embedding matrix in the folder's safetensors weights. Findings attach to config.json.
/// </summary>
internal static class RepositoryChecks
{
    private static readonly string[] EmbeddingSuffixes =
        ["word_embeddings.weight", "embed_tokens.weight", "wte.weight", "tok_embeddings.weight", "shared.weight", "word_emb.weight"];

    public static void Run(IReadOnlyList<FileResultBuilder> files, ScanContext ctx)
    {
        foreach (var config in files.Where(f => Path.GetFileName(f.RelativePath) == "config.json"))
        {
            ctx.UserToken.ThrowIfCancellationRequested();
            if (ctx.OutOfTime) return;
            try
            {
                CheckFolder(config, files, ctx);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                config.Sink.Inconclusive($"repository check failed ({ex.GetType().Name}): {ex.Message}");
            }
        }
    }

    private static void CheckFolder(FileResultBuilder config, IReadOnlyList<FileResultBuilder> files, ScanContext ctx)
    {
        var folder = Path.GetDirectoryName(config.RelativePath) ?? "";
        var inFolder = files.Where(f => (Path.GetDirectoryName(f.RelativePath) ?? "") == folder).ToList();
        var rows = EmbeddingRows(inFolder);
        if (rows is null) return;
        var vocabSize = ReadVocabSize(config.FullPath, ctx);
        var tokenizer = inFolder.FirstOrDefault(f => Path.GetFileName(f.RelativePath) == "tokenizer.json");
        var vocabTxt = inFolder.FirstOrDefault(f => Path.GetFileName(f.RelativePath) == "vocab.txt");
        var tokenizerIds = tokenizer is not null ? TokenizerJsonIdCount(tokenizer.FullPath, ctx)
            : vocabTxt is not null ? VocabTxtCount(vocabTxt.FullPath, ctx) : null;
        if (tokenizerIds is { } ids && ids > rows.Value.Rows)
        {
            config.Sink.Add(RuleIds.VocabEmbeddingMismatch,
                $"the tokenizer produces ids up to {ids - 1} but {rows.Value.Tensor} has only {rows.Value.Rows} rows",
                $"tokenizer ids {ids} > embedding rows {rows.Value.Rows}");
        }
        if (vocabSize is { } v && v != rows.Value.Rows)
        {
            config.Sink.Add(RuleIds.VocabEmbeddingMismatch, $"config.json vocab_size {v} differs from {rows.Value.Tensor} rows {rows.Value.Rows}",
                $"vocab_size {v} != embedding rows {rows.Value.Rows}", severity: Reports.Model.Severity.Low);
        }
    }

    private static (string Tensor, long Rows)? EmbeddingRows(IEnumerable<FileResultBuilder> files)
    {
        foreach (var f in files)
        {
            if (f.Sink.SafeTensorsHeader is not SafeTensorsHeader h) continue;
            foreach (var suffix in EmbeddingSuffixes)
            {
                var t = h.Tensors.FirstOrDefault(t => t.Name.EndsWith(suffix, StringComparison.Ordinal) && t.Shape.Count == 2);
                if (t is not null) return (t.Name, t.Shape[0]);
            }
        }
        return null;
    }

    private static long? ReadVocabSize(string path, ScanContext ctx)
    {
        using var doc = TryParse(path, ctx);
        if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object) return null;
        return doc.RootElement.TryGetProperty("vocab_size", out var v) ? Int64Of(v) : null;
    }

    /// <summary>1 + the largest id the tokenizer can emit (model vocabulary and added tokens).</summary>
    private static long? TokenizerJsonIdCount(string path, ScanContext ctx)
    {
        using var doc = TryParse(path, ctx);
        if (doc is null || doc.RootElement.ValueKind != JsonValueKind.Object) return null;
        long max = -1;
        if (doc.RootElement.TryGetProperty("model", out var model) && model.TryGetProperty("vocab", out var vocab))
        {
            if (vocab.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in vocab.EnumerateObject()) if (Int64Of(p.Value) is { } id) max = Math.Max(max, id);
            }
            else if (vocab.ValueKind == JsonValueKind.Array)
            {
                max = Math.Max(max, vocab.GetArrayLength() - 1);
            }
        }
        if (doc.RootElement.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in added.EnumerateArray())
                if (t.ValueKind == JsonValueKind.Object && t.TryGetProperty("id", out var idEl) && Int64Of(idEl) is { } id) max = Math.Max(max, id);
        }
        return max < 0 ? null : max + 1;
    }

    private static long? VocabTxtCount(string path, ScanContext ctx)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > ctx.Limits.MaxTextBytes) return null;
            return File.ReadLines(path).LongCount(l => l.Length > 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Untrusted JSON: a number only when it is one (TryGetInt64 throws on strings).</summary>
    private static long? Int64Of(JsonElement e) => e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) ? n : null;

    private static JsonDocument? TryParse(string path, ScanContext ctx)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > ctx.Limits.MaxTextBytes) return null;
            return JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 256, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
