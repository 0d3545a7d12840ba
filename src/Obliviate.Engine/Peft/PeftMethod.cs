namespace Obliviate.Engine.Peft;

/// <summary>The parameter-efficient fine-tuning methods Obliviate retrains (docs/method.md §2).</summary>
public enum PeftMethod
{
    /// <summary>Low-rank updates of the attention query/value projections.</summary>
    Lora,

    /// <summary>Houlsby bottleneck adapters after both output dense layers of every block.</summary>
    Adapter,

    /// <summary>Prefix-tuning: per-layer key/value prefixes from an MLP over a prefix embedding.</summary>
    Prefix,
}
