namespace Obliviate.Formats.Pickle;

/// <summary>
/// copyreg's extension registry as far as one input changes it. CPython's registry starts empty (Lib/copyreg.py) and is
/// process-wide, so it persists across the streams of one file; EXT1/EXT2/EXT4 look a code up in
/// <c>copyreg._extension_cache</c>, then <c>copyreg._inverted_registry</c> (Lib/pickle.py <c>get_extension</c>).
/// </summary>
internal sealed class PickleExtensionRegistry
{
    private const int MaxCodes = 4096;
    private readonly Dictionary<long, Entry> _codes = [];

    /// <summary>The import a code stands for, or null when nothing in this input registered it.</summary>
    public Entry? Find(long code) => _codes.GetValueOrDefault(code);

    /// <summary><c>copyreg.add_extension(module, name, code)</c> or a write to <c>_inverted_registry</c>.</summary>
    public void Register(long code, string module, string name, string source)
    {
        if (_codes.Count < MaxCodes || _codes.ContainsKey(code)) _codes[code] = new Entry(module, name, null, source);
    }

    /// <summary>A write of an already imported object to <c>_extension_cache</c>.</summary>
    public void Cache(long code, PickleGlobal target, string source)
    {
        if (_codes.Count < MaxCodes || _codes.ContainsKey(code)) _codes[code] = new Entry(target.Module, target.Name, target, source);
    }

    public void Remove(long code) => _codes.Remove(code);

    /// <summary>What a code resolves to: a (module, name) pair to import, or an object already imported.</summary>
    public sealed record Entry(string? Module, string? Name, PickleGlobal? Cached, string Source);
}
