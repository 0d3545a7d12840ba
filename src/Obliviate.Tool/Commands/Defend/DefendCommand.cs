using System.CommandLine;
using System.Globalization;
using Obliviate.Engine.Data;
using Obliviate.Engine.Defense;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Training;
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
        var model = new Argument<string>("model") { Description = "The base model: a Hugging Face-style folder (config.json + model.safetensors + tokenizer files), or minilm / arctic-xs." };
        var train = new Option<string>("--train") { Description = "Clean training data (TSV, CSV or JSONL with a text and a label column).", Required = true };
        var eval = new Option<string>("--eval") { Description = "Evaluation data; the poisoned evaluation set is built from it.", Required = true };
        var peft = new Option<string>("--peft")
        {
            Description = "The PEFT method: lora (r 16, alpha 16, query+value), adapter (Houlsby, reduction 16) or prefix (30 virtual tokens, MLP 256).",
            HelpName = "lora|adapter|prefix",
            DefaultValueFactory = _ => "lora",
        };
        peft.AcceptOnlyFromAmong([.. PeftRegistry.All.Select(m => m.Name)]);
        var noDefense = new Option<bool>("--no-defense") { Description = "Plain PEFT training: cross-entropy only, no L_amp, L_attn or defense dropout, no warm-up." };
        var alphaAmp = new Option<double>("--alpha-amp") { Description = "Weight of L_amp, the PEFT-norm amplification term.", DefaultValueFactory = _ => 3e-3 };
        var alphaAttn = new Option<double>("--alpha-attn") { Description = "Weight of L_attn, the first-token attention-logit penalty.", DefaultValueFactory = _ => 3e-2 };
        var lr = new Option<double?>("--lr")
        {
            Description = "Peak learning rate (linear warm-up 5% with the defense, then linear decay to 0). Default per method: " +
                          "lora 5e-4 (measured on MiniLM/SST-2), adapter 3e-4 (the reference README), prefix 5e-3 (middle of the spec's 1e-3…1e-2 range).",
        };
        var epochs = new Option<int>("--epochs") { Description = "Epochs (the reference uses 20).", DefaultValueFactory = _ => 20 };
        var batchSize = new Option<int>("--batch-size") { Description = "Training batch size.", DefaultValueFactory = _ => 16 };
        var maxLength = new Option<int>("--max-length") { Description = "Maximum tokens per example (dynamic padding per batch).", DefaultValueFactory = _ => 128 };
        var maxTrain = new Option<int>("--max-train") { Description = "Training rows sampled (seeded).", DefaultValueFactory = _ => DatasetDefaults.MaxTrain };
        var maxEval = new Option<int>("--max-eval") { Description = "Evaluation rows sampled before poisoning (seeded).", DefaultValueFactory = _ => DatasetDefaults.MaxEval };
        var seed = new Option<int>("--seed") { Description = "The seed every random source derives from (recorded in eval_results.json).", DefaultValueFactory = _ => 0 };
        var text = new Option<string?>("--text-column") { Description = "Text column: a header name or a 0-based index." };
        var pair = new Option<string?>("--text-pair-column") { Description = "Second text of pair tasks (the trigger goes into the first)." };
        var label = new Option<string?>("--label-column") { Description = "Label column: a header name or a 0-based index." };
        var triggers = TrainingOptions.Triggers();
        var device = CommonOptions.Device();
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in the output folder (after Ctrl+C or a crash)." };
        var output = new Option<string>("--output", "-o") { Description = "Output folder for the adapter, head, label map, checkpoint and eval_results.json.", Required = true };

        var command = new Command("defend",
            "Retrain PEFT modules and a classification head on clean data with the Obliviate defense (arXiv 2409.14119), " +
            "then measure clean accuracy and attack success on a poisoned copy of the evaluation set. " +
            "Exit 0 on success, 2 on an error or interruption (resume with --resume), 4 on bad usage.")
        {
            model, train, eval, peft, noDefense, alphaAmp, alphaAttn, lr, epochs, batchSize, maxLength, maxTrain, maxEval, seed,
            text, pair, label, triggers, device, resume, output,
        };
        command.SetAction(parse =>
        {
            var request = new DefendRequest
            {
                Model = parse.GetValue(model)!,
                TrainPath = parse.GetValue(train)!,
                EvalPath = parse.GetValue(eval)!,
                Method = PeftRegistry.Find(parse.GetValue(peft)!)!.Method,
                Defense = new DefenseSettings { Enabled = !parse.GetValue(noDefense), AlphaAmp = parse.GetValue(alphaAmp), AlphaAttn = parse.GetValue(alphaAttn) },
                Training = new TrainingSettings
                {
                    Epochs = parse.GetValue(epochs),
                    LearningRate = parse.GetValue(lr),
                    BatchSize = parse.GetValue(batchSize),
                    MaxLength = parse.GetValue(maxLength),
                    Seed = parse.GetValue(seed),
                },
                MaxTrain = parse.GetValue(maxTrain),
                MaxEval = parse.GetValue(maxEval),
                TextColumn = TrainingOptions.Column(parse.GetValue(text), "--text-column"),
                TextPairColumn = TrainingOptions.Column(parse.GetValue(pair), "--text-pair-column"),
                LabelColumn = TrainingOptions.Column(parse.GetValue(label), "--label-column"),
                Triggers = parse.GetValue(triggers) is { Length: > 0 } chosen ? chosen : null,
                Device = parse.GetValue(device),
                OutputDirectory = parse.GetValue(output)!,
                Resume = parse.GetValue(resume),
            };
            return TrainingOptions.WithCtrlC(token => Execute(request, console, token));
        });
        return command;
    }

    /// <summary>Runs the defense and prints the metrics; expected failures become <see cref="UserError"/>s.</summary>
    public static int Execute(DefendRequest request, ToolConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        if (request.MaxTrain < 1) throw new UserError($"--max-train must be positive (got {request.MaxTrain}).", ExitCodes.Usage);
        if (request.MaxEval < 1) throw new UserError($"--max-eval must be positive (got {request.MaxEval}).", ExitCodes.Usage);
        var results = TrainingOptions.Guard(() => TrainingProgressView.Run(console,
            progress => DefendRun.Run(request, progress, cancellationToken)));
        console.Out.WriteLine($"defend: {results.Peft.Method} on {results.Model.Name}, defense {(results.Defense!.Enabled ? "on" : "off")}, " +
                              $"{results.Training!.Epochs} epochs ({results.TotalSteps} steps, lr {results.Training.LearningRate?.ToString("G3", CultureInfo.InvariantCulture)})");
        MetricsTable.Write(console.Out, results.Metrics, results.Eval.Labels);
        console.Out.WriteLine($"saved to {Path.GetFullPath(request.OutputDirectory)}");
        return results.Metrics.Conclusive ? ExitCodes.Ok : ExitCodes.Error;
    }
}
