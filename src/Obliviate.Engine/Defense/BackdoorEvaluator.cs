using System.Diagnostics;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Models;
using Obliviate.Engine.Tokenization;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;
using TorchSharp;

namespace Obliviate.Engine.Defense;

/// <summary>
/// Runs a classifier over the poisoned evaluation set with dropout off and no gradient, and computes the docs/method.md §6 metrics.
/// </summary>
/// <remarks>
/// Rows are batched in order of token length (stable), so each batch pads little; the order depends only on the texts, so
/// <c>defend</c> and <c>evaluate</c> form the same batches and get bit-identical logits.
/// </remarks>
public static class BackdoorEvaluator
{
    /// <param name="targets">Recorded attack targets by trigger word (<see cref="BackdoorTargets"/>); each trigger with one gets its
    /// <see cref="TriggerMetrics.TargetCosine"/>.</param>
    public static BackdoorMetricsResult Evaluate(PeftClassifier model, TextTokenizer tokenizer, PoisonedEvalSet set, int maxLength,
        int batchSize, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, float[]>? targets = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        var rowTargets = set.Examples.Select(e => e.Trigger is { } t && targets is not null && targets.TryGetValue(t, out var v) ? v : null).ToArray();
        var (predictions, cosines) = Run(model, tokenizer, [.. set.Examples.Select(e => (e.Text, e.TextPair))], rowTargets, maxLength,
            batchSize, progress, cancellationToken);
        var metrics = BackdoorMetrics.Compute(set, predictions, model.Head.NumLabels);
        if (targets is null || targets.Count == 0) return metrics;
        return metrics with
        {
            PerTrigger = [.. metrics.PerTrigger.Select(t => t with { TargetCosine = MeanCosine(set, cosines, t.Trigger) })],
        };
    }

    /// <summary>Predicted label ids (argmax of the logits) for each text or pair.</summary>
    public static int[] Predict(PeftClassifier model, TextTokenizer tokenizer, IReadOnlyList<(string Text, string? Pair)> rows, int maxLength,
        int batchSize, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken) =>
        Run(model, tokenizer, rows, new float[]?[rows.Count], maxLength, batchSize, progress, cancellationToken).Predictions;

    private static double? MeanCosine(PoisonedEvalSet set, double[] cosines, string trigger)
    {
        var values = set.Examples.Select((e, i) => (e, i)).Where(x => x.e.Trigger == trigger && !double.IsNaN(cosines[x.i])).Select(x => cosines[x.i]).ToList();
        return values.Count == 0 ? null : values.Average();
    }

    /// <summary>Predictions, and for each row with a target the cosine of its first-token output to it (NaN for the others).</summary>
    private static (int[] Predictions, double[] Cosines) Run(PeftClassifier model, TextTokenizer tokenizer, IReadOnlyList<(string Text, string? Pair)> rows,
        IReadOnlyList<float[]?> rowTargets, int maxLength, int batchSize, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var encoded = rows.Select(r => tokenizer.Encode(r.Text, r.Pair, maxLength)).ToArray();
        var order = Enumerable.Range(0, encoded.Length).OrderBy(i => encoded[i].Length).ThenBy(i => i).ToArray();
        var predictions = new int[encoded.Length];
        var cosines = new double[encoded.Length];
        Array.Fill(cosines, double.NaN);
        model.eval();
        var watch = Stopwatch.StartNew();
        // Inference mode, not just no_grad: no version counters or view tracking (12 % faster on the probe's sweep, bench/speed).
        NativeMemory.UseInferenceAllocator();
        using var inference = torch.inference_mode();
        for (var start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var count = Math.Min(batchSize, order.Length - start);
            var batchRows = new EncodedText[count];
            for (var i = 0; i < count; i++) batchRows[i] = encoded[order[start + i]];
            var batch = tokenizer.Pad(batchRows, NativeMemory.PaddedLength(batchRows.Max(r => r.Length), maxLength));
            var output = model.forward(batch, wantFirstTokenScores: false);
            var argmax = output.Logits.argmax(1).cpu().data<long>().ToArray();
            for (var i = 0; i < count; i++) predictions[order[start + i]] = (int)argmax[i];
            if (Enumerable.Range(0, count).Any(i => rowTargets[order[start + i]] is not null))
            {
                var features = output.FirstToken.cpu().data<float>().ToArray();
                var width = (int)output.FirstToken.shape[1];
                for (var i = 0; i < count; i++)
                {
                    if (rowTargets[order[start + i]] is { } target) cosines[order[start + i]] = Vectors.Cosine(features.AsSpan(i * width, width), target);
                }
            }
            if (start / batchSize % NativeMemory.InferenceInterval == NativeMemory.InferenceInterval - 1) NativeMemory.Trim();
            if (progress is not null)
            {
                var done = start + count;
                var rate = done / Math.Max(1e-9, watch.Elapsed.TotalSeconds);
                progress.Report(new TrainingProgress(TrainingPhase.Evaluating, 0, 0, done, order.Length, null, 0, rate,
                    TimeSpan.FromSeconds((order.Length - done) / Math.Max(1e-9, rate))));
            }
        }
        return (predictions, cosines);
    }
}
