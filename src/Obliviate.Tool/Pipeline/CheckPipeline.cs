using System.Diagnostics;
using Obliviate.Reports.Check;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Tool.Pipeline;

/// <summary>
/// <c>check</c>: scan → probe → (with training data) plain-PEFT baseline and Obliviate defense → probe of the defended adapter.
/// A step's failure becomes a failed step in the report, never a crash; a dangerous or unfinished scan stops the pipeline
/// before anything loads the weights (docs/reports.md "check"). Only an interruption (Ctrl+C, SIGTERM) ends it early.
/// </summary>
public static class CheckPipeline
{
    public static CheckReport Run(CheckPlan plan, CheckStepSet steps, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(steps);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var record = new List<CheckStep>();
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);

        T? Attempt<T>(string name, Func<T> run) where T : class
        {
            progress?.Report($"check: {name} ...");
            var watch = Stopwatch.StartNew();
            try
            {
                var result = run();
                record.Add(new CheckStep(name, CheckStepStatus.Completed));
                return result;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var message = Describe(e);
                record.Add(new CheckStep(name, CheckStepStatus.Failed, message));
                progress?.Report($"check: {name} failed: {message}");
                return null;
            }
            finally
            {
                seconds[name] = Math.Round(watch.Elapsed.TotalSeconds, 2);
            }
        }
        void Skip(string name, string why) => record.Add(new CheckStep(name, CheckStepStatus.Skipped, why));

        ScanReport? scan = null;
        string? stop = null;
        if (plan.Wants(CheckStepNames.Scan))
        {
            scan = Attempt(CheckStepNames.Scan, () => steps.Scan(ct));
            if (scan is null) stop = "not run: the scan did not finish, so nothing vouches for the files, and the weights were not loaded";
            else if (scan.Verdict == Verdict.Dangerous) stop = "not run: the scan found dangerous content, so the weights were not loaded";
        }
        else
        {
            Skip(CheckStepNames.Scan, "not asked for");
        }

        var directory = new Lazy<string>(steps.ModelDirectory);
        ProbeReport? probe = null;
        if (!plan.Wants(CheckStepNames.Probe)) Skip(CheckStepNames.Probe, "not asked for");
        else if (stop is not null) Skip(CheckStepNames.Probe, stop);
        else probe = Attempt(CheckStepNames.Probe, () => steps.Probe(directory.Value, null, ct));

        CheckDefense? defense = null;
        if (!plan.Wants(CheckStepNames.Defend) || steps.Train is null)
        {
            Skip(CheckStepNames.Defend, "not asked for (give --train and --eval)");
        }
        else if (stop is not null)
        {
            Skip(CheckStepNames.Baseline, stop);
            Skip(CheckStepNames.Defend, stop);
        }
        else
        {
            EvaluationReport? before = null;
            if (plan.Baseline) before = Attempt(CheckStepNames.Baseline, () => steps.Train(false, plan.BaselineDirectory, probe, ct));
            else Skip(CheckStepNames.Baseline, "not asked for (--no-baseline)");
            var after = Attempt(CheckStepNames.Defend, () => steps.Train(true, plan.AdapterDirectory, probe, ct));
            ProbeReport? withAdapter = null;
            if (!plan.Wants(CheckStepNames.Probe)) { }
            else if (after is null) Skip(CheckStepNames.ProbeAdapter, "not run: the defense did not finish");
            else if (probe is null) Skip(CheckStepNames.ProbeAdapter, "not run: the probe of the base model did not finish");
            else withAdapter = Attempt(CheckStepNames.ProbeAdapter, () => steps.Probe(directory.Value, plan.AdapterDirectory, ct));
            defense = new CheckDefense { AdapterDirectory = plan.AdapterDirectory, Baseline = before, Defended = after, ProbeWithAdapter = withAdapter };
        }

        return new CheckReport
        {
            Target = plan.Target,
            Verdict = CheckVerdicts.Overall(scan, probe, record, defense),
            Checks = [.. CheckStepNames.Selectable.Where(plan.Wants)],
            Steps = record,
            Scan = scan,
            Probe = probe,
            Defense = defense,
            Run = new CheckRunInfo(plan.ToolVersion, started, Math.Round(clock.Elapsed.TotalSeconds, 2), seconds),
        };
    }

    /// <summary>The line a failed step shows: the library's own message for expected failures, the type for a bug.</summary>
    internal static string Describe(Exception e)
    {
        if (e is NotSupportedException) return e.Message;
        var (_, message, _) = Failures.Classify(e);
        return message.StartsWith("error: ", StringComparison.Ordinal) ? message["error: ".Length..] : message;
    }
}
