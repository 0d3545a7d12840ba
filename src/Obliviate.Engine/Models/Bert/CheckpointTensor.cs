namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// One tensor of a checkpoint as the loader sees it: its stored name, shape and a reader that returns its values as float32
/// (row-major). Reading is deferred so a loader holds at most one tensor's values at a time.
/// </summary>
public sealed record CheckpointTensor(string Name, IReadOnlyList<long> Shape, Func<float[]> ReadFloats);
