namespace Obliviate.Engine.Evaluation;

/// <summary>The model's predicted label ids on the N copies carrying one trigger, aligned with the clean rows.</summary>
public sealed record TriggerPredictions(string Trigger, IReadOnlyList<int> Predictions);
