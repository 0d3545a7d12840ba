using Obliviate.Reports.Html;
using System.CommandLine;
using Obliviate.Engine.Data;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Files;
using Obliviate.Engine.Peft;
using Obliviate.Reports.Check;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Model;
using Obliviate.Reports.Rendering;
using Obliviate.Scanner;
using Obliviate.Tool.Commands.Scan;
using Obliviate.Tool.Commands.Training;
using Obliviate.Tool.Pipeline;

namespace Obliviate.Tool.Commands.Check;

/// <summary>
/// <c>check [model] -o dir</c>: the all-in-one pipeline (scan → probe → with training data, retraining before/after) that
/// writes report.md, report.html, report.json and report.sarif, and the Markdown to the GitHub job summary when there is one.
/// </summary>
public static class CheckCommand
{
    private static readonly string[] FailOnWords = [.. CheckVerdicts.FailOnChoices.Select(v => v.Word())];

    public static Command Create(ToolConsole console) => Create(console, Environment.GetEnvironmentVariable);

    /// <param name="environment">GITHUB_STEP_SUMMARY and the run's address (tests pass their own).</param>
    public static Command Create(ToolConsole console, Func<string, string?> environment)
    {
        var model = new Argument<string>("model")
        {
            Description = "The model: a Hugging Face-style folder or an embedded name (default: minilm, the embedded all-MiniLM-L6-v2).",
            HelpName = "model-dir|minilm|arctic-xs",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "minilm",
        };
        var checks = new Option<string[]?>("--checks")
        {
            Description = $"The checks to run, {CommonOptions.ListConvention}: scan, probe, defend (default: scan,probe, plus defend with --train).",
            HelpName = "scan,probe,defend",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = CommonOptions.OutputFolder("report.md, report.html, report.json, report.sarif and the trained adapters");
        var force = CommonOptions.Force();
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue an interrupted check in the same output folder: each training continues from its checkpoint " +
                          "(a finished one is only evaluated again); the scan and the probe run again.",
        };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when the overall verdict is at least this (inconclusive always exits 2).",
            HelpName = string.Join('|', FailOnWords),
            DefaultValueFactory = _ => Verdict.Dangerous.Word(),
        };
        CommonOptions.AcceptOnly(failOn, FailOnWords);
        var strict = new Option<bool>("--strict") { Description = "Scan: treat pickle globals outside the allowlist as dangerous, not suspicious." };
        var suppressions = new Option<string?>("--suppressions") { Description = "Scan: a suppression file (see 'scan --help').", HelpName = "file.json" };
        var train = new Option<string?>("--train") { Description = "Clean training data for the defend check (TSV, CSV or JSONL).", HelpName = "file.tsv" };
        var eval = new Option<string?>("--eval") { Description = "Evaluation data for the defend check; the poisoned set is built from it.", HelpName = "file.tsv" };
        var methods = PeftRegistry.All.Select(m => m.Name).ToList();
        var peft = new Option<string>("--peft") { Description = "The PEFT method retrained.", HelpName = string.Join('|', methods), DefaultValueFactory = _ => methods[0] };
        CommonOptions.AcceptOnly(peft, methods);
        var defaults = new TrainingSettings();
        var lr = CommonOptions.LearningRate();
        var epochs = new Option<int>("--epochs") { Description = "Epochs of each training (baseline and defense).", HelpName = "n", DefaultValueFactory = _ => defaults.Epochs };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Stop each training after this many optimiser steps.", HelpName = "n" };
        var maxTrain = CommonOptions.MaxTrain();
        var maxEval = new Option<int>("--max-eval") { Description = "Evaluation rows sampled before poisoning (seeded).", HelpName = "rows", DefaultValueFactory = _ => DatasetDefaults.MaxEval };
        var seed = CommonOptions.Seed("report.json");
        var text = CommonOptions.Column("--text-column", "Text column: a header name or a 0-based index.");
        var label = CommonOptions.Column("--label-column", "Label column: a header name or a 0-based index.");
        var triggers = CommonOptions.Triggers();
        var defenseNames = DefenseMethods.Names.Where(n => n != "none").ToList();
        var defenseMethod = new Option<string>("--defense")
        {
            Description = "The defense of the retrained adapter: trigger-aware (uses this check's probe) or obliviate (as published); default " + DefenseMethods.Default + " (docs/defend.md).",
            HelpName = string.Join('|', defenseNames),
        };
        CommonOptions.AcceptOnly(defenseMethod, defenseNames);
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Train only the defended adapter (no plain-PEFT 'before' column; half the time)." };
        var device = CommonOptions.Device();
        var cacheDir = CommonOptions.CacheDir();
        var command = new Command("check",
            "Check a model before trusting it: scan the files, probe the encoder for backdoor triggers and, with training data, " +
            "retrain a PEFT adapter with and without the defense. Writes report.md, report.html, report.json and " +
            "report.sarif into the output folder (and the Markdown to $GITHUB_STEP_SUMMARY in GitHub Actions). A failed step is " +
            "reported, not fatal; a dangerous scan stops before the weights are loaded.\n\n" +
            "Examples:\n  dotnet obliviate check -o ./report\n  dotnet obliviate check ./my-model --checks scan -o ./report\n" +
            "  dotnet obliviate check ./my-model --train train.tsv --eval test.tsv --peft lora --epochs 3 -o ./report\n\n" +
            "Exit codes: 0 clean, 1 verdict at or above --fail-on, 2 inconclusive (a step failed), an error or an interruption " +
            "(continue with --resume), 3 nothing checked, 4 usage.")
        {
            model, checks, output, force, resume, failOn, strict, suppressions, train, eval, peft, defenseMethod, lr, epochs, maxSteps, maxTrain,
            maxEval, seed, text, label, triggers, noBaseline, device, cacheDir,
        };
        command.SetAction(parse =>
        {
            var target = parse.GetValue(model)!;
            var (trainPath, evalPath) = (parse.GetValue(train), parse.GetValue(eval));
            var selected = Checks(CommonOptions.Words(parse.GetValue(checks)), trainPath, evalPath);
            var plan = new CheckPlan
            {
                Target = target,
                Checks = selected,
                OutputDirectory = parse.GetValue(output)!,
                Baseline = !parse.GetValue(noBaseline),
                FailOn = CheckVerdicts.FailOnChoices.First(v => v.Word() == parse.GetValue(failOn)),
                ToolVersion = Doctor.DoctorCommand.ToolVersion(),
            };
            var cache = parse.GetValue(cacheDir);
            var scan = new ScanRequest
            {
                Target = target,
                Strict = parse.GetValue(strict),
                SuppressionsPath = parse.GetValue(suppressions),
                ToolVersion = plan.ToolVersion,
                ResolveName = ScanCommand.EmbeddedFolder,
            };
            var peftMethod = PeftRegistry.Find(parse.GetValue(peft)!)!.Method;
            var training = !selected.Contains(CheckStepNames.Defend) ? null : new DefendRequest
            {
                Model = target,
                CacheDir = cache,
                TrainPath = trainPath!,
                EvalPath = evalPath!,
                Method = peftMethod,
                Defense = DefenseMethods.Settings(parse.GetValue(defenseMethod) ?? DefenseMethods.Default, peftMethod),
                Training = new TrainingSettings { LearningRate = parse.GetValue(lr), Epochs = parse.GetValue(epochs), MaxSteps = parse.GetValue(maxSteps), Seed = parse.GetValue(seed) },
                MaxTrain = parse.GetValue(maxTrain),
                MaxEval = parse.GetValue(maxEval),
                TextColumn = TrainingArguments.Column(parse.GetValue(text), "--text-column"),
                LabelColumn = TrainingArguments.Column(parse.GetValue(label), "--label-column"),
                Triggers = CommonOptions.Words(parse.GetValue(triggers)),
                Device = parse.GetValue(device),
                OutputDirectory = plan.AdapterDirectory,
                Force = parse.GetValue(force) || parse.GetValue(resume),
                Resume = parse.GetValue(resume),
            };
            if (parse.GetValue(resume) && parse.GetValue(force))
                throw new RequestException("--resume and --force contradict each other: continue the check in its folder, or start it over.");
            // A check is resumable when one of its trainings left a checkpoint.
            var checkpoint = new[] { plan.AdapterDirectory, plan.BaselineDirectory }.Select(DefendRun.CheckpointPath).FirstOrDefault(File.Exists);
            OutputFolder.Prepare(plan.OutputDirectory, parse.GetValue(resume), parse.GetValue(force), checkpoint,
                inputFolder: Directory.Exists(target) ? target : null);
            var steps = CheckSteps.Create(scan, training, cache, console);
            return Interruption.Run(ct => Execute(plan, steps, console, environment, ct));
        });
        return command;
    }

    /// <summary>Runs the pipeline, writes every report file, prints the summary; the exit code follows the verdict.</summary>
    public static int Execute(CheckPlan plan, CheckStepSet steps, ToolConsole console, Func<string, string?> environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(console);
        var report = CheckPipeline.Run(plan, steps, new ConsoleLines(console), ct);
        CheckOutput.Write(report, plan.OutputDirectory, environment);
        HtmlRenderers.Check.Write(report, "table", console.Out);
        console.Info($"reports written to {Path.GetFullPath(plan.OutputDirectory)} ({string.Join(", ", CheckOutput.FileNames.Values)})");
        return ExitCodes.From(report.OutcomeFor(plan.FailOn));
    }

    /// <summary>The checks asked for, in run order; defend needs both data files, and the data files need defend.</summary>
    internal static IReadOnlyList<string> Checks(IReadOnlyList<string>? given, string? train, string? eval)
    {
        var hasData = train is not null || eval is not null;
        var wanted = given ?? [CheckStepNames.Scan, CheckStepNames.Probe, .. hasData ? [CheckStepNames.Defend] : Array.Empty<string>()];
        foreach (var w in wanted.Where(w => !CheckStepNames.Selectable.Contains(w)))
            throw new RequestException($"--checks: unknown check '{w}'; choose from {string.Join(", ", CheckStepNames.Selectable)}.{Suggest.DidYouMean(w, CheckStepNames.Selectable)}");
        if (wanted.Contains(CheckStepNames.Defend) && (train is null || eval is null))
            throw new RequestException("the defend check needs --train and --eval (clean training and evaluation data).");
        if (!wanted.Contains(CheckStepNames.Defend) && hasData)
            throw new RequestException("--train and --eval are only used by the defend check; add defend to --checks.");
        foreach (var path in new[] { train, eval }.OfType<string>().Where(p => !File.Exists(p)))
            throw new RequestException($"{path}: no such file (--train/--eval).");
        return [.. CheckStepNames.Selectable.Where(wanted.Contains)];
    }
}
