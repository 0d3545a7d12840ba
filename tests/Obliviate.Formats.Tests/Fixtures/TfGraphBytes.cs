using System.Text;

namespace Obliviate.Tests.Fixtures;

/// <summary>
/// Writes TensorFlow protobuf messages field by field (saved_model.proto, meta_graph.proto, graph.proto, node_def.proto,
/// function.proto numbering) with a minimal wire-format writer, so tests need no TensorFlow.
/// </summary>
public static class TfGraphBytes
{
    /// <summary>NodeDef { name = 1; op = 2; input = 3; attr = 5 (string values only) }.</summary>
    public static byte[] Node(string name, string op, params (string Key, string Value)[] stringAttrs)
    {
        var m = new List<byte>();
        Text(m, 1, name);
        Text(m, 2, op);
        foreach (var (key, value) in stringAttrs)
        {
            var entry = new List<byte>();
            Text(entry, 1, key);
            var attrValue = new List<byte>();
            Text(attrValue, 2, value);
            Embedded(entry, 2, [.. attrValue]);
            Embedded(m, 5, [.. entry]);
        }
        return [.. m];
    }

    /// <summary>FunctionDef { signature (OpDef { name = 1 }) = 1; node_def = 3 }; the signature written after the body.</summary>
    public static byte[] Function(string name, params byte[][] nodes)
    {
        var m = new List<byte>();
        foreach (var n in nodes) Embedded(m, 3, n);
        var sig = new List<byte>();
        Text(sig, 1, name);
        Embedded(m, 1, [.. sig]);
        return [.. m];
    }

    /// <summary>GraphDef { node = 1; library (FunctionDefLibrary { function = 1 }) = 2; versions = 4 }.</summary>
    public static byte[] Graph(byte[][] nodes, params byte[][] functions)
    {
        var m = new List<byte>();
        foreach (var n in nodes) Embedded(m, 1, n);
        if (functions.Length > 0)
        {
            var lib = new List<byte>();
            foreach (var f in functions) Embedded(lib, 1, f);
            Embedded(m, 2, [.. lib]);
        }
        Embedded(m, 4, [0x08, 0x01]);
        return [.. m];
    }

    /// <summary>SavedModel { saved_model_schema_version = 1; meta_graphs (MetaGraphDef { meta_info_def = 1; graph_def = 2 }) = 2 }.</summary>
    public static byte[] SavedModel(byte[] graph)
    {
        var meta = new List<byte>();
        var info = new List<byte>();
        Text(info, 1, "serve");
        Embedded(meta, 1, [.. info]);
        Embedded(meta, 2, graph);
        var m = new List<byte> { 0x08, 0x01 };
        Embedded(m, 2, [.. meta]);
        return [.. m];
    }

    private static void Text(List<byte> m, int field, string value) => Embedded(m, field, Encoding.UTF8.GetBytes(value));

    private static void Embedded(List<byte> m, int field, byte[] payload)
    {
        Varint(m, ((ulong)field << 3) | 2);
        Varint(m, (ulong)payload.Length);
        m.AddRange(payload);
    }

    private static void Varint(List<byte> m, ulong v)
    {
        while (v >= 0x80) { m.Add((byte)(v | 0x80)); v >>= 7; }
        m.Add((byte)v);
    }
}
