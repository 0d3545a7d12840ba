namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// Finds the installed <c>dotnet-obliviate</c> tool the probe runs, as <c>dotnet obliviate</c> would: a path the project
/// names (ObliviateToolPath), a local tool manifest (.config/dotnet-tools.json) in the project folder or above that lists
/// it, or a global tool (PATH, then ~/.dotnet/tools). The probe loads libtorch, so it runs only in that separate process,
/// never in the build host (docs/msbuild.md, "Trigger probe").
/// </summary>
internal static class ObliviateToolLocator
{
    public const string CommandName = "dotnet-obliviate";

    /// <returns>The command, or null when the tool is not installed.</returns>
    public static ToolCommand? Find(string? toolPath, string projectDirectory, string? dotnet, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(toolPath)) return File.Exists(toolPath) ? new ToolCommand(toolPath!, "", $"ObliviateToolPath {toolPath}") : null;
        if (dotnet is not null && LocalManifest(projectDirectory) is { } manifest)
            return new ToolCommand(dotnet, "obliviate", $"the local tool manifest {manifest}");
        var name = ExecutableSearch.FileName(CommandName);
        if (ExecutableSearch.OnPath(name, environment) is { } onPath) return new ToolCommand(onPath, "", onPath);
        var home = environment("HOME") ?? environment("USERPROFILE");
        if (string.IsNullOrEmpty(home)) return null;
        var global = Path.Combine(home, ".dotnet", "tools", name);
        return File.Exists(global) ? new ToolCommand(global, "", global) : null;
    }

    /// <summary>The nearest dotnet-tools.json at or above <paramref name="directory"/> that lists the tool, or null.</summary>
    private static string? LocalManifest(string directory)
    {
        for (var dir = string.IsNullOrEmpty(directory) ? null : new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, ".config", "dotnet-tools.json"), Path.Combine(dir.FullName, "dotnet-tools.json") })
            {
                try
                {
                    if (File.Exists(candidate) && File.ReadAllText(candidate).Contains("\"" + CommandName + "\"")) return candidate;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // An unreadable manifest lists nothing we can use.
                }
            }
        }
        return null;
    }
}
