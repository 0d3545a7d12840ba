using Obliviate.Tests;

namespace Obliviate.Tool.Tests.Architecture;

/// <summary>The house's dependency rules, checked against the built assemblies of every project.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Every_project_is_checked()
    {
        var projects = Directory.EnumerateDirectories(Path.Combine(SharedData.RepoRoot, "src"))
            .Select(Path.GetFileName).Where(n => n!.StartsWith("Obliviate.", StringComparison.Ordinal) && n != "Obliviate.MSBuild.Tasks");
        Assert.All(projects, p => Assert.True(DependencyGraph.OurModules.ContainsKey(p!), $"{p} is not in the Tool tests' output; reference it so the rules see it"));
    }

    [Fact]
    public void References_follow_the_rules()
    {
        var violations = DependencyGraph.OurModules
            .SelectMany(m => ArchitectureRules.ReferenceViolations(m.Key, DependencyGraph.AssemblyReferences(m.Value), DependencyGraph.ExternalTypes(m.Value)))
            .ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Scanner_side_assemblies_never_reach_torchsharp_transitively()
    {
        foreach (var start in ArchitectureRules.TorchFree.Where(DependencyGraph.OurModules.ContainsKey))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>([start]);
            while (pending.Count > 0)
            {
                var name = pending.Pop();
                if (!seen.Add(name) || !DependencyGraph.OurModules.TryGetValue(name, out var module)) continue;
                foreach (var r in DependencyGraph.AssemblyReferences(module))
                {
                    Assert.False(r.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase), $"{start} reaches {r} through {name}");
                    pending.Push(r);
                }
            }
        }
    }

    [Fact]
    public void Engine_folders_have_no_dependency_cycles()
    {
        var edges = DependencyGraph.NamespaceEdges(DependencyGraph.OurModules["Obliviate.Engine"], depth: 3);
        Assert.True(edges.Count >= 8, $"only {edges.Count} Engine folders seen");
        // The graph is read, not empty: the defense trains with the shared loop and uses the PEFT modules.
        Assert.Contains("Obliviate.Engine.Training", edges["Obliviate.Engine.Defense"]);
        Assert.Contains("Obliviate.Engine.Peft", edges["Obliviate.Engine.Defense"]);
        var cycles = DependencyGraph.Cycles(edges);
        Assert.True(cycles.Count == 0, "namespace cycles: " + string.Join("; ", cycles.Select(c => string.Join(" ↔ ", c))));
    }

    // The checks themselves, on deliberately broken inputs: each rule must be able to fail.

    [Fact]
    public void The_cycle_check_finds_a_planted_cycle()
    {
        var edges = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A.Training"] = new HashSet<string> { "A.Defense", "A.Models" },
            ["A.Defense"] = new HashSet<string> { "A.Training" },
            ["A.Models"] = new HashSet<string>(),
            ["A.Peft"] = new HashSet<string> { "A.Classification" },
            ["A.Classification"] = new HashSet<string> { "A.Models" },
        };
        var cycles = DependencyGraph.Cycles(edges);
        Assert.Equal(["A.Defense", "A.Training"], Assert.Single(cycles));
        ((HashSet<string>)edges["A.Classification"]).Add("A.Peft");
        Assert.Equal(2, DependencyGraph.Cycles(edges).Count);
    }

    [Theory]
    [InlineData("Obliviate.Reports", "Obliviate.Formats", "", "references Obliviate.Formats")]
    [InlineData("Obliviate.Scanner", "Obliviate.Engine", "", "references Obliviate.Engine")]
    [InlineData("Obliviate.Scanner", "TorchSharp", "", "libtorch")]
    [InlineData("Obliviate.Engine", "System.CommandLine", "", "only the Tool")]
    [InlineData("Obliviate.Engine", "Spectre.Console", "", "only the Tool")]
    [InlineData("Obliviate.Scanner", "System.Runtime", "System.Console", "System.Console")]
    [InlineData("Obliviate.MSBuild.ScanHost", "Obliviate.Engine", "", "references Obliviate.Engine")]
    [InlineData("Obliviate.MSBuild.ScanHost", "System.CommandLine", "", "only the Tool")]
    [InlineData("Obliviate.MSBuild.ScanHost", "TorchSharp", "", "libtorch")]
    public void The_reference_rules_catch_a_planted_reference(string assembly, string reference, string externalType, string expected)
    {
        var violations = ArchitectureRules.ReferenceViolations(assembly, [reference],
            new HashSet<string>(externalType.Length > 0 ? [externalType] : [])).ToList();
        Assert.Contains(violations, v => v.Contains(expected, StringComparison.Ordinal));
        Assert.Empty(ArchitectureRules.ReferenceViolations("Obliviate.Tool", ["System.CommandLine", "Obliviate.Engine"], new HashSet<string> { "System.Console" }));
    }

    [Fact]
    public void The_scan_host_may_write_to_the_console_and_reference_the_scanner() =>
        Assert.Empty(ArchitectureRules.ReferenceViolations("Obliviate.MSBuild.ScanHost", ["Obliviate.Scanner", "Obliviate.Reports"],
            new HashSet<string> { "System.Console" }));
}
