namespace Obliviate.Engine.Runtime;

/// <summary>What <see cref="TorchRuntime.Probe"/> found: versions, device, threads and whether a real tensor computation ran.</summary>
public sealed record TorchHealth
{
    public required string TorchSharpVersion { get; init; }
    public required string LibTorchPackage { get; init; }
    public required string LibTorchVersion { get; init; }
    public required string Backend { get; init; }
    public required string Device { get; init; }
    public required bool CudaAvailable { get; init; }
    public required int Threads { get; init; }
    public required bool Healthy { get; init; }

    /// <summary>Why the runtime is unhealthy, with what to do about it; null when healthy.</summary>
    public string? Problem { get; init; }
}
