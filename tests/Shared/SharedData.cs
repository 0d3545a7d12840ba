namespace Obliviate.Tests;

/// <summary>
/// Locates the read-only evaluation data that lives beside the repository (<c>../shared/data</c>) and the repository root.
/// Tests that need it call <see cref="Require"/>, which skips the test with a clear message when the folder is absent
/// (a user's clone has no ../shared).
/// </summary>
public static class SharedData
{
    /// <summary>The repository root: the nearest ancestor of the test binary that holds Obliviate.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Root => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>The absolute path of <paramref name="relative"/> under shared/data; skips the test when it is missing.</summary>
    public static string Require(string relative)
    {
        var path = Path.Combine(Root, relative);
        Skip.IfNot(File.Exists(path) || Directory.Exists(path),
            $"shared data not found at {path}: this test needs the ../shared/data folder beside the repository.");
        return path;
    }

    private static string FindRepoRoot()
    {
        var baked = typeof(SharedData).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ObliviateRepoRoot")?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "Obliviate.sln"))) return Path.GetFullPath(baked);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Obliviate.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Obliviate.sln not found above " + AppContext.BaseDirectory);
    }
}
