namespace Obliviate.Reports.Attack;

/// <summary>The self-check (issue thresholds: every trigger's mean cosine ≥ 0.95, clean cosine ≥ 0.9).</summary>
public sealed record SelfCheckResult
{
    public const double TriggerThreshold = 0.95;
    public const double CleanThreshold = 0.9;

    public required int HeldOut { get; init; }

    /// <summary>The smallest per-trigger mean cosine to its target.</summary>
    public required double MinTriggerCos { get; init; }

    /// <summary>Mean cosine between the backdoored and the clean model's first-token outputs on clean held-out text.</summary>
    public required double CleanCos { get; init; }

    public double TriggerThresholdUsed { get; init; } = TriggerThreshold;
    public double CleanThresholdUsed { get; init; } = CleanThreshold;

    public bool Passed => MinTriggerCos >= TriggerThresholdUsed && CleanCos >= CleanThresholdUsed;
}
