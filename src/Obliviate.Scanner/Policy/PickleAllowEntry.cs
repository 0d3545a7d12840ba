namespace Obliviate.Scanner.Policy;

/// <summary>
/// One exact allowlist entry: how stock checkpoints use the global, which of its positional arguments it calls or
/// instantiates itself (those are graded as calls too), and why it is safe.
/// </summary>
public sealed record PickleAllowEntry(PickleUse Use, IReadOnlyList<int> CalledArguments, string Why);
