namespace Obliviate.Scanner.Policy;

/// <summary>What a pickle does with an imported global.</summary>
public enum PickleUse
{
    /// <summary>Only referenced: passed as a value (a dtype, a class given to an allowed rebuilder that does not call it).</summary>
    Reference,
    /// <summary>
    /// Called or instantiated during loading: the target of REDUCE, NEWOBJ, NEWOBJ_EX, OBJ or INST, or an argument that an
    /// allowed callable calls in turn (copyreg._reconstructor's class, _rebuild_from_type_v2's function).
    /// </summary>
    Call,
}
