using Obliviate.Engine.Tokenization;

namespace Obliviate.Engine.Defense;

/// <summary>
/// The trigger-aware defense's perturbation (docs/defend.md): one insertion per training row, at a uniform position, of
/// either one of the trigger probe's best candidates (with probability <see cref="CandidateShare"/>) or a random
/// word-start token — the random half keeps the PEFT modules from learning only the candidate list, so they learn to
/// ignore rare insertions in general.
/// </summary>
public sealed class TriggerPerturbation
{
    private readonly IReadOnlyList<IReadOnlyList<int>> candidates;
    private readonly IReadOnlyList<int> randomTokens;

    /// <param name="candidates">Token ids of the probe's best candidates (may be empty: all insertions are then random).</param>
    /// <param name="randomTokens">Word-start token ids to draw the random insertions from.</param>
    public TriggerPerturbation(IReadOnlyList<IReadOnlyList<int>> candidates, IReadOnlyList<int> randomTokens, double candidateShare)
    {
        this.candidates = candidates ?? throw new ArgumentNullException(nameof(candidates));
        this.randomTokens = randomTokens ?? throw new ArgumentNullException(nameof(randomTokens));
        if (randomTokens.Count == 0) throw new ArgumentException("no word-start tokens to draw random insertions from.", nameof(randomTokens));
        CandidateShare = candidates.Count == 0 ? 0 : candidateShare;
    }

    public double CandidateShare { get; }

    public EncodedText Apply(EncodedText row, Random random, int maxTokens)
    {
        ArgumentNullException.ThrowIfNull(random);
        IReadOnlyList<int> ids = random.NextDouble() < CandidateShare
            ? candidates[random.Next(candidates.Count)]
            : [randomTokens[random.Next(randomTokens.Count)]];
        return TokenInsertion.AtRandom(row, ids, random, maxTokens);
    }
}
