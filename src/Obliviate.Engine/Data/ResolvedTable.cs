namespace Obliviate.Engine.Data;

/// <summary>One data row's selected cells, before label mapping.</summary>
internal sealed record ResolvedRow(string Text, string? Pair, string Label, int Line);

/// <summary>The parsed file reduced to the chosen columns, with how each column was resolved.</summary>
internal sealed record ResolvedTable(
    bool HasHeader, string TextColumn, string? PairColumn, string LabelColumn, IReadOnlyList<ResolvedRow> Rows);
