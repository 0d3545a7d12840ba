namespace Obliviate.Engine.Models;

/// <summary>Small vector arithmetic over first-token outputs copied to plain arrays (double accumulation).</summary>
public static class Vectors
{
    public static double Norm(ReadOnlySpan<float> a)
    {
        double s = 0;
        foreach (var x in a) s += (double)x * x;
        return Math.Sqrt(s);
    }

    /// <summary>Cosine similarity of two vectors (0 when either is zero).</summary>
    public static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"vectors of {a.Length} and {b.Length} elements.");
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>The mean cosine over all pairs: (‖Σ uᵢ‖² − n) / (n(n − 1)) with uᵢ the unit vectors, in O(n·H).</summary>
    public static double MeanPairwiseCosine(IReadOnlyList<float[]> vectors)
    {
        var n = vectors.Count;
        if (n < 2) return 0;
        var sum = new double[vectors[0].Length];
        foreach (var v in vectors)
        {
            var norm = Norm(v);
            if (norm == 0) continue;
            for (var i = 0; i < v.Length; i++) sum[i] += v[i] / norm;
        }
        var squared = sum.Sum(x => x * x);
        return (squared - n) / (n * (double)(n - 1));
    }
}
