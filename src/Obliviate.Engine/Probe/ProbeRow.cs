namespace Obliviate.Engine.Probe;

/// <summary>One probe input: a carrier's ids with a candidate inserted at <see cref="At"/> (<see cref="Count"/> tokens; 0 for the clean carrier).</summary>
public sealed record ProbeRow(int[] Ids, int At, int Count);
