namespace Obliviate.Formats.Pickle;

/// <summary>Why a stream walk stopped early. <see cref="LimitExceeded"/> separates our caps from format defects.</summary>
public sealed record PickleError(long Offset, string Message, bool LimitExceeded = false);
