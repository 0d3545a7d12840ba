using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tokenization;
using TorchSharp;

namespace Obliviate.Bench.Encoder;

/// <summary>
/// The encoder benchmark: median forward time of the TorchSharp encoder (eval, no_grad) on a real-text batch,
/// peak RSS (VmHWM) of the process after the timed runs, and the last_hidden_state max abs difference to ONNX Runtime
/// on real tokens. ONNX Runtime runs after the peak is read, so its memory is not counted against the encoder.
/// </summary>
public static class EncoderBenchmark
{
    public const string Usage =
        "[--model minilm] [--batch 16] [--seq 64] [--threads 2] [--warmup 3] [--iterations 30] [--cache-dir DIR] [--out FILE]";

    public static int Run(BenchArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var modelName = args.String("model", "minilm");
        var batchSize = args.Int("batch", 16);
        var seq = args.Int("seq", 64, min: 4);
        var threads = TorchRuntime.ConfigureThreads(args.Int("threads", 2));
        var warmup = args.Int("warmup", 3, min: 0);
        var iterations = args.Int("iterations", 30, min: 20);
        var repoRoot = BenchEnvironment.RepoRoot();
        var output = args.String("out", Path.Combine(repoRoot, "bench", "results", "encoder.json"));

        var repository = ModelRepository.Resolve(modelName, args.OptionalString("cache-dir"));
        var tokenizer = TokenizerLoader.FromFolder(repository.Directory, repository.Tokenizer.Settings);
        var batch = tokenizer.EncodeBatch(BenchTexts.Rows(batchSize, seq, repoRoot), maxLength: seq, padToMaxLength: true);
        using var model = BertModel.FromPretrained(repository);
        Console.Error.WriteLine($"{modelName}: {model.Config.NumHiddenLayers}L/{model.Config.HiddenSize}H, batch {batchSize}×{seq}, " +
                                $"{batch.Lengths.Min()}–{batch.Lengths.Max()} real tokens per row, {threads} threads");

        using var input = new InputTensors(batch);
        var times = new List<double>(iterations);
        var process = Process.GetCurrentProcess();
        var cpuTimes = new List<double>(iterations);
        float[] last = [];
        for (var i = 0; i < warmup + iterations; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            using (torch.no_grad())
            using (var scope = torch.NewDisposeScope())
            {
                var hidden = model.forward(input.Encoder).LastHiddenState;
                clock.Stop();
                if (i == warmup + iterations - 1) last = hidden.contiguous().data<float>().ToArray();
            }
            process.Refresh();
            if (i >= warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
                cpuTimes.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            }
        }
        var peakMb = Obliviate.Engine.Runs.ProcessMemory.PeakRssMegabytes();
        times.Sort();
        var median = BenchEnvironment.Median(times);
        cpuTimes.Sort();
        // CPU time is reported beside wall time because a shared machine inflates wall time; it is not in the JSON.
        Console.Error.WriteLine($"forward ms: median {median:F1}, min {times[0]:F1}, max {times[^1]:F1}; " +
                                $"CPU ms per forward: median {BenchEnvironment.Median(cpuTimes):F1}; peak RSS {peakMb:F0} MB; " +
                                $"load average {BenchEnvironment.LoadAverage()}");

        double? parity = null;
        if (EmbeddedModels.Find(modelName) is { } embedded)
        {
            var dll = EmbeddedPackageLocator.LocateAssembly(embedded,
                Path.Combine(EmbeddedModelStore.DefaultCacheDirectory(), ".packages"));
            parity = MaxAbsDiffOnRealTokens(ManagedResourceReader.Read(dll, embedded.OnnxResource), batch, last, threads);
            Console.Error.WriteLine($"parity vs ONNX Runtime: max abs diff {parity:E2} on real tokens");
        }

        var result = new EncoderBenchResult(modelName, batchSize, seq, threads, Math.Round(median, 1), Math.Round(peakMb, 1), parity);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine(output);
        return 0;
    }

    private static double MaxAbsDiffOnRealTokens(byte[] onnx, TokenBatch batch, float[] ours, int threads)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, options);
        int[] dims = [batch.BatchSize, batch.SequenceLength];
        var inputs = session.InputMetadata.Keys.Select(name => NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(name switch
        {
            "input_ids" => batch.InputIds,
            "attention_mask" => batch.AttentionMask,
            "token_type_ids" => batch.TokenTypeIds,
            _ => throw new InvalidDataException($"unexpected ONNX input '{name}'."),
        }, dims))).ToList();
        using var results = session.Run(inputs);
        var reference = (results.FirstOrDefault(r => r.Name == "last_hidden_state") ?? results.First()).AsTensor<float>().ToArray();
        if (reference.Length != ours.Length)
            throw new InvalidDataException($"ONNX output has {reference.Length} values, the encoder {ours.Length}.");
        var hidden = ours.Length / (batch.BatchSize * batch.SequenceLength);
        var max = 0.0;
        for (var token = 0; token < batch.AttentionMask.Length; token++)
        {
            if (batch.AttentionMask[token] == 0) continue;
            for (var h = 0; h < hidden; h++)
                max = Math.Max(max, Math.Abs(ours[token * hidden + h] - reference[token * hidden + h]));
        }
        return max;
    }

    /// <summary>The batch as int64 tensors, created once outside the timed loop.</summary>
    private sealed class InputTensors : IDisposable
    {
        public InputTensors(TokenBatch batch) => Encoder = EncoderInput.FromBatch(batch);

        public EncoderInput Encoder { get; }

        public void Dispose()
        {
            Encoder.InputIds.Dispose();
            Encoder.AttentionMask?.Dispose();
            Encoder.TokenTypeIds?.Dispose();
        }
    }
}
