using System.Diagnostics;
using Obliviate.Engine.Classification;
using Obliviate.Engine.Data;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Models;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runs;
using Obliviate.Engine.Runtime;
using Obliviate.Engine.Tokenization;
using Obliviate.Engine.Training;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Probe;
using TorchSharp;
using static TorchSharp.torch;
using ReportCandidate = Obliviate.Reports.Probe.ProbeCandidate;

namespace Obliviate.Engine.Probe;

/// <summary>
/// <c>probe</c>: looks for planted task-agnostic triggers without any task data (docs/probe.md). Stage one inserts every
/// word-start token of the vocabulary into two neutral carriers and measures, on the first-token output, how far it moves
/// the output, how much it collapses different carriers onto one vector, how much of the first token's attention it takes
/// and how it changes the output's norm; robust z-scores over the whole vocabulary combine them into one score. The best
/// word starts are extended by the continuation piece the gradient of the shift points to (so split words like <c>q ##t</c>
/// are found), and stage two verifies the top candidates, the extensions and the user's candidates on every carrier.
/// </summary>
public static class ProbeRun
{
    /// <summary>Carriers of stage one (the first two), and where the candidate goes in each: right after the first token, and mid-sentence.</summary>
    private const int ScreenCarriers = 2;

    /// <summary>Carriers whose outputs steer the continuation search.</summary>
    private const int ExtensionCarriers = 4;

    /// <summary>Continuation pieces tried per extended word start.</summary>
    private const int ContinuationsPerStart = 6;

    /// <summary>
    /// Continuation pieces tried after a single letter or digit. A short nonsense trigger such as <c>qt</c> splits into that
    /// letter and one piece, and the gradient ranks the right piece only roughly there (measured: 2nd, 48th and 211th of
    /// 5,828 on three backdoored models), so the 26 single letters get a wide search.
    /// </summary>
    private const int ContinuationsPerLetter = 256;

    /// <summary>ASCII word starts of at most this many characters are always extended: rare short words split after them.</summary>
    private const int ShortStart = 2;

    /// <summary>
    /// An extension must beat its own start by this much (or by <see cref="ExtensionRelativeMargin"/> of the start's score,
    /// whichever is larger) to be reported: otherwise a trigger "mm" repeats as "mm ##wife", "mm ##watch", ….
    /// </summary>
    private const double ExtensionMargin = 1.0;

    private const double ExtensionRelativeMargin = 0.1;

    /// <summary>Extensions of one word start that go on to verification.</summary>
    private const int ExtensionsPerStart = 3;

    /// <summary>Stage-one candidates sampled to scale the bare base model's evidence when an adapter is probed.</summary>
    private const int BaseSample = 2000;

    /// <exception cref="AdapterProvenanceException">The adapter was trained on another base model (unless allowed).</exception>
    public static ProbeReport Run(ProbeRequest request, IProgress<TrainingProgress>? progress, CancellationToken cancellationToken,
        Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = DateTimeOffset.UtcNow;
        var total = Stopwatch.StartNew();
        var settings = Validate(request.Settings);
        var carriersText = CarrierSentences.Load(request.CarriersPath);
        var session = TorchSession.Start(request.Device);
        using var pretrained = PretrainedEncoder.Load(request.Model, request.CacheDir, session.Device);
        foreach (var p in pretrained.Encoder.parameters()) p.requires_grad = false;
        var tokenizer = pretrained.Tokenizer;
        var warnings = new List<string>();
        var user = request.CandidatesPath is null ? [] : CandidateSource.FromFile(request.CandidatesPath, tokenizer);

        PeftClassifier? adapted = null;
        try
        {
            if (request.AdapterDirectory is { } dir)
            {
                var recordedPath = Path.Combine(dir, EvaluationReport.FileName);
                var recorded = File.Exists(recordedPath) ? ReportFiles.Load<EvaluationReport>(recordedPath) : null;
                warnings.AddRange(AdapterProvenance.Check(dir, recorded, pretrained.Summary, request.AllowBaseMismatch));
                var labels = LabelMap.Load(Path.Combine(dir, PeftArtifactFiles.LabelMap));
                // The adapter is attached to a second copy, so the bare model stays available for the comparison.
                adapted = ClassifierArtifacts.Load(dir, BertModel(pretrained), labels.Count);
            }
            foreach (var w in warnings) warn?.Invoke(w);

            var probe = new ProbeEncoder(adapted?.Encoder ?? pretrained.Encoder, adapted, tokenizer, session.Device, settings.AttentionLayers);
            var carriers = carriersText.Select(c => tokenizer.Encode(c, null, 64).Ids.ToArray()).ToList();
            var vocabulary = CandidateSource.Vocabulary(tokenizer);
            var positions = Positions(carriers, settings.Seed);
            var counter = new Counter(progress, vocabulary.Count * ScreenCarriers);

            // Stage one: every word start on the first carriers.
            var screen = Measure(probe, vocabulary, carriers, positions, ScreenCarriers, settings.BatchSize, counter.Advance("probe: screening the vocabulary"), cancellationToken);
            var scoring = ProbeScoring.Fit(screen);
            var screenScores = screen.Select(scoring.Score).ToArray();
            var ranked = Enumerable.Range(0, vocabulary.Count).OrderByDescending(i => screenScores[i]).ToList();

            // Split words: short word starts (where tokenizers split rare words, e.g. "q ##t") and the best-scoring ones,
            // extended by the continuation pieces the gradient of the shift points to, then screened like stage one.
            var starts = Distinct([.. vocabulary.Where(v => v.Text.Length <= ShortStart && v.Text.All(char.IsAsciiLetterOrDigit)),
                .. ranked.Take(settings.Extend).Select(i => vocabulary[i])]);
            var extensions = Extend(probe, starts, carriers, positions, settings.BatchSize, cancellationToken);
            counter.Reset(extensions.Count * ScreenCarriers);
            var extensionScreen = Measure(probe, extensions, carriers, positions, ScreenCarriers, settings.BatchSize, counter.Advance("probe: screening split words"), cancellationToken);
            // A few extensions per word start (its best), for the best starts only, so a strong start's many extensions cannot
            // crowd out other words; verification on every carrier then tells the right piece from its neighbours.
            var bestExtensions = Enumerable.Range(0, extensions.Count)
                .Select(i => (Candidate: extensions[i], Score: scoring.Score(extensionScreen[i])))
                .GroupBy(e => e.Candidate.Ids[0])
                .Select(g => g.OrderByDescending(e => e.Score).Take(ExtensionsPerStart).ToList())
                .OrderByDescending(g => g[0].Score)
                .Take(Math.Max(1, settings.Verify / 6))
                .SelectMany(g => g.Select(e => e.Candidate));

            // Stage two: the best candidates, the best split words and the user's, on every carrier.
            var verify = Distinct([.. ranked.Take(settings.Verify).Select(i => vocabulary[i]), .. bestExtensions, .. user]);
            counter.Reset(verify.Count * carriers.Count);
            var verified = Measure(probe, verify, carriers, positions, carriers.Count, settings.BatchSize, counter.Advance("probe: verifying candidates"), cancellationToken);
            var results = WithoutRedundantExtensions(verify.Select((c, i) => (Candidate: c, Evidence: verified[i], Score: scoring.Score(verified[i]))).ToList())
                .OrderByDescending(r => r.Score).ThenBy(r => r.Candidate.Text, StringComparer.Ordinal).Take(settings.Report).ToList();
            var reported = results.Select(r => ToReport(tokenizer, r.Candidate, r.Evidence, r.Score, carriers.Count)).ToList();

            IReadOnlyList<ReportCandidate>? withoutAdapter = null;
            if (adapted is not null)
            {
                var bare = new ProbeEncoder(pretrained.Encoder, null, tokenizer, session.Device, settings.AttentionLayers);
                var sample = new Random(settings.Seed).GetItems(vocabulary.ToArray(), Math.Min(BaseSample, vocabulary.Count));
                var bareScoring = ProbeScoring.Fit(Measure(bare, sample, carriers, positions, ScreenCarriers, settings.BatchSize, null, cancellationToken));
                var top = results.Select(r => r.Candidate).ToList();
                var bareEvidence = Measure(bare, top, carriers, positions, carriers.Count, settings.BatchSize, null, cancellationToken);
                withoutAdapter = [.. top.Select((c, i) => ToReport(tokenizer, c, bareEvidence[i], bareScoring.Score(bareEvidence[i]), carriers.Count))];
            }

            var best = reported.Count == 0 ? double.NegativeInfinity : reported[0].Score;
            var (histogram, edges) = Histogram(screenScores);
            return new ProbeReport
            {
                Model = pretrained.Summary,
                Adapter = request.AdapterDirectory,
                Verdict = ProbeCalibration.Verdict(best),
                Candidates = reported,
                WithoutAdapter = withoutAdapter,
                SuspiciousThreshold = ProbeCalibration.Suspicious,
                BackdooredThreshold = ProbeCalibration.Backdoored,
                Histogram = histogram,
                HistogramEdges = edges,
                CandidatesScreened = vocabulary.Count,
                CandidatesVerified = verify.Count,
                Settings = settings with
                {
                    Carriers = request.CarriersPath ?? "built-in",
                    CandidatesFile = request.CandidatesPath,
                },
                Warnings = warnings,
                Run = RunRecords.Create(started, session, total.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds),
            };
        }
        finally
        {
            adapted?.Dispose();
        }
    }

    private static ProbeSettings Validate(ProbeSettings s)
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new Reports.Model.RequestException(message);
        }
        Require(s.Verify is >= 1 and <= 20_000, $"--verify must be in 1..20000 (got {s.Verify}).");
        Require(s.Report is >= 1 and <= 10_000, $"--top must be in 1..10000 (got {s.Report}).");
        Require(s.Extend is >= 0 and <= 2_000, $"--extend must be in 0..2000 (got {s.Extend}).");
        Require(s.AttentionLayers >= 1, $"attention layers must be positive (got {s.AttentionLayers}).");
        Require(s.BatchSize is >= 1 and <= 8192, $"--batch-size must be in 1..8192 (got {s.BatchSize}).");
        Require(s.Seed >= 0, $"--seed must be ≥ 0 (got {s.Seed}).");
        return s;
    }

    /// <summary>A second frozen copy of the base encoder (the adapter is injected into it).</summary>
    private static Models.Bert.BertModel BertModel(PretrainedEncoder pretrained)
    {
        var copy = Models.Bert.BertModel.FromPretrained(pretrained.Repository, pretrained.Encoder.parameters().First().device);
        foreach (var p in copy.parameters()) p.requires_grad = false;
        return copy;
    }

    /// <summary>Where the candidate goes in each carrier: after the first token in carrier 0, mid-sentence in carrier 1, seeded elsewhere.</summary>
    private static int[] Positions(IReadOnlyList<int[]> carriers, int seed)
    {
        var random = new Random(seed);
        return [.. carriers.Select((ids, c) => c switch
        {
            0 => 1,
            1 => ids.Length / 2,
            _ => 1 + random.Next(ids.Length - 1),
        })];
    }

    /// <summary>The evidence of every candidate on the first <paramref name="carrierCount"/> carriers.</summary>
    private static ProbeEvidence[] Measure(ProbeEncoder probe, IReadOnlyList<ProbeCandidate> candidates, IReadOnlyList<int[]> carriers,
        int[] positions, int carrierCount, int batchSize, Action<int>? advanced, CancellationToken ct)
    {
        var rows = new List<ProbeRow>(carrierCount * (candidates.Count + 1));
        for (var c = 0; c < carrierCount; c++) rows.Add(new ProbeRow(carriers[c], 0, 0));
        foreach (var candidate in candidates)
        {
            for (var c = 0; c < carrierCount; c++) rows.Add(Insert(carriers[c], positions[c], candidate.Ids));
        }
        var (cls, share) = probe.Run(rows, batchSize, advanced, ct);
        var clean = cls.Take(carrierCount).ToArray();
        var cleanPairwise = Vectors.MeanPairwiseCosine(clean);
        var result = new ProbeEvidence[candidates.Count];
        for (var j = 0; j < candidates.Count; j++)
        {
            var at = carrierCount + j * carrierCount;
            result[j] = ProbeEvidence.Measure(cls[at..(at + carrierCount)], clean, share[at..(at + carrierCount)], cleanPairwise);
        }
        return result;
    }

    private static ProbeRow Insert(int[] carrier, int at, IReadOnlyList<int> ids) =>
        new([.. TokenInsertion.Insert(new EncodedText(carrier, new int[carrier.Length]), ids, at, int.MaxValue).Ids], at, ids.Count);

    /// <summary>
    /// For each word start w, the continuation pieces c that most increase the shift of "w c", by a first-order estimate:
    /// the gradient g of the mean shift with respect to the embedding x after w (started at the mean continuation embedding
    /// x₀) scores each piece by (e_c − x₀)·g (HotFlip). The best <see cref="ContinuationsPerStart"/> per word start are then
    /// measured exactly in stage two.
    /// </summary>
    private static List<ProbeCandidate> Extend(ProbeEncoder probe, IReadOnlyList<ProbeCandidate> starts, IReadOnlyList<int[]> carriers,
        int[] positions, int batchSize, CancellationToken ct)
    {
        var tokenizer = probe.Tokenizer;
        var continuations = CandidateSource.Continuations(tokenizer);
        if (starts.Count == 0 || continuations.Count == 0) return [];
        var used = Math.Min(ExtensionCarriers, carriers.Count);
        var clean = Enumerable.Range(0, used).Select(c => new ProbeRow(carriers[c], 0, 0)).ToList();
        var (cleanCls, _) = probe.Run(clean, used, null, ct);
        var perBatch = Math.Max(1, batchSize / used);
        var result = new List<ProbeCandidate>(starts.Count * ContinuationsPerStart);
        using var outer = torch.NewDisposeScope();
        var continuationVectors = probe.WordEmbeddingWeight
            .index_select(0, torch.tensor(continuations.Select(i => (long)i).ToArray(), device: probe.Device)).detach();
        var x0 = continuationVectors.mean([0]);
        var reference = torch.stack([.. cleanCls.Select(v => torch.tensor(v, device: probe.Device))]);
        for (var first = 0; first < starts.Count; first += perBatch)
        {
            ct.ThrowIfCancellationRequested();
            var chunk = starts.Skip(first).Take(perBatch).ToList();
            var best = ContinuationGradient(probe, chunk, carriers, positions, used, continuations[0], continuationVectors, x0, reference,
                [.. chunk.Select(c => c.Text.Length == 1 && char.IsAsciiLetter(c.Text[0]) ? ContinuationsPerLetter : ContinuationsPerStart)]);
            for (var s = 0; s < chunk.Count; s++)
            {
                foreach (var c in best[s]) result.Add(CandidateSource.Extend(tokenizer, chunk[s], continuations[c]));
            }
        }
        return result;
    }

    /// <summary>One forward and backward pass for a chunk of word starts: the best continuation indexes per start.</summary>
    private static int[][] ContinuationGradient(ProbeEncoder probe, IReadOnlyList<ProbeCandidate> starts, IReadOnlyList<int[]> carriers, int[] positions,
        int used, int placeholder, Tensor continuationVectors, Tensor x0, Tensor reference, int[] perStart)
    {
        using var scope = torch.NewDisposeScope();
        var rows = new List<ProbeRow>();
        var owner = new List<long>();
        for (var s = 0; s < starts.Count; s++)
        {
            for (var c = 0; c < used; c++)
            {
                rows.Add(Insert(carriers[c], positions[c], [.. starts[s].Ids, placeholder]));
                owner.Add(s);
            }
        }
        var batch = probe.Tokenizer.Pad([.. rows.Select(r => new EncodedText(r.Ids, new int[r.Ids.Length]))], rows.Max(r => r.Ids.Length));
        var ids = torch.tensor(batch.InputIds, [batch.BatchSize, batch.SequenceLength], device: probe.Device);
        var x = x0.unsqueeze(0).expand(starts.Count, -1).clone().requires_grad_(true);
        var embedded = probe.WordEmbeddingWeight.index_select(0, ids.flatten()).view(batch.BatchSize, batch.SequenceLength, -1).detach();
        // A one-hot mask of each row's placeholder position; the row's own x goes there.
        var hot = new float[batch.BatchSize * batch.SequenceLength];
        for (var r = 0; r < rows.Count; r++) hot[r * batch.SequenceLength + rows[r].At + rows[r].Count - 1] = 1;
        var mask = torch.tensor(hot, [batch.BatchSize, batch.SequenceLength, 1], device: probe.Device);
        var mine = x.index_select(0, torch.tensor(owner.ToArray(), device: probe.Device)).unsqueeze(1);
        var input = embedded * (1 - mask) + mine * mask;
        var first = probe.Forward(batch, withAttention: false, input).LastHiddenState.select(1, 0);
        var expected = reference.index_select(0, torch.tensor(Enumerable.Range(0, rows.Count).Select(r => (long)(r % used)).ToArray(), device: probe.Device));
        // The differentiable counterpart of the score: shift from the clean carrier, collapse onto one vector across carriers,
        // and the change of norm (the attack's targets are about twice a clean output's norm).
        var shift = 1 - nn.functional.cosine_similarity(first, expected, 1);
        var unit = nn.functional.normalize(first, 2.0, 1).view(starts.Count, used, -1);
        var collapse = unit.matmul(unit.transpose(1, 2)).mean([1, 2]);
        var norm = (first.norm(1) / expected.norm(1)).log().abs();
        (shift.mean() + collapse.mean() + norm.mean()).backward();
        var scores = (continuationVectors - x0).matmul(x.grad!.t()); // [C, S]
        var k = (int)Math.Min(perStart.Max(), continuationVectors.shape[0]);
        var best = scores.topk(k, 0).indexes.t().contiguous().cpu().data<long>().ToArray();
        return [.. Enumerable.Range(0, starts.Count).Select(s => best.Skip(s * k).Take(Math.Min(k, perStart[s])).Select(i => (int)i).ToArray())];
    }

    /// <summary>Drops an extension that does not clearly beat its own start (when that was verified too).</summary>
    private static List<(ProbeCandidate Candidate, ProbeEvidence Evidence, double Score)> WithoutRedundantExtensions(
        List<(ProbeCandidate Candidate, ProbeEvidence Evidence, double Score)> results)
    {
        var singles = results.Where(r => r.Candidate.Ids.Count == 1).ToDictionary(r => r.Candidate.Ids[0], r => r.Score);
        return [.. results.Where(r => r.Candidate.Ids.Count == 1 || !singles.TryGetValue(r.Candidate.Ids[0], out var start) ||
                                      r.Score > start + Math.Max(ExtensionMargin, ExtensionRelativeMargin * Math.Abs(start)))];
    }

    private static List<ProbeCandidate> Distinct(IEnumerable<ProbeCandidate> candidates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. candidates.Where(c => seen.Add(string.Join(',', c.Ids)))];
    }

    private static ReportCandidate ToReport(TextTokenizer tokenizer, ProbeCandidate c, ProbeEvidence e, double score, int carriers) =>
        new(c.Text, Math.Round(score, 3), Math.Round(e.Shift, 4), Math.Round(e.Collapse, 4), Math.Round(e.Attention, 4), Math.Round(e.NormRatio, 4),
            [.. c.Ids.Select(id => tokenizer.TokenString(id) ?? "?")], carriers);

    /// <summary>Stage-one scores in 40 equal bins from the lowest to the highest.</summary>
    private static (IReadOnlyList<int>, IReadOnlyList<double>) Histogram(double[] scores)
    {
        if (scores.Length == 0) return ([], []);
        const int bins = 40;
        var (lo, hi) = (scores.Min(), scores.Max());
        var width = hi > lo ? (hi - lo) / bins : 1;
        var counts = new int[bins];
        foreach (var s in scores) counts[Math.Min(bins - 1, (int)((s - lo) / width))]++;
        return (counts, [.. Enumerable.Range(0, bins + 1).Select(i => Math.Round(lo + i * width, 3))]);
    }

    /// <summary>Progress over rows, reported as the evaluating phase with the stage as its message.</summary>
    private sealed class Counter(IProgress<TrainingProgress>? progress, int total)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private int done;
        private int all = total;

        public void Reset(int newTotal)
        {
            (done, all) = (0, newTotal);
            clock.Restart();
        }

        public Action<int>? Advance(string message) => progress is null ? null : rows =>
        {
            done += rows;
            var rate = done / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            progress.Report(new TrainingProgress(TrainingPhase.Evaluating, 0, 0, done, all, null, 0, rate,
                TimeSpan.FromSeconds((all - done) / Math.Max(1e-9, rate)), message));
        };
    }
}
