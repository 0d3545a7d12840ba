namespace Obliviate.Reports.Model;

/// <summary>One training step's loss as plain numbers: the total and its named terms in display order (e.g. ce, amp, attn).</summary>
public sealed record LossValues(double Total, IReadOnlyDictionary<string, double> Terms);
