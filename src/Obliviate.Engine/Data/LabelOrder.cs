namespace Obliviate.Engine.Data;

/// <summary>How a <see cref="LabelMap"/>'s order was decided; recorded so a reader of the results knows why id 1 is what it is.</summary>
public enum LabelOrder
{
    /// <summary>All labels were numbers; ids follow ascending numeric value (so "0","1" keep ids 0, 1 and "1".."5" become 0..4).</summary>
    Numeric,

    /// <summary>String labels sorted ordinally (culture-independent, so every machine gets the same ids).</summary>
    Ordinal,

    /// <summary>The order the user gave.</summary>
    Given,
}
