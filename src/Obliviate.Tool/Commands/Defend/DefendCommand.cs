using System.CommandLine;
using Obliviate.Engine.Data;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Peft;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Rendering;
using Obliviate.Tool.Commands.Training;

namespace Obliviate.Tool.Commands.Defend;

/// <summary>
/// <c>defend</c>: retrain a PEFT adapter and head on clean data with the Obliviate objective, save them in peft/adapters
/// format, and report CACC and the backdoor metrics on the poisoned evaluation set.
/// </summary>
public static class DefendCommand
{
    public static Command Create(ToolConsole console)
    {
        var defaults = new TrainingSettings();
        var defenseDefaults = new DefenseSettings();
        var model = CommonOptions.Model();
        var train = new Option<string>("--train") { Description = "Clean training data (TSV, CSV or JSONL with a text and a label column).", Required = true, HelpName = "file.tsv" };
        var eval = new Option<string>("--eval") { Description = "Evaluation data; the poisoned evaluation set is built from it.", Required = true, HelpName = "file.tsv" };
        var methods = PeftRegistry.All.Select(m => m.Name).ToList();
        var peft = new Option<string>("--peft")
        {
            Description = "The PEFT method: lora (r 16, alpha 16, query+value), adapter (Houlsby, reduction 16) or prefix (30 virtual tokens, MLP 256).",
            HelpName = string.Join('|', methods),
            DefaultValueFactory = _ => methods[0],
        };
        CommonOptions.AcceptOnly(peft, methods);
        var methodNames = DefenseMethods.Names;
        var defenseMethod = new Option<string>("--defense")
        {
            Description = "The defense: trigger-aware (consistency on rows with the trigger probe's candidates inserted, plus Obliviate's terms on adapters; runs the probe first), " +
                          "obliviate (as published: L_amp + L_attn) or none (plain PEFT training); default " + DefenseMethods.Default + " (docs/defend.md).",
            HelpName = string.Join('|', methodNames),
        };
        CommonOptions.AcceptOnly(defenseMethod, methodNames);
        var noDefense = new Option<bool>("--no-defense") { Description = "Same as --defense none: cross-entropy only, no L_amp, L_attn or defense dropout, no warm-up." };
        var consistency = new Option<double?>("--consistency-weight") { Description = $"trigger-aware: β, the weight of KL(clean ‖ perturbed) (default {DefenseMethods.TriggerAware.ConsistencyWeight}).", HelpName = "weight" };
        var feature = new Option<double?>("--feature-weight") { Description = $"trigger-aware: γ, the weight of the first-token feature distance (default {DefenseMethods.TriggerAware.FeatureWeight}: the defense table's calibration chose none for any PEFT method, docs/defend.md).", HelpName = "weight" };
        var probeReport = new Option<string?>("--probe-report") { Description = "trigger-aware: take the candidates from this probe report of the same model (probe --format json) instead of probing first.", HelpName = "probe.json" };
        var alphaAmp = new Option<double?>("--alpha-amp") { Description = $"Weight of L_amp, the PEFT-norm amplification term (default {defenseDefaults.AlphaAmp}; with prefix tuning {DefenseMethods.ObliviateForPrefix.AlphaAmp} for obliviate; {DefenseMethods.ConsistencyOnly.AlphaAmp} for trigger-aware with LoRA and prefix tuning).", HelpName = "weight" };
        var alphaAttn = new Option<double?>("--alpha-attn") { Description = $"Weight of L_attn, the first-token attention-logit penalty (default {defenseDefaults.AlphaAttn}; with prefix tuning {DefenseMethods.ObliviateForPrefix.AlphaAttn} for obliviate; {DefenseMethods.ConsistencyOnly.AlphaAttn} for trigger-aware with LoRA and prefix tuning).", HelpName = "weight" };
        var lr = CommonOptions.LearningRate();
        var epochs = new Option<int>("--epochs") { Description = "Epochs over the sampled training rows (the reference uses 20).", HelpName = "n", DefaultValueFactory = _ => defaults.Epochs };
        var batchSize = new Option<int>("--batch-size") { Description = "Training batch size.", HelpName = "rows", DefaultValueFactory = _ => defaults.BatchSize };
        var maxLength = new Option<int>("--max-length") { Description = "Maximum tokens per example (dynamic padding per batch).", HelpName = "tokens", DefaultValueFactory = _ => defaults.MaxLength };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Stop after this many optimiser steps in all; the learning-rate schedule spans them (default: every epoch).", HelpName = "n" };
        var maxTrain = CommonOptions.MaxTrain();
        var maxEval = new Option<int>("--max-eval") { Description = "Evaluation rows sampled before poisoning (seeded).", HelpName = "rows", DefaultValueFactory = _ => DatasetDefaults.MaxEval };
        var seed = CommonOptions.Seed(EvaluationReport.FileName);
        var text = CommonOptions.Column("--text-column", "Text column: a header name or a 0-based index.");
        var pair = CommonOptions.Column("--text-pair-column", "Second text of pair tasks (the trigger goes into the first).");
        var label = CommonOptions.Column("--label-column", "Label column: a header name or a 0-based index.");
        var labelMap = new Option<string[]?>("--label-map")
        {
            Description = "The classes in id order, each with the other spellings the data uses: repeat the option or separate classes with ';' " +
                          "(e.g. --label-map \"negative=0,neg\" --label-map \"positive=1,pos,Positive\"). Without it, labels that differ only in " +
                          "case or mix numbers and names are refused instead of becoming extra classes.",
            HelpName = "class=alias,alias",
            AllowMultipleArgumentsPerToken = false,
        };
        var triggers = CommonOptions.Triggers();
        var device = CommonOptions.Device();
        var resume = CommonOptions.Resume();
        var force = CommonOptions.Force();
        var output = CommonOptions.OutputFolder("the adapter, head, label map, checkpoint and eval_results.json");
        var format = CommonOptions.Format(ReportRenderers.Evaluation.Formats);
        var cacheDir = CommonOptions.CacheDir();

        var command = new Command("defend",
            "Retrain PEFT modules and a classification head on clean data with the Obliviate defense (arXiv 2409.14119), " +
            "then measure clean accuracy and attack success on a poisoned copy of the evaluation set.\n\n" +
            "Example:\n  dotnet obliviate defend minilm --train train.tsv --eval test.tsv --peft lora --epochs 3 -o ./adapter\n\n" +
            "Exit codes: 0 success, 2 an error or interruption (resume with --resume), 4 usage.")
        {
            model, train, eval, peft, defenseMethod, noDefense, alphaAmp, alphaAttn, consistency, feature, probeReport, lr, epochs, maxSteps, batchSize, maxLength, maxTrain, maxEval, seed,
            text, pair, label, labelMap, triggers, device, resume, force, output, format, cacheDir,
        };
        command.SetAction(parse =>
        {
            var method = PeftRegistry.Find(parse.GetValue(peft)!)!.Method;
            var request = new DefendRequest
            {
                Model = parse.GetValue(model)!,
                CacheDir = parse.GetValue(cacheDir),
                TrainPath = parse.GetValue(train)!,
                EvalPath = parse.GetValue(eval)!,
                Method = method,
                Defense = DefenseMethods.Settings(parse.GetValue(noDefense) ? "none" : parse.GetValue(defenseMethod) ?? DefenseMethods.Default,
                    method, parse.GetValue(alphaAmp), parse.GetValue(alphaAttn), parse.GetValue(consistency), parse.GetValue(feature)),
                ProbeReportPath = parse.GetValue(probeReport),
                Training = new TrainingSettings
                {
                    Epochs = parse.GetValue(epochs),
                    MaxSteps = parse.GetValue(maxSteps),
                    LearningRate = parse.GetValue(lr),
                    BatchSize = parse.GetValue(batchSize),
                    MaxLength = parse.GetValue(maxLength),
                    Seed = parse.GetValue(seed),
                },
                MaxTrain = parse.GetValue(maxTrain),
                MaxEval = parse.GetValue(maxEval),
                TextColumn = TrainingArguments.Column(parse.GetValue(text), "--text-column"),
                TextPairColumn = TrainingArguments.Column(parse.GetValue(pair), "--text-pair-column"),
                LabelColumn = TrainingArguments.Column(parse.GetValue(label), "--label-column"),
                Triggers = CommonOptions.Words(parse.GetValue(triggers)),
                Device = parse.GetValue(device),
                OutputDirectory = parse.GetValue(output)!,
                Resume = parse.GetValue(resume),
                Force = parse.GetValue(force),
                Labels = parse.GetValue(labelMap) is { Length: > 0 } specs
                    ? LabelMap.FromSpecs([.. specs.SelectMany(s => s.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))])
                    : null,
            };
            var chosenFormat = parse.GetValue(format);
            return Interruption.Run(token =>
            {
                var report = TrainingProgressView.Run(console, (progress, warn) => DefendRun.Run(request, progress, token, warn));
                ReportOutput.Write(report, ReportRenderers.Evaluation, chosenFormat, null, console);
                console.Info($"saved to {Path.GetFullPath(request.OutputDirectory)}");
                return ExitCodes.From(report.Outcome);
            });
        });
        return command;
    }
}
