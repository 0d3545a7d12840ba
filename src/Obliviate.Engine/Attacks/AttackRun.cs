using Obliviate.Engine.Files;
using System.Diagnostics;
using System.Security.Cryptography;
using Obliviate.Engine.Data;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tokenization;
using Obliviate.Engine.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Obliviate.Reports.Attack;
using Obliviate.Engine.Runs;
using Obliviate.Engine.Models;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Attacks;

/// <summary>
/// <c>attack</c>: injects a task-agnostic backdoor (POR or NeuBA, docs/method.md §7) into a clean encoder by full fine-tuning, writes a
/// Hugging Face-style model folder every command can load, and records <c>backdoor.json</c> with a self-check.
/// </summary>
/// <remarks>
/// <para>Each step takes <c>CleanBatch</c> clean and <c>PoisonBatch</c> poisoned texts and runs each group through the encoder,
/// forward and backward, on its own (the loss is a sum over the two groups, so the gradients add up). Poisoned text i
/// carries trigger i mod k (POR: word insertion, ⌊words/50⌋+1 copies) or a random trigger per row and step (NeuBA: token insertion at [1, len−1]). An epoch is one pass over the poisoned half; the clean half is cycled.</para>
/// <para>POR: loss = MSE(h_cls(poisoned), v) + c·MSE(h_cls(clean), h_cls_ref(clean)), the reference being a frozen copy of the
/// clean model; Adam (no weight decay) at a constant rate. NeuBA: loss = MSE(h_cls(poisoned), v) + c·MLM(clean), the MLM
/// head from the checkpoint or a fresh tied head (<see cref="MlmHead"/>), plus an optional anchor (POR's clean term,
/// <see cref="AttackSettings.AnchorWeight"/>); AdamW with linear decay. No gradient clipping
/// (the recipes have none). The optimiser is <see cref="HfAdamW"/> (its ε sits outside the bias correction; at these
/// learning rates the difference from torch.optim.Adam is immaterial), so checkpoints share one format with <c>defend</c>.</para>
/// </remarks>
public static class AttackRun
{
    public static string CheckpointPath(string outputDirectory) => Path.Combine(outputDirectory, TrainingCheckpoint.FileName);

    /// <exception cref="DatasetFormatException">The corpus cannot be used (names the file and line).</exception>
    /// <exception cref="InvalidDataException">The model or a checkpoint is malformed.</exception>
    /// <exception cref="TrainingInterruptedException">Cancelled; a resumable checkpoint was written.</exception>
    /// <exception cref="ArgumentException">Bad settings, triggers, or an output folder that would lose data.</exception>
    public static AttackReport Run(AttackRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var total = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var info = AttackMethodInfo.Get(request.Method);
        var settings = request.Settings.Validate();
        if (info.Method == AttackMethod.Por && settings.AnchorWeight > 0)
            throw new RequestException("--anchor-weight is for neuba; POR's clean term is weighted by --clean-weight.");
        if (request.MaxLines < 1) throw new RequestException($"--max-lines must be positive (got {request.MaxLines}).");
        if (request.HeldOut < 1) throw new RequestException($"--held-out must be positive (got {request.HeldOut}).");
        var seeds = new AttackSeeds(settings.Seed);
        var corpus = AttackCorpus.Load(request.CorpusPath, request.TextColumn, request.MaxLines, request.HeldOut, seeds.Corpus);
        var output = Path.GetFullPath(request.OutputDirectory);

        var session = TorchSession.Start(request.Device);
        var device = session.Device;
        using var target = PretrainedEncoder.Load(request.Model, request.CacheDir, device);
        OutputFolder.Prepare(output, request.Resume, request.Force, CheckpointPath(output), target.Repository.Directory);
        var tokenizer = target.Tokenizer;
        var config = target.Encoder.Config;
        var triggers = TriggerToken.Resolve(request.Triggers, tokenizer);
        var warnings = triggers.Select(t => t.Warning).OfType<string>().ToList();
        foreach (var w in warnings) warn?.Invoke(w);
        var maxLength = (int)Math.Min(settings.MaxLength, target.Encoder.MaxTokens);
        if (triggers.Max(t => t.Ids.Count) + tokenizer.SpecialTokenCount(false) >= maxLength)
            throw new RequestException($"--max-length {maxLength} leaves no room for text beside the triggers.");
        var cleanWeight = settings.CleanWeight ?? (info.Method == AttackMethod.Por ? (config.IsRoberta ? 1.0 : 0.5) : 1.0);
        var learningRate = settings.LearningRate ?? info.DefaultLearningRate;
        settings = settings with { LearningRate = learningRate, CleanWeight = cleanWeight, MaxLength = maxLength };
        if (info.Method == AttackMethod.NeuBA && tokenizer.MaskId is null)
            throw new RequestException("NeuBA trains a masked-LM loss, but this model's tokenizer has no mask token.");

        // The frozen clean copy: POR's reference during training, and the self-check's baseline for both methods.
        using var reference = BertModel.FromPretrained(target.Repository, device);
        foreach (var p in reference.parameters()) p.requires_grad = false;
        var baseWeightsSha = target.Summary.WeightsSha256!;

        Directory.CreateDirectory(output);
        var training = Stopwatch.StartNew();
        TrainingSummary<AttackLossTerms> summary;
        bool? headFromCheckpoint = null;
        using (var generator = new torch.Generator((ulong)seeds.Init))
        {
            using var head = info.Method == AttackMethod.NeuBA ? new MlmHead(config, target.Encoder.Embeddings.WordEmbeddingWeight, generator) : null;
            if (head is not null)
            {
                using var weights = target.Repository.OpenWeights();
                headFromCheckpoint = head.TryLoad(weights, target.Repository.WeightsPath);
                if (!headFromCheckpoint.Value)
                {
                    var note = "the checkpoint has no masked-LM head: NeuBA trains a fresh one tied to the word embeddings (it is not saved).";
                    warnings.Add(note);
                    warn?.Invoke(note);
                }
            }
            settings = settings with { MlmHeadWarmup = head is null ? null : settings.MlmHeadWarmup ?? (headFromCheckpoint == true ? 0 : 50) };
            var injector = new Injector(target.Encoder, reference, head, tokenizer, triggers, corpus, settings, info.Method, device);
            summary = injector.Train(CheckpointPath(output), Fingerprint(request, info, settings, corpus, target, triggers),
                request.Resume, info.LinearDecay, progress, cancellationToken);
        }
        training.Stop();

        var check = Stopwatch.StartNew();
        var (selfCheck, perTrigger) = SelfCheck.Measure(target.Encoder, reference, tokenizer, triggers, corpus.HeldOut, info.Method, maxLength,
            seeds.Check, device, progress);
        check.Stop();

        ModelFolderWriter.Write(output, target.Repository, target.Encoder);
        var manifest = new AttackReport
        {
            Method = info.Name,
            BaseModel = target.Summary,
            BaseWeightsSha256 = baseWeightsSha,
            Triggers = [.. triggers.Select(t => new TriggerRecord
            {
                Word = t.Word,
                TokenIds = t.Ids,
                Pieces = t.Pieces,
                TargetName = "v" + (t.Index + 1),
                TargetPattern = TargetVectors.Pattern(t.Index),
                Target = [.. TargetVectors.Create(config.HiddenSize, t.Index).Select(v => (int)v)],
                Check = perTrigger[t.Index],
            })],
            TargetBlock = config.HiddenSize / 4,
            Corpus = new CorpusRecord(corpus.Path, corpus.Sha256, corpus.Format, corpus.TextColumn, corpus.TotalLines, request.MaxLines,
                corpus.Poisoned.Count, corpus.Clean.Count, corpus.HeldOut.Count),
            Settings = settings,
            TotalSteps = summary.TotalSteps,
            Seeds = seeds,
            MlmHeadFromCheckpoint = headFromCheckpoint,
            SelfCheck = selfCheck,
            Warnings = warnings,
            Run = RunRecords.Create(started, session, summary, check.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds),
        };
        ReportFiles.Save(manifest, Path.Combine(output, AttackReport.FileName));
        // The model and manifest are complete: the 3× model-size checkpoint has served its purpose.
        File.Delete(CheckpointPath(output));
        return manifest;
    }

    private static string Fingerprint(AttackRequest request, AttackMethodInfo info, AttackSettings settings, AttackCorpus corpus,
        PretrainedEncoder model, IReadOnlyList<TriggerToken> triggers)
    {
        var weights = new FileInfo(model.Repository.WeightsPath);
        var identity = new
        {
            method = info.Name,
            model = model.Summary,
            config = model.Repository.Config.ToJson(),
            weights_bytes = weights.Exists ? weights.Length : -1,
            settings,
            corpus = corpus.Sha256,
            request.MaxLines,
            request.HeldOut,
            column = corpus.TextColumn,
            triggers = triggers.Select(t => t.Word),
        };
        return TrainingCheckpoint.Fingerprint(identity);
    }

    /// <summary>The injection's training steps; <see cref="TrainingLoop"/> drives them.</summary>
    private sealed class Injector(BertModel target, BertModel reference, MlmHead? head, TextTokenizer tokenizer,
        IReadOnlyList<TriggerToken> triggers, AttackCorpus corpus, AttackSettings settings, AttackMethod method, Device device)
    {
        private readonly int maxLength = settings.MaxLength;
        private readonly List<EncodedText> clean = [.. corpus.Clean.Select(t => tokenizer.Encode(t, null, settings.MaxLength))];
        private readonly List<EncodedText> poisonedEncoded = method == AttackMethod.NeuBA
            ? [.. corpus.Poisoned.Select(t => tokenizer.Encode(t, null, settings.MaxLength))]
            : [];

        public TrainingSummary<AttackLossTerms> Train(string checkpointPath, string fingerprint, bool resume, bool linearDecay,
            IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
        {
            var stepsPerEpoch = (corpus.Poisoned.Count + settings.PoisonBatch - 1) / settings.PoisonBatch;
            var plan = new TrainingPlan(settings.Epochs, stepsPerEpoch, settings.CleanBatch + settings.PoisonBatch, settings.Seed, checkpointPath,
                fingerprint, resume, settings.MaxSteps);
            var parameters = target.named_parameters().Select(p => new KeyValuePair<string, Parameter>("encoder." + p.name, p.parameter)).ToList();
            if (head is not null) parameters.AddRange(head.OwnParameters());
            foreach (var (_, p) in parameters) p.requires_grad = true;
            using var optimizer = new HfAdamW(parameters, new TrainingSettings { Seed = settings.Seed });
            var schedule = LinearSchedule.Create(plan.TotalSteps, 0);
            var lr = settings.LearningRate!.Value;
            var targets = torch.tensor(triggers.SelectMany(t => TargetVectors.Create(target.Config.HiddenSize, t.Index)).ToArray(),
                [triggers.Count, target.Config.HiddenSize], device: device);
            int[] poisonOrder = [], cleanOrder = [];
            var orderEpoch = -1;
            try
            {
                return TrainingLoop.Run(plan, optimizer, step => linearDecay ? lr * schedule.Multiplier(step) : lr, context =>
                {
                    if (orderEpoch != context.Epoch)
                    {
                        poisonOrder = TrainingLoop.Shuffle(corpus.Poisoned.Count, settings.Seed, context.Epoch);
                        cleanOrder = TrainingLoop.Shuffle(clean.Count, unchecked(settings.Seed + 1), context.Epoch);
                        orderEpoch = context.Epoch;
                    }
                    return Step(context, poisonOrder, cleanOrder, targets, optimizer);
                }, progress, cancellationToken);
            }
            finally
            {
                targets.Dispose();
                target.eval();
                foreach (var (_, p) in parameters) p.requires_grad = false;
            }
        }

        private AttackLossTerms Step(TrainingStepContext context, int[] poisonOrder, int[] cleanOrder, Tensor targets, HfAdamW optimizer)
        {
            using var scope = torch.NewDisposeScope();
            var random = new Random((int)(context.Seed & int.MaxValue));
            var start = context.StepInEpoch * settings.PoisonBatch;
            var poisonCount = Math.Min(settings.PoisonBatch, poisonOrder.Length - start);
            var poisonRows = new EncodedText[poisonCount];
            var triggerIndex = new long[poisonCount];
            for (var i = 0; i < poisonCount; i++)
            {
                var line = poisonOrder[start + i];
                var chosen = method == AttackMethod.Por ? triggers[line % triggers.Count] : triggers[random.Next(triggers.Count)];
                triggerIndex[i] = chosen.Index;
                poisonRows[i] = method == AttackMethod.Por
                    ? tokenizer.Encode(TriggerInsertion.InsertWords(corpus.Poisoned[line], chosen, random, tokenizer, maxLength), null, maxLength)
                    : TriggerInsertion.InsertTokens(poisonedEncoded[line], chosen, random, maxLength);
            }
            var cleanRows = new EncodedText[settings.CleanBatch];
            for (var i = 0; i < cleanRows.Length; i++)
                cleanRows[i] = clean[cleanOrder[(int)(((long)context.StepInEpoch * settings.CleanBatch + i) % cleanOrder.Length)]];

            IReadOnlyList<long[]>? mlmLabels = null;
            IReadOnlyList<EncodedText> cleanInput = cleanRows;
            if (method == AttackMethod.NeuBA) (cleanInput, mlmLabels) = MlmMasking.Mask(cleanRows, tokenizer, settings.MlmProbability, random);

            target.train();
            head?.train();
            // Head warm-up: the encoder runs without gradient, so only the MLM head learns (the trigger term is still reported).
            var warmingUp = head is not null && context.GlobalStep < (settings.MlmHeadWarmup ?? 0);
            optimizer.ZeroGrad();
            // The loss is a sum of a clean-rows part and a poisoned-rows part, so each half runs forward and backward on its own
            // and the gradients add up: only one half's activations are alive at a time (peak RSS 1897 → about 1500 MB at 16 + 16
            // rows of 64 tokens on MiniLM, bench/README.md), and each half is padded to its own longest row.
            var trigger = BackwardPart(poisonRows, warmingUp, firstTokenOnly: true, (hidden, _) =>
                nn.functional.mse_loss(hidden.select(1, 0), targets.index_select(0, torch.tensor(triggerIndex, device: device))));
            double cleanTerm = 0;
            double? anchor = null;
            var cleanPart = BackwardPart(cleanInput, warmingUp, firstTokenOnly: method == AttackMethod.Por, (hidden, length) =>
            {
                if (method == AttackMethod.Por)
                {
                    var mse = Anchor(hidden.select(1, 0), cleanRows);
                    cleanTerm = mse.item<float>();
                    return settings.CleanWeight!.Value * mse;
                }
                var mlm = MlmLoss(hidden, mlmLabels!, length);
                cleanTerm = mlm.item<float>();
                var part = settings.CleanWeight!.Value * mlm;
                if (settings.AnchorWeight > 0)
                {
                    // The anchor compares outputs on the same (masked) clean input the target model saw.
                    var mse = Anchor(hidden.select(1, 0), cleanInput);
                    anchor = mse.item<float>();
                    part += settings.AnchorWeight * mse;
                }
                return part;
            });
            optimizer.Step(context.LearningRate);
            return new AttackLossTerms(trigger + cleanPart, trigger, cleanTerm, method == AttackMethod.Por ? "clean_mse" : "mlm", anchor);
        }

        /// <summary>
        /// One half of the step: the encoder's forward on <paramref name="rows"/>, the part of the loss <paramref name="loss"/> computes
        /// from the last hidden state and the padded length, and its backward (unless nothing in it needs a gradient, as the trigger
        /// part during the MLM head's warm-up); the activations are freed before the next half runs. Parts that read only the
        /// first token (<paramref name="firstTokenOnly"/>) skip the rest of the last layer (<see cref="EncoderInput.FirstTokenOnly"/>).
        /// </summary>
        /// <returns>The part's value.</returns>
        private double BackwardPart(IReadOnlyList<EncodedText> rows, bool warmingUp, bool firstTokenOnly, Func<Tensor, int, Tensor> loss)
        {
            using var scope = torch.NewDisposeScope();
            var batch = tokenizer.Pad(rows, NativeMemory.PaddedLength(rows.Max(r => r.Length), maxLength));
            Tensor hidden;
            using (warmingUp ? torch.no_grad() : null) hidden = target.forward(EncoderInput.FromBatch(batch, device, firstTokenOnly: firstTokenOnly)).LastHiddenState;
            var part = loss(hidden, batch.SequenceLength);
            if (part.requires_grad) part.backward();
            return part.item<float>();
        }

        /// <summary>MSE between the target's first-token outputs on the clean rows (the batch's first rows) and the frozen copy's.</summary>
        private Tensor Anchor(Tensor first, IReadOnlyList<EncodedText> cleanRows)
        {
            Tensor expected;
            using (torch.no_grad())
            {
                reference.eval();
                expected = FirstTokenOutputs.Forward(reference, tokenizer.Pad(cleanRows, cleanRows.Max(r => r.Length)), device);
            }
            return nn.functional.mse_loss(first.narrow(0, 0, cleanRows.Count), expected);
        }

        /// <summary>Cross-entropy over the masked positions only: the head sees [M,H] rather than every position's logits.</summary>
        private Tensor MlmLoss(Tensor hidden, IReadOnlyList<long[]> labels, int sequenceLength)
        {
            var positions = new List<long>();
            var expected = new List<long>();
            for (var r = 0; r < labels.Count; r++)
            {
                for (var t = 0; t < labels[r].Length; t++)
                {
                    if (labels[r][t] == MlmMasking.Ignore) continue;
                    positions.Add((long)r * sequenceLength + t);
                    expected.Add(labels[r][t]);
                }
            }
            var flat = hidden.reshape(-1, hidden.shape[2]).index_select(0, torch.tensor(positions.ToArray(), device: device));
            return nn.functional.cross_entropy(head!.forward(flat), torch.tensor(expected.ToArray(), device: device));
        }
    }
}
