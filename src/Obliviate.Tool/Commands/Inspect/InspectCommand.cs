using System.CommandLine;
using Obliviate.Engine.Models.Repository;
using Obliviate.Reports.Rendering;

namespace Obliviate.Tool.Commands.Inspect;

/// <summary><c>inspect</c>: architecture, parameter count, dtypes, tokenizer and files (size, sha256) of a model folder.</summary>
public static class InspectCommand
{
    public static Command Create(ToolConsole console)
    {
        var model = CommonOptions.Model();
        var format = CommonOptions.Format(ReportRenderers.Inspection.Formats);
        var output = CommonOptions.ReportFile();
        var cacheDir = CommonOptions.CacheDir();
        var command = new Command("inspect", "Describe a model: architecture, parameter count (from the safetensors shapes), dtypes, " +
                                             "tokenizer kind, and every file with its size and sha256. Never loads pickles.\n\n" +
                                             "Examples:\n  dotnet obliviate inspect minilm\n  dotnet obliviate inspect ./my-model --format json")
        {
            model, format, output, cacheDir,
        };
        command.SetAction((parse, ct) => Task.FromResult(
            Execute(parse.GetValue(model)!, parse.GetValue(format), parse.GetValue(output), parse.GetValue(cacheDir), console, ct)));
        return command;
    }

    public static int Execute(string model, string? format, string? output, string? cacheDir, ToolConsole console,
        CancellationToken cancellationToken = default)
    {
        var report = ModelInspector.Inspect(ModelRepository.Resolve(model, cacheDir), cancellationToken);
        ReportOutput.Write(report, ReportRenderers.Inspection, format, output, console);
        return ExitCodes.Ok;
    }
}
