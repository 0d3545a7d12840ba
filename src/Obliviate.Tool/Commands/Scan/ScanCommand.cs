using System.CommandLine;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Models.Repository;
using Obliviate.Reports.Model;
using Obliviate.Reports.Rendering;
using Obliviate.Scanner;
using Obliviate.Scanner.Suppressions;

namespace Obliviate.Tool.Commands.Scan;

/// <summary>
/// <c>scan &lt;path|name|hf://owner/name[@rev]&gt;</c>: a supply-chain scan of a model folder, file or Hub repository.
/// Exit 0 clean (or findings below --fail-on), 1 findings at or above --fail-on, 2 inconclusive or error,
/// 3 nothing to check, 4 usage.
/// </summary>
public static class ScanCommand
{
    private static readonly string[] SeverityWords = ["low", "medium", "high", "critical"];

    public static Command Create(ToolConsole console)
    {
        var target = new Argument<string>("target")
        {
            Description = "A model folder or file, an embedded model name (minilm, arctic-xs), or a Hugging Face repository as hf://owner/name[@revision].",
            HelpName = "path|name|hf://owner/name",
        };
        var format = CommonOptions.Format(ReportRenderers.Scan.Formats);
        var output = CommonOptions.ReportFile();
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a finding (not suppressed) has at least this severity.",
            DefaultValueFactory = _ => new ScanRequest { Target = "" }.FailOn.Word(), HelpName = string.Join('|', SeverityWords),
        };
        CommonOptions.AcceptOnly(failOn, SeverityWords);
        var strict = new Option<bool>("--strict") { Description = "Treat pickle globals outside the allowlist as dangerous, not suspicious." };
        var suppressions = new Option<string?>("--suppressions")
        {
            Description = $"Suppression file (default: ./{SuppressionSet.DefaultFileName} when present).",
            HelpName = "file.json",
        };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Download cache for hf:// targets (default: ~/.cache/obliviate/hub).", HelpName = "dir" };
        var maxFileSize = new Option<long?>("--max-file-size")
        {
            Description = "Files larger than this are neither downloaded nor read, and make the result inconclusive (e.g. 20GB).",
            HelpName = "size",
            CustomParser = r => Parse(r, SizeAndTime.ParseSize, "a size such as 500MB or 20GB"),
        };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "Time budget for download and scan (e.g. 90s, 10m, 2h); files not reached are inconclusive.",
            HelpName = "duration",
            CustomParser = r => Parse(r, SizeAndTime.ParseDuration, "a duration such as 90s, 10m or 2h"),
        };
        var command = new Command("scan",
            "Scan a model folder, file or Hugging Face repository for supply-chain risks (pickle code execution, custom code, " +
            "archive tricks, tokenizer and config tampering) without executing anything it reads.\n\n" +
            "Examples:\n  dotnet obliviate scan ./my-model\n  dotnet obliviate scan hf://bert-base-uncased --format sarif -o scan.sarif\n" +
            "  dotnet obliviate scan minilm --fail-on medium\n\n" +
            "Exit codes: 0 clean or below --fail-on, 1 findings at or above --fail-on, 2 inconclusive or error, 3 nothing to check, 4 usage.")
        {
            target, format, output, failOn, strict, suppressions, cacheDir, maxFileSize, timeout,
        };
        command.SetAction((parse, ct) =>
        {
            var request = new ScanRequest
            {
                Target = parse.GetValue(target)!,
                FailOn = Severities.Parse(parse.GetValue(failOn)!),
                Strict = parse.GetValue(strict),
                SuppressionsPath = parse.GetValue(suppressions),
                CacheDir = parse.GetValue(cacheDir),
                MaxFileSize = parse.GetValue(maxFileSize),
                Timeout = parse.GetValue(timeout),
                ToolVersion = Doctor.DoctorCommand.ToolVersion(),
                ResolveName = EmbeddedFolder,
            };
            return Task.FromResult(Execute(request, parse.GetValue(format), parse.GetValue(output), console, ct));
        });
        return command;
    }

    /// <summary>Runs one scan and renders it; the exit code follows the outcome.</summary>
    public static int Execute(ScanRequest request, string? format, string? output, ToolConsole console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        var result = ScanRun.Run(request, new ConsoleLines(console), ct);
        ReportOutput.Write(result.Report, ReportRenderers.Scan, format, output, console);
        if (output is not null) console.Info($"{result.Report.Verdict.Word()}: {request.Target}");
        return ExitCodes.From(result.Outcome);
    }

    /// <summary>The folder of an embedded model name (materialised on first use), or null for any other name.</summary>
    internal static string? EmbeddedFolder(string name) =>
        EmbeddedModels.Find(name) is null ? null : ModelRepository.Resolve(name, null).Directory;

    private static T? Parse<T>(System.CommandLine.Parsing.ArgumentResult result, Func<string, T?> parse, string expected)
        where T : struct
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var value = parse(token);
        if (value is null) result.AddError($"{result.Parent?.ToString() ?? "value"} must be {expected} (got '{token}').");
        return value;
    }
}
