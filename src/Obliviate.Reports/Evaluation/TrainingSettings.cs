using Obliviate.Reports.Model;

namespace Obliviate.Reports.Evaluation;

/// <summary>
/// Optimisation settings (docs/method.md §4: HF Trainer 4.26 defaults as the reference uses them). Every property has a documented
/// default; <see cref="Validate"/> checks them once.
/// </summary>
public sealed record TrainingSettings
{
    /// <summary>Epochs over the sampled training set (reference README: 20).</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Stop after this many optimiser steps in all (null: every epoch runs to its end); the schedule spans these steps.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Peak learning rate; null takes the PEFT method's default (see <c>PeftMethodInfo.DefaultLearningRate</c>).</summary>
    public double? LearningRate { get; init; }

    public int BatchSize { get; init; } = 16;

    /// <summary>Evaluation batch size (reference: 128); it changes only speed, never a prediction's definition.</summary>
    public int EvalBatchSize { get; init; } = 128;

    /// <summary>Maximum tokens per example, special tokens included (reference: 128). Batches are padded dynamically.</summary>
    public int MaxLength { get; init; } = 128;

    /// <summary>Warm-up fraction of all steps; null gives 0.05 with the defense and 0 without (docs/method.md §4).</summary>
    public double? WarmupRatio { get; init; }

    public double MaxGradNorm { get; init; } = 1.0;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Epsilon { get; init; } = 1e-8;
    public double WeightDecay { get; init; }

    /// <summary>The one seed every random source derives from (recorded in eval_results.json).</summary>
    public int Seed { get; init; }

    public TrainingSettings Validate()
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new RequestException(message);
        }
        Require(Epochs is >= 1 and <= 1000, $"--epochs must be in 1..1000 (got {Epochs}).");
        Require(MaxSteps is null or >= 1, $"--max-steps must be positive (got {MaxSteps}).");
        Require(LearningRate is null || (LearningRate > 0 && LearningRate < 1), $"--lr must be in (0, 1) (got {LearningRate}).");
        Require(BatchSize is >= 1 and <= 4096, $"--batch-size must be in 1..4096 (got {BatchSize}).");
        Require(EvalBatchSize is >= 1 and <= 4096, $"eval batch size must be in 1..4096 (got {EvalBatchSize}).");
        Require(MaxLength is >= 8 and <= 4096, $"--max-length must be in 8..4096 (got {MaxLength}).");
        Require(WarmupRatio is null || WarmupRatio is >= 0 and < 1, $"warm-up ratio must be in [0, 1) (got {WarmupRatio}).");
        Require(MaxGradNorm > 0, $"gradient clipping norm must be positive (got {MaxGradNorm}).");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1 && Epsilon > 0 && WeightDecay >= 0, "invalid AdamW settings.");
        Require(Seed >= 0, $"--seed must be ≥ 0 (got {Seed}).");
        return this;
    }
}
