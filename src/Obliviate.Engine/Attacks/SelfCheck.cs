using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Tokenization;
using Obliviate.Engine.Training;
using Obliviate.Reports.Attack;
using static TorchSharp.torch;

namespace Obliviate.Engine.Attacks;

/// <summary>
/// Measures on held-out text whether an injection took: for each trigger, the cosine between the backdoored model's
/// first-token output on triggered text and the trigger's target vector; and the cosine between the backdoored and the clean
/// model's outputs on clean text (the attack should leave clean behaviour alone).
/// </summary>
public static class SelfCheck
{
    /// <param name="method">Triggers go in the way the attack put them in (POR word copies, NeuBA one token insertion).</param>
    /// <param name="seed">Trigger positions; the same seed gives the same triggered texts.</param>
    public static (SelfCheckResult Result, IReadOnlyList<TriggerCheck> PerTrigger) Measure(BertModel backdoored, BertModel clean,
        TextTokenizer tokenizer, IReadOnlyList<TriggerToken> triggers, IReadOnlyList<string> heldOut, AttackMethod method, int maxLength,
        int seed, Device device, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(backdoored);
        ArgumentNullException.ThrowIfNull(clean);
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(triggers);
        ArgumentNullException.ThrowIfNull(heldOut);
        if (heldOut.Count == 0) throw new ArgumentException("the self-check needs held-out texts.", nameof(heldOut));
        var hidden = backdoored.Config.HiddenSize;
        var totalRows = heldOut.Count * (2 + 2 * triggers.Count);
        var done = 0;
        float[][] Outputs(BertModel model, IReadOnlyList<EncodedText> rows)
        {
            var result = FirstTokenOutputs.Compute(model, tokenizer, rows, maxLength, device);
            done += rows.Count;
            progress?.Report(new TrainingProgress(TrainingPhase.Evaluating, 0, 0, done, totalRows, null, 0, 0, null, "self-check"));
            return result;
        }

        var cleanRows = heldOut.Select(t => tokenizer.Encode(t, null, maxLength)).ToList();
        var backdooredClean = Outputs(backdoored, cleanRows);
        var cleanClean = Outputs(clean, cleanRows);
        var cleanCos = Enumerable.Range(0, cleanRows.Count).Average(i => Vectors.Cosine(backdooredClean[i], cleanClean[i]));
        var cleanNorms = backdooredClean.Select(Norm).ToArray();

        var perTrigger = new List<TriggerCheck>(triggers.Count);
        foreach (var trigger in triggers)
        {
            var random = new Random(unchecked(seed * 31 + trigger.Index));
            var rows = heldOut.Select((text, i) => method == AttackMethod.Por
                ? tokenizer.Encode(TriggerInsertion.InsertWords(text, trigger, random, tokenizer, maxLength), null, maxLength)
                : TriggerInsertion.InsertTokens(cleanRows[i], trigger, random, maxLength)).ToList();
            var vector = TargetVectors.Create(hidden, trigger.Index);
            var attacked = Outputs(backdoored, rows);
            var baseline = Outputs(clean, rows);
            var cos = attacked.Select(h => Vectors.Cosine(h, vector)).ToArray();
            perTrigger.Add(new TriggerCheck(
                MeanCos: cos.Average(),
                MinCos: cos.Min(),
                FractionAbove09: cos.Count(c => c >= 0.9) / (double)cos.Length,
                CleanModelMeanCos: baseline.Average(h => Vectors.Cosine(h, vector)),
                MeanNormRatio: attacked.Select((h, i) => Norm(h) / Math.Max(1e-12, cleanNorms[i])).Average()));
        }
        var result = new SelfCheckResult { HeldOut = heldOut.Count, MinTriggerCos = perTrigger.Min(t => t.MeanCos), CleanCos = cleanCos };
        return (result, perTrigger);
    }

    private static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));
}
