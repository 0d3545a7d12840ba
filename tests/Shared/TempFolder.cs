using System.Text;

namespace Obliviate.Tests;

/// <summary>A private scratch folder under the system temp directory, deleted on dispose. The one temp-folder helper of every test project.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "obliviate-tests")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The absolute path of <paramref name="relative"/> inside the folder (not created).</summary>
    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Writes <paramref name="data"/> byte for byte, creating sub-folders; returns the absolute path.</summary>
    public string Write(string relative, byte[] data)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, data);
        return full;
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a BOM, line ends as given.</summary>
    public string Write(string relative, string text) => Write(relative, new UTF8Encoding(false).GetBytes(text));

    /// <summary>Creates a named pipe with mkfifo(1); skips the test where there is none (Windows).</summary>
    public string MakeFifo(string relative)
    {
        Skip.If(OperatingSystem.IsWindows(), "named pipes in a folder need a Unix file system");
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [full]);
        mkfifo.WaitForExit();
        Skip.If(mkfifo.ExitCode != 0, "mkfifo failed");
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
