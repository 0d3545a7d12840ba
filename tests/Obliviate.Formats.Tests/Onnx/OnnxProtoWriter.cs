using Google.Protobuf;
using Obliviate.Formats.Onnx;

namespace Obliviate.Tests.Onnx;

/// <summary>
/// Writes small ONNX protobuf messages field by field (onnx.proto numbering) for tests; shared with the Engine tests
/// by a linked Compile item. Only the fields the reader understands are emitted.
/// </summary>
internal static class OnnxProtoWriter
{
    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static void Embedded(CodedOutputStream o, int field, byte[] message)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(message));
    }

    private static void Text(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }

    public static byte[] Model(byte[] graph, long irVersion = 7, string producer = "pytorch", long opset = 13) => Message(o =>
    {
        o.WriteTag(1, WireFormat.WireType.Varint);
        o.WriteInt64(irVersion);
        Text(o, 2, producer);
        Text(o, 3, "2.0");
        Embedded(o, 7, graph);
        Embedded(o, 8, Message(s =>
        {
            Text(s, 1, "");
            s.WriteTag(2, WireFormat.WireType.Varint);
            s.WriteInt64(opset);
        }));
    });

    public static byte[] Graph(IEnumerable<byte[]> nodes, IEnumerable<byte[]> initializers, IEnumerable<byte[]> inputs,
        IEnumerable<byte[]> outputs, string name = "main_graph") => Message(o =>
    {
        foreach (var n in nodes) Embedded(o, 1, n);
        Text(o, 2, name);
        foreach (var t in initializers) Embedded(o, 5, t);
        foreach (var i in inputs) Embedded(o, 11, i);
        foreach (var v in outputs) Embedded(o, 12, v);
    });

    public static byte[] Node(string opType, string[] inputs, string[] outputs, string name = "", params byte[][] attributes) => Message(o =>
    {
        foreach (var i in inputs) Text(o, 1, i);
        foreach (var v in outputs) Text(o, 2, v);
        Text(o, 3, name.Length > 0 ? name : $"{opType}_{string.Join("_", outputs)}");
        Text(o, 4, opType);
        foreach (var a in attributes) Embedded(o, 5, a);
    });

    public static byte[] FloatAttribute(string name, float value) => Message(o =>
    {
        Text(o, 1, name);
        o.WriteTag(2, WireFormat.WireType.Fixed32);
        o.WriteFloat(value);
        o.WriteTag(20, WireFormat.WireType.Varint);
        o.WriteInt32(1);
    });

    public static byte[] IntAttribute(string name, long value) => Message(o =>
    {
        Text(o, 1, name);
        o.WriteTag(3, WireFormat.WireType.Varint);
        o.WriteInt64(value);
        o.WriteTag(20, WireFormat.WireType.Varint);
        o.WriteInt32(2);
    });

    public static byte[] IntsAttribute(string name, params long[] values) => Message(o =>
    {
        Text(o, 1, name);
        foreach (var v in values)
        {
            o.WriteTag(8, WireFormat.WireType.Varint);
            o.WriteInt64(v);
        }
        o.WriteTag(20, WireFormat.WireType.Varint);
        o.WriteInt32(7);
    });

    public static byte[] TensorAttribute(string name, byte[] tensor) => Message(o =>
    {
        Text(o, 1, name);
        Embedded(o, 5, tensor);
        o.WriteTag(20, WireFormat.WireType.Varint);
        o.WriteInt32(4);
    });

    /// <summary>A tensor stored as raw_data (little-endian), with packed dims.</summary>
    public static byte[] RawTensor(string name, OnnxDataType type, long[] dims, byte[] raw) => Message(o =>
    {
        if (dims.Length > 0)
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            var packed = Message(p => { foreach (var d in dims) p.WriteInt64(d); });
            o.WriteBytes(ByteString.CopyFrom(packed));
        }
        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32((int)type);
        Text(o, 8, name);
        o.WriteTag(9, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(raw));
    });

    public static byte[] FloatTensor(string name, long[] dims, float[] values) =>
        RawTensor(name, OnnxDataType.Float, dims, values.SelectMany(BitConverter.GetBytes).ToArray());

    /// <summary>A float tensor stored in float_data (unpacked dims, packed values) rather than raw_data.</summary>
    public static byte[] FloatDataTensor(string name, long[] dims, float[] values) => Message(o =>
    {
        foreach (var d in dims)
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(d);
        }
        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32((int)OnnxDataType.Float);
        o.WriteTag(4, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray()));
        Text(o, 8, name);
    });

    public static byte[] Int64Tensor(string name, long[] dims, long[] values) =>
        RawTensor(name, OnnxDataType.Int64, dims, values.SelectMany(BitConverter.GetBytes).ToArray());

    /// <summary>A tensor whose data is declared to live in an external file.</summary>
    public static byte[] ExternalTensor(string name, long[] dims, string location) => Message(o =>
    {
        foreach (var d in dims)
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(d);
        }
        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32((int)OnnxDataType.Float);
        Text(o, 8, name);
        Embedded(o, 13, Message(e =>
        {
            Text(e, 1, "location");
            Text(e, 2, location);
        }));
        o.WriteTag(14, WireFormat.WireType.Varint);
        o.WriteInt32(1);
    });

    /// <summary>A tensor value info; each dim is a long (fixed) or a string (symbolic).</summary>
    public static byte[] ValueInfo(string name, OnnxDataType elementType, params object[] dims) => Message(o =>
    {
        Text(o, 1, name);
        Embedded(o, 2, Message(type => Embedded(type, 1, Message(tensor =>
        {
            tensor.WriteTag(1, WireFormat.WireType.Varint);
            tensor.WriteInt32((int)elementType);
            Embedded(tensor, 2, Message(shape =>
            {
                foreach (var d in dims)
                {
                    Embedded(shape, 1, Message(dim =>
                    {
                        if (d is string s) Text(dim, 2, s);
                        else
                        {
                            dim.WriteTag(1, WireFormat.WireType.Varint);
                            dim.WriteInt64(Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture));
                        }
                    }));
                }
            }));
        }))));
    });
}
