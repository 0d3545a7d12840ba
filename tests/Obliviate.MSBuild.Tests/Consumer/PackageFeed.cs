using Obliviate.Tests;

namespace Obliviate.MSBuild.Tests.Consumer;

/// <summary>
/// The Obliviate.MSBuild package packed once from this repository into a local folder feed, and a private NuGet package
/// folder for the consumer projects, so a package from an earlier run can never be reused from the user's cache and no
/// restore needs a network source.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    private readonly TempFolder _root = new("obliviate-msbuild-feed");

    public PackageFeed()
    {
        Feed = _root["feed"];
        Packages = _root["packages"];
        var project = Path.Combine(SharedData.RepoRoot, "src", "Obliviate.MSBuild.Tasks", "Obliviate.MSBuild.Tasks.csproj");
        var (code, output) = DotNetCli.Run(["pack", project, "-c", "Debug", "-o", Feed, "-nologo"], SharedData.RepoRoot,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(10));
        if (code != 0) throw new InvalidOperationException($"dotnet pack of Obliviate.MSBuild failed ({code}):\n{output}");
        Package = Directory.GetFiles(Feed, "Obliviate.MSBuild.*.nupkg").Single();
        Version = Path.GetFileNameWithoutExtension(Package)["Obliviate.MSBuild.".Length..];
    }

    public string Feed { get; }

    public string Packages { get; }

    public string Package { get; }

    public string Version { get; }

    public void Dispose() => _root.Dispose();
}
