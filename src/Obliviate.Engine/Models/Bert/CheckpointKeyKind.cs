namespace Obliviate.Engine.Models.Bert;

/// <summary>How a checkpoint key relates to the encoder.</summary>
public enum CheckpointKeyKind
{
    /// <summary>An encoder parameter (after normalisation).</summary>
    Encoder,

    /// <summary>A task or pre-training head (<c>cls.*</c>, <c>lm_head.*</c>, <c>classifier.*</c>, …): not loaded, reported.</summary>
    Head,

    /// <summary>A non-parameter buffer such as <c>embeddings.position_ids</c>: ignored.</summary>
    Buffer,
}
