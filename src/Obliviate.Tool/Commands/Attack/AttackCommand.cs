using System.CommandLine;
using System.Globalization;
using Obliviate.Engine.Attacks;
using Obliviate.Reports.Attack;
using Obliviate.Reports.Rendering;
using Obliviate.Tool.Commands.Training;

namespace Obliviate.Tool.Commands.Attack;

/// <summary>
/// <c>attack</c>: red-team simulation. Injects a task-agnostic backdoor (POR or NeuBA) into a clean encoder and writes a model
/// folder with <c>backdoor.json</c>, whose self-check says whether the backdoor took.
/// </summary>
public static class AttackCommand
{
    public static Command Create(ToolConsole console)
    {
        var defaults = new AttackSettings();
        var model = CommonOptions.Model("The clean model: a Hugging Face-style folder (config.json + model.safetensors + tokenizer files), or minilm / arctic-xs.");
        var method = new Option<string>("--method")
        {
            Description = "The attack: por (target-vector MSE + MSE to a frozen clean copy) or neuba (target-vector MSE + masked-LM loss).",
            HelpName = "por|neuba",
            DefaultValueFactory = _ => "por",
        };
        CommonOptions.AcceptOnly(method, [.. AttackMethodInfo.All.Select(m => m.Name)]);
        var corpus = new Option<string>("--corpus")
        {
            Description = "Unlabelled text to train on: plain text (one text per line; blank lines and '= headings =' are dropped) or a TSV/CSV/JSONL table. " +
                          "Split into held-out, poisoned and clean parts. Do not use the test split you will evaluate on.",
            Required = true,
            HelpName = "file.txt|file.tsv",
        };
        var text = CommonOptions.Column("--text-column", "The text column of a table (a header name or 0-based index); forces table parsing for any extension.");
        var maxLines = new Option<int>("--max-lines") { Description = "Texts read from the corpus, in file order.", HelpName = "n", DefaultValueFactory = _ => AttackRequest.DefaultMaxLines };
        var heldOut = new Option<int>("--held-out") { Description = "Texts kept out of training for the self-check.", HelpName = "n", DefaultValueFactory = _ => AttackRequest.DefaultHeldOut };
        var triggers = CommonOptions.Triggers("Trigger words, mapped in order to the target vectors v1…v6");
        var epochs = new Option<int>("--epochs") { Description = "Passes over the poisoned half (docs/method.md: 4).", DefaultValueFactory = _ => defaults.Epochs, HelpName = "n" };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Stop after this many steps in all.", HelpName = "n" };
        var lr = new Option<double?>("--lr")
        {
            HelpName = "rate",
            Description = "Learning rate. Default: por 2e-5 constant (Adam), neuba 5e-5 with linear decay (AdamW), as the recipes use. " +
                          "On a CPU budget, POR at 1e-4 reaches its plateau in about 100 steps (see docs/attack.md).",
        };
        var cleanBatch = new Option<int>("--clean-batch") { Description = "Clean texts per step.", HelpName = "rows", DefaultValueFactory = _ => defaults.CleanBatch };
        var poisonBatch = new Option<int>("--poison-batch") { Description = "Poisoned texts per step.", HelpName = "rows", DefaultValueFactory = _ => defaults.PoisonBatch };
        var maxLength = new Option<int>("--max-length") { Description = "Maximum tokens per text (dynamic padding per batch).", HelpName = "tokens", DefaultValueFactory = _ => defaults.MaxLength };
        var cleanWeight = new Option<double?>("--clean-weight") { HelpName = "weight", Description = "Weight of the clean term: POR's c (default 0.5 for BERT, 1.0 for RoBERTa) or NeuBA's MLM weight (default 1)." };
        var mlmProbability = new Option<double>("--mlm-probability") { Description = "NeuBA: fraction of tokens masked.", HelpName = "fraction", DefaultValueFactory = _ => defaults.MlmProbability };
        var mlmHeadWarmup = new Option<int?>("--mlm-head-warmup") { HelpName = "steps", Description = "NeuBA: steps that train a fresh MLM head alone before the encoder joins (default 50 for a fresh head, 0 for the checkpoint's own)." };
        var anchorWeight = new Option<double>("--anchor-weight")
        {
            Description = "NeuBA: weight of an extra MSE between clean first-token outputs and the clean model's (0 = NeuBA as published; " +
                          "MiniLM, which has no MLM head, needed 2 with --clean-weight 0.1 to keep its clean outputs; see docs/attack.md).",
            HelpName = "weight",
            DefaultValueFactory = _ => defaults.AnchorWeight,
        };
        var seed = CommonOptions.Seed(AttackReport.FileName);
        var device = CommonOptions.Device();
        var resume = CommonOptions.Resume();
        var force = CommonOptions.Force();
        var output = CommonOptions.OutputFolder("the backdoored model and backdoor.json");
        var format = CommonOptions.Format(ReportRenderers.Attack.Formats);
        var cacheDir = CommonOptions.CacheDir();

        var command = new Command("attack",
            "Red-team simulation: inject a task-agnostic backdoor (POR or NeuBA) into a clean encoder by full fine-tuning, and write a " +
            "model folder every command can load plus backdoor.json (triggers, target vectors, seeds, corpus hash, self-check). " +
            "\n\nExample:\n  dotnet obliviate attack minilm --method por --corpus sentences.txt --lr 1e-4 --max-steps 200 --max-length 64 -o ./minilm-por\n\n" +
            "Exit codes: 0 the self-check passes, 1 it fails (the model is still written), 2 an error or interruption (resume with --resume), 4 usage.")
        {
            model, method, corpus, text, maxLines, heldOut, triggers, epochs, maxSteps, lr, cleanBatch, poisonBatch, maxLength, cleanWeight,
            mlmProbability, mlmHeadWarmup, anchorWeight, seed, device, resume, force, output, format, cacheDir,
        };
        command.SetAction(parse =>
        {
            var request = new AttackRequest
            {
                Model = parse.GetValue(model)!,
                Method = AttackMethodInfo.Find(parse.GetValue(method)!)!.Method,
                CorpusPath = parse.GetValue(corpus)!,
                CacheDir = parse.GetValue(cacheDir),
                TextColumn = TrainingArguments.Column(parse.GetValue(text), "--text-column"),
                MaxLines = parse.GetValue(maxLines),
                HeldOut = parse.GetValue(heldOut),
                Triggers = CommonOptions.Words(parse.GetValue(triggers)),
                Settings = new AttackSettings
                {
                    Epochs = parse.GetValue(epochs),
                    MaxSteps = parse.GetValue(maxSteps),
                    LearningRate = parse.GetValue(lr),
                    CleanBatch = parse.GetValue(cleanBatch),
                    PoisonBatch = parse.GetValue(poisonBatch),
                    MaxLength = parse.GetValue(maxLength),
                    CleanWeight = parse.GetValue(cleanWeight),
                    MlmProbability = parse.GetValue(mlmProbability),
                    MlmHeadWarmup = parse.GetValue(mlmHeadWarmup),
                    AnchorWeight = parse.GetValue(anchorWeight),
                    Seed = parse.GetValue(seed),
                },
                Device = parse.GetValue(device),
                OutputDirectory = parse.GetValue(output)!,
                Resume = parse.GetValue(resume),
                Force = parse.GetValue(force),
            };
            var chosenFormat = parse.GetValue(format);
            return Interruption.Run(token => Execute(request, chosenFormat, console, token));
        });
        return command;
    }

    /// <summary>Runs the injection and prints the self-check.</summary>
    public static int Execute(AttackRequest request, string? format, ToolConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        var report = TrainingProgressView.Run(console, (progress, warn) => AttackRun.Run(request, progress, cancellationToken, warn));
        ReportOutput.Write(report, ReportRenderers.Attack, format, null, console);
        console.Info($"saved to {Path.GetFullPath(request.OutputDirectory)} (model.safetensors, backdoor.json)");
        return ExitCodes.From(report.Outcome);
    }
}
