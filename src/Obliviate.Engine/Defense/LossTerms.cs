namespace Obliviate.Engine.Defense;

/// <summary>One step's loss and its terms (L_amp and L_attn are null when the defense is off).</summary>
public sealed record LossTerms(double Total, double CrossEntropy, double? Amplification, double? Attention);
