using System.Globalization;

namespace Obliviate.Engine.Data;

/// <summary>
/// A column chosen by header name or by 0-based index, as given to <c>--text-column</c>, <c>--text-pair-column</c> or
/// <c>--label-column</c>. A spec made only of ASCII digits is an index; anything else is a name (matched case-insensitively
/// after trimming, because hand-written headers are inconsistent about case and stray spaces).
/// </summary>
public sealed record ColumnRef
{
    private ColumnRef(string? name, int? index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The header name, or null when the column is chosen by index.</summary>
    public string? Name { get; }

    /// <summary>The 0-based column index, or null when the column is chosen by name.</summary>
    public int? Index { get; }

    public static ColumnRef ByName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ColumnRef(name.Trim(), null);
    }

    public static ColumnRef ByIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new ColumnRef(null, index);
    }

    /// <summary>Parses a command-line column spec: digits → index, otherwise a name.</summary>
    public static ColumnRef Parse(string spec)
    {
        if (string.IsNullOrWhiteSpace(spec)) throw new Reports.Model.RequestException("a column must be a header name or a 0-based index, not empty.");
        var trimmed = spec.Trim();
        if (trimmed.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                throw new Reports.Model.RequestException($"column index '{trimmed}' is too large.");
            return ByIndex(index);
        }
        return ByName(trimmed);
    }

    public override string ToString() => Name is not null ? $"'{Name}'" : $"#{Index}";
}
