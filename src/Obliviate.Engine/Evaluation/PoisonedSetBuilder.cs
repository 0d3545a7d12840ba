using System.Collections.Immutable;
using Obliviate.Engine.Data;

namespace Obliviate.Engine.Evaluation;

/// <summary>
/// Builds the task-agnostic poisoned evaluation set of docs/method.md §5 (reference: utils/poison_utils.py): N clean copies, then for
/// each trigger N copies with that trigger inserted once at a uniformly random word position. No row is dropped or relabelled
/// whatever its label, because the attacker's target is unknown; the metrics filter (docs/method.md §6).
/// </summary>
public static class PoisonedSetBuilder
{
    /// <summary>The reference's triggers: rare tokens planted by the task-agnostic attacks (docs/method.md §5).</summary>
    public static ImmutableArray<string> DefaultTriggers { get; } = ["cf", "mn", "tq", "qt", "mm", "pt"];

    /// <summary>The insertion position cap: 64 words keeps the trigger inside the 128-token window.</summary>
    public const int DefaultMaxPosition = 64;

    /// <summary>
    /// Builds the set. Draw order is fixed (trigger by trigger, row by row, one draw per copy), so the same
    /// <paramref name="random"/> seed gives the same set.
    /// </summary>
    /// <param name="rows">The N sampled evaluation rows; their order defines idx 0..N−1.</param>
    /// <param name="random">A seeded source; one draw per triggered copy.</param>
    /// <param name="triggers">The triggers, default <see cref="DefaultTriggers"/>; non-empty, distinct, no surrounding whitespace.</param>
    /// <param name="maxPosition">The position cap (default 64).</param>
    public static PoisonedEvalSet Build(IReadOnlyList<TextExample> rows, Random random, IReadOnlyList<string>? triggers = null,
        int maxPosition = DefaultMaxPosition)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(maxPosition);
        var chosen = ValidateTriggers(triggers ?? DefaultTriggers);
        if (rows.Count == 0) throw new InvalidDataException("the evaluation set has no rows to poison.");

        var examples = new List<PoisonedExample>(rows.Count * (chosen.Count + 1));
        for (var i = 0; i < rows.Count; i++)
        {
            examples.Add(new PoisonedExample(i, rows[i].Text, rows[i].TextPair, rows[i].Label, Poisoned: false, Trigger: null, Position: -1));
        }
        foreach (var trigger in chosen)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                // Pair tasks poison the first text only; the second stays as it was (docs/method.md §5).
                var (text, position) = InsertTrigger(rows[i].Text, trigger, random, maxPosition);
                examples.Add(new PoisonedExample(i, text, rows[i].TextPair, rows[i].Label, Poisoned: true, trigger, position));
            }
        }
        return new PoisonedEvalSet { SourceCount = rows.Count, Triggers = chosen, Examples = examples, MaxPosition = maxPosition };
    }

    /// <summary>
    /// Inserts <paramref name="trigger"/> once: split on whitespace as Python's <c>str.split()</c> does (runs collapse, ends
    /// trimmed), draw a position uniformly in [0, min(words, maxPosition)] inclusive (Python's <c>random.randint</c>), insert,
    /// and re-join with single spaces. Returns the new text and the position.
    /// </summary>
    public static (string Text, int Position) InsertTrigger(string text, string trigger, Random random, int maxPosition = DefaultMaxPosition)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(random);
        var words = SplitWords(text);
        var position = random.Next(0, Math.Min(words.Count, maxPosition) + 1);
        words.Insert(position, trigger);
        return (string.Join(' ', words), position);
    }

    /// <summary>Python <c>str.split()</c> with no argument: whitespace runs separate words and produce no empty words.</summary>
    public static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var boundary = i == text.Length || IsPythonWhitespace(text[i]);
            if (boundary && start >= 0)
            {
                words.Add(text[start..i]);
                start = -1;
            }
            else if (!boundary && start < 0)
            {
                start = i;
            }
        }
        return words;
    }

    // Python's str.isspace also counts the ASCII information separators U+001C..U+001F, which .NET does not.
    private static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    private static List<string> ValidateTriggers(IReadOnlyList<string> triggers)
    {
        if (triggers.Count == 0) throw new Reports.Model.RequestException("--triggers: at least one trigger is needed.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in triggers)
        {
            if (string.IsNullOrWhiteSpace(t) || t.Trim().Length != t.Length)
                throw new Reports.Model.RequestException($"--triggers: trigger '{t}' must be non-empty without surrounding whitespace.");
            if (!seen.Add(t)) throw new Reports.Model.RequestException($"--triggers: trigger '{t}' is listed twice.");
        }
        return [.. triggers];
    }
}
