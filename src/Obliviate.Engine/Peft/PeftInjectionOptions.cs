using static TorchSharp.torch;

namespace Obliviate.Engine.Peft;

/// <summary>What every injector needs besides its own config: the seeded initialisation source and the defense dropout.</summary>
/// <param name="Generator">Seeded source for every random initialisation, so the same seed builds the same modules.</param>
/// <param name="DefenseDropout">Obliviate's extra dropout on the PEFT outputs (0.01 with the defense, 0 without; docs/method.md §2).</param>
public sealed record PeftInjectionOptions(Generator Generator, double DefenseDropout);
