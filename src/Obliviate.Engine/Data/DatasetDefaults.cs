using System.Collections.Immutable;

namespace Obliviate.Engine.Data;

/// <summary>Documented defaults and hard caps for dataset reading and sampling.</summary>
public static class DatasetDefaults
{
    /// <summary>Training rows kept by <c>--max-train</c> (docs/method.md §4: 6000 sampled training rows).</summary>
    public const int MaxTrain = 6000;

    /// <summary>Evaluation rows kept by eval sampling (docs/method.md §5: "sample 2000" for the larger eval splits).</summary>
    public const int MaxEval = 2000;

    /// <summary>Largest file read (1 GiB); the file is hashed and decoded in memory, so this bounds memory use.</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>Largest number of data rows accepted from one file.</summary>
    public const int MaxRows = 5_000_000;

    /// <summary>Longest single field; an unterminated quote would otherwise swallow the rest of the file into one field.</summary>
    public const int MaxFieldChars = 1 << 20;

    /// <summary>Header names tried, in order, for the text column when none is given.</summary>
    public static ImmutableArray<string> TextColumnNames { get; } =
        ["sentence", "sentences", "text", "review", "content", "tweet", "sentence1", "premise", "text1", "text_a", "question1", "question"];

    /// <summary>Header names tried, in order, for the label column when none is given.</summary>
    public static ImmutableArray<string> LabelColumnNames { get; } =
        ["label", "labels", "class", "gold_label", "target", "category", "sentiment", "y"];

    /// <summary>
    /// When the text column was found by one of these default names, its partner (if present in the header) becomes the
    /// pair column, so GLUE-style pair tasks (RTE, MNLI, SNLI) load as pairs without flags.
    /// </summary>
    public static ImmutableDictionary<string, string> PairPartners { get; } = new Dictionary<string, string>
    {
        ["sentence1"] = "sentence2",
        ["premise"] = "hypothesis",
        ["text1"] = "text2",
        ["text_a"] = "text_b",
        ["question1"] = "question2",
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
}
