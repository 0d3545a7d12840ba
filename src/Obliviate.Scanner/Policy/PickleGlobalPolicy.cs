using System.Collections.Frozen;

namespace Obliviate.Scanner.Policy;

/// <summary>
/// Grades the (module, name) pairs a pickle imports. Curated exact allow entries win, then deny, then allowed class patterns; anything on neither list is unknown
/// (suspicious, or dangerous under --strict). The tables are immutable data, kept apart from the walker (facts).
/// </summary>
public sealed class PickleGlobalPolicy
{
    /// <summary>The built-in tables.</summary>
    public static PickleGlobalPolicy Default { get; } = new(PickleGlobalTables.DenyModules, PickleGlobalTables.DenyNames, PickleGlobalTables.AllowNames);

    private readonly FrozenDictionary<string, string> _denyModules;
    private readonly FrozenDictionary<string, string> _denyNames;
    private readonly FrozenSet<string> _allowNames;

    public PickleGlobalPolicy(
        IReadOnlyDictionary<string, string> denyModules, IReadOnlyDictionary<string, string> denyNames, IEnumerable<string> allowNames)
    {
        _denyModules = denyModules.ToFrozenDictionary(StringComparer.Ordinal);
        _denyNames = denyNames.ToFrozenDictionary(StringComparer.Ordinal);
        _allowNames = allowNames.ToFrozenSet(StringComparer.Ordinal);
    }

    public GlobalVerdict Classify(string module, string name)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        module = Normalize(module.Trim());
        name = name.Trim();
        var qualified = module + "." + name;

        // find_class resolves dotted names attribute by attribute; dunder hops (__globals__, __subclasses__, __builtins__)
        // reach the interpreter from any harmless object.
        foreach (var part in name.Split('.'))
        {
            if (part.Length > 4 && part.StartsWith("__", StringComparison.Ordinal) && part.EndsWith("__", StringComparison.Ordinal)
                && !_allowNames.Contains(qualified))
                return new GlobalVerdict(GlobalClass.Dangerous, $"dunder attribute '{part}' reaches interpreter internals");
        }
        // Exact allow entries are curated, so they win over a denied module (pathlib.PosixPath vs pathlib.Path.write_text).
        if (_allowNames.Contains(qualified)) return new GlobalVerdict(GlobalClass.Allowed, "stock checkpoint global");
        for (var q = qualified; q.Length > 0; q = Parent(q))
        {
            if (_denyNames.TryGetValue(q, out var reason)) return new GlobalVerdict(GlobalClass.Dangerous, reason);
        }
        for (var m = module; m.Length > 0; m = Parent(m))
        {
            if (_denyModules.TryGetValue(m, out var reason)) return new GlobalVerdict(GlobalClass.Dangerous, reason);
        }
        if (IsAllowedClassPattern(module, name)) return new GlobalVerdict(GlobalClass.Allowed, "data class of a stock library");
        return new GlobalVerdict(GlobalClass.Unknown, "not on the allowlist of stock torch/numpy/collections globals");
    }

    /// <summary>Python 2 spellings load the same objects as their Python 3 names.</summary>
    private static string Normalize(string module) => module switch
    {
        "__builtin__" or "exceptions" => "builtins",
        "copy_reg" => "copyreg",
        "cPickle" => "pickle",
        _ => module,
    };

    private static string Parent(string dotted)
    {
        var i = dotted.LastIndexOf('.');
        return i < 0 ? "" : dotted[..i];
    }

    // Classes (CamelCase, no attribute hop) of libraries whose pickles only restore fitted data: constructing them runs
    // no I/O, and any callable they hold must be imported separately, where it is graded on its own.
    private static bool IsAllowedClassPattern(string module, string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]) || name.Contains('.')) return false;
        if (module.StartsWith("torch.nn.modules.", StringComparison.Ordinal)) return true;
        if (module == "numpy.dtypes") return true;
        if (module.StartsWith("sklearn.", StringComparison.Ordinal)
            && !module.StartsWith("sklearn.externals", StringComparison.Ordinal)
            && !module.StartsWith("sklearn.utils._testing", StringComparison.Ordinal)
            && !module.StartsWith("sklearn.datasets", StringComparison.Ordinal)) return true;
        return false;
    }
}
