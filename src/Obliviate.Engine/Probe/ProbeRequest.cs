using Obliviate.Engine.Runtime;
using Obliviate.Reports.Probe;

namespace Obliviate.Engine.Probe;

/// <summary>Everything <c>probe</c> needs; no task data.</summary>
public sealed record ProbeRequest
{
    /// <summary>A model folder or an embedded short name (<c>minilm</c>, <c>arctic-xs</c>).</summary>
    public required string Model { get; init; }

    public string? CacheDir { get; init; }

    /// <summary>A folder written by <c>defend</c>: probe the base model with that adapter attached.</summary>
    public string? AdapterDirectory { get; init; }

    /// <summary>Probe even when the adapter records another base model (a warning says so).</summary>
    public bool AllowBaseMismatch { get; init; }

    /// <summary>Extra candidates, one word or short phrase per line.</summary>
    public string? CandidatesPath { get; init; }

    /// <summary>Carrier sentences, one per line; null uses the built-in set (<see cref="CarrierSentences.BuiltIn"/>).</summary>
    public string? CarriersPath { get; init; }

    public ProbeSettings Settings { get; init; } = new();

    public DeviceKind Device { get; init; } = DeviceKind.Auto;
}
