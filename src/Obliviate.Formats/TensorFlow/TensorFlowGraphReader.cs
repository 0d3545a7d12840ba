namespace Obliviate.Formats.TensorFlow;

/// <summary>
/// Reads the ops of TensorFlow graphs: SavedModel (saved_model.pb: SavedModel → MetaGraphDef → GraphDef) and frozen
/// GraphDef files, function library included (tf.function bodies live there). Field numbers follow
/// tensorflow/core/protobuf/saved_model.proto, meta_graph.proto and tensorflow/core/framework/graph.proto, node_def.proto,
/// function.proto, attr_value.proto, op_def.proto. Facts only: which op runs where, never a judgement.
/// </summary>
public static class TensorFlowGraphReader
{
    /// <summary>Caps a hostile graph's node count (the largest real graphs have a few hundred thousand).</summary>
    public const int MaxNodes = 5_000_000;

    /// <summary>SavedModel { int64 saved_model_schema_version = 1; repeated MetaGraphDef meta_graphs = 2; }</summary>
    public static TfGraph ReadSavedModel(ReadOnlySpan<byte> data)
    {
        var nodes = new List<TfNode>();
        var metaGraphs = 0;
        var functions = 0;
        var r = new ProtoReader(data);
        while (r.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.Varint) { r.ReadVarint(); continue; }
            if (field != 2) { r.Skip(wire); continue; }
            metaGraphs++;
            // MetaGraphDef { MetaInfoDef meta_info_def = 1; GraphDef graph_def = 2; ... }
            var meta = new ProtoReader(r.Expect(wire, "MetaGraphDef"));
            while (meta.Next(out var mf, out var mw))
            {
                if (mf == 2) functions += ReadGraph(meta.Expect(mw, "GraphDef"), nodes);
                else meta.Skip(mw);
            }
        }
        if (metaGraphs == 0) throw new InvalidDataException("no MetaGraphDef: not a SavedModel");
        return new TfGraph(nodes, metaGraphs, functions);
    }

    /// <summary>A bare GraphDef (frozen graph, .pb).</summary>
    public static TfGraph ReadGraphDef(ReadOnlySpan<byte> data)
    {
        var nodes = new List<TfNode>();
        var functions = ReadGraph(data, nodes);
        if (nodes.Count == 0) throw new InvalidDataException("no NodeDef: not a GraphDef");
        return new TfGraph(nodes, 0, functions);
    }

    /// <summary>GraphDef { repeated NodeDef node = 1; FunctionDefLibrary library = 2; ... }; returns the number of functions.</summary>
    private static int ReadGraph(ReadOnlySpan<byte> data, List<TfNode> nodes)
    {
        var functions = 0;
        var g = new ProtoReader(data);
        while (g.Next(out var field, out var wire))
        {
            switch (field)
            {
                case 1: Add(nodes, ReadNode(g.Expect(wire, "NodeDef"), null)); break;
                case 2:
                    // FunctionDefLibrary { repeated FunctionDef function = 1; ... }
                    var lib = new ProtoReader(g.Expect(wire, "FunctionDefLibrary"));
                    while (lib.Next(out var lf, out var lw))
                    {
                        if (lf != 1) { lib.Skip(lw); continue; }
                        functions++;
                        ReadFunction(lib.Expect(lw, "FunctionDef"), nodes);
                    }
                    break;
                default: g.Skip(wire); break;
            }
        }
        return functions;
    }

    /// <summary>FunctionDef { OpDef signature = 1; repeated NodeDef node_def = 3; ... }, OpDef { string name = 1; ... }.</summary>
    private static void ReadFunction(ReadOnlySpan<byte> data, List<TfNode> nodes)
    {
        // Two passes: the signature (the function's name) may follow the body.
        string? name = null;
        var f = new ProtoReader(data);
        while (f.Next(out var field, out var wire))
        {
            if (field != 1) { f.Skip(wire); continue; }
            var sig = new ProtoReader(f.Expect(wire, "OpDef"));
            while (sig.Next(out var sf, out var sw))
            {
                if (sf == 1 && sw == ProtoReader.LengthDelimited) name = sig.ReadString();
                else sig.Skip(sw);
            }
        }
        var body = new ProtoReader(data);
        while (body.Next(out var field, out var wire))
        {
            if (field == 3) Add(nodes, ReadNode(body.Expect(wire, "NodeDef"), name ?? "?"));
            else body.Skip(wire);
        }
    }

    /// <summary>NodeDef { string name = 1; string op = 2; repeated string input = 3; string device = 4; map&lt;string, AttrValue&gt; attr = 5; }</summary>
    private static TfNode ReadNode(ReadOnlySpan<byte> data, string? function)
    {
        string name = "", op = "";
        var attrs = new Dictionary<string, string>(StringComparer.Ordinal);
        var n = new ProtoReader(data);
        while (n.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoReader.LengthDelimited): name = n.ReadString(); break;
                case (2, ProtoReader.LengthDelimited): op = n.ReadString(); break;
                case (5, ProtoReader.LengthDelimited): ReadStringAttr(n.ReadBytes(), attrs); break;
                default: n.Skip(wire); break;
            }
        }
        return new TfNode(name, op, function, attrs);
    }

    /// <summary>A map entry { string key = 1; AttrValue value = 2; } where AttrValue's string case is field 2 (bytes s).</summary>
    private static void ReadStringAttr(ReadOnlySpan<byte> entry, Dictionary<string, string> attrs)
    {
        string? key = null, value = null;
        var e = new ProtoReader(entry);
        while (e.Next(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited) { key = e.ReadString(); continue; }
            if (field != 2 || wire != ProtoReader.LengthDelimited) { e.Skip(wire); continue; }
            var v = new ProtoReader(e.ReadBytes());
            while (v.Next(out var vf, out var vw))
            {
                if (vf == 2 && vw == ProtoReader.LengthDelimited) value = v.ReadString();
                else v.Skip(vw);
            }
        }
        if (key is not null && value is not null && attrs.Count < 64) attrs[key] = value.Length <= 256 ? value : value[..256];
    }

    private static void Add(List<TfNode> nodes, TfNode node)
    {
        if (nodes.Count >= MaxNodes) throw new InvalidDataException($"more than {MaxNodes} nodes");
        nodes.Add(node);
    }

    /// <summary>
    /// The JSON metadata strings of a Keras keras_metadata.pb (SavedMetadata { repeated SavedObject nodes = 1; }): each
    /// SavedObject's string fields that hold a JSON object, i.e. the layer configs Keras revives layers from (Lambda
    /// layers included). Field numbers of SavedObject are not relied on.
    /// </summary>
    public static IReadOnlyList<string> ReadKerasMetadata(ReadOnlySpan<byte> data)
    {
        var configs = new List<string>();
        var r = new ProtoReader(data);
        while (r.Next(out var field, out var wire))
        {
            if (field != 1) { r.Skip(wire); continue; }
            var node = new ProtoReader(r.Expect(wire, "SavedObject"));
            while (node.Next(out _, out var nw))
            {
                if (nw != ProtoReader.LengthDelimited) { node.Skip(nw); continue; }
                var bytes = node.ReadBytes();
                var trimmed = bytes.TrimStart(" \t\r\n"u8);
                if (trimmed.Length > 0 && trimmed[0] == '{') configs.Add(System.Text.Encoding.UTF8.GetString(bytes));
            }
        }
        return configs;
    }

    /// <summary>
    /// True for a SavedModel fingerprint.pb (FingerprintDef: five uint64 hashes, fields 1-5, and a VersionDef, field 6):
    /// hashes only, nothing a loader runs.
    /// </summary>
    public static bool IsFingerprint(ReadOnlySpan<byte> data)
    {
        var any = false;
        var r = new ProtoReader(data);
        while (r.Next(out var field, out var wire))
        {
            if (field is >= 1 and <= 5 && wire == ProtoReader.Varint) r.ReadVarint();
            else if (field == 6 && wire == ProtoReader.LengthDelimited) r.ReadBytes();
            else return false;
            any = true;
        }
        return any;
    }
}
