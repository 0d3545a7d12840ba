using Obliviate.Tests;
using System.Diagnostics;

namespace Obliviate.Tool.Tests.Foundation;

/// <summary>
/// The real distribution path: dotnet pack, dotnet tool install from a local folder, and the installed tool's doctor
/// (natives load from the installed layout, patched where the host needs it). Also keeps the package under nuget.org's limit.
/// </summary>
public sealed class ToolPackageTests
{
    private const long NuGetOrgLimitBytes = 250L * 1024 * 1024;

    [Fact]
    [Trait("Category", "Slow")]
    public void Packed_tool_installs_and_its_doctor_passes()
    {
        var work = Directory.CreateTempSubdirectory("obliviate-pack-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var tools = Path.Combine(work.FullName, "tools");
            var project = Path.Combine(SharedData.RepoRoot, "src", "Obliviate.Tool", "Obliviate.Tool.csproj");

            Run("dotnet", ["pack", project, "-c", "Release", "-o", feed, "--artifacts-path", Path.Combine(work.FullName, "artifacts"), "-nologo"],
                TimeSpan.FromMinutes(10));
            var packages = Directory.GetFiles(feed, "*.nupkg");
            var names = packages.Select(Path.GetFileName).ToArray();
            // .NET 10 RID-specific tool: a small pointer package plus the linux-x64 package that carries the natives.
            Assert.Contains(names, n => n!.StartsWith("Obliviate.Tool.linux-x64.", StringComparison.Ordinal));
            Assert.Contains(names, n => n!.StartsWith("Obliviate.Tool.", StringComparison.Ordinal) && !n.Contains("linux-x64", StringComparison.Ordinal));
            foreach (var package in packages)
            {
                var size = new FileInfo(package).Length;
                Assert.True(size < NuGetOrgLimitBytes, $"{Path.GetFileName(package)} is {size / 1048576.0:F1} MB, over nuget.org's 250 MB limit");
            }

            Run("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", feed, "Obliviate.Tool"], TimeSpan.FromMinutes(5));
            var output = Run(Path.Combine(tools, "dotnet-obliviate"), ["doctor"], TimeSpan.FromMinutes(2));
            Assert.Contains("tensor check  ok", output);
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { /* best effort */ }
        }
    }

    private static string Run(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} timed out after {timeout}");
        }
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
