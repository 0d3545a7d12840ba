using Obliviate.Engine.Training;

namespace Obliviate.Engine.Defense;

/// <summary>One step's loss and its terms (null when off: L_amp and L_attn without the defense, the consistency terms unless trigger-aware).</summary>
public sealed record LossTerms(double Total, double CrossEntropy, double? Amplification, double? Attention, double? Consistency = null,
    double? Feature = null) : IStepLoss
{
    public IEnumerable<(string Name, double Value)> Terms()
    {
        yield return ("ce", CrossEntropy);
        if (Amplification is { } amp) yield return ("amp", amp);
        if (Attention is { } attn) yield return ("attn", attn);
        if (Consistency is { } kl) yield return ("kl", kl);
        if (Feature is { } feat) yield return ("feat", feat);
    }
}
