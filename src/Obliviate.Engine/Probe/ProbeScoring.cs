namespace Obliviate.Engine.Probe;

/// <summary>
/// One score per candidate: the mean of the robust z-scores of the four measures over the screened population (shift,
/// collapse, attention share, and |ln norm ratio|, since a trigger may grow or shrink the output). A planted trigger is
/// extreme on several at once; an ordinary strong word moves one or two a little (docs/probe.md "Score").
/// </summary>
public sealed record ProbeScoring(RobustScale Shift, RobustScale Collapse, RobustScale Attention, RobustScale LogNorm)
{
    public static ProbeScoring Fit(IReadOnlyList<ProbeEvidence> population)
    {
        ArgumentNullException.ThrowIfNull(population);
        return new ProbeScoring(
            RobustScale.Of([.. population.Select(e => e.Shift)]),
            RobustScale.Of([.. population.Select(e => e.Collapse)]),
            RobustScale.Of([.. population.Select(e => e.Attention)]),
            RobustScale.Of([.. population.Select(LogRatio)]));
    }

    public double Score(ProbeEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return (Shift.Z(e.Shift) + Collapse.Z(e.Collapse) + Attention.Z(e.Attention) + LogNorm.Z(LogRatio(e))) / 4;
    }

    private static double LogRatio(ProbeEvidence e) => Math.Abs(Math.Log(Math.Max(e.NormRatio, 1e-6)));
}
