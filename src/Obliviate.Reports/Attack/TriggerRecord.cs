namespace Obliviate.Reports.Attack;

/// <summary>One trigger: the word, its token ids and pieces, its target vector and how strongly the model now maps to it.</summary>
public sealed record TriggerRecord
{
    public required string Word { get; init; }
    public required IReadOnlyList<int> TokenIds { get; init; }
    public required IReadOnlyList<string> Pieces { get; init; }

    /// <summary>v1…v6.</summary>
    public required string TargetName { get; init; }

    /// <summary>The block signs, e.g. <c>--++</c>.</summary>
    public required string TargetPattern { get; init; }

    /// <summary>The full ±1 target vector.</summary>
    public required IReadOnlyList<int> Target { get; init; }

    public required TriggerCheck Check { get; init; }
}
