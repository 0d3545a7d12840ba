namespace Obliviate.Tool.Tests.Foundation;

/// <summary>Exit codes and usage behaviour shared by every command.</summary>
public sealed class CliTests
{
    private static (int Code, string Out, string Error) Run(params string[] args) => ToolRun.Run(args);

    [Fact]
    public void Help_lists_the_commands_and_exits_0()
    {
        var (code, output, _) = Run("--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("doctor", output);
    }

    [Fact]
    public void Unknown_option_exits_4_with_usage()
    {
        var (code, output, error) = Run("doctor", "--no-such-option");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--no-such-option", error);
        // A short message and a pointer to --help on standard error; standard output stays clean for results.
        Assert.Contains("Run 'dotnet obliviate doctor --help' for usage.", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Unknown_command_exits_4()
    {
        var (code, _, _) = Run("frobnicate");
        Assert.Equal(ExitCodes.Usage, code);
    }

    [Fact]
    public void Bad_option_value_exits_4_and_names_the_choices()
    {
        var (code, _, error) = Run("doctor", "--device", "gpu");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("auto, cpu or cuda", error);
    }

    [Fact]
    public void Doctor_reports_a_healthy_runtime()
    {
        var (code, output, error) = Run("doctor");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("torchsharp    0.107.0", output);
        Assert.Contains("libtorch-cpu-linux-x64 2.10.0", output);
        Assert.Contains("tensor check  ok", output);
        Assert.Contains($"threads       {Environment.ProcessorCount}", output);
    }

    [SkippableFact]
    public void Doctor_fails_with_exit_2_when_cuda_is_demanded_but_absent()
    {
        Skip.If(Obliviate.Engine.Runtime.TorchRuntime.Probe().CudaAvailable, "this machine has CUDA");
        var (code, _, error) = Run("doctor", "--device", "cuda");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("CUDA was requested but is not available", error);
    }

    [Fact]
    public void Doctor_json_is_machine_readable()
    {
        var (code, output, _) = Run("doctor", "--json");
        Assert.Equal(ExitCodes.Ok, code);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("torch").GetProperty("healthy").GetBoolean());
    }
}
