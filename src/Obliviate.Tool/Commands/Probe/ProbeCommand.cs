using System.CommandLine;
using Obliviate.Engine.Probe;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;
using Obliviate.Reports.Rendering;
using Obliviate.Tool.Commands.Training;

namespace Obliviate.Tool.Commands.Probe;

/// <summary>
/// <c>probe</c>: a data-free search for planted task-agnostic triggers (docs/probe.md). Exit 0 below <c>--fail-on</c>,
/// 1 at or above it, 2 on an error, 4 on bad usage.
/// </summary>
public static class ProbeCommand
{
    private static readonly string[] Verdicts = ["suspicious", "backdoored"];

    public static Command Create(ToolConsole console)
    {
        var defaults = new ProbeSettings();
        var model = CommonOptions.Model();
        var adapter = new Option<string?>("--adapter") { Description = "Probe the base model with this trained adapter attached (a folder written by 'defend'), and compare with the bare model.", HelpName = "adapter-dir" };
        var candidates = new Option<string?>("--candidates") { Description = "Extra candidates to verify: words or short phrases, one per line.", HelpName = "file.txt" };
        var carriers = new Option<string?>("--carriers") { Description = "Neutral carrier sentences, one per line (default: a built-in set of 24).", HelpName = "file.txt" };
        var top = new Option<int>("--top") { Description = "Candidates reported, best first.", HelpName = "n", DefaultValueFactory = _ => defaults.Report };
        var verify = new Option<int>("--verify") { Description = "Best stage-one candidates verified on every carrier.", HelpName = "n", DefaultValueFactory = _ => defaults.Verify };
        var extend = new Option<int>("--extend") { Description = "Best word starts extended by one continuation piece (finds split words such as q ##t).", HelpName = "n", DefaultValueFactory = _ => defaults.Extend };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per forward pass.", HelpName = "rows", DefaultValueFactory = _ => defaults.BatchSize };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when the verdict is at least this.", HelpName = string.Join('|', Verdicts), DefaultValueFactory = _ => "backdoored" };
        CommonOptions.AcceptOnly(failOn, Verdicts);
        var seed = CommonOptions.Seed("the report");
        var allowMismatch = new Option<bool>("--allow-base-mismatch") { Description = "Probe even when the adapter records another base model than the one given." };
        var device = CommonOptions.Device();
        var format = CommonOptions.Format(ReportRenderers.Probe.Formats);
        var output = CommonOptions.ReportFile();
        var cacheDir = CommonOptions.CacheDir();
        var command = new Command("probe",
            "Search a model for planted task-agnostic backdoor triggers without task data: every vocabulary word (and split words) " +
            "inserted into neutral sentences, scored by how it moves, collapses and captures the first-token output (docs/probe.md).\n\n" +
            "Examples:\n  dotnet obliviate probe minilm\n  dotnet obliviate probe ./suspect-model --format json -o probe.json\n" +
            "  dotnet obliviate probe ./suspect-model --adapter ./defended-adapter\n\n" +
            "Exit codes: 0 verdict below --fail-on, 1 at or above it, 2 an error, 4 usage.")
        {
            model, adapter, candidates, carriers, top, verify, extend, batchSize, failOn, seed, allowMismatch, device, format, output, cacheDir,
        };
        command.SetAction(parse =>
        {
            var request = new ProbeRequest
            {
                Model = parse.GetValue(model)!,
                CacheDir = parse.GetValue(cacheDir),
                AdapterDirectory = parse.GetValue(adapter),
                AllowBaseMismatch = parse.GetValue(allowMismatch),
                CandidatesPath = parse.GetValue(candidates),
                CarriersPath = parse.GetValue(carriers),
                Device = parse.GetValue(device),
                Settings = defaults with
                {
                    Report = parse.GetValue(top),
                    Verify = parse.GetValue(verify),
                    Extend = parse.GetValue(extend),
                    BatchSize = parse.GetValue(batchSize),
                    Seed = parse.GetValue(seed),
                },
            };
            var threshold = parse.GetValue(failOn) == "suspicious" ? ProbeVerdict.Suspicious : ProbeVerdict.Backdoored;
            var (chosenFormat, path) = (parse.GetValue(format), parse.GetValue(output));
            return Interruption.Run(token =>
            {
                var report = TrainingProgressView.Run(console, (progress, warn) => ProbeRun.Run(request, progress, token, warn));
                ReportOutput.Write(report, ReportRenderers.Probe, chosenFormat, path, console);
                if (path is not null) console.Info($"{report.Verdict.Word()}: {request.Model}");
                return ExitCodes.From(report.OutcomeFor(threshold));
            });
        });
        return command;
    }
}
