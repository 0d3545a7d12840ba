namespace Obliviate.Engine.Probe;

/// <summary>
/// A median/MAD z-score: (x − median) / (1.4826 · MAD), robust to the few extreme candidates a backdoor creates (they
/// would inflate a mean and standard deviation and hide themselves).
/// </summary>
public sealed record RobustScale(double Median, double Scale)
{
    /// <summary>The smallest scale used, so a measure that barely varies cannot turn noise into huge scores.</summary>
    public const double MinScale = 1e-6;

    public static RobustScale Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return new RobustScale(0, 1);
        var median = MedianOf(values);
        var mad = MedianOf([.. values.Select(v => Math.Abs(v - median))]);
        return new RobustScale(median, Math.Max(1.4826 * mad, MinScale));
    }

    public double Z(double value) => (value - Median) / Scale;

    private static double MedianOf(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
