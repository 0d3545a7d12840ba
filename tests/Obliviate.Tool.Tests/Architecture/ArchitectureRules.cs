namespace Obliviate.Tool.Tests.Architecture;

/// <summary>
/// The dependency rules of the house (docs/architecture.md), as data over the facts <see cref="DependencyGraph"/> reads, so the
/// checks themselves can be tested on deliberately broken inputs.
/// </summary>
internal static class ArchitectureRules
{
    /// <summary>Which of our assemblies each of ours may reference (Tool is the composition root and may reference all).</summary>
    public static IReadOnlyDictionary<string, string[]> AllowedOurReferences { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Obliviate.Formats"] = [],
        ["Obliviate.Reports"] = [],
        // The HTML report: Markdig and ScottPlot (SkiaSharp natives) live here, away from the scanner side.
        ["Obliviate.Reports.Html"] = ["Obliviate.Reports"],
        ["Obliviate.Scanner"] = ["Obliviate.Formats", "Obliviate.Reports"],
        ["Obliviate.Engine"] = ["Obliviate.Formats", "Obliviate.Reports"],
        ["Obliviate.GitHub"] = ["Obliviate.Reports"],
        // The scan-only program the MSBuild package runs out of process (docs/msbuild.md): the scanner and nothing else.
        ["Obliviate.MSBuild.ScanHost"] = ["Obliviate.Scanner", "Obliviate.Formats", "Obliviate.Reports"],
    };

    /// <summary>Libraries that only the composition root (the Tool) may reference.</summary>
    public static IReadOnlyList<string> ToolOnlyLibraries { get; } = ["System.CommandLine", "Spectre.Console"];

    /// <summary>
    /// The composition roots, the only assemblies that write to the console. Besides the Tool, the MSBuild scan host is a
    /// second program: its standard output is the line protocol its task reads (file: error OBL0xx: message), so it must
    /// write there; it still takes no part in System.CommandLine or Spectre.Console.
    /// </summary>
    public static IReadOnlyList<string> ConsoleWriters { get; } = ["Obliviate.Tool", "Obliviate.MSBuild.ScanHost"];

    /// <summary>Assemblies that must load where libtorch cannot.</summary>
    public static IReadOnlyList<string> TorchFree { get; } =
        ["Obliviate.Formats", "Obliviate.Reports", "Obliviate.Reports.Html", "Obliviate.Scanner", "Obliviate.GitHub", "Obliviate.MSBuild.ScanHost"];

    /// <summary>Violations of the reference rules by <paramref name="assembly"/>, given what it references.</summary>
    public static IEnumerable<string> ReferenceViolations(string assembly, IReadOnlyList<string> references, IReadOnlySet<string> externalTypes)
    {
        if (AllowedOurReferences.TryGetValue(assembly, out var allowed))
        {
            foreach (var r in references.Where(r => r.StartsWith("Obliviate.", StringComparison.Ordinal) && !allowed.Contains(r)))
                yield return $"{assembly} references {r} (allowed: {(allowed.Length == 0 ? "none of ours" : string.Join(", ", allowed))})";
        }
        if (assembly == "Obliviate.Tool") yield break;
        foreach (var r in references.Where(r => ToolOnlyLibraries.Any(l => r.StartsWith(l, StringComparison.Ordinal))))
            yield return $"{assembly} references {r}, which only the Tool may use";
        if (externalTypes.Contains("System.Console") && !ConsoleWriters.Contains(assembly))
            yield return $"{assembly} uses System.Console; only the Tool writes to the console";
        if (TorchFree.Contains(assembly))
        {
            foreach (var r in references.Where(r => r.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase)))
                yield return $"{assembly} references {r}; it must work where libtorch cannot load";
        }
    }
}
