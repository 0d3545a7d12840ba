using Obliviate.Reports.Check;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;
using Obliviate.Tool.Pipeline;

namespace Obliviate.Tool.Tests.Check;

/// <summary>The pipeline's order, gates and failure handling, with every step a fake that records its calls.</summary>
public sealed class CheckPipelineTests
{
    private readonly List<string> calls = [];

    private static ScanReport Scan(Verdict verdict) => new() { Target = "m", Verdict = verdict, Files = [], Rules = [] };

    private static ProbeReport Probe(ProbeVerdict verdict, string? adapter) => new()
    {
        Model = new ModelSummary("m", "m", "bert", 16, 1, 2), Adapter = adapter, Verdict = verdict, Candidates = [],
        SuspiciousThreshold = 5, BackdooredThreshold = 8, CandidatesScreened = 10, CandidatesVerified = 2, Settings = new ProbeSettings(),
        Run = new RunInfo { StartedUtc = DateTimeOffset.UnixEpoch, Device = "cpu", Threads = 1, PeakRssMb = 1 },
    };

    private CheckStepSet Steps(Verdict scan = Verdict.Clean, Exception? scanFails = null, Exception? probeFails = null, bool train = true) => new()
    {
        Scan = _ =>
        {
            calls.Add("scan");
            return scanFails is null ? Scan(scan) : throw scanFails;
        },
        ModelDirectory = () =>
        {
            calls.Add("resolve");
            return "/models/m";
        },
        Probe = (dir, adapter, _) =>
        {
            calls.Add(adapter is null ? $"probe {dir}" : $"probe {dir} + {Path.GetFileName(adapter)}");
            return probeFails is null ? Probe(adapter is null ? ProbeVerdict.Backdoored : ProbeVerdict.Clean, adapter) : throw probeFails;
        },
        Train = !train ? null : (defense, dir, _, _) =>
        {
            calls.Add($"train defense={defense} {Path.GetFileName(dir)}");
            return null!;
        },
    };

    private static CheckPlan Plan(params string[] checks) => new() { Target = "m", Checks = checks, OutputDirectory = "out" };

    [Fact]
    public void Runs_scan_probe_baseline_defense_then_probes_the_defended_adapter()
    {
        var steps = Steps() with
        {
            Train = (defense, dir, probe, _) => { calls.Add($"train defense={defense} {Path.GetFileName(dir)} probe={probe?.Verdict}"); return Defended(); },
        };
        var report = CheckPipeline.Run(Plan("scan", "probe", "defend"), steps, null, default);
        // Both trainings get the base model's probe (the trigger-aware defense takes its candidates from it).
        Assert.Equal(["scan", "resolve", "probe /models/m", "train defense=False baseline probe=Backdoored", "train defense=True adapter probe=Backdoored",
            "probe /models/m + adapter"], calls);
        Assert.Equal(["scan", "probe", "baseline", "defend", "probe-adapter"], report.Steps.Select(s => s.Name));
        Assert.All(report.Steps, s => Assert.Equal(CheckStepStatus.Completed, s.Status));
        Assert.Equal(Verdict.Dangerous, report.Verdict);
        Assert.NotNull(report.Defense!.ProbeWithAdapter);
        Assert.Equal(["scan", "probe", "baseline", "defend", "probe-adapter"], report.Run!.StepSeconds.Keys);
    }

    [Fact]
    public void A_dangerous_scan_stops_before_anything_resolves_or_loads_the_model()
    {
        var report = CheckPipeline.Run(Plan("scan", "probe", "defend"), Steps(Verdict.Dangerous), null, default);
        Assert.Equal(["scan"], calls);
        Assert.Equal(Verdict.Dangerous, report.Verdict);
        Assert.All(report.Steps.Skip(1), s =>
        {
            Assert.Equal(CheckStepStatus.Skipped, s.Status);
            Assert.Contains("weights were not loaded", s.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_scan_that_fails_is_reported_and_also_stops_the_loading_steps()
    {
        var report = CheckPipeline.Run(Plan("scan", "probe"), Steps(scanFails: new FileNotFoundException("m: no such file or folder")), null, default);
        Assert.Equal(["scan"], calls);
        var scan = report.Steps[0];
        Assert.Equal(CheckStepStatus.Failed, scan.Status);
        Assert.Equal("m: no such file or folder", scan.Message);
        Assert.Equal(Verdict.Inconclusive, report.Verdict);
    }

    [Fact]
    public void A_failing_probe_is_a_failed_step_the_rest_still_runs_and_the_verdict_is_inconclusive()
    {
        var steps = Steps(probeFails: new NotSupportedException("probe: not built into this version")) with
        {
            Train = (defense, dir, _, _) => { calls.Add($"train defense={defense}"); return Defended(); },
        };
        var report = CheckPipeline.Run(Plan("scan", "probe", "defend"), steps, null, default);
        Assert.Contains("train defense=True", calls);
        var probe = report.Steps.Single(s => s.Name == "probe");
        Assert.Equal(CheckStepStatus.Failed, probe.Status);
        Assert.Equal("probe: not built into this version", probe.Message);
        Assert.Equal(CheckStepStatus.Skipped, report.Steps.Single(s => s.Name == "probe-adapter").Status);
        Assert.Equal(Verdict.Inconclusive, report.Verdict);
    }

    [Fact]
    public void A_bug_in_a_step_names_its_type_and_an_interruption_still_ends_the_run()
    {
        var report = CheckPipeline.Run(Plan("scan", "probe"), Steps(probeFails: new InvalidOperationException("oops")), null, default);
        Assert.Equal("internal error: InvalidOperationException: oops", report.Steps[1].Message);
        Assert.Throws<OperationCanceledException>(() =>
            CheckPipeline.Run(Plan("scan", "probe"), Steps(probeFails: new OperationCanceledException()), null, default));
    }

    [Fact]
    public void Checks_not_asked_for_are_listed_as_skipped()
    {
        var report = CheckPipeline.Run(Plan("scan"), Steps(train: false), null, default);
        Assert.Equal(["scan"], calls);
        Assert.Equal(["scan", "probe", "defend"], report.Steps.Select(s => s.Name));
        Assert.Equal(Verdict.Clean, report.Verdict);
        Assert.Equal(["scan"], report.Checks);
    }

    private static EvaluationReport Defended() => new()
    {
        Model = new ModelSummary("m", "m", "bert", 16, 1, 2),
        Peft = new PeftSummary("lora", "peft", 2, 10, null),
        Seeds = new SeedPlan(0),
        Eval = new DatasetSummary { Path = "e", Sha256 = "", Format = "tsv", Rows = 2, TotalRows = 2, TextColumn = "t", LabelColumn = "l", Labels = ["a", "b"], LabelCounts = [1, 1] },
        MaxEval = 2, MaxLength = 16, EvalBatchSize = 2, Triggers = ["cf"], TriggerMaxPosition = 1,
        Metrics = new BackdoorMetricsResult
        {
            N = 2, Correct = 2, Cacc = 1, F1 = 1, F1Average = "binary", Asr = 0, FlippedRatio = 0, Wasr = 0, Wmasr = 0, Masr = 0, Aasr = 0,
            PerLabelAsr = [0, 0], PerTrigger = [],
        },
        Run = new RunInfo { StartedUtc = DateTimeOffset.UnixEpoch, Device = "cpu", Threads = 1, PeakRssMb = 1 },
    };
}
