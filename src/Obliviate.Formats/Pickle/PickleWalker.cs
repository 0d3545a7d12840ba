namespace Obliviate.Formats.Pickle;

/// <summary>
/// Byte-level opcode walker for pickle protocols 0-5. Nothing is ever unpickled: the walker reports the imports,
/// calls and embedded constants a real unpickler would act on, stream by stream.
/// </summary>
public static class PickleWalker
{
    /// <summary>Legacy torch.save files hold exactly five pickles (magic, protocol, sys info, object, storage keys), then raw storage bytes.</summary>
    public const int LegacyTorchPickleCount = 5;

    /// <summary>Walks every pickle stream in <paramref name="stream"/> from its current position.</summary>
    /// <param name="length">Bytes available, or -1 when unknown (used to reject lengths pointing past the end before allocating).</param>
    public static PickleWalkResult Walk(Stream stream, long length, PickleLimits? limits = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= new PickleLimits();
        var input = new PickleInput(stream, length);
        var budget = new PickleBudget(limits);
        var extensions = new PickleExtensionRegistry();
        var streams = new List<PickleStream>();
        var trailing = false;
        var maxStreams = limits.MaxStreams;
        while (streams.Count < maxStreams)
        {
            var s = new PickleMachine(input, limits, budget, extensions, ct).Run();
            if (streams.Count > 0 && s.Error is not null && s.Globals.Count == 0 && s.Calls.Count == 0 && !s.Error.LimitExceeded)
            {
                // Bytes after a complete pickle that do not form an importing/calling program are data (torch storages,
                // padding, junk): an unpickler loading the earlier stream never runs them.
                trailing = true;
                break;
            }
            streams.Add(s);
            if (s.Error is not null || !s.Complete) break;
            if (streams.Count == 1 && s.StartsWithTorchMagic) maxStreams = Math.Min(maxStreams, LegacyTorchPickleCount);
            if (input.AtEnd) break;
        }
        if (streams.Count == maxStreams && !input.AtEnd) trailing = true;
        return new PickleWalkResult(streams, input.Position, trailing);
    }

    /// <summary>Walks an in-memory buffer.</summary>
    public static PickleWalkResult Walk(byte[] data, PickleLimits? limits = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var ms = new MemoryStream(data, writable: false);
        return Walk(ms, data.Length, limits, ct);
    }
}
