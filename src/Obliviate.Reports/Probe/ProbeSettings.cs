namespace Obliviate.Reports.Probe;

/// <summary>The probe's settings, each with its documented default (docs/probe.md).</summary>
public sealed record ProbeSettings
{
    /// <summary>Carrier sentences per candidate in stage one (the cheap ranking of every candidate).</summary>
    public int ScreenCarriers { get; init; } = 2;

    /// <summary>Candidates verified on every carrier in stage two.</summary>
    public int Verify { get; init; } = 300;

    /// <summary>Candidates reported (best first).</summary>
    public int Report { get; init; } = 50;

    /// <summary>Word-start tokens extended with continuation pieces (to reach words the tokenizer splits, e.g. q ##t).</summary>
    public int Extend { get; init; } = 60;

    /// <summary>Last layers whose first-token attention is measured.</summary>
    public int AttentionLayers { get; init; } = 2;

    /// <summary>Rows per forward pass.</summary>
    public int BatchSize { get; init; } = 256;

    public int Seed { get; init; }

    /// <summary>Where the carriers came from: "built-in" or a file path.</summary>
    public string Carriers { get; init; } = "built-in";

    /// <summary>A user candidate file, or null.</summary>
    public string? CandidatesFile { get; init; }
}
