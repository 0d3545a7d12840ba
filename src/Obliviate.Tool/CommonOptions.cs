using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Obliviate.Engine.Data;
using Obliviate.Engine.Evaluation;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Runtime;

namespace Obliviate.Tool;

/// <summary>
/// Options several commands take, declared once so their names, placeholders, defaults and help text agree. Defaults come
/// from the engine's settings records and constants; nothing here restates a number.
/// </summary>
public static class CommonOptions
{
    /// <summary>How list values are given, for every list option's help.</summary>
    public const string ListConvention = "comma-separated or repeated";

    public static Option<DeviceKind> Device() => new("--device")
    {
        Description = "Where tensors live: auto (CUDA when available), cpu or cuda.",
        HelpName = "auto|cpu|cuda",
        DefaultValueFactory = _ => DeviceKind.Auto,
        CustomParser = result =>
        {
            var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "auto";
            switch (token.ToLowerInvariant())
            {
                case "auto": return DeviceKind.Auto;
                case "cpu": return DeviceKind.Cpu;
                case "cuda": return DeviceKind.Cuda;
                default:
                    result.AddError($"--device must be auto, cpu or cuda (got '{token}').{Suggest.DidYouMean(token, ["auto", "cpu", "cuda"])}");
                    return DeviceKind.Auto;
            }
        },
    };

    /// <summary>The model argument every model command takes.</summary>
    public static Argument<string> Model(string description = "The model: a Hugging Face-style folder (config.json, model.safetensors, tokenizer files) or an embedded name (minilm, arctic-xs).") =>
        new("model") { Description = description, HelpName = "model-dir|minilm|arctic-xs" };

    /// <summary><c>--format</c> over <paramref name="formats"/>; null when absent, so a report path's extension can decide.</summary>
    public static Option<string?> Format(IReadOnlyList<string> formats)
    {
        var option = new Option<string?>("--format")
        {
            Description = $"Output format (default: {formats[0]}, or what -o's extension implies: .json, .md" +
                          (formats.Contains("sarif") ? ", .sarif" : "") + ").",
            HelpName = string.Join('|', formats),
        };
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !formats.Contains(value))
                result.AddError($"--format must be {string.Join(", ", formats)} (got '{value}').{Suggest.DidYouMean(value, formats)}");
        });
        return option;
    }

    /// <summary><c>-o</c> for commands whose product is a report file.</summary>
    public static Option<string?> ReportFile() => new("--output", "-o")
    {
        Description = "Write the report to this file (atomically) instead of standard output; its extension picks the format when --format is absent.",
        HelpName = "report-file",
    };

    /// <summary><c>-o</c> for commands whose product is a folder (an adapter, a model).</summary>
    public static Option<string> OutputFolder(string what) => new("--output", "-o")
    {
        Description = $"A new or empty folder for {what}. A non-empty folder is refused unless --force (overwrite) or --resume (continue).",
        HelpName = "dir",
        Required = true,
    };

    public static Option<bool> Resume() => new("--resume")
    {
        Description = "Continue an interrupted run (Ctrl+C, SIGTERM, a crash) from the checkpoint in the output folder.",
    };

    public static Option<bool> Force() => new("--force")
    {
        Description = "Write into a non-empty output folder, replacing what a previous run left there.",
    };

    public static Option<int> Seed(string recordedIn) => new("--seed")
    {
        Description = $"The seed every random source derives from (recorded in {recordedIn}).",
        HelpName = "n",
        DefaultValueFactory = _ => 0,
    };

    public static Option<string?> CacheDir() => new("--cache-dir")
    {
        Description = "The model cache for embedded model names (default: $XDG_CACHE_HOME/obliviate/models or ~/.cache/obliviate/models).",
        HelpName = "dir",
    };

    /// <param name="purpose">What the words are for; the default list is appended.</param>
    public static Option<string[]?> Triggers(string purpose = "Trigger words of the poisoned evaluation set") => new("--triggers")
    {
        Description = $"{purpose}, {ListConvention} (default: {string.Join(",", PoisonedSetBuilder.DefaultTriggers)}).",
        HelpName = "word,word,...",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string?> Column(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "name|index",
    };

    /// <summary>The peak learning rate of a PEFT training; null means the PEFT method's own default.</summary>
    public static Option<double?> LearningRate() => new("--lr")
    {
        Description = "Peak learning rate (linear warm-up 5% with the defense, then linear decay to 0). Default per method: " +
                      string.Join(", ", PeftRegistry.All.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.DefaultLearningRate:G3}"))) + ".",
        HelpName = "rate",
    };

    public static Option<int> MaxTrain() => new("--max-train")
    {
        Description = "Training rows sampled (seeded).",
        HelpName = "rows",
        DefaultValueFactory = _ => DatasetDefaults.MaxTrain,
    };

    /// <summary>Global: details of unexpected errors and extra diagnostics on standard error.</summary>
    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Print more diagnostics, including the details of an unexpected error.",
        Recursive = true,
    };

    /// <summary>Global: no progress display and no informational lines; results and errors only.</summary>
    public static Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print results and errors only: no progress display, warnings or informational lines.",
        Recursive = true,
    };

    /// <summary>Restricts a string option to <paramref name="choices"/>, with "did you mean" for near misses.</summary>
    public static void AcceptOnly(Option<string> option, IReadOnlyList<string> choices)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !choices.Contains(value))
                result.AddError($"{option.Name} must be {string.Join(", ", choices)} (got '{value}').{Suggest.DidYouMean(value, choices)}");
        });
    }

    /// <summary>
    /// The words of a list option, however they were given: <c>--triggers cf mn</c>, <c>--triggers cf,mn</c> and
    /// <c>--triggers cf --triggers mn</c> are the same list. Empty pieces (a trailing comma) are dropped.
    /// </summary>
    public static IReadOnlyList<string>? Words(IEnumerable<string>? values)
    {
        if (values is null) return null;
        var given = values.ToList();
        if (given.Count == 0) return null;
        var words = given.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        return words.Count > 0 ? words : throw new Reports.Model.RequestException($"no words in '{string.Join(" ", given)}': give them comma-separated or one by one.");
    }
}
