using Obliviate.Engine.Training;

namespace Obliviate.Engine.Defense;

/// <summary>One step's loss and its terms (L_amp and L_attn are null when the defense is off).</summary>
public sealed record LossTerms(double Total, double CrossEntropy, double? Amplification, double? Attention) : IStepLoss
{
    public IEnumerable<(string Name, double Value)> Terms()
    {
        yield return ("ce", CrossEntropy);
        if (Amplification is { } amp) yield return ("amp", amp);
        if (Attention is { } attn) yield return ("attn", attn);
    }
}
