namespace Obliviate.Formats.Pickle;

/// <summary>The opcodes that make the unpickler call or mutate something.</summary>
public enum PickleCallKind
{
    Reduce,
    NewObj,
    NewObjEx,
    Obj,
    Inst,
    /// <summary>BUILD whose target is an imported global itself (a module or class), i.e. an attribute overwrite.</summary>
    BuildOnGlobal,
    PersistentLoad,
    /// <summary>
    /// SETITEM(S), APPEND(S) or ADDITEMS applied to an imported global itself: <c>__setitem__</c>/<c>append</c>/<c>extend</c>/
    /// <c>add</c> run on a module-level object (sys.modules, copyreg's extension registry, a list on sys.path...).
    /// </summary>
    MutateGlobal,
}
