using System.Diagnostics;
using Obliviate.Tool.Tests.Defend;

namespace Obliviate.Tool.Tests.Foundation;

/// <summary>SIGTERM (kill, docker stop, a cancelled CI job) ends training like Ctrl+C: a checkpoint, the resume command, exit 2.</summary>
[Collection(DefendCollection.Name)]
public sealed class SignalTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Sigterm_leaves_a_checkpoint_and_resume_finishes_the_run()
    {
        using var world = new TinyModelFolder();
        var output = Path.Combine(world.Root, "adapter");
        string[] args = ["defend", world.ModelDir, "--train", world.TrainPath, "--eval", world.EvalPath, "--epochs", "60", "--max-length", "16",
            "--device", "cpu", "-o", output];
        var tool = Path.Combine(AppContext.BaseDirectory, "dotnet-obliviate.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args.Prepend(tool)) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        var planned = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data?.StartsWith("plan:", StringComparison.Ordinal) == true) planned.TrySetResult();
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        await planned.Task.WaitAsync(TimeSpan.FromMinutes(2));
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        string log;
        lock (stderr) log = stderr.ToString();
        Assert.True(process.ExitCode == ExitCodes.Error, $"exit {process.ExitCode}: {log}");
        Assert.Contains("--resume", log, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, Obliviate.Engine.Training.TrainingCheckpoint.FileName)), log);

        var (code, stdout, error) = ToolRun.Run([.. args, "--resume"]);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("CACC", stdout, StringComparison.Ordinal);
    }
}
