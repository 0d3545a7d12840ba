using System.Reflection;
using System.Text.Json;
using Obliviate.Tests;

namespace Obliviate.Scanner.Tests;

/// <summary>
/// The scanner must run where libtorch cannot load and must never be able to unpickle: no TorchSharp under
/// Scanner/Formats/Reports, and no pickle library anywhere in any project's dependency graph.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] PickleLibraries = ["Razorvine", "Pickle", "Unpickl", "Pickling"];

    [Theory]
    [InlineData("Obliviate.Scanner")]
    [InlineData("Obliviate.Formats")]
    [InlineData("Obliviate.Reports")]
    public void Scanner_side_assemblies_never_reference_torchsharp(string assembly)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<AssemblyName>([new AssemblyName(assembly)]);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!seen.Add(name.Name!)) continue;
            Assert.False(name.Name!.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase), $"{assembly} reaches {name.Name}");
            Assert.DoesNotContain(PickleLibraries, p => name.Name.Contains(p, StringComparison.OrdinalIgnoreCase));
            if (!name.Name.StartsWith("Obliviate.", StringComparison.Ordinal)) continue;
            foreach (var r in Assembly.Load(name).GetReferencedAssemblies()) pending.Push(r);
        }
        Assert.True(seen.Count > 1, $"no references walked from {assembly}");
    }

    [Fact]
    public void Scanner_project_references_only_formats_and_reports()
    {
        var refs = Assembly.Load("Obliviate.Scanner").GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("Obliviate.", StringComparison.Ordinal));
        Assert.Equal(["Obliviate.Formats", "Obliviate.Reports"], refs.Order());
        Assert.DoesNotContain(Assembly.Load("Obliviate.Formats").GetReferencedAssemblies(), a => a.Name!.StartsWith("Obliviate.", StringComparison.Ordinal));
    }

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
