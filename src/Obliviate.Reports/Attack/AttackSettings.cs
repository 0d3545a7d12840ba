using Obliviate.Reports.Model;

namespace Obliviate.Reports.Attack;

/// <summary>Optimisation settings of an injection (docs/method.md "Attacks"), validated once.</summary>
public sealed record AttackSettings
{
    /// <summary>Passes over the poisoned half (docs/method.md: 4).</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Stop after this many steps in all (null: all epochs).</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Null takes the method's default (POR 2e-5 constant, NeuBA 5e-5 linear decay).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Clean rows per step (docs/method.md: 16).</summary>
    public int CleanBatch { get; init; } = 16;

    /// <summary>Poisoned rows per step (docs/method.md: 16).</summary>
    public int PoisonBatch { get; init; } = 16;

    /// <summary>Tokens per row, special tokens included (docs/method.md: 128).</summary>
    public int MaxLength { get; init; } = 128;

    /// <summary>POR's clean-term weight c; null: 0.5 for BERT, 1.0 for RoBERTa (docs/method.md §7). NeuBA's MLM weight (docs/method.md: 1).</summary>
    public double? CleanWeight { get; init; }

    /// <summary>
    /// NeuBA only: weight of an extra POR-style term, MSE between the clean first-token outputs and the frozen clean copy's.
    /// 0 (default) is NeuBA as published. An encoder without an MLM head needs it to keep its clean outputs (measured on
    /// MiniLM: clean cosine 0.19 without it; see docs/attack.md).
    /// </summary>
    public double AnchorWeight { get; init; }

    /// <summary>NeuBA's masking probability (docs/method.md: 0.15).</summary>
    public double MlmProbability { get; init; } = 0.15;

    /// <summary>
    /// NeuBA with a fresh MLM head: the first steps train the head alone on the frozen encoder, so a random head's
    /// gradients never reach the encoder. Null: 50 for a fresh head, 0 for a checkpoint's own head.
    /// </summary>
    public int? MlmHeadWarmup { get; init; }

    public int Seed { get; init; }

    public AttackSettings Validate()
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new RequestException(message);
        }
        Require(Epochs is >= 1 and <= 1000, $"--epochs must be in 1..1000 (got {Epochs}).");
        Require(MaxSteps is null or >= 1, $"--max-steps must be positive (got {MaxSteps}).");
        Require(LearningRate is null || (LearningRate > 0 && LearningRate < 1), $"--lr must be in (0, 1) (got {LearningRate}).");
        Require(CleanBatch is >= 1 and <= 4096, $"--clean-batch must be in 1..4096 (got {CleanBatch}).");
        Require(PoisonBatch is >= 1 and <= 4096, $"--poison-batch must be in 1..4096 (got {PoisonBatch}).");
        Require(MaxLength is >= 8 and <= 4096, $"--max-length must be in 8..4096 (got {MaxLength}).");
        Require(CleanWeight is null || (CleanWeight >= 0 && double.IsFinite(CleanWeight.Value)), $"--clean-weight must be ≥ 0 (got {CleanWeight}).");
        Require(AnchorWeight >= 0 && double.IsFinite(AnchorWeight), $"--anchor-weight must be ≥ 0 (got {AnchorWeight}).");
        Require(MlmProbability is > 0 and < 1, $"--mlm-probability must be in (0, 1) (got {MlmProbability}).");
        Require(MlmHeadWarmup is null or >= 0, $"--mlm-head-warmup must be ≥ 0 (got {MlmHeadWarmup}).");
        Require(Seed >= 0, $"--seed must be ≥ 0 (got {Seed}).");
        return this;
    }
}
