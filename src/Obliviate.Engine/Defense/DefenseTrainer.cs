using Obliviate.Engine.Classification;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Tokenization;
using TorchSharp;
using static TorchSharp.torch;
using Obliviate.Reports.Evaluation;
using Obliviate.Engine.Training;

namespace Obliviate.Engine.Defense;

/// <summary>
/// PEFT classifier training (docs/method.md §4): AdamW over the trainable parameters only, linear warm-up and decay, gradient
/// clipping, one dispose scope per step; <see cref="TrainingLoop"/> supplies resume, checkpoints and cancellation.
/// </summary>
/// <remarks>Each epoch's order comes from <see cref="TrainingLoop.Shuffle"/>, so a resumed run sees the same batches.</remarks>
public sealed class DefenseTrainer
{
    private readonly PeftClassifier model;
    private readonly TextTokenizer tokenizer;
    private readonly TrainingSettings settings;
    private readonly DefenseSettings defense;
    private readonly double learningRate;
    private readonly TriggerPerturbation? perturbation;

    /// <param name="perturbation">The trigger-aware method's insertions; required when <paramref name="defense"/> is trigger-aware.</param>
    public DefenseTrainer(PeftClassifier model, TextTokenizer tokenizer, TrainingSettings settings, DefenseSettings defense, double learningRate,
        TriggerPerturbation? perturbation = null)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        this.tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        this.settings = (settings ?? throw new ArgumentNullException(nameof(settings))).Validate();
        this.defense = (defense ?? throw new ArgumentNullException(nameof(defense))).Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        this.learningRate = learningRate;
        if (this.defense.TriggerAware && perturbation is null)
            throw new ArgumentException("the trigger-aware defense needs its perturbation (the probe's candidates).", nameof(perturbation));
        this.perturbation = this.defense.TriggerAware ? perturbation : null;
    }

    /// <summary>The warm-up ratio in effect: the explicit one, else 0.05 with the defense and 0 without (docs/method.md §4).</summary>
    public double WarmupRatio => settings.WarmupRatio ?? (defense.Enabled ? 0.05 : 0.0);

    /// <summary>Trains on <paramref name="examples"/> (already encoded and truncated) with labels <paramref name="labels"/>.</summary>
    /// <param name="checkpointPath">Where checkpoints go (one file, replaced each epoch).</param>
    /// <param name="fingerprint">Identifies the run; a checkpoint with another fingerprint is refused on resume.</param>
    /// <param name="resume">Continue from <paramref name="checkpointPath"/> when it exists.</param>
    /// <exception cref="TrainingInterruptedException">Cancelled; a checkpoint at the current step was written first.</exception>
    public TrainingSummary<LossTerms> Train(IReadOnlyList<EncodedText> examples, IReadOnlyList<int> labels, string checkpointPath, string fingerprint,
        bool resume, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(labels);
        if (examples.Count != labels.Count) throw new ArgumentException($"{examples.Count} examples but {labels.Count} labels.");
        if (examples.Count == 0) throw new ArgumentException("no training examples.", nameof(examples));
        var plan = new TrainingPlan(settings.Epochs, (examples.Count + settings.BatchSize - 1) / settings.BatchSize, settings.BatchSize,
            settings.Seed, checkpointPath, fingerprint, resume, settings.MaxSteps);
        var schedule = LinearSchedule.Create(plan.TotalSteps, WarmupRatio);
        var amplified = model.Peft.Amplified.Select(p => (Tensor)p.Value).ToList();
        model.Peft.SetDefenseDropout(defense.EffectiveDropout);
        using var optimizer = new HfAdamW(model.TrainableParameters, settings);
        var trainable = optimizer.Parameters.Select(p => p.Value).ToList();
        var order = Array.Empty<int>();
        var orderEpoch = -1;
        var summary = TrainingLoop.Run(plan, optimizer, step => learningRate * schedule.Multiplier(step), context =>
        {
            if (orderEpoch != context.Epoch) (order, orderEpoch) = (TrainingLoop.Shuffle(examples.Count, settings.Seed, context.Epoch), context.Epoch);
            return TrainStep(order, context, examples, labels, amplified, trainable, optimizer);
        }, progress, cancellationToken);
        model.eval();
        return summary;
    }

    private LossTerms TrainStep(int[] order, TrainingStepContext context, IReadOnlyList<EncodedText> examples, IReadOnlyList<int> labels,
        List<Tensor> amplified, List<TorchSharp.Modules.Parameter> trainable, HfAdamW optimizer)
    {
        using var scope = torch.NewDisposeScope();
        model.train();
        var start = context.StepInEpoch * settings.BatchSize;
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
        Tensor? kl = null, feature = null;
        if (perturbation is not null)
        {
            // The step's own random stream (derived from its seed), so a resumed run perturbs exactly as an uninterrupted one.
            var random = new Random((int)(context.Seed & int.MaxValue));
            var perturbed = rows.Select(r => perturbation.Apply(r, random, settings.MaxLength)).ToArray();
            var pout = model.forward(tokenizer.Pad(perturbed, NativeMemory.PaddedLength(perturbed.Max(r => r.Length), settings.MaxLength)), false);
            (kl, feature) = ObliviateLoss.Consistency(output.Logits, pout.Logits, output.FirstToken, pout.FirstToken);
        }
        var (total, terms) = ObliviateLoss.Combine(ce, amp, attn, defense, kl, feature);
        optimizer.ZeroGrad();
        total.backward();
        nn.utils.clip_grad_norm_(trainable, settings.MaxGradNorm);
        optimizer.Step(context.LearningRate);
        return terms;
    }
}
