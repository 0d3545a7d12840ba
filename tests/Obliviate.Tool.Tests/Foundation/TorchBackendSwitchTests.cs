using Obliviate.Tests;
using System.Diagnostics;
using System.Text.Json;

namespace Obliviate.Tool.Tests.Foundation;

/// <summary>
/// -p:TorchBackend=cuda swaps the native package. The CUDA packages cannot be restored on these machines, so the project is
/// evaluated (not restored) and its PackageReference items are inspected.
/// </summary>
public sealed class TorchBackendSwitchTests
{
    private static IReadOnlyList<string> PackageReferences(string backend)
    {
        var project = Path.Combine(SharedData.RepoRoot, "src", "Obliviate.Tool", "Obliviate.Tool.csproj");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "msbuild", project, "-getItem:PackageReference", $"-p:TorchBackend={backend}", "-nologo" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = SharedData.RepoRoot,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "dotnet msbuild did not finish in 2 minutes");
        Assert.True(process.ExitCode == 0, $"dotnet msbuild exited {process.ExitCode}: {stdout}{stderr}");
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray()
            .Select(item => item.GetProperty("Identity").GetString()!)
            .ToArray();
    }

    [Fact]
    public void Cpu_is_the_default_backend()
    {
        var refs = PackageReferences("cpu");
        Assert.Contains("libtorch-cpu-linux-x64", refs);
        Assert.DoesNotContain("TorchSharp-cuda-linux", refs);
    }

    [Fact]
    public void Cuda_swaps_the_native_package()
    {
        var refs = PackageReferences("cuda");
        Assert.Contains("TorchSharp-cuda-linux", refs);
        Assert.DoesNotContain("libtorch-cpu-linux-x64", refs);
    }
}
