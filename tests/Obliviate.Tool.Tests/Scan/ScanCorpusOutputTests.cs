using System.Text.Json;
using Json.Schema;
using Obliviate.Tests;

namespace Obliviate.Tool.Tests.Scan;

/// <summary>The renderers over a real scan of the whole fixture corpus (real messages, evidence and odd files).</summary>
public sealed class ScanCorpusOutputTests
{
    private static (int Code, string Out) Scan(string target, string format)
    {
        var (code, output, _) = ToolRun.Run("scan", target, "--format", format);
        return (code, output);
    }

    [SkippableFact]
    public void Sarif_of_the_corpus_validates_against_the_SARIF_2_1_0_schema()
    {
        var corpus = SharedData.Require("modelfiles");
        var schema = JsonSchema.FromText(File.ReadAllText(SharedData.Require("schemas/sarif-schema-2.1.0.json")),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var (code, sarif) = Scan(corpus, "sarif");
        Assert.Equal(ExitCodes.Findings, code);
        using var doc = JsonDocument.Parse(sarif);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(20)));
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.True(results.GetArrayLength() > 50, $"only {results.GetArrayLength()} results over the corpus");
        Assert.All(results.EnumerateArray(), r => Assert.Matches("^OBL[0-9]{3}$", r.GetProperty("ruleId").GetString()!));
    }

    [SkippableFact]
    public void Json_of_the_corpus_lists_every_file_with_a_relative_path_and_a_verdict_word()
    {
        var corpus = SharedData.Require("modelfiles");
        var (_, json) = Scan(corpus, "json");
        using var doc = JsonDocument.Parse(json);
        var files = doc.RootElement.GetProperty("files").EnumerateArray().ToList();
        var onDisk = Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories).Count();
        Assert.Equal(onDisk, files.Count);
        Assert.Equal("dangerous", doc.RootElement.GetProperty("verdict").GetString());
        Assert.All(files, f =>
        {
            Assert.False(Path.IsPathRooted(f.GetProperty("path").GetString()));
            Assert.Contains(f.GetProperty("verdict").GetString(), new[] { "clean", "suspicious", "dangerous", "inconclusive", "skipped" });
        });
    }
}
