using Obliviate.Engine.Training;

namespace Obliviate.Engine.Attacks;

/// <summary>
/// One injection step's loss: the target-vector MSE on triggered rows, the clean term (POR's MSE to the clean copy, or
/// NeuBA's MLM loss) and NeuBA's optional anchor (MSE to the clean copy).
/// </summary>
public sealed record AttackLossTerms(double Total, double Trigger, double Clean, string CleanTerm, double? Anchor = null) : IStepLoss
{
    public IEnumerable<(string Name, double Value)> Terms()
    {
        yield return ("trigger", Trigger);
        yield return (CleanTerm, Clean);
        if (Anchor is { } anchor) yield return ("anchor", anchor);
    }
}
