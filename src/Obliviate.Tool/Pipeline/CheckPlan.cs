using Obliviate.Reports.Check;
using Obliviate.Reports.Model;

namespace Obliviate.Tool.Pipeline;

/// <summary>What one <c>check</c> runs and where it writes.</summary>
public sealed record CheckPlan
{
    /// <summary>The model as given (a folder or an embedded name).</summary>
    public required string Target { get; init; }

    /// <summary>A subset of <see cref="CheckStepNames.Selectable"/>.</summary>
    public required IReadOnlyList<string> Checks { get; init; }

    /// <summary>The output folder; the adapters go into <c>baseline/</c> and <c>adapter/</c> inside it.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Train the plain-PEFT baseline (the "before" column) as well as the defended adapter.</summary>
    public bool Baseline { get; init; } = true;

    public Verdict FailOn { get; init; } = Verdict.Dangerous;

    public string ToolVersion { get; init; } = "unknown";

    public string BaselineDirectory => Path.Combine(OutputDirectory, "baseline");
    public string AdapterDirectory => Path.Combine(OutputDirectory, "adapter");

    public bool Wants(string check) => Checks.Contains(check, StringComparer.Ordinal);
}
