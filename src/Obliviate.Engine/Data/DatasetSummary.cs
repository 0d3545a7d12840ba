using System.Text.Json.Serialization;

namespace Obliviate.Engine.Data;

/// <summary>What a run records about a dataset in <c>eval_results.json</c>: where it came from, its hash and what was used.</summary>
public sealed record DatasetSummary
{
    [JsonPropertyName("path")] public required string Path { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file's bytes as read (BOM included), so a result names the exact data.</summary>
    [JsonPropertyName("sha256")] public required string Sha256 { get; init; }

    [JsonPropertyName("format")] public required string Format { get; init; }

    /// <summary>Rows used (after sampling).</summary>
    [JsonPropertyName("rows")] public required int Rows { get; init; }

    /// <summary>Rows in the file (before sampling).</summary>
    [JsonPropertyName("total_rows")] public required int TotalRows { get; init; }

    [JsonPropertyName("text_column")] public required string TextColumn { get; init; }

    [JsonPropertyName("text_pair_column")] public string? TextPairColumn { get; init; }

    [JsonPropertyName("label_column")] public required string LabelColumn { get; init; }

    /// <summary>Label names in id order.</summary>
    [JsonPropertyName("labels")] public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Rows per label id among the rows used.</summary>
    [JsonPropertyName("label_counts")] public required IReadOnlyList<int> LabelCounts { get; init; }
}
