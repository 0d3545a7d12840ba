namespace Obliviate.Engine.Data;

/// <summary>How to read a dataset file. Every property has a documented default, so <c>new DatasetOptions()</c> reads the common layouts.</summary>
public sealed record DatasetOptions
{
    /// <summary>The file layout; null infers it from the extension (.tsv/.txt → TSV, .csv → CSV, .jsonl/.ndjson/.json → JSONL) and, failing that, from the content.</summary>
    public DatasetFormat? Format { get; init; }

    /// <summary>The text column; null tries <see cref="DatasetDefaults.TextColumnNames"/> in the header, or column 0 without one.</summary>
    public ColumnRef? TextColumn { get; init; }

    /// <summary>The second text of pair tasks; null means none, unless the text column is a known pair name (sentence1 → sentence2 …).</summary>
    public ColumnRef? TextPairColumn { get; init; }

    /// <summary>The label column; null tries <see cref="DatasetDefaults.LabelColumnNames"/> in the header, or the last column without one.</summary>
    public ColumnRef? LabelColumn { get; init; }

    /// <summary>Whether the first row is a header; null detects it (known column names, a name given for a column, or a non-numeric first label above numeric ones).</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Label names in the order that fixes their ids (id = position); every label in the file must be listed. Null: numeric or ordinal order.</summary>
    public IReadOnlyList<string>? LabelNames { get; init; }

    /// <summary>A saved map to apply (evaluation after training); every label in the file must be in it. Exclusive with <see cref="LabelNames"/>.</summary>
    public LabelMap? LabelMap { get; init; }

    /// <summary>Training sets must hold at least two classes; evaluation sets only one row.</summary>
    public DatasetRole Role { get; init; } = DatasetRole.Eval;

    public long MaxFileBytes { get; init; } = DatasetDefaults.MaxFileBytes;

    public int MaxRows { get; init; } = DatasetDefaults.MaxRows;

    public int MaxFieldChars { get; init; } = DatasetDefaults.MaxFieldChars;
}
