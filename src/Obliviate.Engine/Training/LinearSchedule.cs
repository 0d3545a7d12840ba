namespace Obliviate.Engine.Training;

/// <summary>
/// transformers' <c>get_linear_schedule_with_warmup</c>: the multiplier rises linearly from 0 over the warm-up steps, then
/// falls linearly to 0 at the last step. Warm-up steps = ⌈ratio · total⌉ as the HF Trainer computes them. Pure: the
/// multiplier depends on the step alone, so a resumed run needs no scheduler state.
/// </summary>
public sealed record LinearSchedule(int TotalSteps, int WarmupSteps)
{
    public static LinearSchedule Create(int totalSteps, double warmupRatio)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        return new LinearSchedule(totalSteps, (int)Math.Ceiling(totalSteps * warmupRatio));
    }

    /// <summary>The learning-rate multiplier for optimiser step <paramref name="step"/> (0-based).</summary>
    public double Multiplier(int step)
    {
        if (step < WarmupSteps) return (double)step / Math.Max(1, WarmupSteps);
        return Math.Max(0.0, (double)(TotalSteps - step) / Math.Max(1, TotalSteps - WarmupSteps));
    }
}
