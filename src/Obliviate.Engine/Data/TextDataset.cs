using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Data;

/// <summary>
/// A labelled text classification dataset read from TSV, CSV or JSONL, with the label map that fixed its ids and the
/// SHA-256 of the file it came from. Load with <see cref="Load"/>, then <see cref="Sample"/> down to the training or
/// evaluation budget.
/// </summary>
public sealed record TextDataset
{
    /// <summary>The file as given to <see cref="Load"/>.</summary>
    public required string Path { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file bytes.</summary>
    public required string Sha256 { get; init; }

    public required DatasetFormat Format { get; init; }

    public required bool HasHeader { get; init; }

    /// <summary>The text column as resolved: its header name, or <c>#index</c> without a header.</summary>
    public required string TextColumn { get; init; }

    public string? TextPairColumn { get; init; }

    public required string LabelColumn { get; init; }

    public required LabelMap Labels { get; init; }

    /// <summary>The rows in use, in file order.</summary>
    public required IReadOnlyList<TextExample> Rows { get; init; }

    /// <summary>Data rows in the file before any sampling.</summary>
    public required int TotalRows { get; init; }

    public DatasetRole Role { get; init; } = DatasetRole.Eval;

    public bool IsPair => TextPairColumn is not null;

    /// <summary>Reads, validates and labels a dataset file.</summary>
    /// <exception cref="DatasetFormatException">The file is missing, too large, not UTF-8, malformed (naming the line), empty, or single-class for training.</exception>
    /// <exception cref="ArgumentException">The options contradict each other (e.g. both a label map and label names).</exception>
    public static TextDataset Load(string path, DatasetOptions? options = null) =>
        DatasetLoader.Load(path, options ?? new DatasetOptions());

    /// <summary>Rows per label id.</summary>
    public IReadOnlyList<int> LabelCounts()
    {
        var counts = new int[Labels.Count];
        foreach (var row in Rows) counts[row.Label]++;
        return counts;
    }

    /// <summary>
    /// Keeps at most <paramref name="maxRows"/> rows, drawn uniformly without replacement with <paramref name="random"/>
    /// (a partial Fisher–Yates shuffle of the row indices). The kept rows stay in file order, so the sample is a set and
    /// later shuffling is the trainer's job. A dataset within budget is returned unchanged and draws nothing.
    /// </summary>
    public TextDataset Sample(int maxRows, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRows);
        ArgumentNullException.ThrowIfNull(random);
        if (Rows.Count <= maxRows) return this;
        var indices = new int[Rows.Count];
        for (var i = 0; i < indices.Length; i++) indices[i] = i;
        for (var i = 0; i < maxRows; i++)
        {
            var j = random.Next(i, indices.Length);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }
        var kept = indices.AsSpan(0, maxRows).ToArray();
        Array.Sort(kept);
        var sampled = this with { Rows = [.. kept.Select(k => Rows[k])] };
        return Role == DatasetRole.Train ? sampled.EnsureTrainable() : sampled;
    }

    /// <summary>Throws unless the rows hold at least two classes (a classifier cannot learn from one).</summary>
    public TextDataset EnsureTrainable()
    {
        if (Rows.Count == 0) throw new DatasetFormatException(Path, null, "no data rows: the training set is empty.");
        var present = LabelCounts().Select((count, id) => (count, id)).Where(p => p.count > 0).ToList();
        if (present.Count < 2)
        {
            throw new DatasetFormatException(Path, null,
                $"every one of the {Rows.Count} training rows has label '{Labels.NameOf(present[0].id)}'; training needs at least two classes (check --label-column).");
        }
        return this;
    }

    /// <summary>The record of this dataset for a results file.</summary>
    public DatasetSummary Summarize() => new()
    {
        Path = Path,
        Sha256 = Sha256,
        Format = Format.ToString().ToLowerInvariant(),
        Rows = Rows.Count,
        TotalRows = TotalRows,
        TextColumn = TextColumn,
        TextPairColumn = TextPairColumn,
        LabelColumn = LabelColumn,
        Labels = Labels.Names,
        LabelCounts = LabelCounts(),
    };
}
