using System.Diagnostics;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Tokenization;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Training;

/// <summary>
/// The training loop (spec §4): AdamW over the trainable parameters only, linear warm-up and decay, gradient clipping, one
/// dispose scope per step, a checkpoint per epoch, and cancellation that leaves a resumable checkpoint.
/// </summary>
/// <remarks>
/// Determinism: each epoch's order comes from <c>Random(seed, epoch)</c> and torch is reseeded from (seed, epoch, step)
/// before every step, so a run resumed from any checkpoint takes exactly the same steps as an uninterrupted one.
/// </remarks>
public sealed class Trainer
{
    private readonly PeftClassifier model;
    private readonly TextTokenizer tokenizer;
    private readonly TrainingSettings settings;
    private readonly DefenseSettings defense;
    private readonly double learningRate;

    public Trainer(PeftClassifier model, TextTokenizer tokenizer, TrainingSettings settings, DefenseSettings defense, double learningRate)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        this.settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        this.defense = (defense ?? throw new ArgumentNullException(nameof(defense))).Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        this.learningRate = learningRate;
    }

    /// <summary>The warm-up ratio in effect: the explicit one, else 0.05 with the defense and 0 without (spec §4).</summary>
    public double WarmupRatio => settings.WarmupRatio ?? (defense.Enabled ? 0.05 : 0.0);

    /// <summary>Trains on <paramref name="examples"/> (already encoded and truncated) with labels <paramref name="labels"/>.</summary>
    /// <param name="checkpointPath">Where checkpoints go (one file, replaced each epoch).</param>
    /// <param name="fingerprint">Identifies the run; a checkpoint with another fingerprint is refused on resume.</param>
    /// <param name="resume">Continue from <paramref name="checkpointPath"/> when it exists.</param>
    /// <exception cref="TrainingInterruptedException">Cancelled; a checkpoint at the current step was written first.</exception>
    public TrainingSummary Train(IReadOnlyList<EncodedText> examples, IReadOnlyList<int> labels, string checkpointPath, string fingerprint,
        bool resume, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(labels);
        if (examples.Count != labels.Count) throw new ArgumentException($"{examples.Count} examples but {labels.Count} labels.");
        if (examples.Count == 0) throw new ArgumentException("no training examples.", nameof(examples));
        var stepsPerEpoch = (examples.Count + settings.BatchSize - 1) / settings.BatchSize;
        var totalSteps = stepsPerEpoch * settings.Epochs;
        var schedule = LinearSchedule.Create(totalSteps, WarmupRatio);
        var parameters = model.TrainableParameters;
        var amplified = model.Peft.Amplified.Select(p => (Tensor)p.Value).ToList();
        model.Peft.SetDefenseDropout(defense.EffectiveDropout);
        using var optimizer = new HfAdamW(parameters, settings);

        var (startEpoch, startStep, globalStep) = (0, 0, 0);
        int? resumedFrom = null;
        if (resume && File.Exists(checkpointPath))
        {
            var (state, tensors) = TrainingCheckpoint.Load(checkpointPath);
            if (state.Fingerprint != fingerprint)
            {
                throw new InvalidDataException($"{checkpointPath}: the checkpoint belongs to a different run (model, data, PEFT method or " +
                                               "settings changed); use another output folder or drop --resume.");
            }
            TrainingCheckpoint.RestoreParameters(parameters, tensors, checkpointPath);
            optimizer.Restore(tensors, state.OptimizerSteps, checkpointPath);
            (startEpoch, startStep, globalStep) = (state.Epoch, state.StepInEpoch, state.GlobalStep);
            resumedFrom = globalStep;
        }

        var stepTimes = new List<double>();
        var loop = Stopwatch.StartNew();
        LossTerms? last = null;
        var trainableTensors = parameters.Select(p => p.Value).ToList();
        for (var epoch = startEpoch; epoch < settings.Epochs; epoch++)
        {
            var order = Shuffle(examples.Count, settings.Seed, epoch);
            for (var step = epoch == startEpoch ? startStep : 0; step < stepsPerEpoch; step++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    Save(checkpointPath, parameters, optimizer, epoch, step, globalStep, fingerprint, completed: false);
                    throw new TrainingInterruptedException(checkpointPath, epoch, globalStep, cancellationToken);
                }
                var watch = Stopwatch.StartNew();
                var lr = learningRate * schedule.Multiplier(globalStep);
                last = TrainStep(order, step, examples, labels, amplified, trainableTensors, optimizer, lr, StepSeed(settings.Seed, epoch, step));
                globalStep++;
                NativeMemory.Trim();
                stepTimes.Add(watch.Elapsed.TotalMilliseconds);
                if (progress is not null)
                {
                    var done = stepTimes.Count;
                    var perStep = loop.Elapsed.TotalSeconds / done;
                    progress.Report(new TrainingProgress(TrainingPhase.Training, epoch + 1, settings.Epochs, globalStep, totalSteps, last, lr,
                        done * settings.BatchSize / Math.Max(1e-9, loop.Elapsed.TotalSeconds),
                        TimeSpan.FromSeconds(perStep * (totalSteps - globalStep))));
                }
            }
            var finished = epoch + 1 == settings.Epochs;
            Save(checkpointPath, parameters, optimizer, epoch + 1, 0, globalStep, fingerprint, completed: finished);
            progress?.Report(new TrainingProgress(TrainingPhase.Checkpoint, epoch + 1, settings.Epochs, globalStep, totalSteps, last, 0, 0, null,
                checkpointPath));
        }
        model.eval();
        stepTimes.Sort();
        return new TrainingSummary(totalSteps, stepTimes.Count, resumedFrom, last,
            stepTimes.Count == 0 ? null : stepTimes[stepTimes.Count / 2], loop.Elapsed.TotalSeconds);
    }

    private LossTerms TrainStep(int[] order, int step, IReadOnlyList<EncodedText> examples, IReadOnlyList<int> labels,
        List<Tensor> amplified, List<TorchSharp.Modules.Parameter> trainable, HfAdamW optimizer, double lr, long seed)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(seed);
        model.train();
        var start = step * settings.BatchSize;
        var count = Math.Min(settings.BatchSize, order.Length - start);
        var rows = new EncodedText[count];
        var target = new long[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = examples[order[start + i]];
            target[i] = labels[order[start + i]];
        }
        var batch = tokenizer.Pad(rows, NativeMemory.PaddedLength(rows.Max(r => r.Length), settings.MaxLength));
        var wantScores = defense.Enabled && defense.AlphaAttn > 0;
        var output = model.forward(batch, wantScores);
        var ce = nn.functional.cross_entropy(output.Logits, torch.tensor(target, device: output.Logits.device));
        var amp = defense.Enabled && defense.AlphaAmp > 0 ? ObliviateLoss.Amplification(amplified) : null;
        var attn = wantScores ? ObliviateLoss.Attention(output.FirstTokenScores!, output.AttentionMask, output.PrefixLength) : null;
        var (total, terms) = ObliviateLoss.Combine(ce, amp, attn, defense);
        optimizer.ZeroGrad();
        total.backward();
        nn.utils.clip_grad_norm_(trainable, settings.MaxGradNorm);
        optimizer.Step(lr);
        return terms;
    }

    private void Save(string path, IReadOnlyList<KeyValuePair<string, TorchSharp.Modules.Parameter>> parameters, HfAdamW optimizer,
        int epoch, int step, int globalStep, string fingerprint, bool completed)
    {
        var state = new TrainingState
        {
            Epoch = epoch,
            StepInEpoch = step,
            GlobalStep = globalStep,
            OptimizerSteps = optimizer.StepCount,
            Fingerprint = fingerprint,
            Completed = completed,
        };
        TrainingCheckpoint.Save(path, parameters, optimizer, state);
    }

    /// <summary>The epoch's example order: a Fisher–Yates shuffle driven by <c>Random(seed, epoch)</c>.</summary>
    public static int[] Shuffle(int count, int seed, int epoch)
    {
        var random = new Random(unchecked(seed * 1_000_003 + epoch * 7919 + 17));
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }

    /// <summary>The torch seed of one step: a fixed mix of (seed, epoch, step), so every step's dropout masks are reproducible.</summary>
    public static long StepSeed(int seed, int epoch, int step) =>
        unchecked((long)(((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)epoch << 32) ^ (uint)step) & long.MaxValue);
}
