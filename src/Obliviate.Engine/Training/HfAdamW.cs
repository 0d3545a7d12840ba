using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Engine.Training;

/// <summary>
/// transformers' own AdamW (<c>adamw_hf</c>, the optimiser the reference Trainer uses, docs/method.md §4), which differs from
/// <c>torch.optim.AdamW</c> in where ε enters: denom = √v + ε and step = lr·√(1−β₂ᵗ)/(1−β₁ᵗ). Written here rather than
/// taken from TorchSharp so the update matches the reference and its state (m, v, t) can be saved in safetensors
/// checkpoints with the rest of the run (TorchSharp's optimizer <c>save_state_dict</c> writes its own binary format).
/// </summary>
public sealed class HfAdamW : IDisposable
{
    private readonly IReadOnlyList<KeyValuePair<string, Parameter>> parameters;
    private readonly Tensor[] expAvg;
    private readonly Tensor[] expAvgSq;
    private readonly TrainingSettings settings;

    public HfAdamW(IReadOnlyList<KeyValuePair<string, Parameter>> parameters, TrainingSettings settings)
    {
        this.parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
        expAvg = [.. parameters.Select(p => torch.zeros_like(p.Value).DetachFromDisposeScope())];
        expAvgSq = [.. parameters.Select(p => torch.zeros_like(p.Value).DetachFromDisposeScope())];
    }

    /// <summary>Optimiser steps taken so far (t).</summary>
    public int StepCount { get; private set; }

    public IReadOnlyList<KeyValuePair<string, Parameter>> Parameters => parameters;

    public void ZeroGrad()
    {
        foreach (var (_, p) in parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>Applies one update with learning rate <paramref name="lr"/> to every parameter that has a gradient.</summary>
    public void Step(double lr)
    {
        StepCount++;
        var (b1, b2) = (settings.Beta1, settings.Beta2);
        var stepSize = lr * Math.Sqrt(1 - Math.Pow(b2, StepCount)) / (1 - Math.Pow(b1, StepCount));
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        for (var i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i].Value;
            var grad = p.grad;
            if (grad is null) continue;
            expAvg[i].mul_(b1).add_(grad, alpha: 1 - b1);
            expAvgSq[i].mul_(b2).addcmul_(grad, grad, value: 1 - b2);
            var denom = expAvgSq[i].sqrt().add_(settings.Epsilon);
            p.addcdiv_(expAvg[i], denom, value: -stepSize);
            if (settings.WeightDecay > 0) p.add_(p, alpha: -lr * settings.WeightDecay);
        }
    }

    /// <summary>The state as named tensors (m and v per parameter key), for a checkpoint.</summary>
    public IEnumerable<(string Name, Tensor Value)> State()
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            yield return ("exp_avg/" + parameters[i].Key, expAvg[i]);
            yield return ("exp_avg_sq/" + parameters[i].Key, expAvgSq[i]);
        }
    }

    /// <summary>Restores m, v and t from a checkpoint; every parameter's moments must be present with the right shape.</summary>
    public void Restore(IReadOnlyDictionary<string, float[]> tensors, int stepCount, string source)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        using var noGrad = torch.no_grad();
        for (var i = 0; i < parameters.Count; i++)
        {
            Copy(expAvg[i], "exp_avg/" + parameters[i].Key);
            Copy(expAvgSq[i], "exp_avg_sq/" + parameters[i].Key);
        }
        StepCount = stepCount;

        void Copy(Tensor target, string name)
        {
            if (!tensors.TryGetValue(name, out var values)) throw new InvalidDataException($"{source}: optimiser state '{name}' is missing.");
            if (values.LongLength != target.numel())
                throw new InvalidDataException($"{source}: optimiser state '{name}' has {values.LongLength} values, expected {target.numel()}.");
            using var source1 = torch.tensor(values, target.shape).to(target.device);
            target.copy_(source1);
        }
    }

    public void Dispose()
    {
        foreach (var t in expAvg) t.Dispose();
        foreach (var t in expAvgSq) t.Dispose();
    }
}
