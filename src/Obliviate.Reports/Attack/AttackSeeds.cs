namespace Obliviate.Reports.Attack;

/// <summary>Every random source of an injection, derived from one seed.</summary>
public sealed record AttackSeeds(int Seed)
{
    /// <summary>The corpus shuffle that picks held-out, poisoned and clean texts.</summary>
    public int Corpus => Seed;

    /// <summary>A fresh MLM head's initialisation (NeuBA).</summary>
    public int Init => unchecked(Seed + 3);

    /// <summary>Trigger positions of the self-check.</summary>
    public int Check => unchecked(Seed + 4);
}
