using Obliviate.Engine.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Tests.Training;

public class HfAdamWTests
{
    [Fact]
    public void Two_steps_match_the_hand_computed_transformers_update()
    {
        using var p = new Parameter(torch.tensor(new float[] { 1.0f, -2.0f }));
        var settings = new TrainingSettings();
        using var optimizer = new HfAdamW([new("w", p)], settings);
        double[] m = [0, 0], v = [0, 0], w = [1, -2];
        double[][] grads = [[0.5, -1.0], [0.25, 2.0]];
        for (var t = 1; t <= 2; t++)
        {
            optimizer.ZeroGrad();
            using (var g = torch.tensor(grads[t - 1].Select(x => (float)x).ToArray()))
            using (var loss = (p * g).sum())
            {
                loss.backward(); // ∂(p·g)/∂p = g
            }
            optimizer.Step(0.1);
            // transformers AdamW: m, v EMAs; denom = √v + ε; step = lr·√(1−β₂ᵗ)/(1−β₁ᵗ).
            var stepSize = 0.1 * Math.Sqrt(1 - Math.Pow(0.999, t)) / (1 - Math.Pow(0.9, t));
            for (var i = 0; i < 2; i++)
            {
                m[i] = 0.9 * m[i] + 0.1 * grads[t - 1][i];
                v[i] = 0.999 * v[i] + 0.001 * grads[t - 1][i] * grads[t - 1][i];
                w[i] -= stepSize * m[i] / (Math.Sqrt(v[i]) + 1e-8);
            }
        }
        var actual = p.data<float>().ToArray();
        Assert.Equal(w[0], actual[0], 5);
        Assert.Equal(w[1], actual[1], 5);
        Assert.Equal(2, optimizer.StepCount);
    }
}
