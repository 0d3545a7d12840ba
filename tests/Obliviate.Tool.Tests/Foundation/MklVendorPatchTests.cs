namespace Obliviate.Tool.Tests.Foundation;

/// <summary>The MKL vendor-check patch of build/TorchNativeFix.targets: where it applies, what it changes, and that it is idempotent.</summary>
public sealed class MklVendorPatchTests
{
    private static string? CachedLibTorch()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(root, "libtorch-cpu-linux-x64");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "libtorch_cpu.so", SearchOption.AllDirectories).FirstOrDefault() : null;
    }

    private static bool Patched(string path)
    {
        using var stream = File.OpenRead(path);
        var offset = ObliviatePatchMklVendorCheck.FindFunction(stream, ObliviatePatchMklVendorCheck.Symbol);
        Assert.NotNull(offset);
        return ObliviatePatchMklVendorCheck.IsPatched(stream, offset!.Value);
    }

    [Fact]
    public void The_test_output_copy_is_patched()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libtorch_cpu.so");
        Assert.True(File.Exists(output), $"expected libtorch at {output}");
        Assert.True(Patched(output));
    }

    [SkippableFact]
    public void The_nuget_cache_copy_is_never_patched()
    {
        var cached = CachedLibTorch();
        Skip.If(cached is null, "libtorch-cpu-linux-x64 is not in the NuGet global packages folder.");
        Assert.False(Patched(cached!));
    }

    [SkippableFact]
    public void The_task_changes_six_bytes_once_and_keeps_the_timestamp()
    {
        var cached = CachedLibTorch();
        Skip.If(cached is null, "libtorch-cpu-linux-x64 is not in the NuGet global packages folder.");
        // A copy of the real library (about 460 MB), as the build's output copy would be.
        using var folder = new Obliviate.Tests.TempFolder();
        var copy = folder["libtorch_cpu.so"];
        long offset;
        using (var source = File.OpenRead(cached!))
        {
            offset = ObliviatePatchMklVendorCheck.FindFunction(source, ObliviatePatchMklVendorCheck.Symbol)!.Value;
            File.Copy(cached!, copy);
        }
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(copy, stamp);
        var task = new ObliviatePatchMklVendorCheck { Files = [new Microsoft.Build.Utilities.TaskItem(copy)], BuildEngine = new NullBuildEngine() };
        Assert.True(task.Execute());
        Assert.True(Patched(copy));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(copy));
        using (var patched = File.OpenRead(copy))
        using (var original = File.OpenRead(cached!))
        {
            var a = new byte[16];
            var b = new byte[16];
            patched.Seek(offset - 5, SeekOrigin.Begin);
            original.Seek(offset - 5, SeekOrigin.Begin);
            patched.ReadExactly(a);
            original.ReadExactly(b);
            Assert.Equal(b[..5], a[..5]);
            Assert.Equal(ObliviatePatchMklVendorCheck.Patch, a[5..11]);
            Assert.Equal(b[11..], a[11..]);
        }
        Assert.True(task.Execute()); // idempotent: already patched, nothing written
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(copy));
    }

    [Fact]
    public void A_library_without_the_symbol_is_left_alone_and_garbage_is_refused()
    {
        using (var self = File.OpenRead("/proc/self/exe"))
            Assert.Null(ObliviatePatchMklVendorCheck.FindFunction(self, ObliviatePatchMklVendorCheck.Symbol));
        using var garbage = new MemoryStream(new byte[128]);
        Assert.Throws<InvalidDataException>(() => ObliviatePatchMklVendorCheck.FindFunction(garbage, ObliviatePatchMklVendorCheck.Symbol));
    }

    private sealed class NullBuildEngine : Microsoft.Build.Framework.IBuildEngine
    {
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "";
        public bool BuildProjectFile(string projectFileName, string[] targetNames, System.Collections.IDictionary globalProperties, System.Collections.IDictionary targetOutputs) => false;
        public void LogCustomEvent(Microsoft.Build.Framework.CustomBuildEventArgs e) { }
        public void LogErrorEvent(Microsoft.Build.Framework.BuildErrorEventArgs e) => throw new InvalidOperationException(e.Message);
        public void LogMessageEvent(Microsoft.Build.Framework.BuildMessageEventArgs e) { }
        public void LogWarningEvent(Microsoft.Build.Framework.BuildWarningEventArgs e) { }
    }
}
