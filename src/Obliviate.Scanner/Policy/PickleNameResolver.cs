using Obliviate.Formats.Pickle;

namespace Obliviate.Scanner.Policy;

/// <summary>
/// Resolves an imported global to the object CPython's unpickler would return (Lib/pickle.py <c>find_class</c>):
/// Python 2 renames below protocol 3 (<see cref="PickleCompat"/>), then the dotted attribute path walked module by module,
/// continuing inside a module wherever an attribute is a known module alias. Dotted paths are walked at every protocol:
/// CPython 3.11 walks them from protocol 4 (also for GLOBAL/INST once PROTO 4 is set), newer or custom unpicklers may
/// do so earlier, and a benign pickler never writes a dotted name below protocol 4, so nothing legitimate is lost.
/// </summary>
internal static class PickleNameResolver
{
    private const int MaxHops = 8;

    public static ResolvedGlobal Resolve(PickleGlobal g)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (!g.IsResolved) throw new ArgumentException("unresolved global", nameof(g));
        var hops = new List<string>();
        if (g.ExtensionCode is { } code) hops.Add($"{g.Opcode} code {code} registered by {g.ExtensionSource}");
        var (module, name) = PickleCompat.Map(g.Module!.Trim(), g.Name!.Trim(), g.Protocol);
        if (module != g.Module!.Trim() || name != g.Name!.Trim())
            hops.Add("a Python 2 name, renamed by _compat_pickle below protocol 3");
        var moduleParts = module.Split('.').ToList();
        var attributes = name.Split('.').ToList();
        for (var guard = 0; guard < MaxHops && attributes.Count > 1; guard++)
        {
            if (!StepIntoAlias(moduleParts, attributes, hops)) break;
        }
        return new ResolvedGlobal(string.Join('.', moduleParts), string.Join('.', attributes), hops);
    }

    /// <summary>
    /// Finds the longest prefix of module + attributes that is a module alias and continues the walk there. True when a
    /// hop was taken. The last attribute is the object itself, never a module to continue in.
    /// </summary>
    private static bool StepIntoAlias(List<string> moduleParts, List<string> attributes, List<string> hops)
    {
        for (var take = attributes.Count - 1; take >= 1; take--)
        {
            var prefix = string.Join('.', moduleParts.Concat(attributes.Take(take)));
            if (ModuleAliases.Table.TryGetValue(prefix, out var target))
            {
                hops.Add($"{prefix} is the {target} module");
                Continue(moduleParts, attributes, take, target);
                return true;
            }
        }
        for (var i = 0; i < attributes.Count - 1; i++)
        {
            if (!ModuleAliases.CommonImports.Contains(attributes[i])) continue;
            var prefix = string.Join('.', moduleParts.Concat(attributes.Take(i + 1)));
            hops.Add($"{prefix} is taken to be the {attributes[i]} module its module imports");
            Continue(moduleParts, attributes, i + 1, attributes[i]);
            return true;
        }
        return false;
    }

    private static void Continue(List<string> moduleParts, List<string> attributes, int consumed, string module)
    {
        moduleParts.Clear();
        moduleParts.AddRange(module.Split('.'));
        attributes.RemoveRange(0, consumed);
    }
}
