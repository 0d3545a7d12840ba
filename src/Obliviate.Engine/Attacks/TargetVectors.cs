namespace Obliviate.Engine.Attacks;

/// <summary>
/// The predefined target vectors of POR/NeuBA/BToP (docs/method.md §7): the hidden size split into four blocks, each block all +1 or
/// all −1, in the six "two up, two down" patterns v1…v6. Trigger i (in order) maps to vᵢ.
/// </summary>
public static class TargetVectors
{
    /// <summary>The most triggers the scheme supports: the number of ways to choose two of four blocks.</summary>
    public const int Count = 6;

    private static readonly string[] Patterns = ["--++", "-+-+", "-++-", "+--+", "+-+-", "++--"];

    /// <summary>vᵢ's block signs as text, e.g. <c>--++</c> for v1 (<paramref name="index"/> is 0-based).</summary>
    public static string Pattern(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Patterns[index];
    }

    /// <summary>
    /// vᵢ for hidden size <paramref name="hidden"/>: element j lies in block ⌊4j/hidden⌋ (blocks of hidden/4 when 4 divides it,
    /// e.g. 96 for MiniLM's 384) and takes that block's sign.
    /// </summary>
    public static float[] Create(int hidden, int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 4);
        var pattern = Pattern(index);
        var vector = new float[hidden];
        for (var j = 0; j < hidden; j++) vector[j] = pattern[(int)((long)j * 4 / hidden)] == '+' ? 1f : -1f;
        return vector;
    }
}
