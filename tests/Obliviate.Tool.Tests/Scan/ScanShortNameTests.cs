using System.Text.Json;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Tool.Tests.Models;

namespace Obliviate.Tool.Tests.Scan;

/// <summary>The README says short model names work wherever a model goes: scan included.</summary>
public sealed class ScanShortNameTests
{
    [SkippableFact]
    public void Scan_accepts_an_embedded_model_name()
    {
        ModelsCommandTests.RequireLocalPackage(EmbeddedModels.MiniLM);
        var (code, stdout, error) = ToolRun.Run("scan", "minilm", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("clean", json.RootElement.GetProperty("verdict").GetString());
        Assert.Contains(json.RootElement.GetProperty("files").EnumerateArray(), f => f.GetProperty("path").GetString() == "model.safetensors");
    }

    [Fact]
    public void An_unknown_name_is_an_error_that_says_what_is_accepted()
    {
        var (code, _, error) = ToolRun.Run("scan", "not-a-model-name");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("known model name", error, StringComparison.Ordinal);
    }
}
