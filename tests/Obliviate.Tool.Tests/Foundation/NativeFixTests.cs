namespace Obliviate.Tool.Tests.Foundation;

/// <summary>The GLIBCXX_3.4.32 fix of build/TorchNativeFix.targets: what it changes, where, and that it is idempotent.</summary>
public sealed class NativeFixTests
{
    private const string Version = "GLIBCXX_3.4.32";

    private static string? CachedNative()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                   ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        return File.Exists(path) ? path : null;
    }

    private static bool HostHasVersion() =>
        new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }
            .Where(File.Exists)
            .Any(p => File.ReadAllText(p, System.Text.Encoding.Latin1).Contains(Version + "\0", StringComparison.Ordinal));

    [SkippableFact]
    public void Weaken_sets_the_flag_once_and_is_idempotent()
    {
        var cached = CachedNative();
        Skip.If(cached is null, "TorchSharp 0.107.0 is not in the NuGet global packages folder.");
        var bytes = File.ReadAllBytes(cached!);
        var original = (byte[])bytes.Clone();

        Assert.True(ObliviateWeakenGlibcxxNeed.Weaken(bytes, Version));
        Assert.False(ObliviateWeakenGlibcxxNeed.Weaken(bytes, Version));

        // Exactly one byte (the low byte of vna_flags) differs, by the VER_FLG_WEAK bit.
        var diffs = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != original[i]).ToArray();
        var at = Assert.Single(diffs);
        Assert.Equal(0x2, bytes[at] ^ original[at]);
    }

    [SkippableFact]
    public void The_nuget_cache_copy_is_never_patched()
    {
        var cached = CachedNative();
        Skip.If(cached is null, "TorchSharp 0.107.0 is not in the NuGet global packages folder.");
        Assert.True(ObliviateWeakenGlibcxxNeed.Weaken(File.ReadAllBytes(cached!), Version));
    }

    [Fact]
    public void The_output_copy_is_patched_when_the_host_needs_it()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(output), $"expected the TorchSharp native at {output}");
        var changed = ObliviateWeakenGlibcxxNeed.Weaken(File.ReadAllBytes(output), Version);
        if (HostHasVersion()) Assert.True(changed, "a host with GLIBCXX_3.4.32 must get the library as shipped");
        else Assert.False(changed, "a host without GLIBCXX_3.4.32 must get the patched library");
    }

    [Fact]
    public void A_library_without_that_version_need_is_left_alone()
    {
        // The test host's own ELF executable has no GLIBCXX_3.4.32 need.
        var elf = File.ReadAllBytes("/proc/self/exe");
        Assert.Null(ObliviateWeakenGlibcxxNeed.Weaken(elf, Version));
    }

    [Fact]
    public void Garbage_is_rejected_not_crashed_on()
    {
        Assert.Throws<InvalidDataException>(() => ObliviateWeakenGlibcxxNeed.Weaken(new byte[100], Version));
        var truncated = File.ReadAllBytes("/proc/self/exe").AsSpan(0, 200).ToArray();
        Assert.Throws<InvalidDataException>(() => ObliviateWeakenGlibcxxNeed.Weaken(truncated, Version));
    }
}
