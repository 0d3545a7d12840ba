using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Obliviate.Tool.Tests.Architecture;

/// <summary>
/// What the built assemblies really depend on, read with Mono.Cecil from the binaries beside the tests (so a reference in a
/// method body counts as much as one in a signature): assembly references, external type references, and the
/// folder-level namespaces one project's types use.
/// </summary>
internal static class DependencyGraph
{
    /// <summary>Our assemblies in the test's output folder, by name.</summary>
    public static IReadOnlyDictionary<string, ModuleDefinition> OurModules { get; } = Load();

    private static Dictionary<string, ModuleDefinition> Load()
    {
        var modules = new Dictionary<string, ModuleDefinition>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(AppContext.BaseDirectory, "Obliviate.*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.EndsWith(".Tests", StringComparison.Ordinal)) continue;
            modules[name] = ModuleDefinition.ReadModule(path, new ReaderParameters { ReadSymbols = false });
        }
        var tool = Path.Combine(AppContext.BaseDirectory, "dotnet-obliviate.dll");
        if (File.Exists(tool)) modules["Obliviate.Tool"] = ModuleDefinition.ReadModule(tool);
        return modules;
    }

    public static IReadOnlyList<string> AssemblyReferences(ModuleDefinition module) =>
        [.. module.AssemblyReferences.Select(r => r.Name).Order(StringComparer.Ordinal)];

    /// <summary>Full names of the types of other assemblies that <paramref name="module"/> references (e.g. System.Console).</summary>
    public static IReadOnlySet<string> ExternalTypes(ModuleDefinition module) =>
        module.GetTypeReferences().Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Edges between the folder-level namespaces of one assembly (<c>Obliviate.Engine.Defense</c> → <c>Obliviate.Engine.Training</c>):
    /// every use of a type of the same module in a base type, interface, field, property, signature, attribute or method body.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> NamespaceEdges(ModuleDefinition module, int depth)
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var from = Folder(Outermost(type).Namespace, depth);
            if (from is null) continue;
            var set = edges.TryGetValue(from, out var existing) ? existing : edges[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in Uses(type))
            {
                if (used.Scope is ModuleDefinition m && m != module) continue;
                if (used.Scope is AssemblyNameReference) continue;
                var to = Folder(Outermost(used).Namespace, depth);
                if (to is not null && to != from) set.Add(to);
            }
        }
        return edges.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value, StringComparer.Ordinal);
    }

    /// <summary>The first <paramref name="depth"/> segments of a namespace (<c>Obliviate.Engine.Peft.Lora</c> → <c>Obliviate.Engine.Peft</c> at 3).</summary>
    internal static string? Folder(string ns, int depth)
    {
        var parts = ns.Split('.');
        return parts.Length < depth ? null : string.Join('.', parts.Take(depth));
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        if (type.BaseType is not null) foreach (var t in Expand(type.BaseType)) yield return t;
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return t;
        foreach (var a in type.CustomAttributes) foreach (var t in Expand(a.AttributeType)) yield return t;
        foreach (var f in type.Fields) foreach (var t in Expand(f.FieldType)) yield return t;
        foreach (var p in type.Properties) foreach (var t in Expand(p.PropertyType)) yield return t;
        foreach (var m in type.Methods)
        {
            foreach (var t in Expand(m.ReturnType)) yield return t;
            foreach (var p in m.Parameters) foreach (var t in Expand(p.ParameterType)) yield return t;
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) foreach (var t in Expand(v.VariableType)) yield return t;
            foreach (var instruction in m.Body.Instructions)
            {
                var operand = instruction.Operand switch
                {
                    TypeReference t => t,
                    MethodReference r => r.DeclaringType,
                    FieldReference f => f.DeclaringType,
                    _ => null,
                };
                if (operand is not null) foreach (var t in Expand(operand)) yield return t;
                if (instruction.Operand is MethodReference method)
                {
                    foreach (var t in Expand(method.ReturnType)) yield return t;
                    foreach (var p in method.Parameters) foreach (var t in Expand(p.ParameterType)) yield return t;
                }
            }
        }
    }

    /// <summary>A type and the types inside it: element types of arrays and pointers, generic arguments.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType g:
                foreach (var t in Expand(g.ElementType)) yield return t;
                foreach (var a in g.GenericArguments) foreach (var t in Expand(a)) yield return t;
                break;
            case TypeSpecification s:
                foreach (var t in Expand(s.ElementType)) yield return t;
                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }

    /// <summary>Every cycle among <paramref name="edges"/>' nodes, as its strongly connected component (Tarjan).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        var index = 0;
        var indices = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        void Visit(string v)
        {
            indices[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var next) ? next : new HashSet<string>())
            {
                if (!indices.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], indices[w]);
                }
            }
            if (low[v] != indices[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            } while (x != v);
            if (component.Count > 1) cycles.Add([.. component.Order(StringComparer.Ordinal)]);
        }
        foreach (var v in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!indices.ContainsKey(v)) Visit(v);
        }
        return cycles;
    }
}
