using System.CommandLine;
using Obliviate.Engine.Defense;
using Obliviate.Reports.Rendering;
using Obliviate.Tool.Commands.Training;

namespace Obliviate.Tool.Commands.Evaluate;

/// <summary>
/// <c>evaluate</c>: load a saved adapter + head (from <c>defend</c>) onto the base model and measure CACC and the backdoor
/// metrics; with the folder's eval_results.json the evaluation set, seeds and columns are those <c>defend</c> used.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create(ToolConsole console)
    {
        var model = CommonOptions.Model("The base model the adapter was trained on: a folder, or minilm / arctic-xs.");
        var adapter = new Option<string>("--adapter") { Description = "The folder written by 'defend' (adapter_config.json, weights, head, label_map.json).", Required = true, HelpName = "adapter-dir" };
        var eval = new Option<string>("--eval") { Description = "Evaluation data (TSV, CSV or JSONL).", Required = true, HelpName = "file.tsv" };
        var triggers = CommonOptions.Triggers();
        var maxEval = new Option<int?>("--max-eval") { Description = "Evaluation rows sampled (default: as recorded by defend, else 2000).", HelpName = "rows" };
        var seed = new Option<int?>("--seed") { Description = "Seed for sampling and trigger positions (default: as recorded by defend, else 0).", HelpName = "n" };
        var text = CommonOptions.Column("--text-column", "Text column (default: as recorded by defend).");
        var pair = CommonOptions.Column("--text-pair-column", "Second text column of pair tasks.");
        var label = CommonOptions.Column("--label-column", "Label column (default: as recorded by defend).");
        var device = CommonOptions.Device();
        var allowMismatch = new Option<bool>("--allow-base-mismatch") { Description = "Evaluate even when the adapter records another base model than the one given (its metrics then describe that combination)." };
        var format = CommonOptions.Format(ReportRenderers.Evaluation.Formats);
        var output = CommonOptions.ReportFile();
        var cacheDir = CommonOptions.CacheDir();
        var command = new Command("evaluate",
            "Measure clean accuracy and task-agnostic backdoor attack success (ASR, MASR, AASR, …) of a saved adapter.\n\n" +
            "Example:\n  dotnet obliviate evaluate minilm --adapter ./adapter --eval test.tsv --format json\n\n" +
            "Exit codes: 0 success, 2 an error, an adapter trained on another base model, or no metric could be measured; 4 usage.")
        {
            model, adapter, eval, triggers, maxEval, seed, text, pair, label, device, allowMismatch, format, output, cacheDir,
        };
        command.SetAction(parse =>
        {
            var request = new EvaluateRequest
            {
                Model = parse.GetValue(model)!,
                CacheDir = parse.GetValue(cacheDir),
                AdapterDirectory = parse.GetValue(adapter)!,
                EvalPath = parse.GetValue(eval)!,
                Triggers = CommonOptions.Words(parse.GetValue(triggers)),
                MaxEval = parse.GetValue(maxEval),
                Seed = parse.GetValue(seed),
                TextColumn = TrainingArguments.Column(parse.GetValue(text), "--text-column"),
                TextPairColumn = TrainingArguments.Column(parse.GetValue(pair), "--text-pair-column"),
                LabelColumn = TrainingArguments.Column(parse.GetValue(label), "--label-column"),
                Device = parse.GetValue(device),
                AllowBaseMismatch = parse.GetValue(allowMismatch),
            };
            var (chosenFormat, path) = (parse.GetValue(format), parse.GetValue(output));
            return Interruption.Run(token =>
            {
                var report = TrainingProgressView.Run(console, (progress, warn) => EvaluateRun.Run(request, progress, token, warn));
                ReportOutput.Write(report, ReportRenderers.Evaluation, chosenFormat, path, console);
                return ExitCodes.From(report.Outcome);
            });
        });
        return command;
    }
}
