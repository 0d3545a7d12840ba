using System.Text.Json;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Tool.Tests.Models;

namespace Obliviate.Tool.Tests.Scan;

/// <summary>
/// No false statements on the tool's own models: scanning the materialised embedded model folders reports no finding
/// above the lowest level, a clean verdict, and no note claiming a file is broken (issue 11: every BERT vocab.txt was
/// called "not valid JSON … loaders reject it" because it starts with "[PAD]").
/// </summary>
public sealed class ScanEmbeddedModelsTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("obliviate-scan-embedded-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [SkippableTheory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public void The_embedded_model_folder_scans_clean_with_no_false_statements(string shortName)
    {
        var model = EmbeddedModels.Find(shortName)!;
        ModelsCommandTests.RequireLocalPackage(model);
        var folder = EmbeddedModelStore.Materialize(model, _cache, new EmbeddedPackageOptions { AllowDownload = false });

        var (code, stdout, _) = ToolRun.Run("scan", folder, "--format", "json");
        using var report = JsonDocument.Parse(stdout);
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToList();
        var aboveLow = files.SelectMany(f => f.GetProperty("findings").EnumerateArray())
            .Where(f => f.GetProperty("severity").GetString() != "low")
            .Select(f => $"{f.GetProperty("ruleId").GetString()} {f.GetProperty("message").GetString()}").ToList();
        Assert.Empty(aboveLow);
        Assert.Equal("clean", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(files, f => f.GetProperty("path").GetString() == "vocab.txt");
        foreach (var f in files)
        {
            var note = f.TryGetProperty("note", out var n) ? n.GetString() ?? "" : "";
            Assert.DoesNotContain("not valid JSON", note, StringComparison.Ordinal);
            Assert.DoesNotContain("reject", note, StringComparison.Ordinal);
        }
    }
}
