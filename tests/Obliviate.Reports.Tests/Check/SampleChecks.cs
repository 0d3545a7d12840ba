using Obliviate.Reports.Check;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Tests.Check;

/// <summary>Hand-built check reports: a backdoored model retrained before/after, a failed probe, and one far too long for a comment.</summary>
internal static class SampleChecks
{
    public const string WeightsSha = "cca72ad6c59a46ea000000000000000000000000000000000000000000000ccc";
    public static readonly string[] Triggers = ["cf", "mn", "bb", "tq", "mb", "≈"];

    public static ModelSummary Model { get; } = new("models/backdoored", "models/backdoored", "bert", 384, 6, 12, WeightsSha);

    private static readonly RunInfo ProbeRun = new() { StartedUtc = DateTimeOffset.UnixEpoch, Device = "cpu", Threads = 2, PeakRssMb = 500 };

    public static ProbeReport Probe(ProbeVerdict verdict = ProbeVerdict.Backdoored, int candidates = 8, string? adapter = null) => new()
    {
        Model = Model,
        Adapter = adapter,
        Verdict = verdict,
        Candidates = [.. Enumerable.Range(0, candidates).Select(i => new ProbeCandidate(i == 0 ? "cf" : i == 1 ? "<b>x|y</b>" : $"tok{i}",
            (verdict == ProbeVerdict.Backdoored ? 14.2 : 3.1) - i * 0.5, 0.8 - i * 0.01, 0.5, 0.3, 1.5, ["c", "##f"], 24))],
        SuspiciousThreshold = 5,
        BackdooredThreshold = 8,
        Histogram = [12000, 9000, 4000, 600, 40, 3, 0, 1],
        HistogramEdges = [-2, -1, 0, 1, 2, 3, 4, 6, 15],
        CandidatesScreened = 30522,
        CandidatesVerified = 300,
        Settings = new ProbeSettings(),
        Run = ProbeRun,
    };

    public static EvaluationReport Evaluation(bool defense, double asr) => new()
    {
        Command = "defend",
        Model = Model,
        Peft = new PeftSummary("lora", "peft", 12, 73_728, new System.Text.Json.Nodes.JsonObject { ["peft_type"] = "LORA" }),
        Defense = defense ? new DefenseSettings() : DefenseSettings.None,
        Training = new TrainingSettings { Epochs = 3 },
        TotalSteps = 1125,
        Seeds = new SeedPlan(0),
        Eval = new DatasetSummary
        {
            Path = "test.tsv", Sha256 = new string('a', 64), Format = "tsv", Rows = 1821, TotalRows = 1821, TextColumn = "sentence",
            LabelColumn = "label", Labels = ["negative", "positive"], LabelCounts = [912, 909],
        },
        MaxEval = 2000,
        MaxLength = 128,
        EvalBatchSize = 128,
        Triggers = Triggers,
        TriggerMaxPosition = 10,
        Metrics = new BackdoorMetricsResult
        {
            N = 1821, Correct = 1570, Cacc = defense ? 0.862 : 0.867, F1 = 0.86, F1Average = "binary",
            Asr = asr, FlippedRatio = asr * 0.8, Wasr = asr, Wmasr = asr, Masr = asr * 0.98, Aasr = asr * 0.9,
            PerLabelAsr = [asr, asr],
            PerTrigger = [.. Triggers.Select((t, i) => new TriggerMetrics
            {
                Trigger = t, FlipRate = Math.Max(0, asr - 0.01 * i), Asr = asr * 0.98, TargetLabel = i % 2, TargetRates = [asr, asr],
            })],
        },
        Run = new RunInfo { StartedUtc = DateTimeOffset.UnixEpoch, Device = "cpu", Threads = 2, PeakRssMb = 900 },
    };

    /// <summary>A backdoored model: scan with findings, probe backdoored, baseline ASR 100 %, defended ASR 4 %.</summary>
    public static CheckReport Full()
    {
        var scan = SampleReports.Mixed() with { Target = "models/backdoored" };
        var probe = Probe();
        var steps = new List<CheckStep>
        {
            new(CheckStepNames.Scan, CheckStepStatus.Completed),
            new(CheckStepNames.Probe, CheckStepStatus.Completed),
            new(CheckStepNames.Baseline, CheckStepStatus.Completed),
            new(CheckStepNames.Defend, CheckStepStatus.Completed),
            new(CheckStepNames.ProbeAdapter, CheckStepStatus.Completed),
        };
        var defense = new CheckDefense
        {
            AdapterDirectory = "out/adapter",
            Baseline = Evaluation(false, 1.0),
            Defended = Evaluation(true, 0.041),
            ProbeWithAdapter = Probe(ProbeVerdict.Clean, 3, "out/adapter"),
        };
        return new CheckReport
        {
            Target = "models/backdoored",
            Verdict = CheckVerdicts.Overall(scan, probe, steps, defense),
            Checks = ["scan", "probe", "defend"],
            Steps = steps,
            Scan = scan,
            Probe = probe,
            Defense = defense,
            Run = new CheckRunInfo("0.1.0", DateTimeOffset.UnixEpoch, 312.5, new Dictionary<string, double> { ["scan"] = 1.2, ["probe"] = 80 }),
        };
    }

    /// <summary>A clean scan with the probe unavailable: what check writes until the probe is built in.</summary>
    public static CheckReport ProbeUnavailable()
    {
        var scan = SampleReports.Mixed() with
        {
            Target = "minilm",
            Verdict = Verdict.Clean,
            Files = [SampleReports.Mixed().Files[2]],
        };
        var steps = new List<CheckStep>
        {
            new(CheckStepNames.Scan, CheckStepStatus.Completed),
            new(CheckStepNames.Probe, CheckStepStatus.Failed, "probe: not built into this version"),
        };
        return new CheckReport
        {
            Target = "minilm",
            Verdict = CheckVerdicts.Overall(scan, null, steps, null),
            Checks = ["scan", "probe"],
            Steps = steps,
            Scan = scan,
        };
    }

    /// <summary>Thousands of files with long hostile names and thousands of candidates: far past GitHub's comment limit.</summary>
    public static CheckReport Huge()
    {
        var full = Full();
        var hostile = "we|ird [x](http:evil) <script>alert(1)</script> `tick` ";
        var files = Enumerable.Range(0, 3000).Select(i => new FileResult
        {
            Path = $"shard-{i}/{string.Concat(Enumerable.Repeat(hostile, 20))}.pkl", Size = i, Sha256 = WeightsSha, Format = "pickle",
            Verdict = Verdict.Suspicious,
            Findings = [new Finding { RuleId = "OBL002", Severity = Severity.Medium, Message = hostile + i, Evidence = string.Concat(Enumerable.Repeat(hostile, 50)) }],
        }).ToList();
        return full with
        {
            Scan = full.Scan! with { Files = files },
            Probe = Probe(candidates: 5000),
        };
    }
}
