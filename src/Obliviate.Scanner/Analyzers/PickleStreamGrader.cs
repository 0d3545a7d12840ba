using Obliviate.Formats.Pickle;
using Obliviate.Reports.Model;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// Grades one pickle stream: every import is resolved the way CPython's unpickler resolves it (<see cref="PickleNameResolver"/>)
/// and graded by the fully resolved name and by what the stream does with it — called (REDUCE, NEWOBJ, NEWOBJ_EX, OBJ,
/// INST, or an argument an allowed callable calls) or only referenced. Calls of computed values and writes into imported
/// objects are graded too.
/// </summary>
internal sealed class PickleStreamGrader(PickleGlobalPolicy policy, bool strict)
{
    private readonly Dictionary<(string?, string?, int, int?), ResolvedGlobal> _cache = [];

    public PickleStreamGrade Grade(PickleStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var resolved = new Dictionary<PickleGlobal, ResolvedGlobal>(ReferenceEqualityComparer.Instance);
        foreach (var g in stream.Globals.Where(g => g.IsResolved)) resolved[g] = Resolve(g);
        var called = CalledGlobals(stream, resolved);
        var issues = new List<PickleIssue>();
        var loads = false;
        foreach (var g in stream.Globals)
        {
            if (!resolved.TryGetValue(g, out var r))
            {
                issues.Add(new PickleIssue(RuleIds.PickleUnresolvedGlobal,
                    $"{g.Opcode} imports a global that cannot be resolved statically: {g.UnresolvedReason}", g.QualifiedName, g.Offset));
                continue;
            }
            var isCalled = called.Contains(g);
            var verdict = policy.Classify(r, isCalled ? PickleUse.Call : PickleUse.Reference);
            loads |= verdict.LoadsPickles;
            var what = $"{r.QualifiedName}{Written(g, r)}: {verdict.Reason}";
            switch (verdict.Class)
            {
                case GlobalClass.Dangerous:
                    issues.Add(new PickleIssue(RuleIds.PickleDangerousGlobal, (isCalled ? "calls " : "imports ") + what, r.QualifiedName, g.Offset));
                    break;
                case GlobalClass.UnknownCall:
                    issues.Add(new PickleIssue(RuleIds.PickleUnknownCallable, "calls " + what, r.QualifiedName, g.Offset));
                    break;
                case GlobalClass.Unknown:
                    issues.Add(new PickleIssue(RuleIds.PickleUnknownGlobal, "imports " + what, r.QualifiedName, g.Offset, strict ? Severity.High : null));
                    break;
            }
        }
        foreach (var call in stream.Calls) GradeCall(call, resolved, issues);
        return new PickleStreamGrade(issues, loads);
    }

    private ResolvedGlobal Resolve(PickleGlobal g)
    {
        var key = (g.Module, g.Name, g.Protocol, g.ExtensionCode);
        if (!_cache.TryGetValue(key, out var r)) _cache[key] = r = PickleNameResolver.Resolve(g);
        return r;
    }

    /// <summary>Globals the unpickler calls or instantiates: call targets, plus the arguments allowed callables call in turn.</summary>
    private HashSet<PickleGlobal> CalledGlobals(PickleStream stream, Dictionary<PickleGlobal, ResolvedGlobal> resolved)
    {
        var called = new HashSet<PickleGlobal>(ReferenceEqualityComparer.Instance);
        foreach (var call in stream.Calls)
        {
            if (!IsCall(call.Kind) || call.Target is not { } target) continue;
            called.Add(target);
            if (!resolved.TryGetValue(target, out var r)) continue;
            foreach (var i in policy.CalledArguments(r))
            {
                if (i < call.Arguments.Count && call.Arguments[i] is { } arg) called.Add(arg);
            }
        }
        return called;
    }

    private static void GradeCall(PickleCall call, Dictionary<PickleGlobal, ResolvedGlobal> resolved, List<PickleIssue> issues)
    {
        var target = call.Target is { } t ? resolved.GetValueOrDefault(t)?.QualifiedName ?? t.QualifiedName : null;
        switch (call.Kind)
        {
            case PickleCallKind.BuildOnGlobal:
                issues.Add(new PickleIssue(RuleIds.PickleGlobalOverwrite, $"BUILD overwrites attributes of the imported object {target}", target!, call.Offset));
                break;
            case PickleCallKind.MutateGlobal:
                issues.Add(new PickleIssue(RuleIds.PickleGlobalOverwrite,
                    $"SETITEM/APPEND writes into the imported object {target} (module-level state such as sys.modules or copyreg's extension registry)",
                    target!, call.Offset));
                break;
            case var kind when IsCall(kind) && call.Target is null:
                // Stock pickles only ever call imported globals; calling the result of another call (getattr(os, "system"),
                // operator.attrgetter(...)(obj)) is how gadget chains reach code execution.
                var name = OpcodeName(kind);
                issues.Add(new PickleIssue(RuleIds.PickleUnknownCallable,
                    $"{name} calls {call.TargetDescription ?? "an unknown value"}, not an imported global: a callable computed at load time (a gadget chain)",
                    $"{name} on {call.TargetDescription ?? "unknown"}", call.Offset));
                break;
        }
    }

    /// <summary>", written GLOBAL 'a' 'b.c' (hops)" when the resolution changed the name or took hops.</summary>
    private static string Written(PickleGlobal g, ResolvedGlobal r) =>
        r.Hops.Count == 0 && r.QualifiedName == g.QualifiedName ? "" : $", written {g.Opcode} '{g.Module}' '{g.Name}'{r.Via}";

    private static bool IsCall(PickleCallKind kind) =>
        kind is PickleCallKind.Reduce or PickleCallKind.NewObj or PickleCallKind.NewObjEx or PickleCallKind.Obj or PickleCallKind.Inst;

    private static string OpcodeName(PickleCallKind kind) => kind switch
    {
        PickleCallKind.Reduce => "REDUCE",
        PickleCallKind.NewObj => "NEWOBJ",
        PickleCallKind.NewObjEx => "NEWOBJ_EX",
        PickleCallKind.Obj => "OBJ",
        _ => "INST",
    };
}
