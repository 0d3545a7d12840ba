using System.Runtime.InteropServices;

namespace Obliviate.MSBuild.Tasks;

/// <summary>Finds executables the tasks start: the dotnet host and the installed dotnet-obliviate tool.</summary>
internal static class ExecutableSearch
{
    private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    /// <summary>"dotnet" or "dotnet.exe": a program's file name on this OS.</summary>
    public static string FileName(string command) => IsWindows ? command + ".exe" : command;

    /// <summary>
    /// The dotnet host: the configured path, else DOTNET_HOST_PATH (the dotnet CLI sets it for tasks that start .NET
    /// programs), else DOTNET_ROOT, else PATH (Visual Studio's MSBuild may set neither variable); null when there is none.
    /// </summary>
    public static string? DotNetHost(string? configured, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured)) return configured;
        var hostPath = environment("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath)) return hostPath;
        var root = environment("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, FileName("dotnet")))) return Path.Combine(root, FileName("dotnet"));
        return OnPath(FileName("dotnet"), environment);
    }

    /// <summary>The first <paramref name="fileName"/> in a folder of PATH, or null.</summary>
    public static string? OnPath(string fileName, Func<string, string?> environment)
    {
        foreach (var folder in (environment("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Length == 0) continue;
            try
            {
                var candidate = Path.Combine(folder.Trim('"'), fileName);
                if (File.Exists(candidate)) return candidate;
            }
            catch (ArgumentException)
            {
                // A PATH entry with characters no path may hold: not a folder to look in.
            }
        }
        return null;
    }
}
