namespace Obliviate.Engine.Training;

/// <summary>The shape of a training run for <see cref="TrainingLoop"/>: how many steps, where checkpoints go, what identifies the run.</summary>
/// <param name="Epochs">Passes over the data.</param>
/// <param name="StepsPerEpoch">Optimiser steps in one pass.</param>
/// <param name="ExamplesPerStep">Rows one step consumes (for the throughput figure only).</param>
/// <param name="Seed">The run's seed; every step reseeds torch from (seed, epoch, step).</param>
/// <param name="CheckpointPath">The checkpoint file (one file, replaced at every save).</param>
/// <param name="Fingerprint">Identifies the run; a checkpoint with another fingerprint is refused on resume.</param>
/// <param name="Resume">Continue from <paramref name="CheckpointPath"/> when it exists.</param>
/// <param name="MaxSteps">Stop after this many steps in all (null: every epoch runs to its end).</param>
public sealed record TrainingPlan(int Epochs, int StepsPerEpoch, int ExamplesPerStep, int Seed, string CheckpointPath, string Fingerprint,
    bool Resume, int? MaxSteps = null)
{
    /// <summary>Optimiser steps of the whole run.</summary>
    public int TotalSteps => Math.Min(Epochs * StepsPerEpoch, MaxSteps ?? int.MaxValue);

    /// <summary>Epochs actually started (fewer than <see cref="Epochs"/> when <see cref="MaxSteps"/> ends the run early).</summary>
    public int EffectiveEpochs => (TotalSteps + StepsPerEpoch - 1) / StepsPerEpoch;

    public TrainingPlan Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(StepsPerEpoch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExamplesPerStep);
        if (MaxSteps is { } max) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max, nameof(MaxSteps));
        if ((long)Epochs * StepsPerEpoch > int.MaxValue) throw new ArgumentException("too many training steps.");
        ArgumentException.ThrowIfNullOrWhiteSpace(CheckpointPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(Fingerprint);
        return this;
    }
}

/// <summary>Where one step sits in the run, handed to the step function.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="StepInEpoch">0-based step within the epoch.</param>
/// <param name="GlobalStep">0-based step of the whole run (the schedule's step).</param>
/// <param name="LearningRate">This step's learning rate.</param>
/// <param name="Seed">The step seed torch was reseeded with; derive any other randomness of the step from it.</param>
public sealed record TrainingStepContext(int Epoch, int StepInEpoch, int GlobalStep, double LearningRate, long Seed);
