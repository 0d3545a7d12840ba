using System.Diagnostics;
using System.Text.Json;

namespace Obliviate.Tool.Tests.Scan;

/// <summary>`scan --timeout` bounds the whole scan even when the folder holds a FIFO (which used to block the scan forever).</summary>
public sealed class ScanSpecialFilesTests
{
    [SkippableFact]
    public void A_fifo_inside_the_scanned_folder_returns_within_the_timeout()
    {
        Skip.If(OperatingSystem.IsWindows(), "named pipes in a folder need a Unix file system");
        using var folder = ScanFixtures.Folder(("model.safetensors", ScanFixtures.SafeTensors()));
        using (var mkfifo = Process.Start("mkfifo", [Path.Combine(folder.Path, "pipe.bin")]))
        {
            mkfifo.WaitForExit();
            Skip.If(mkfifo.ExitCode != 0, "mkfifo failed");
        }
        var watch = Stopwatch.StartNew();
        var run = Task.Run(() => ToolRun.Run("scan", folder.Path, "--timeout", "5s", "--format", "json"));
        Assert.True(run.Wait(TimeSpan.FromSeconds(30)), "scan did not return");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"scan took {watch.Elapsed.TotalSeconds:0.0} s");
        var (code, stdout, _) = run.Result;
        using var report = JsonDocument.Parse(stdout);
        var pipe = report.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "pipe.bin");
        Assert.Equal(("fifo", "skipped"), (pipe.GetProperty("format").GetString(), pipe.GetProperty("verdict").GetString()));
        Assert.Equal(ExitCodes.Ok, code);
    }
}
