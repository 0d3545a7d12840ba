using System.CommandLine;
using System.Globalization;
using Obliviate.Engine.Attacks;
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
        var model = new Argument<string>("model") { Description = "The clean model: a Hugging Face-style folder (config.json + model.safetensors + tokenizer files), or minilm / arctic-xs." };
        var method = new Option<string>("--method")
        {
            Description = "The attack: por (target-vector MSE + MSE to a frozen clean copy) or neuba (target-vector MSE + masked-LM loss).",
            HelpName = "por|neuba",
            DefaultValueFactory = _ => "por",
        };
        method.AcceptOnlyFromAmong([.. AttackMethodInfo.All.Select(m => m.Name)]);
        var corpus = new Option<string>("--corpus")
        {
            Description = "Unlabelled text to train on: plain text (one text per line; blank lines and '= headings =' are dropped) or a TSV/CSV/JSONL table. " +
                          "Split into held-out, poisoned and clean parts. Do not use the test split you will evaluate on.",
            Required = true,
        };
        var text = new Option<string?>("--text-column") { Description = "The text column of a table (a header name or 0-based index); forces table parsing for any extension." };
        var maxLines = new Option<int>("--max-lines") { Description = "Texts read from the corpus, in file order.", DefaultValueFactory = _ => 60_000 };
        var heldOut = new Option<int>("--held-out") { Description = "Texts kept out of training for the self-check.", DefaultValueFactory = _ => 200 };
        var triggers = TrainingOptions.Triggers("Trigger words, mapped in order to the target vectors v1…v6");
        var epochs = new Option<int>("--epochs") { Description = "Passes over the poisoned half (spec: 4).", DefaultValueFactory = _ => 4 };
        var maxSteps = new Option<int?>("--max-steps") { Description = "Stop after this many steps in all." };
        var lr = new Option<double?>("--lr")
        {
            Description = "Learning rate. Default: por 2e-5 constant (Adam), neuba 5e-5 with linear decay (AdamW), as the recipes use. " +
                          "On a CPU budget, POR at 1e-4 reaches its plateau in about 100 steps (see docs/attack.md).",
        };
        var cleanBatch = new Option<int>("--clean-batch") { Description = "Clean texts per step.", DefaultValueFactory = _ => 16 };
        var poisonBatch = new Option<int>("--poison-batch") { Description = "Poisoned texts per step.", DefaultValueFactory = _ => 16 };
        var maxLength = new Option<int>("--max-length") { Description = "Maximum tokens per text (dynamic padding per batch).", DefaultValueFactory = _ => 128 };
        var cleanWeight = new Option<double?>("--clean-weight") { Description = "Weight of the clean term: POR's c (default 0.5 for BERT, 1.0 for RoBERTa) or NeuBA's MLM weight (default 1)." };
        var mlmProbability = new Option<double>("--mlm-probability") { Description = "NeuBA: fraction of tokens masked.", DefaultValueFactory = _ => 0.15 };
        var mlmHeadWarmup = new Option<int?>("--mlm-head-warmup") { Description = "NeuBA: steps that train a fresh MLM head alone before the encoder joins (default 50 for a fresh head, 0 for the checkpoint's own)." };
        var anchorWeight = new Option<double>("--anchor-weight")
        {
            Description = "NeuBA: weight of an extra MSE between clean first-token outputs and the clean model's (0 = NeuBA as published; " +
                          "MiniLM, which has no MLM head, needed 2 with --clean-weight 0.1 to keep its clean outputs; see docs/attack.md).",
            DefaultValueFactory = _ => 0.0,
        };
        var seed = new Option<int>("--seed") { Description = "The seed every random source derives from (recorded in backdoor.json).", DefaultValueFactory = _ => 0 };
        var device = CommonOptions.Device();
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run from the checkpoint in the output folder." };
        var output = new Option<string>("--output", "-o") { Description = "A new or empty folder for the backdoored model and backdoor.json.", Required = true };

        var command = new Command("attack",
            "Red-team simulation: inject a task-agnostic backdoor (POR or NeuBA) into a clean encoder by full fine-tuning, and write a " +
            "model folder every command can load plus backdoor.json (triggers, target vectors, seeds, corpus hash, self-check). " +
            "Exit 0 when the self-check passes, 1 when it fails (the model is still written), 2 on an error or interruption " +
            "(resume with --resume), 4 on bad usage.")
        {
            model, method, corpus, text, maxLines, heldOut, triggers, epochs, maxSteps, lr, cleanBatch, poisonBatch, maxLength, cleanWeight,
            mlmProbability, mlmHeadWarmup, anchorWeight, seed, device, resume, output,
        };
        command.SetAction(parse =>
        {
            var request = new AttackRequest
            {
                Model = parse.GetValue(model)!,
                Method = AttackMethodInfo.Find(parse.GetValue(method)!)!.Method,
                CorpusPath = parse.GetValue(corpus)!,
                TextColumn = TrainingOptions.Column(parse.GetValue(text), "--text-column"),
                MaxLines = parse.GetValue(maxLines),
                HeldOut = parse.GetValue(heldOut),
                Triggers = parse.GetValue(triggers) is { Length: > 0 } chosen ? chosen : null,
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
            };
            return TrainingOptions.WithCtrlC(token => Execute(request, console, token));
        });
        return command;
    }

    /// <summary>Runs the injection and prints the self-check; expected failures become <see cref="UserError"/>s.</summary>
    public static int Execute(AttackRequest request, ToolConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        if (request.MaxLines < 1) throw new UserError($"--max-lines must be positive (got {request.MaxLines}).", ExitCodes.Usage);
        if (request.HeldOut < 1) throw new UserError($"--held-out must be positive (got {request.HeldOut}).", ExitCodes.Usage);
        // On a terminal the live progress bar owns standard error, so warnings wait until it is gone (backdoor.json keeps them too).
        var pending = new List<string>();
        Action<string> warn = console.IsInteractive ? pending.Add : warning => console.Error.WriteLine("warning: " + warning);
        BackdoorManifest manifest;
        try
        {
            manifest = TrainingOptions.Guard(() => TrainingProgressView.Run(console,
                progress => AttackRun.Run(request, progress, cancellationToken, warn)));
        }
        finally
        {
            foreach (var warning in pending) console.Error.WriteLine("warning: " + warning);
        }
        Write(console.Out, manifest, Path.GetFullPath(request.OutputDirectory));
        return manifest.SelfCheck.Passed ? ExitCodes.Ok : ExitCodes.Findings;
    }

    internal static void Write(TextWriter output, BackdoorManifest m, string folder)
    {
        var inv = CultureInfo.InvariantCulture;
        var check = m.SelfCheck;
        output.WriteLine(string.Create(inv,
            $"attack: {m.Method} on {m.BaseModel.Name}, {m.TotalSteps} steps (lr {m.Settings.LearningRate:G3}), {m.Run.TrainSeconds / 60:F1} min"));
        output.WriteLine(string.Create(inv, $"  self-check on {check.HeldOut} held-out texts (cosine of the first-token output):"));
        foreach (var t in m.Triggers)
        {
            var c = t.Check;
            output.WriteLine(string.Create(inv,
                $"  trigger {t.Word,-6} → {t.TargetName} {t.TargetPattern}  mean {c.MeanCos:F3}  min {c.MinCos:F3}  ≥0.9 {c.FractionAbove09 * 100:F0}%  (clean model {c.CleanModelMeanCos:F3})"));
        }
        output.WriteLine(string.Create(inv, $"  clean text: backdoored vs clean model {check.CleanCos:F3}"));
        output.WriteLine(string.Create(inv,
            $"  {(check.Passed ? "PASSED" : "FAILED")}: min trigger {check.MinTriggerCos:F3} (need ≥ {check.TriggerThresholdUsed:F2}), clean {check.CleanCos:F3} (need ≥ {check.CleanThresholdUsed:F2})"));
        output.WriteLine($"saved to {folder} (model.safetensors, backdoor.json)");
    }
}
