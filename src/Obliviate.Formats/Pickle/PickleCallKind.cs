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
}
