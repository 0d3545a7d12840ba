using System.Text.Json;
using Obliviate.Tests;

namespace Obliviate.Scanner.Tests;

/// <summary>
/// The scanner must never be able to unpickle: no pickle library anywhere in any project's dependency graph. (The
/// project-level dependency rules, TorchSharp included, are checked by the Tool tests' ArchitectureTests.)
/// </summary>
public sealed class PickleLibraryTests
{
    private static readonly string[] PickleLibraries = ["Razorvine", "Pickle", "Unpickl", "Pickling"];

    [Fact]
    public void No_pickle_library_in_this_test_dependency_graph()
    {
        var deps = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.deps.json").ToList();
        Assert.NotEmpty(deps);
        foreach (var file in deps)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var libraries = doc.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
            Assert.DoesNotContain(libraries, l => PickleLibraries.Any(p => l.Contains(p, StringComparison.OrdinalIgnoreCase)));
            Assert.DoesNotContain(libraries, l => l.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void No_project_or_restore_graph_names_a_pickle_library()
    {
        var root = SharedData.RepoRoot;
        var files = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "Directory.Packages.props"))
            .Concat(AssetFiles(root))
            .ToList();
        Assert.Contains(files, f => f.EndsWith("project.assets.json", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (var lib in new[] { "Razorvine", "Pickle\"", "Pickle/" })
                Assert.False(text.Contains(lib, StringComparison.OrdinalIgnoreCase), $"{file} mentions {lib}");
        }
    }

    /// <summary>Restore graphs of every project, wherever this build put them (in-tree obj/ or an --artifacts-path).</summary>
    private static IEnumerable<string> AssetFiles(string root)
    {
        var inTree = Directory.EnumerateFiles(Path.Combine(root, "src"), "project.assets.json", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "tests"), "project.assets.json", SearchOption.AllDirectories));
        // <artifacts>/bin/<project>/<config>/ → <artifacts>/obj/*/project.assets.json
        var artifactsObj = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "obj"));
        var artifacts = Directory.Exists(artifactsObj)
            ? Directory.EnumerateFiles(artifactsObj, "project.assets.json", SearchOption.AllDirectories)
            : [];
        return inTree.Concat(artifacts).Distinct();
    }
}
