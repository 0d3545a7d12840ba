namespace Obliviate.Formats.Pickle;

/// <summary>
/// A string or bytes constant that may carry a nested pickle (raw, base64 or hex). Only candidates are kept:
/// constants that start like a pickle or look like base64/hex text, up to <see cref="PickleLimits.MaxBlobBytes"/>.
/// </summary>
public sealed record PickleBlob(long Offset, byte[] Data, bool FromText);
