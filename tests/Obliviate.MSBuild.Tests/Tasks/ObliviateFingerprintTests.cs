extern alias tasks;
using Microsoft.Build.Utilities;
using Obliviate.Tests;
using tasks::Obliviate.MSBuild.Tasks;

namespace Obliviate.MSBuild.Tests.Tasks;

public sealed class ObliviateFingerprintTests
{
    private static bool Run(TempFolder dir, string settings, params string[] files)
    {
        var task = new ObliviateFingerprint
        {
            BuildEngine = new FakeBuildEngine(), Files = [.. files.Select(f => new TaskItem(f))], Settings = settings,
            CacheFile = dir["obj/hashes.cache"], FingerprintFile = dir["obj/inputs.fingerprint"],
        };
        Assert.True(task.Execute());
        return task.Changed;
    }

    [Fact]
    public void Only_new_bytes_or_new_settings_change_the_fingerprint_file()
    {
        using var dir = new TempFolder();
        var model = dir.Write("m.onnx", "first");
        Assert.True(Run(dir, "failon=dangerous", model));
        var written = File.GetLastWriteTimeUtc(dir["obj/inputs.fingerprint"]);

        Assert.False(Run(dir, "failon=dangerous", model));
        File.SetLastWriteTimeUtc(model, DateTime.UtcNow.AddMinutes(5));
        Assert.False(Run(dir, "failon=dangerous", model));
        Assert.Equal(written, File.GetLastWriteTimeUtc(dir["obj/inputs.fingerprint"]));

        File.WriteAllText(model, "other");
        Assert.True(Run(dir, "failon=dangerous", model));
        Assert.True(Run(dir, "failon=suspicious", model));
        Assert.Contains(model, File.ReadAllText(dir["obj/inputs.fingerprint"]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_counts_and_the_cache_forgets_files_no_longer_listed()
    {
        using var dir = new TempFolder();
        var a = dir.Write("a.onnx", "a");
        var b = dir.Write("b.onnx", "b");
        Assert.True(Run(dir, "", a, b));
        Assert.Contains(b, File.ReadAllText(dir["obj/hashes.cache"]), StringComparison.Ordinal);
        Assert.True(Run(dir, "", a));
        Assert.DoesNotContain(b, File.ReadAllText(dir["obj/hashes.cache"]), StringComparison.Ordinal);
        Assert.True(Run(dir, "", a, dir["gone.onnx"]));
        Assert.Contains("missing  " + dir["gone.onnx"], File.ReadAllText(dir["obj/inputs.fingerprint"]), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_fifo_among_the_models_is_never_opened()
    {
        using var dir = new TempFolder();
        var fifo = dir.MakeFifo("weights.bin");
        var run = System.Threading.Tasks.Task.Run(() => Run(dir, "", fifo));
        Assert.True(run.Wait(TimeSpan.FromSeconds(20)), "hashing opened the FIFO and blocked");
    }
}
