namespace Obliviate.Reports.Attack;

/// <summary>A trigger's self-check on the held-out texts.</summary>
/// <param name="MeanCos">Mean cosine between the triggered first-token output and the target vector.</param>
/// <param name="MinCos">The lowest single-text cosine.</param>
/// <param name="FractionAbove09">Texts whose cosine is at least 0.9.</param>
/// <param name="CleanModelMeanCos">The same mean cosine on the clean model: the baseline the attack moved away from.</param>
/// <param name="MeanNormRatio">Mean ‖h_cls(triggered)‖ / ‖h_cls(clean text)‖ on the backdoored model.</param>
public sealed record TriggerCheck(double MeanCos, double MinCos, double FractionAbove09, double CleanModelMeanCos, double MeanNormRatio);
