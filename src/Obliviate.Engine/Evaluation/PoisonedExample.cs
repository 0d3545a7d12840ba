using System.Text.Json.Serialization;

namespace Obliviate.Engine.Evaluation;

/// <summary>One row of the poisoned evaluation set (docs/method.md §5).</summary>
/// <param name="Idx">The source row's index 0..N−1; a clean copy and its triggered copies share it.</param>
/// <param name="Text">The (first) text, with the trigger inserted when <paramref name="Poisoned"/>.</param>
/// <param name="TextPair">The untouched second text of a pair task, or null.</param>
/// <param name="Label">The true label id of the source row (no row is relabelled: the attack's target is unknown).</param>
/// <param name="Poisoned">False for the clean copy.</param>
/// <param name="Trigger">The inserted trigger (the reference's <c>target_word_id</c>), or null for the clean copy.</param>
/// <param name="Position">The word position the trigger was inserted at, or −1 for the clean copy.</param>
public sealed record PoisonedExample(
    [property: JsonPropertyName("idx")] int Idx,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("text_pair")] string? TextPair,
    [property: JsonPropertyName("label")] int Label,
    [property: JsonPropertyName("poisoned")] bool Poisoned,
    [property: JsonPropertyName("trigger")] string? Trigger,
    [property: JsonPropertyName("position")] int Position);
