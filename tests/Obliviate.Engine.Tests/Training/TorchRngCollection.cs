namespace Obliviate.Engine.Tests.Training;

/// <summary>
/// Tests that train: dropout draws from torch's process-wide generator, which the trainer reseeds every step. Run in
/// parallel with other torch tests, their draws would interleave and bit-exact comparisons (resume = uninterrupted) would
/// fail for reasons that cannot happen in the single-threaded tool, so this collection runs alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRngCollection
{
    public const string Name = "torch global RNG";
}
