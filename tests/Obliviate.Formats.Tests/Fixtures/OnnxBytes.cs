using System.Text;

namespace Obliviate.Tests.Fixtures;

/// <summary>
/// Writes a minimal ONNX ModelProto at the protobuf wire level: ir_version, and a graph whose initializers may point
/// at external data ("location"), optionally inside a node attribute's subgraph.
/// </summary>
public static class OnnxBytes
{
    public static byte[] Model(string? initializerLocation, string? subgraphLocation = null, byte[]? rawData = null)
    {
        var graph = new MemoryStream();
        if (initializerLocation is not null || rawData is not null) Field(graph, 5, Tensor("w", initializerLocation, rawData));
        if (subgraphLocation is not null)
        {
            var sub = new MemoryStream();
            Field(sub, 5, Tensor("inner", subgraphLocation, null));
            var attribute = new MemoryStream();
            Field(attribute, 1, Encoding.UTF8.GetBytes("then_branch"));
            Field(attribute, 6, sub.ToArray());
            var node = new MemoryStream();
            Field(node, 4, Encoding.UTF8.GetBytes("If"));
            Field(node, 5, attribute.ToArray());
            Field(graph, 1, node.ToArray());
        }
        Field(graph, 2, Encoding.UTF8.GetBytes("g"));
        var model = new MemoryStream();
        model.WriteByte(0x08);
        model.WriteByte(8);
        Field(model, 7, graph.ToArray());
        return model.ToArray();
    }

    private static byte[] Tensor(string name, string? location, byte[]? rawData)
    {
        var t = new MemoryStream();
        t.WriteByte(0x08); // dims = 1
        t.WriteByte(1);
        t.WriteByte(0x10); // data_type = FLOAT
        t.WriteByte(1);
        Field(t, 8, Encoding.UTF8.GetBytes(name));
        if (rawData is not null) Field(t, 9, rawData);
        if (location is not null)
        {
            var entry = new MemoryStream();
            Field(entry, 1, Encoding.UTF8.GetBytes("location"));
            Field(entry, 2, Encoding.UTF8.GetBytes(location));
            Field(t, 13, entry.ToArray());
            t.WriteByte(14 << 3);
            t.WriteByte(1);
        }
        return t.ToArray();
    }

    private static void Field(Stream s, int number, byte[] payload)
    {
        Varint(s, (ulong)((number << 3) | 2));
        Varint(s, (ulong)payload.Length);
        s.Write(payload);
    }

    private static void Varint(Stream s, ulong v)
    {
        while (v >= 0x80) { s.WriteByte((byte)(v | 0x80)); v >>= 7; }
        s.WriteByte((byte)v);
    }
}
