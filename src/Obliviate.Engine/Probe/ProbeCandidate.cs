namespace Obliviate.Engine.Probe;

/// <summary>A candidate trigger as token ids under the model's tokenizer, and its text as a user would type it.</summary>
public sealed record ProbeCandidate(string Text, IReadOnlyList<int> Ids);
