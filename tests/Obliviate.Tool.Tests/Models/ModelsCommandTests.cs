using System.Text.Json;
using Obliviate.Engine.Models.Embedded;

namespace Obliviate.Tool.Tests.Models;

public sealed class ModelsCommandTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("obliviate-models-cli-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static (int Code, string Out, string Error) Run(params string[] args) => ToolRun.Run(args);

    /// <summary>Skips unless the package is restored locally: tests never download.</summary>
    internal static void RequireLocalPackage(EmbeddedModel model)
    {
        try
        {
            EmbeddedPackageLocator.LocateAssembly(model, Path.Combine(Path.GetTempPath(), "obliviate-none"),
                new EmbeddedPackageOptions { AllowDownload = false });
        }
        catch (FileNotFoundException e)
        {
            Skip.If(true, $"{model.PackageId} is not restored locally: {e.Message}");
        }
    }

    [Fact]
    public void List_Json_ShowsBothModelsUncachedInAnEmptyCache()
    {
        var (code, output, _) = Run("models", "list", "--json", "--cache-dir", _cache);
        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["minilm", "arctic-xs"], rows.Select(r => r.GetProperty("name").GetString()));
        Assert.All(rows, r => Assert.False(r.GetProperty("cached").GetBoolean()));
        Assert.All(rows, r => Assert.Equal("Apache-2.0", r.GetProperty("license").GetString()));
        Assert.Equal(Path.Combine(_cache, "minilm"), rows[0].GetProperty("path").GetString());
    }

    [Fact]
    public void Pull_UnknownModel_ExitsWithUsage()
    {
        var (code, _, error) = Run("models", "pull", "bert-base", "--cache-dir", _cache);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("unknown model 'bert-base' (known: minilm, arctic-xs)", error);
    }

    [SkippableFact]
    public void Pull_MaterialisesOnceThenIsInstant_AndListShowsItCached()
    {
        RequireLocalPackage(EmbeddedModels.MiniLM);
        var (code, output, error) = Run("models", "pull", "minilm", "--cache-dir", _cache);
        Assert.Equal(ExitCodes.Ok, code);
        var folder = output.Trim();
        Assert.Equal(Path.Combine(_cache, "minilm"), folder);
        Assert.Contains("materialising minilm", error);
        foreach (var f in new[] { "config.json", "model.safetensors", "vocab.txt", "tokenizer_config.json", "README.md" })
            Assert.True(File.Exists(Path.Combine(folder, f)), f);
        Assert.Equal(["minilm"], Directory.GetFileSystemEntries(_cache).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var again = Run("models", "pull", "minilm", "--cache-dir", _cache);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"second pull took {watch.ElapsedMilliseconds} ms");
        Assert.Equal((ExitCodes.Ok, folder, ""), (again.Code, again.Out.Trim(), again.Error));

        var list = Run("models", "list", "--cache-dir", _cache);
        Assert.Matches(@"minilm\s+sentence-transformers/all-MiniLM-L6-v2\s+Apache-2.0\s+yes", list.Out);
        Assert.Matches(@"arctic-xs\s+Snowflake/snowflake-arctic-embed-xs\s+Apache-2.0\s+no", list.Out);
    }
}
