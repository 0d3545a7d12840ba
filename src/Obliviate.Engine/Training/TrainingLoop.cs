using System.Diagnostics;
using TorchSharp;

namespace Obliviate.Engine.Training;

/// <summary>
/// The loop every training run shares (<c>defend</c>'s PEFT training, <c>attack</c>'s backdoor injection): resume from a
/// checkpoint, reseed torch before every step, hand the step its learning rate, time it, report progress, write a
/// checkpoint after each epoch, and on cancellation write one at the current step before stopping.
/// </summary>
/// <remarks>
/// Determinism: torch is reseeded from (seed, epoch, step) before each step and the step function derives its own
/// randomness from <see cref="TrainingStepContext"/>, so a run resumed from any checkpoint takes exactly the steps an
/// uninterrupted one takes. The optimiser state (m, v, t) and the parameters are all a checkpoint needs.
/// </remarks>
public static class TrainingLoop
{
    /// <param name="plan">Steps, checkpoint path, fingerprint and resume flag.</param>
    /// <param name="optimizer">Owns the trainable parameters that checkpoints save and restore.</param>
    /// <param name="learningRate">The learning rate of a 0-based global step.</param>
    /// <param name="step">Runs one step (its own dispose scope, forward, backward, optimiser update) and returns its loss.</param>
    /// <exception cref="TrainingInterruptedException">Cancelled; a checkpoint at the current step was written first.</exception>
    /// <exception cref="InvalidDataException">The checkpoint to resume is malformed or belongs to another run.</exception>
    public static TrainingSummary<TLoss> Run<TLoss>(TrainingPlan plan, HfAdamW optimizer, Func<int, double> learningRate,
        Func<TrainingStepContext, TLoss> step, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        where TLoss : class, IStepLoss
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(learningRate);
        ArgumentNullException.ThrowIfNull(step);
        plan.Validate();
        var totalSteps = plan.TotalSteps;
        var epochs = plan.EffectiveEpochs;
        var parameters = optimizer.Parameters;

        var (startEpoch, startStep, globalStep) = (0, 0, 0);
        int? resumedFrom = null;
        if (plan.Resume && File.Exists(plan.CheckpointPath))
        {
            var (state, tensors) = TrainingCheckpoint.Load(plan.CheckpointPath);
            if (state.Fingerprint != plan.Fingerprint)
            {
                throw new InvalidDataException($"{plan.CheckpointPath}: the checkpoint belongs to a different run (model, data, method or " +
                                               "settings changed); use another output folder or drop --resume.");
            }
            TrainingCheckpoint.RestoreParameters(parameters, tensors, plan.CheckpointPath);
            optimizer.Restore(tensors, state.OptimizerSteps, plan.CheckpointPath);
            (startEpoch, startStep, globalStep) = (state.Epoch, state.StepInEpoch, state.GlobalStep);
            resumedFrom = globalStep;
        }

        var stepTimes = new List<double>();
        var loop = Stopwatch.StartNew();
        var planned = false;
        TLoss? last = null;
        for (var epoch = startEpoch; epoch < epochs && globalStep < totalSteps; epoch++)
        {
            for (var s = epoch == startEpoch ? startStep : 0; s < plan.StepsPerEpoch && globalStep < totalSteps; s++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    Save(plan, optimizer, epoch, s, globalStep, completed: false);
                    throw new TrainingInterruptedException(plan.CheckpointPath, epoch, globalStep, cancellationToken);
                }
                var watch = Stopwatch.StartNew();
                var lr = learningRate(globalStep);
                var seed = StepSeed(plan.Seed, epoch, s);
                torch.manual_seed(seed);
                last = step(new TrainingStepContext(epoch, s, globalStep, lr, seed));
                globalStep++;
                if (globalStep % NativeMemory.TrainingInterval == 0) NativeMemory.Trim();
                stepTimes.Add(watch.Elapsed.TotalMilliseconds);
                if (progress is not null && !planned && (stepTimes.Count == WarmupSteps + 1 || globalStep == totalSteps))
                {
                    planned = true;
                    progress.Report(Plan(plan, stepTimes, totalSteps - globalStep, epochs, epoch + 1, globalStep));
                }
                if (progress is not null)
                {
                    var done = stepTimes.Count;
                    var perStep = loop.Elapsed.TotalSeconds / done;
                    progress.Report(new TrainingProgress(TrainingPhase.Training, epoch + 1, epochs, globalStep, totalSteps, last, lr,
                        done * plan.ExamplesPerStep / Math.Max(1e-9, loop.Elapsed.TotalSeconds),
                        TimeSpan.FromSeconds(perStep * (totalSteps - globalStep))));
                }
            }
            var finished = globalStep >= totalSteps;
            Save(plan, optimizer, epoch + 1, 0, globalStep, completed: finished);
            progress?.Report(new TrainingProgress(TrainingPhase.Checkpoint, epoch + 1, epochs, globalStep, totalSteps, last, 0, 0, null,
                plan.CheckpointPath));
        }
        stepTimes.Sort();
        return new TrainingSummary<TLoss>(totalSteps, stepTimes.Count, resumedFrom, last,
            stepTimes.Count == 0 ? null : stepTimes[stepTimes.Count / 2], loop.Elapsed.TotalSeconds);
    }

    /// <summary>Steps left out of the plan's estimate: the first step pays for allocation and kernel warm-up.</summary>
    private const int WarmupSteps = 3;

    /// <summary>The one-line plan: steps and rows, and the time the rest will take at the speed of the steps after the first.</summary>
    private static TrainingProgress Plan(TrainingPlan plan, List<double> stepTimes, int stepsLeft, int epochs, int epoch, int globalStep)
    {
        var measured = stepTimes.Count > 1 ? stepTimes.Skip(1).ToList() : stepTimes;
        var perStep = measured.Average();
        var message = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{plan.TotalSteps} steps ({epochs} epoch{(epochs == 1 ? "" : "s")} of {plan.StepsPerEpoch} steps × {plan.ExamplesPerStep} rows), " +
            $"{perStep:F0} ms/step measured on {measured.Count} step{(measured.Count == 1 ? "" : "s")}");
        return new TrainingProgress(TrainingPhase.Plan, epoch, epochs, globalStep, plan.TotalSteps, null, 0, 0,
            TimeSpan.FromMilliseconds(perStep * stepsLeft), message);
    }

    private static void Save(TrainingPlan plan, HfAdamW optimizer, int epoch, int step, int globalStep, bool completed)
    {
        var state = new TrainingState
        {
            Epoch = epoch,
            StepInEpoch = step,
            GlobalStep = globalStep,
            OptimizerSteps = optimizer.StepCount,
            Fingerprint = plan.Fingerprint,
            Completed = completed,
        };
        TrainingCheckpoint.Save(plan.CheckpointPath, optimizer.Parameters, optimizer, state);
    }

    /// <summary>The torch seed of one step: a fixed mix of (seed, epoch, step), so every step's dropout masks are reproducible.</summary>
    public static long StepSeed(int seed, int epoch, int step) =>
        unchecked((long)(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)epoch << 32) ^ (uint)step) & long.MaxValue);

    /// <summary>An epoch's example order: a Fisher–Yates shuffle driven by <c>Random(seed, epoch)</c>.</summary>
    public static int[] Shuffle(int count, int seed, int epoch)
    {
        var random = new Random(unchecked(seed * 1_000_003 + epoch * 7919 + 17));
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }
}
