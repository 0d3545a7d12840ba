using System.Collections.Frozen;

namespace Obliviate.Scanner.Policy;

/// <summary>
/// Grades a resolved pickle global by what the pickle does with it. Exact allow entries win (and say whether the global
/// may be called or only referenced), then the denylist (dangerous whether called or not), then default-deny: anything
/// else that is called is dangerous, anything else only referenced is unknown (suspicious, dangerous under --strict).
/// The tables are immutable data, kept apart from the walker (facts) and the resolver (names).
/// </summary>
public sealed class PickleGlobalPolicy
{
    /// <summary>The built-in tables.</summary>
    public static PickleGlobalPolicy Default { get; } = new(PickleGlobalTables.DenyModules, PickleGlobalTables.DenyNames, PickleAllowlist.Build());

    private readonly FrozenDictionary<string, string> _denyModules;
    private readonly FrozenDictionary<string, string> _denyNames;
    private readonly FrozenDictionary<string, PickleAllowEntry> _allow;

    public PickleGlobalPolicy(
        IReadOnlyDictionary<string, string> denyModules, IReadOnlyDictionary<string, string> denyNames,
        IReadOnlyDictionary<string, PickleAllowEntry> allow)
    {
        _denyModules = denyModules.ToFrozenDictionary(StringComparer.Ordinal);
        _denyNames = denyNames.ToFrozenDictionary(StringComparer.Ordinal);
        _allow = allow.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The allowlist (exact name → entry), for documentation and tests.</summary>
    public IReadOnlyDictionary<string, PickleAllowEntry> Allowlist => _allow;

    /// <summary>Grades module.name as written (no resolution); for tests and callers that resolved already.</summary>
    public GlobalVerdict Classify(string module, string name, PickleUse use = PickleUse.Reference)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        return Classify(new ResolvedGlobal(module.Trim(), name.Trim(), []), use);
    }

    public GlobalVerdict Classify(ResolvedGlobal global, PickleUse use)
    {
        ArgumentNullException.ThrowIfNull(global);
        var qualified = global.QualifiedName;
        _allow.TryGetValue(qualified, out var allowed);
        // A dotted attribute path through a dunder (__globals__, __subclasses__, __builtins__) reaches the interpreter
        // from any harmless object; only exact allow entries (copyreg.__newobj__) pass.
        if (allowed is null)
        {
            foreach (var part in global.Name.Split('.'))
            {
                if (part.Length > 4 && part.StartsWith("__", StringComparison.Ordinal) && part.EndsWith("__", StringComparison.Ordinal))
                    return new GlobalVerdict(GlobalClass.Dangerous, $"dunder attribute '{part}' reaches interpreter internals");
            }
        }
        // Exact allow entries are curated, so they win over a denied module (pathlib.PosixPath vs pathlib.Path.write_text).
        if (allowed is not null)
        {
            if (use == PickleUse.Call && allowed.Use == PickleUse.Reference)
                return new GlobalVerdict(GlobalClass.UnknownCall, $"stock checkpoints only pass it as a value ({allowed.Why}); calling it is not allowed");
            return new GlobalVerdict(GlobalClass.Allowed, allowed.Why);
        }
        for (var q = qualified; q.Length > 0; q = Parent(q))
        {
            if (_denyNames.TryGetValue(q, out var reason)) return Denied(reason);
        }
        for (var m = global.Module; m.Length > 0; m = Parent(m))
        {
            if (_denyModules.TryGetValue(m, out var reason)) return Denied(reason);
        }
        return use == PickleUse.Call
            ? new GlobalVerdict(GlobalClass.UnknownCall, "called while loading, but not on the allowlist of callables stock checkpoints use (default-deny)")
            : new GlobalVerdict(GlobalClass.Unknown, "not on the allowlist of globals stock checkpoints use; referenced, not called, while loading");
    }

    /// <summary>Positions of the arguments an allowed callable calls or instantiates itself (graded as calls).</summary>
    public IReadOnlyList<int> CalledArguments(ResolvedGlobal global)
    {
        ArgumentNullException.ThrowIfNull(global);
        return _allow.TryGetValue(global.QualifiedName, out var e) ? e.CalledArguments : [];
    }

    private static GlobalVerdict Denied(string reason) =>
        new(GlobalClass.Dangerous, reason, LoadsPickles: reason == PickleGlobalTables.Loader);

    private static string Parent(string dotted)
    {
        var i = dotted.LastIndexOf('.');
        return i < 0 ? "" : dotted[..i];
    }
}
