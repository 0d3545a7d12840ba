namespace Obliviate.Formats.Pickle;

/// <summary>Facts about one pickle stream (one STOP-terminated program) inside a file or member.</summary>
public sealed record PickleStream
{
    public required long Start { get; init; }
    public required long End { get; init; }
    /// <summary>Highest PROTO seen (0 when absent).</summary>
    public int Protocol { get; init; }
    public int OpcodeCount { get; init; }
    /// <summary>True when the stream reached STOP.</summary>
    public bool Complete { get; init; }
    public IReadOnlyList<PickleGlobal> Globals { get; init; } = [];
    public IReadOnlyList<PickleCall> Calls { get; init; } = [];
    public IReadOnlyList<PickleBlob> Blobs { get; init; } = [];
    /// <summary>Semantic oddities a real unpickler would reject or that only obfuscation produces (memo miss, underflow, non-str STACK_GLOBAL).</summary>
    public IReadOnlyList<string> Anomalies { get; init; } = [];
    /// <summary>First integer constant when it is the legacy torch magic number (used to recognise legacy torch files).</summary>
    public bool StartsWithTorchMagic { get; init; }
    public PickleError? Error { get; init; }
}
