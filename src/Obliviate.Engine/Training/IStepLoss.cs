namespace Obliviate.Engine.Training;

/// <summary>One training step's loss as plain numbers: the total and its named terms (for progress lines and results).</summary>
public interface IStepLoss
{
    double Total { get; }

    /// <summary>The terms in display order, e.g. ("ce", 0.41), ("amp", 12.3).</summary>
    IEnumerable<(string Name, double Value)> Terms();
}
