using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Obliviate.Bench.Encoder;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runs;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tokenization;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Bench.Speed;

/// <summary>
/// One case of the side-by-side speed benchmark (bench/speed/run.sh runs the PyTorch reference on the same inputs in
/// alternating processes). Every case runs in a fresh process and reports its median wall time per unit of work and the
/// process's peak RSS:
/// <list type="bullet">
/// <item><c>inputs</c>: writes the shared inputs (real SST-2 text tokenised by the model's tokenizer) for both sides.</item>
/// <item><c>forward</c>: eval forward of batch 16 × 64 under inference mode; also writes the first-token outputs for the
/// parity check against PyTorch.</item>
/// <item><c>lora_step</c> / <c>obliviate_step</c>: the real <see cref="DefenseTrainer"/> (LoRA r16 q+v, the two-layer head,
/// AdamW, clipping 1.0, dropout on) on fixed 16 × 64 batches, without and with the Obliviate terms; its own median step time.</item>
/// <item><c>full_step</c>: POR's injection step — 16 clean + 16 poisoned rows of 64 through the trainable encoder, the clean
/// half also through a frozen copy, MSE to the targets plus the clean anchor, backward, Adam.</item>
/// <item><c>vocab_sweep</c>: every vocabulary id inside a short carrier, forward in batches of 512: total milliseconds.</item>
/// </list>
/// Every case but <c>forward</c> reads only first-token outputs and, as the product's paths do, asks the encoder for those
/// alone (<see cref="EncoderInput.FirstTokenOnly"/>: the last layer runs one query row); the reference computes every row,
/// as a plain BERT does. <c>forward</c> returns every token's output on both sides.
/// </summary>
public static class SpeedBenchmark
{
    public const string Usage =
        "--case inputs|forward|lora_step|obliviate_step|full_step|vocab_sweep --inputs FILE [--model minilm] [--threads 2] [--warmup 3] [--iterations 20] [--out FILE]";

    public static int Run(BenchArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var name = args.String("case", "");
        var inputsPath = args.OptionalString("inputs") ?? throw new ArgumentException("--inputs is required.");
        var threads = TorchRuntime.ConfigureThreads(args.Int("threads", 2));
        var warmup = args.Int("warmup", 3, min: 0);
        var iterations = args.Int("iterations", 20);
        var repository = ModelRepository.Resolve(args.String("model", "minilm"), args.OptionalString("cache-dir"));
        var tokenizer = TokenizerLoader.FromFolder(repository.Directory, repository.Tokenizer.Settings);
        torch.manual_seed(0);
        if (name == "inputs") return WriteInputs(tokenizer, inputsPath);
        var inputs = JsonNode.Parse(File.ReadAllText(inputsPath))!;
        var (msPerUnit, extra) = name switch
        {
            "forward" => Forward(repository, inputs, warmup, iterations, args.OptionalString("parity")),
            "lora_step" => PeftSteps(repository, tokenizer, inputs, defense: false, warmup, iterations),
            "obliviate_step" => PeftSteps(repository, tokenizer, inputs, defense: true, warmup, iterations),
            "full_step" => FullSteps(repository, inputs, warmup, iterations),
            "vocab_sweep" => (VocabSweep(repository, inputs), new JsonObject()),
            _ => throw new ArgumentException($"unknown case '{name}'."),
        };
        var result = new JsonObject
        {
            ["case"] = name,
            ["ms"] = Math.Round(msPerUnit, 2),
            ["peak_rss_mb"] = Math.Round(ProcessMemory.PeakRssMegabytes(), 1),
            ["threads"] = threads,
        };
        foreach (var (k, v) in extra) result[k] = v?.DeepClone();
        var text = result.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        if (args.OptionalString("out") is { } output) File.WriteAllText(output, text + "\n");
        Console.WriteLine(text);
        return 0;
    }

    /// <summary>Token ids both sides read: batch 16 × 64 (fixed shape), 32 × 64 for the full step, labels, and the sweep's carrier.</summary>
    private static int WriteInputs(TextTokenizer tokenizer, string path)
    {
        var repoRoot = BenchEnvironment.RepoRoot();
        var rows = BenchTexts.Rows(32, 64, repoRoot).Select(t => tokenizer.Encode(t, null, 64)).ToList();
        if (rows.Any(r => r.Length != 64)) throw new InvalidDataException("a benchmark row is shorter than 64 tokens.");
        var random = new Random(0);
        var carrier = tokenizer.Encode("the movie was fine", null, 16).Ids.ToList();
        var json = new JsonObject
        {
            ["ids"] = new JsonArray([.. rows.Select(r => (JsonNode)new JsonArray([.. r.Ids.Select(i => (JsonNode)i)]))]),
            ["labels"] = new JsonArray([.. Enumerable.Range(0, 32).Select(_ => (JsonNode)random.Next(2))]),
            ["vocab_size"] = tokenizer.VocabularySize,
            ["carrier"] = new JsonArray([.. carrier.Select(i => (JsonNode)i)]),
            ["insert_at"] = 2,
        };
        File.WriteAllText(path, json.ToJsonString() + "\n");
        Console.Error.WriteLine($"inputs: 32 rows of 64 tokens, carrier of {carrier.Count} tokens, vocabulary {tokenizer.VocabularySize}");
        return 0;
    }

    private static long[] Ids(JsonNode inputs, int rows) =>
        [.. inputs["ids"]!.AsArray().Take(rows).SelectMany(r => r!.AsArray().Select(i => (long)i!.GetValue<int>()))];

    private static (double, JsonObject) Forward(ModelRepository repository, JsonNode inputs, int warmup, int iterations, string? parity)
    {
        using var model = BertModel.FromPretrained(repository);
        using var ids = torch.tensor(Ids(inputs, 16), [16, 64]);
        // As the product's inference passes (evaluation, the probe) do.
        NativeMemory.UseInferenceAllocator();
        var times = new List<double>();
        for (var i = 0; i < warmup + iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            using (torch.inference_mode())
            using (torch.NewDisposeScope())
            {
                var hidden = model.forward(new EncoderInput { InputIds = ids }).LastHiddenState;
                clock.Stop();
                if (i == 0 && parity is not null)
                {
                    var first = hidden.select(1, 0).contiguous().data<float>().ToArray();
                    File.WriteAllText(parity, JsonSerializer.Serialize(first));
                }
            }
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (BenchEnvironment.Median(times), new JsonObject());
    }

    /// <summary>The real PEFT trainer on fixed 16 × 64 batches; its own median step time.</summary>
    private static (double, JsonObject) PeftSteps(ModelRepository repository, TextTokenizer tokenizer, JsonNode inputs, bool defense,
        int warmup, int iterations)
    {
        var steps = warmup + iterations;
        var ids = inputs["ids"]!.AsArray().Take(16).Select(r => r!.AsArray().Select(i => i!.GetValue<int>()).ToList()).ToList();
        var labels = inputs["labels"]!.AsArray().Take(16).Select(l => l!.GetValue<int>()).ToList();
        // One epoch of `steps` batches of the same 16 rows: every step sees a 16 × 64 batch, as the reference does.
        var examples = Enumerable.Range(0, steps * 16).Select(i => new EncodedText(ids[i % 16], new int[64])).ToList();
        var exampleLabels = Enumerable.Range(0, steps * 16).Select(i => labels[i % 16]).ToList();
        using var encoder = BertModel.FromPretrained(repository);
        var settings = new DefenseSettings { Enabled = defense };
        var training = new TrainingSettings { Epochs = 1, BatchSize = 16, MaxLength = 64, LearningRate = 5e-4, Seed = 0 };
        using var generator = new Generator(3);
        var peft = PeftRegistry.Get(PeftMethod.Lora).Inject(encoder, new PeftInjectionOptions(generator, settings.EffectiveDropout));
        using var head = new ClassificationHead(encoder.Config.HiddenSize, 2, 0.1, generator, CPU);
        using var model = new PeftClassifier(encoder, peft, head);
        var checkpoint = Path.Combine(Path.GetTempPath(), $"obliviate-speed-{Guid.NewGuid():N}.safetensors");
        try
        {
            var summary = new DefenseTrainer(model, tokenizer, training, settings, 5e-4)
                .Train(examples, exampleLabels, checkpoint, "speed", resume: false, progress: null, CancellationToken.None);
            return (summary.StepMillisecondsMedian ?? double.NaN, new JsonObject { ["steps"] = summary.StepsThisProcess });
        }
        finally
        {
            File.Delete(checkpoint);
        }
    }

    /// <summary>POR's injection step on 16 clean + 16 poisoned rows of 64 tokens (full fine-tuning, a frozen reference copy).</summary>
    private static (double, JsonObject) FullSteps(ModelRepository repository, JsonNode inputs, int warmup, int iterations)
    {
        using var target = BertModel.FromPretrained(repository);
        using var reference = BertModel.FromPretrained(repository);
        foreach (var p in reference.parameters()) p.requires_grad = false;
        var parameters = target.named_parameters().Select(p => new KeyValuePair<string, TorchSharp.Modules.Parameter>(p.name, p.parameter)).ToList();
        foreach (var (_, p) in parameters) p.requires_grad = true;
        using var optimizer = new HfAdamW(parameters, new TrainingSettings());
        using var ids = torch.tensor(Ids(inputs, 32), [32, 64]);
        using var targets = torch.ones(16, target.Config.HiddenSize);
        var times = new List<double>();
        for (var i = 0; i < warmup + iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            using (torch.NewDisposeScope())
            {
                target.train();
                var first = target.forward(new EncoderInput { InputIds = ids, FirstTokenOnly = true }).LastHiddenState.select(1, 0);
                Tensor expected;
                using (torch.no_grad())
                {
                    reference.eval();
                    expected = reference.forward(new EncoderInput { InputIds = ids.narrow(0, 0, 16), FirstTokenOnly = true }).LastHiddenState.select(1, 0);
                }
                var loss = nn.functional.mse_loss(first.narrow(0, 16, 16), targets) + 0.5 * nn.functional.mse_loss(first.narrow(0, 0, 16), expected);
                optimizer.ZeroGrad();
                loss.backward();
                optimizer.Step(1e-4);
            }
            if ((i + 1) % NativeMemory.TrainingInterval == 0) NativeMemory.Trim();
            clock.Stop();
            if (i >= warmup) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (BenchEnvironment.Median(times), new JsonObject());
    }

    /// <summary>Every vocabulary id inside the carrier, forward in batches of 512 under inference mode: total milliseconds.</summary>
    private static double VocabSweep(ModelRepository repository, JsonNode inputs)
    {
        using var model = BertModel.FromPretrained(repository);
        var carrier = inputs["carrier"]!.AsArray().Select(i => (long)i!.GetValue<int>()).ToList();
        var at = inputs["insert_at"]!.GetValue<int>();
        var vocab = inputs["vocab_size"]!.GetValue<int>();
        var length = carrier.Count + 1;
        const int batch = 512;
        NativeMemory.UseInferenceAllocator(); // as the probe's sweep does
        var clock = Stopwatch.StartNew();
        using (torch.inference_mode())
        {
            for (var start = 0; start < vocab; start += batch)
            {
                using var scope = torch.NewDisposeScope();
                var count = Math.Min(batch, vocab - start);
                var ids = new long[count * length];
                for (var r = 0; r < count; r++)
                {
                    var row = carrier.Take(at).Append(start + r).Concat(carrier.Skip(at)).ToArray();
                    Array.Copy(row, 0, ids, r * length, length);
                }
                var hidden = model.forward(new EncoderInput { InputIds = torch.tensor(ids, [count, length]), FirstTokenOnly = true }).LastHiddenState;
                _ = hidden.select(1, 0).sum().item<float>();
            }
        }
        return clock.Elapsed.TotalMilliseconds;
    }
}
