namespace Obliviate.Engine.Data;

/// <summary>The on-disk layout of a text classification dataset.</summary>
public enum DatasetFormat
{
    /// <summary>Tab-separated values, RFC 4180 quoting (quote char <c>"</c>), optional header.</summary>
    Tsv,

    /// <summary>Comma-separated values, RFC 4180 quoting, optional header.</summary>
    Csv,

    /// <summary>One JSON object per line; columns are property names.</summary>
    Jsonl,

    /// <summary>One text per line, no columns and no labels: for unlabelled corpora (<c>attack --corpus</c>) only.</summary>
    PlainText,
}
