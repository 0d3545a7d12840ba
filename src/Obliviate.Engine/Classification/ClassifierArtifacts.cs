using Obliviate.Formats.IO;
using System.Text.Json;
using System.Text.Json.Nodes;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Peft.Adapter;
using Obliviate.Engine.Peft.Lora;
using Obliviate.Engine.Peft.Prefix;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;
using Obliviate.Formats.SafeTensors;
using TorchSharp;

namespace Obliviate.Engine.Classification;

/// <summary>
/// Saves a trained adapter + head in interoperable formats and loads them back onto a base encoder.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>LoRA and prefix: Hugging Face peft (<c>adapter_config.json</c> + <c>adapter_model.safetensors</c>); the prefix MLP is
/// folded into <c>prompt_embeddings</c> first, as peft stores prefixes.</item>
/// <item>Houlsby adapters: the adapters library (<c>adapter_config.json</c> + <c>adapter.safetensors</c>); peft has no
/// bottleneck adapters.</item>
/// <item>The head, for every method: the adapters library's <c>head_config.json</c> + <c>model_head.safetensors</c>
/// (<c>heads.obliviate.1.*</c>, <c>heads.obliviate.4.*</c>). It is kept out of peft's <c>modules_to_save</c> because BERT's own
/// classifier is one Linear on the pooler and cannot hold this two-layer first-token head; <c>modules_to_save</c> is null.</item>
/// </list>
/// Every file is written atomically (temp + rename).
/// </remarks>
public static class ClassifierArtifacts
{
    private const long MaxConfigBytes = 1 << 20;

    public static void Save(string directory, PeftClassifier model, string baseModel, double headDropout)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        var peft = model.Peft;
        var encoder = model.Encoder.Config;
        var family = PeftKeys.Family(encoder);
        var name = PeftArtifactFiles.AdapterName;
        List<SafeTensorsTensor> tensors;
        if (peft.Method.Method == PeftMethod.Prefix)
        {
            using var flat = peft.Prefix!.Eject();
            tensors = [TensorBytes.ToSafeTensor(PeftKeys.ToSaved(PeftMethod.Prefix, $"{PrefixInjector.Segment}.prompt_embeddings", family, name), flat)];
        }
        else
        {
            tensors = [.. peft.Trainable.Select(p => TensorBytes.ToSafeTensor(PeftKeys.ToSaved(peft.Method.Method, p.Key, family, name), p.Value))];
        }
        var config = AdapterConfigJson(peft, encoder, baseModel, family);
        SafeTensorsWriter.Write(Path.Combine(directory, peft.Method.WeightsFile), tensors);
        WriteJson(Path.Combine(directory, PeftArtifactFiles.AdapterConfig), config);

        var head = model.HeadParameters.Select(p => TensorBytes.ToSafeTensor($"heads.{name}.{p.Key}", p.Value));
        SafeTensorsWriter.Write(Path.Combine(directory, PeftArtifactFiles.HeadWeights), head);
        WriteJson(Path.Combine(directory, PeftArtifactFiles.HeadConfig), new JsonObject
        {
            ["config"] = new JsonObject
            {
                ["head_type"] = "classification",
                ["num_labels"] = model.Head.NumLabels,
                ["layers"] = 2,
                ["activation_function"] = "tanh",
                ["use_pooler"] = false,
                ["bias"] = true,
                ["dropout_prob"] = headDropout,
            },
            ["hidden_size"] = encoder.HiddenSize,
            ["model_class"] = encoder.IsRoberta ? "RobertaAdapterModel" : "BertAdapterModel",
            ["model_name"] = baseModel,
            ["model_type"] = encoder.ModelType,
            ["name"] = name,
        });
    }

    /// <summary>
    /// Loads <paramref name="directory"/> onto <paramref name="encoder"/> (freshly loaded base weights) and returns the classifier in
    /// eval mode. Every defect (missing file, unknown method, missing, extra or mis-shaped tensor) is an
    /// <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    public static PeftClassifier Load(string directory, BertModel encoder, int numLabels)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var configPath = Path.Combine(directory, PeftArtifactFiles.AdapterConfig);
        var config = ReadJson(configPath);
        var family = PeftKeys.Family(encoder.Config);
        var name = PeftArtifactFiles.AdapterName;
        var options = new PeftInjectionOptions(new torch.Generator(0), 0.0);
        PeftAttachment peft;
        string weightsPath;
        var peftType = config["peft_type"]?.GetValue<string>();
        if (peftType == "LORA")
        {
            var lora = new LoraConfig
            {
                Rank = Int(config, "r", configPath, 1, 4096),
                Alpha = config["lora_alpha"]?.GetValue<double>() ?? throw Missing(configPath, "lora_alpha"),
                TargetModules = config["target_modules"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? throw Missing(configPath, "target_modules"),
            };
            peft = Wrap(() => LoraInjector.Inject(encoder, lora, options), configPath);
            weightsPath = Path.Combine(directory, PeftRegistry.Get(PeftMethod.Lora).WeightsFile);
            LoadStrict(weightsPath, peft, family, name);
        }
        else if (peftType == "PREFIX_TUNING")
        {
            weightsPath = Path.Combine(directory, PeftRegistry.Get(PeftMethod.Prefix).WeightsFile);
            var prefixConfig = new PrefixConfig { PrefixLength = Int(config, "num_virtual_tokens", configPath, 1, 512) };
            using var file = SafeTensorsFile.Open(weightsPath);
            var expected = PeftKeys.ToSaved(PeftMethod.Prefix, $"{PrefixInjector.Segment}.prompt_embeddings", family, name);
            if (file.Entries.Count != 1 || !file.TryGetEntry(expected, out var entry))
                throw new InvalidDataException($"{weightsPath}: a prefix adapter holds exactly one tensor, '{expected}'.");
            if (entry.Shape.Count != 2 || entry.Shape[0] != prefixConfig.PrefixLength)
                throw new InvalidDataException($"{weightsPath}: '{expected}' has shape [{string.Join(",", entry.Shape)}], expected [{prefixConfig.PrefixLength}, L·2·H].");
            using var values = torch.tensor(file.ReadFloat32(expected), [.. entry.Shape]);
            var flat = Wrap(() => new PrefixLayer(values, encoder.Config), weightsPath);
            peft = PrefixInjector.AttachFlat(encoder, prefixConfig, flat);
        }
        else if (config["config"] is JsonObject adapter && adapter["architecture"]?.GetValue<string>() == "bottleneck")
        {
            var adapterConfig = new AdapterConfig
            {
                ReductionFactor = Int(adapter, "reduction_factor", configPath, 1, 65536),
                NonLinearity = adapter["non_linearity"]?.GetValue<string>() ?? "swish",
                MhAdapter = adapter["mh_adapter"]?.GetValue<bool>() ?? true,
                OutputAdapter = adapter["output_adapter"]?.GetValue<bool>() ?? true,
                Name = config["name"]?.GetValue<string>() ?? name,
            };
            peft = Wrap(() => AdapterInjector.Inject(encoder, adapterConfig, options), configPath);
            weightsPath = Path.Combine(directory, PeftRegistry.Get(PeftMethod.Adapter).WeightsFile);
            LoadStrict(weightsPath, peft, family, adapterConfig.Name);
        }
        else
        {
            throw new InvalidDataException($"{configPath}: not a LoRA or prefix-tuning peft config, nor a bottleneck adapter config.");
        }

        var head = new ClassificationHead(encoder.Config.HiddenSize, numLabels, 0.1, new torch.Generator(0));
        var headPath = Path.Combine(directory, PeftArtifactFiles.HeadWeights);
        var headTensors = head.named_parameters().Select(p => new KeyValuePair<string, TorchSharp.Modules.Parameter>($"heads.{name}.{p.name}", p.parameter)).ToList();
        LoadExact(headPath, headTensors);
        var model = new PeftClassifier(encoder, peft, head);
        foreach (var p in model.parameters()) p.requires_grad = false;
        model.eval();
        return model;
    }

    private static void LoadStrict(string path, PeftAttachment peft, string family, string name)
    {
        var expected = peft.Trainable
            .Select(p => new KeyValuePair<string, TorchSharp.Modules.Parameter>(PeftKeys.ToSaved(peft.Method.Method, p.Key, family, name), p.Value))
            .ToList();
        LoadExact(path, expected);
    }

    /// <summary>Copies every tensor of <paramref name="path"/> into the named parameters; the key sets must be equal.</summary>
    private static void LoadExact(string path, IReadOnlyList<KeyValuePair<string, TorchSharp.Modules.Parameter>> expected)
    {
        if (!File.Exists(path)) throw new InvalidDataException($"{path}: file not found.");
        using var file = SafeTensorsFile.Open(path);
        var wanted = expected.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var extra = file.Entries.Select(e => e.Name).Where(n => !wanted.ContainsKey(n)).ToList();
        if (extra.Count > 0) throw new InvalidDataException($"{path}: unexpected tensors for this model: {string.Join(", ", extra.Take(10))}.");
        foreach (var (key, parameter) in expected)
        {
            if (!file.TryGetEntry(key, out var entry)) throw new InvalidDataException($"{path}: tensor '{key}' is missing.");
            if (!entry.Shape.SequenceEqual(parameter.shape))
            {
                throw new InvalidDataException($"{path}: '{key}' has shape [{string.Join(",", entry.Shape)}], the model needs " +
                                               $"[{string.Join(",", parameter.shape)}] (was it trained on another base model?).");
            }
            TensorBytes.CopyInto(parameter, file.ReadFloat32(key), $"{path}: '{key}'");
        }
    }

    private static JsonObject AdapterConfigJson(PeftAttachment peft, Models.EncoderConfig encoder, string baseModel, string family)
    {
        switch (peft.Config)
        {
            case LoraConfig lora:
                return new JsonObject
                {
                    ["peft_type"] = "LORA",
                    ["task_type"] = "SEQ_CLS",
                    ["base_model_name_or_path"] = baseModel,
                    ["revision"] = null,
                    ["inference_mode"] = true,
                    ["r"] = lora.Rank,
                    ["lora_alpha"] = lora.Alpha,
                    ["lora_dropout"] = 0.0,
                    ["target_modules"] = new JsonArray([.. lora.TargetModules.Select(t => (JsonNode)JsonValue.Create(t)!)]),
                    ["bias"] = "none",
                    ["fan_in_fan_out"] = false,
                    ["init_lora_weights"] = true,
                    ["modules_to_save"] = null,
                };
            case PrefixConfig prefix:
                return new JsonObject
                {
                    ["peft_type"] = "PREFIX_TUNING",
                    ["task_type"] = "SEQ_CLS",
                    ["base_model_name_or_path"] = baseModel,
                    ["revision"] = null,
                    ["inference_mode"] = true,
                    ["num_virtual_tokens"] = prefix.PrefixLength,
                    ["token_dim"] = encoder.HiddenSize,
                    ["num_transformer_submodules"] = 1,
                    ["num_attention_heads"] = encoder.NumAttentionHeads,
                    ["num_layers"] = encoder.NumHiddenLayers,
                    // The MLP (bottleneck prefix.BottleneckSize) was folded into prompt_embeddings, so peft must not project again.
                    ["encoder_hidden_size"] = prefix.BottleneckSize,
                    ["prefix_projection"] = false,
                    ["modules_to_save"] = null,
                };
            case AdapterConfig adapter:
                return new JsonObject
                {
                    ["config"] = new JsonObject
                    {
                        ["architecture"] = "bottleneck",
                        ["mh_adapter"] = adapter.MhAdapter,
                        ["output_adapter"] = adapter.OutputAdapter,
                        ["reduction_factor"] = adapter.ReductionFactor,
                        ["non_linearity"] = adapter.NonLinearity,
                        ["original_ln_before"] = false,
                        ["original_ln_after"] = true,
                        ["residual_before_ln"] = true,
                        ["adapter_residual_before_ln"] = false,
                        ["ln_before"] = false,
                        ["ln_after"] = false,
                        ["init_weights"] = adapter.InitWeights,
                        ["is_parallel"] = false,
                        ["scaling"] = 1.0,
                        ["use_gating"] = false,
                    },
                    ["hidden_size"] = encoder.HiddenSize,
                    ["model_class"] = encoder.IsRoberta ? "RobertaAdapterModel" : "BertAdapterModel",
                    ["model_name"] = baseModel,
                    ["model_type"] = family,
                    ["name"] = adapter.Name,
                };
            default:
                throw new ArgumentException($"unknown PEFT config {peft.Config.GetType().Name}.");
        }
    }

    private static void WriteJson(string path, JsonNode node) =>
        AtomicFile.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

    /// <summary>What reports record about a trained or loaded adapter: method, format, trainable sizes and the saved config.</summary>
    public static PeftSummary Summarize(PeftAttachment peft, string directory)
    {
        ArgumentNullException.ThrowIfNull(peft);
        return new PeftSummary(peft.Method.Name, peft.Method.Format, peft.Trainable.Count, peft.Trainable.Sum(p => p.Value.numel()),
            ReadJson(Path.Combine(directory, PeftArtifactFiles.AdapterConfig)));
    }

    internal static JsonObject ReadJson(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new InvalidDataException($"{path}: file not found (is this an adapter folder written by 'defend'?).");
        if (info.Length > MaxConfigBytes) throw new InvalidDataException($"{path}: {info.Length} bytes is too large for a config file.");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON: {e.Message}", e);
        }
    }

    private static int Int(JsonObject o, string key, string path, int min, int max)
    {
        try
        {
            var value = o[key]?.GetValue<int>() ?? throw Missing(path, key);
            if (value < min || value > max) throw new InvalidDataException($"{path}: '{key}' = {value} is outside {min}..{max}.");
            return value;
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: '{key}' must be an integer.", e);
        }
    }

    private static InvalidDataException Missing(string path, string key) => new($"{path}: '{key}' is missing.");

    private static T Wrap<T>(Func<T> build, string path)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is ArgumentException || (e is InvalidDataException && !e.Message.StartsWith(path, StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }
}
