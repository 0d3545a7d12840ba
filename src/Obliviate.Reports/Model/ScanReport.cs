namespace Obliviate.Reports.Model;

/// <summary>The result of one scan: plain data, rendered by the renderers in Obliviate.Reports.</summary>
public sealed record ScanReport : Report
{
    public override string Kind => "scan";

    /// <summary>What the user asked to scan (path or hf://...).</summary>
    public required string Target { get; init; }

    /// <summary>Overall: dangerous &gt; inconclusive &gt; suspicious &gt; clean; all skipped/empty → skipped.</summary>
    public required Verdict Verdict { get; init; }

    public required IReadOnlyList<FileResult> Files { get; init; }

    /// <summary>Every rule that fired (SARIF rule metadata).</summary>
    public required IReadOnlyList<RuleDescriptor> Rules { get; init; }

    /// <summary>Timings/tool version only here, so report bodies diff.</summary>
    public ScanRunInfo? Run { get; init; }
}
