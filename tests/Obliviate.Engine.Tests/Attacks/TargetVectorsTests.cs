using Obliviate.Engine.Attacks;

namespace Obliviate.Engine.Tests.Attacks;

public class TargetVectorsTests
{
    [Fact]
    public void V1_is_two_negative_then_two_positive_blocks()
    {
        Assert.Equal([-1f, -1f, -1f, -1f, 1f, 1f, 1f, 1f], TargetVectors.Create(8, 0));
        Assert.Equal([1f, 1f, 1f, 1f, -1f, -1f, -1f, -1f], TargetVectors.Create(8, 5));
    }

    [Fact]
    public void MiniLm_blocks_are_96_wide_and_the_six_vectors_are_distinct_balanced_and_unit_block()
    {
        var vectors = Enumerable.Range(0, TargetVectors.Count).Select(i => TargetVectors.Create(384, i)).ToList();
        foreach (var (v, i) in vectors.Select((v, i) => (v, i)))
        {
            Assert.Equal(0f, v.Sum());
            for (var block = 0; block < 4; block++)
            {
                var slice = v.AsSpan(block * 96, 96).ToArray();
                Assert.All(slice, x => Assert.Equal(TargetVectors.Pattern(i)[block] == '+' ? 1f : -1f, x));
            }
        }
        Assert.Equal(6, vectors.Select(v => string.Join(",", v)).Distinct().Count());
        // vᵢ and v(7−i) are opposite; any other pair is orthogonal.
        Assert.Equal(-384f, Dot(vectors[0], vectors[5]));
        Assert.Equal(0f, Dot(vectors[0], vectors[1]));
    }

    [Fact]
    public void Only_six_targets_exist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetVectors.Create(384, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => TargetVectors.Create(3, 0));
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
