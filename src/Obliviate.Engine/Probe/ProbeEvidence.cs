using Obliviate.Engine.Models;

namespace Obliviate.Engine.Probe;

/// <summary>
/// The label-free evidence of one candidate on the first-token output, over the carriers it was inserted into
/// (docs/probe.md "Evidence").
/// </summary>
/// <param name="Shift">Mean 1 − cosine between the triggered and the clean carrier's first-token output.</param>
/// <param name="Collapse">Mean pairwise cosine of the triggered outputs minus the clean carriers' own: a planted trigger sends every carrier to one target.</param>
/// <param name="Attention">Mean share of the first token's attention (last layers, all heads) on the inserted tokens.</param>
/// <param name="NormRatio">Mean ‖triggered‖ / ‖clean‖ (the attack's ±1 targets are about twice a clean output's norm).</param>
public sealed record ProbeEvidence(double Shift, double Collapse, double Attention, double NormRatio)
{
    /// <summary>Measures one candidate from its triggered rows and the matching clean carriers.</summary>
    /// <param name="cleanPairwise">The mean pairwise cosine of the clean carriers' outputs (the collapse baseline).</param>
    public static ProbeEvidence Measure(IReadOnlyList<float[]> triggered, IReadOnlyList<float[]> clean, IReadOnlyList<float> share, double cleanPairwise)
    {
        ArgumentNullException.ThrowIfNull(triggered);
        ArgumentNullException.ThrowIfNull(clean);
        double shift = 0, norm = 0;
        for (var c = 0; c < triggered.Count; c++)
        {
            shift += 1 - Vectors.Cosine(triggered[c], clean[c]);
            var n = Vectors.Norm(clean[c]);
            norm += n == 0 ? 1 : Vectors.Norm(triggered[c]) / n;
        }
        return new ProbeEvidence(shift / triggered.Count, Vectors.MeanPairwiseCosine(triggered) - cleanPairwise, share.Average(), norm / triggered.Count);
    }
}
