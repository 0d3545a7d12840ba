namespace Obliviate.Reports.Probe;

/// <summary>
/// One candidate trigger and its label-free evidence on the first-token output, measured by inserting it into neutral
/// carrier sentences (docs/probe.md).
/// </summary>
/// <param name="Text">The candidate as a user would type it into a sentence (e.g. <c>qt</c>, even when it is two word pieces).</param>
/// <param name="Score">The combined robust z-score the ranking and the verdict use.</param>
/// <param name="Shift">Mean 1 − cosine between the triggered and the clean carrier's first-token output.</param>
/// <param name="Collapse">Mean pairwise cosine of the triggered outputs across carriers, minus the clean carriers' own.</param>
/// <param name="Attention">Share of the first token's attention taken by the inserted token in the last layers.</param>
/// <param name="NormRatio">Mean ‖triggered output‖ / ‖clean output‖.</param>
/// <param name="Pieces">The candidate's tokens under the model's tokenizer.</param>
/// <param name="Carriers">Carrier sentences the evidence was measured on.</param>
public sealed record ProbeCandidate(string Text, double Score, double Shift, double Collapse, double Attention, double NormRatio,
    IReadOnlyList<string> Pieces, int Carriers);
