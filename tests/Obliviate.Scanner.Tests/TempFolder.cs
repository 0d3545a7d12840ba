namespace Obliviate.Scanner.Tests;

/// <summary>A scratch folder under the system temp directory, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "obliviate-scan-" + Guid.NewGuid().ToString("N"));

    public string Write(string relative, byte[] data)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, data);
        return full;
    }

    public string Write(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Creates a named pipe with mkfifo(1); skips the test where there is none (Windows).</summary>
    public string MakeFifo(string relative)
    {
        Skip.If(OperatingSystem.IsWindows(), "named pipes in a folder need a Unix file system");
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [full]);
        mkfifo.WaitForExit();
        Skip.If(mkfifo.ExitCode != 0, "mkfifo failed");
        return full;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
