using System.CommandLine;
using System.Text.Json;
using Obliviate.Engine.Defense;
using Obliviate.Tool.Commands.Defend;
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
        var model = new Argument<string>("model") { Description = "The base model the adapter was trained on: a folder, or minilm / arctic-xs." };
        var adapter = new Option<string>("--adapter") { Description = "The folder written by 'defend' (adapter_config.json, weights, head, label_map.json).", Required = true };
        var eval = new Option<string>("--eval") { Description = "Evaluation data (TSV, CSV or JSONL).", Required = true };
        var triggers = TrainingOptions.Triggers();
        var maxEval = new Option<int?>("--max-eval") { Description = "Evaluation rows sampled (default: as recorded by defend, else 2000)." };
        var seed = new Option<int?>("--seed") { Description = "Seed for sampling and trigger positions (default: as recorded by defend, else 0)." };
        var text = new Option<string?>("--text-column") { Description = "Text column (default: as recorded by defend)." };
        var pair = new Option<string?>("--text-pair-column") { Description = "Second text column of pair tasks." };
        var label = new Option<string?>("--label-column") { Description = "Label column (default: as recorded by defend)." };
        var device = CommonOptions.Device();
        var json = new Option<bool>("--json") { Description = "Write the full results as JSON to standard output." };
        var command = new Command("evaluate",
            "Measure clean accuracy and task-agnostic backdoor attack success (ASR, MASR, AASR, …) of a saved adapter. " +
            "Exit 0 on success, 2 on an error or when no metric could be measured, 4 on bad usage.")
        {
            model, adapter, eval, triggers, maxEval, seed, text, pair, label, device, json,
        };
        command.SetAction(parse =>
        {
            var request = new EvaluateRequest
            {
                Model = parse.GetValue(model)!,
                AdapterDirectory = parse.GetValue(adapter)!,
                EvalPath = parse.GetValue(eval)!,
                Triggers = parse.GetValue(triggers) is { Length: > 0 } chosen ? chosen : null,
                MaxEval = parse.GetValue(maxEval),
                Seed = parse.GetValue(seed),
                TextColumn = TrainingOptions.Column(parse.GetValue(text), "--text-column"),
                TextPairColumn = TrainingOptions.Column(parse.GetValue(pair), "--text-pair-column"),
                LabelColumn = TrainingOptions.Column(parse.GetValue(label), "--label-column"),
                Device = parse.GetValue(device),
            };
            var asJson = parse.GetValue(json);
            return TrainingOptions.WithCtrlC(token => Execute(request, asJson, console, token));
        });
        return command;
    }

    public static int Execute(EvaluateRequest request, bool json, ToolConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        if (request.MaxEval is < 1) throw new UserError($"--max-eval must be positive (got {request.MaxEval}).", ExitCodes.Usage);
        var results = TrainingOptions.Guard(() => TrainingProgressView.Run(console,
            progress => EvaluateRun.Run(request, progress, cancellationToken)));
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(results, EvalResults.JsonOptions));
        }
        else
        {
            console.Out.WriteLine($"evaluate: {results.Peft.Method} adapter on {results.Model.Name}, {results.Triggers.Count} triggers");
            MetricsTable.Write(console.Out, results.Metrics, results.Eval.Labels);
        }
        return results.Metrics.Conclusive ? ExitCodes.Ok : ExitCodes.Error;
    }
}
