namespace Obliviate.Formats.Pickle;

// Writes to imported objects: the extension registry (so that EXT codes resolve to what the pickle registered) and
// any other module-level object (a mutation fact the policy grades).
internal sealed partial class PickleMachine
{
    private void MutatedAt(StackItem target, long at)
    {
        if (target.Kind == StackKind.Global) Call(PickleCallKind.MutateGlobal, target, at);
    }

    /// <summary>SETITEM(S) on an imported object: <c>__setitem__</c> runs on it. Writes to copyreg's registry register codes.</summary>
    private void SetItemsOnGlobal(PickleGlobal target, List<StackItem> items, long at)
    {
        Call(PickleCallKind.MutateGlobal, new StackItem(StackKind.Global, Global: target), at);
        var registry = Mapped(target);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            if (items[i] is not { Kind: StackKind.Int, Int: { } code }) continue;
            var value = items[i + 1];
            var source = $"{registry} written at offset {at}";
            if (registry is "copyreg._inverted_registry" or "pickle._inverted_registry"
                && value.Items is [{ Kind: StackKind.Str, Text: { } m }, { Kind: StackKind.Str, Text: { } n }])
                extensions.Register(code, m, n, source);
            else if (registry is "copyreg._extension_cache" or "pickle._extension_cache" && value is { Kind: StackKind.Global, Global: { } g })
                extensions.Cache(code, g, source);
        }
    }

    /// <summary>copyreg.add_extension / remove_extension called with constant arguments.</summary>
    private void RegisterExtension(PickleGlobal callee, IReadOnlyList<StackItem> args, long at)
    {
        switch (Mapped(callee))
        {
            case "copyreg.add_extension" when args is [{ Kind: StackKind.Str, Text: { } m }, { Kind: StackKind.Str, Text: { } n }, { Kind: StackKind.Int, Int: { } code }]:
                extensions.Register(code, m, n, $"copyreg.add_extension at offset {at}");
                break;
            case "copyreg.remove_extension" when args is [_, _, { Kind: StackKind.Int, Int: { } code }]:
                extensions.Remove(code);
                break;
        }
    }

    /// <summary>The name find_class imports for <paramref name="g"/> (Python 2 renames applied below protocol 3).</summary>
    private static string? Mapped(PickleGlobal g)
    {
        if (!g.IsResolved) return null;
        var (module, name) = PickleCompat.Map(g.Module!, g.Name!, g.Protocol);
        return module + "." + name;
    }
}
