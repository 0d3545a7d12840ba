namespace Obliviate.Reports.Evaluation;

/// <summary>What a run records about a dataset in <c>eval_results.json</c>: where it came from, its hash and what was used.</summary>
public sealed record DatasetSummary
{
    public required string Path { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes as read (BOM included), so a result names the exact data.</summary>
    public required string Sha256 { get; init; }

    public required string Format { get; init; }

    /// <summary>Rows used (after sampling).</summary>
    public required int Rows { get; init; }

    /// <summary>Rows in the file (before sampling).</summary>
    public required int TotalRows { get; init; }

    public required string TextColumn { get; init; }

    public string? TextPairColumn { get; init; }

    public required string LabelColumn { get; init; }

    /// <summary>Label names in id order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Rows per label id among the rows used.</summary>
    public required IReadOnlyList<int> LabelCounts { get; init; }
}
