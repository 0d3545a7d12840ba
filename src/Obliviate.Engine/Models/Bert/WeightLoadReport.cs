namespace Obliviate.Engine.Models.Bert;

/// <summary>What loading a checkpoint into an encoder did, by key name.</summary>
public sealed record WeightLoadReport
{
    /// <summary>Encoder keys that received a value.</summary>
    public required IReadOnlyList<string> Loaded { get; init; }

    /// <summary>Encoder keys the checkpoint did not provide (loading fails when any is present).</summary>
    public required IReadOnlyList<string> Missing { get; init; }

    /// <summary>Checkpoint keys that look like encoder weights but match nothing in the model.</summary>
    public required IReadOnlyList<string> Unexpected { get; init; }

    /// <summary>Head keys (<c>cls.*</c>, <c>lm_head.*</c>, <c>classifier.*</c>, …) present in the checkpoint and not loaded.</summary>
    public required IReadOnlyList<string> IgnoredHeads { get; init; }

    /// <summary>Buffers such as <c>embeddings.position_ids</c> that were ignored.</summary>
    public required IReadOnlyList<string> IgnoredBuffers { get; init; }
}
