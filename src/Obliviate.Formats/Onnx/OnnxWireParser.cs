using System.Text;
using Google.Protobuf;

namespace Obliviate.Formats.Onnx;

/// <summary>
/// The field walker behind <see cref="OnnxReader"/>. Each message is parsed from a (offset, length) window of the file
/// buffer; nested messages are located by skipping the field and decoding its length prefix, so nothing is copied.
/// Field numbers follow onnx/onnx.proto.
/// </summary>
internal sealed partial class OnnxWireParser(byte[] buffer, string file, OnnxLimits limits)
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    public OnnxModel ParseModel()
    {
        var input = Open(0, buffer.Length);
        long ir = 0;
        string producer = "", producerVersion = "";
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        OnnxGraph? graph = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag), Wire(tag))
            {
                case (1, Varint): ir = input.ReadInt64(); break;
                case (2, LengthDelimited): producer = input.ReadString(); break;
                case (3, LengthDelimited): producerVersion = input.ReadString(); break;
                case (7, LengthDelimited):
                    if (graph is not null) throw Defect("the model holds more than one graph field.");
                    var (gs, gl) = Window(input);
                    graph = ParseGraph(gs, gl);
                    break;
                case (8, LengthDelimited):
                    var (os, ol) = Window(input);
                    var (domain, version) = ParseOpset(os, ol);
                    opsets[domain] = version;
                    break;
                default: input.SkipLastField(); break;
            }
        }
        if (graph is null) throw Defect("no graph: not an ONNX model (ModelProto.graph is missing).");
        return new OnnxModel { IrVersion = ir, ProducerName = producer, ProducerVersion = producerVersion, Opsets = opsets, Graph = graph };
    }

    private (string, long) ParseOpset(int offset, int length)
    {
        var input = Open(offset, length);
        string domain = "";
        long version = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag), Wire(tag))
            {
                case (1, LengthDelimited): domain = input.ReadString(); break;
                case (2, Varint): version = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }
        return (domain, version);
    }

    private OnnxGraph ParseGraph(int offset, int length)
    {
        var input = Open(offset, length);
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxTensor>();
        var inputs = new List<OnnxValueInfo>();
        var outputs = new List<OnnxValueInfo>();
        var name = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag), Wire(tag))
            {
                case (1, LengthDelimited):
                    if (nodes.Count >= limits.MaxNodes) throw Defect($"more than {limits.MaxNodes} nodes.");
                    var (ns, nl) = Window(input);
                    nodes.Add(ParseNode(ns, nl));
                    break;
                case (2, LengthDelimited): name = input.ReadString(); break;
                case (5, LengthDelimited):
                    if (initializers.Count >= limits.MaxInitializers) throw Defect($"more than {limits.MaxInitializers} initializers.");
                    var (ts, tl) = Window(input);
                    initializers.Add(ParseTensor(ts, tl));
                    break;
                case (11, LengthDelimited):
                    var (ins, inl) = Window(input);
                    inputs.Add(ParseValueInfo(ins, inl));
                    break;
                case (12, LengthDelimited):
                    var (outs, outl) = Window(input);
                    outputs.Add(ParseValueInfo(outs, outl));
                    break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxGraph { Name = name, Nodes = nodes, Initializers = initializers, Inputs = inputs, Outputs = outputs };
    }

    private OnnxNode ParseNode(int offset, int length)
    {
        var input = Open(offset, length);
        var inputs = new List<string>();
        var outputs = new List<string>();
        var attributes = new List<OnnxAttribute>();
        string name = "", opType = "", domain = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag), Wire(tag))
            {
                case (1, LengthDelimited): Add(inputs, input.ReadString(), "node inputs"); break;
                case (2, LengthDelimited): Add(outputs, input.ReadString(), "node outputs"); break;
                case (3, LengthDelimited): name = input.ReadString(); break;
                case (4, LengthDelimited): opType = input.ReadString(); break;
                case (7, LengthDelimited): domain = input.ReadString(); break;
                case (5, LengthDelimited):
                    var (a, al) = Window(input);
                    Add(attributes, ParseAttribute(a, al), "node attributes");
                    break;
                default: input.SkipLastField(); break;
            }
        }
        if (opType.Length == 0) throw Defect($"node '{name}' has no op_type.");
        return new OnnxNode { Name = name, OpType = opType, Domain = domain, Inputs = inputs, Outputs = outputs, Attributes = attributes };
    }

    private OnnxAttribute ParseAttribute(int offset, int length)
    {
        var input = Open(offset, length);
        string name = "";
        int type = 0;
        float? f = null;
        long? i = null;
        string? s = null;
        OnnxTensor? t = null;
        var floats = new List<float>();
        var ints = new List<long>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag), Wire(tag))
            {
                case (1, LengthDelimited): name = input.ReadString(); break;
                case (20, Varint): type = input.ReadInt32(); break;
                case (2, Fixed32): f = input.ReadFloat(); break;
                case (3, Varint): i = input.ReadInt64(); break;
                case (4, LengthDelimited): s = Encoding.UTF8.GetString(input.ReadBytes().Span); break;
                case (5, LengthDelimited):
                    var (ts, tl) = Window(input);
                    t = ParseTensor(ts, tl);
                    break;
                case (7, Fixed32): Add(floats, input.ReadFloat(), "attribute floats"); break;
                case (7, LengthDelimited): ReadPackedFloats(input, floats); break;
                case (8, Varint): Add(ints, input.ReadInt64(), "attribute ints"); break;
                case (8, LengthDelimited): ReadPackedInt64(input, ints); break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxAttribute { Name = name, Type = type, Float = f, Int = i, String = s, Tensor = t, Floats = floats, Ints = ints };
    }

    private OnnxTensor ParseTensor(int offset, int length)
    {
        var input = Open(offset, length);
        var dims = new List<long>();
        var floats = new List<float>();
        var int32s = new List<int>();
        var int64s = new List<long>();
        var doubles = new List<double>();
        var external = new Dictionary<string, string>(StringComparer.Ordinal);
        string name = "";
        int dataType = 0;
        var location = 0;
        ReadOnlyMemory<byte> raw = default;
        var hasRaw = false;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag), Wire(tag))
            {
                case (1, Varint): AddDim(dims, input.ReadInt64()); break;
                case (1, LengthDelimited):
                    var packedDims = new List<long>();
                    ReadPackedInt64(input, packedDims);
                    foreach (var d in packedDims) AddDim(dims, d);
                    break;
                case (2, Varint): dataType = input.ReadInt32(); break;
                case (4, Fixed32): Add(floats, input.ReadFloat(), "float_data"); break;
                case (4, LengthDelimited): ReadPackedFloats(input, floats); break;
                case (5, Varint): Add(int32s, input.ReadInt32(), "int32_data"); break;
                case (5, LengthDelimited): ReadPackedInt32(input, int32s); break;
                case (7, Varint): Add(int64s, input.ReadInt64(), "int64_data"); break;
                case (7, LengthDelimited): ReadPackedInt64(input, int64s); break;
                case (8, LengthDelimited): name = input.ReadString(); break;
                case (9, LengthDelimited):
                    var (rs, rl) = Window(input);
                    raw = new ReadOnlyMemory<byte>(buffer, rs, rl);
                    hasRaw = true;
                    break;
                case (10, Fixed64): Add(doubles, input.ReadDouble(), "double_data"); break;
                case (10, LengthDelimited): ReadPackedDoubles(input, doubles); break;
                case (13, LengthDelimited):
                    var (es, el) = Window(input);
                    var (key, value) = ParseStringPair(es, el);
                    external[key] = value;
                    break;
                case (14, Varint): location = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }
        if (!Enum.IsDefined((OnnxDataType)dataType))
            throw Defect($"tensor '{name}' has unknown data_type {dataType}.");
        return new OnnxTensor
        {
            Name = name, DataType = (OnnxDataType)dataType, Dims = dims, RawData = raw, HasRawData = hasRaw,
            FloatData = floats, Int32Data = int32s, Int64Data = int64s, DoubleData = doubles,
            ExternalData = external, IsExternal = location == 1,
        };
    }

    private (string, string) ParseStringPair(int offset, int length)
    {
        var input = Open(offset, length);
        string key = "", value = "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag), Wire(tag))
            {
                case (1, LengthDelimited): key = input.ReadString(); break;
                case (2, LengthDelimited): value = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }
        return (key, value);
    }

    private OnnxValueInfo ParseValueInfo(int offset, int length)
    {
        var input = Open(offset, length);
        string name = "";
        var elementType = OnnxDataType.Undefined;
        var shape = new List<long?>();
        var dimNames = new List<string?>();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (Field(tag), Wire(tag))
            {
                case (1, LengthDelimited): name = input.ReadString(); break;
                case (2, LengthDelimited):
                    // TypeProto.tensor_type(1) → Tensor.elem_type(1), Tensor.shape(2) → TensorShapeProto.dim(1).
                    var (ts, tl) = Window(input);
                    foreach (var (tField, tStart, tLen) in Messages(ts, tl))
                    {
                        if (tField != 1) continue;
                        var tensorType = Open(tStart, tLen);
                        uint tt;
                        while ((tt = tensorType.ReadTag()) != 0)
                        {
                            switch (Field(tt), Wire(tt))
                            {
                                case (1, Varint): elementType = (OnnxDataType)tensorType.ReadInt32(); break;
                                case (2, LengthDelimited):
                                    var (ss, sl) = Window(tensorType);
                                    ParseShape(ss, sl, shape, dimNames);
                                    break;
                                default: tensorType.SkipLastField(); break;
                            }
                        }
                    }
                    break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxValueInfo(name, elementType, shape, dimNames);
    }

    private void ParseShape(int offset, int length, List<long?> shape, List<string?> dimNames)
    {
        foreach (var (field, start, len) in Messages(offset, length))
        {
            if (field != 1) continue;
            if (shape.Count >= limits.MaxRank) throw Defect($"a value shape has more than {limits.MaxRank} dimensions.");
            long? value = null;
            string? param = null;
            var dim = Open(start, len);
            uint tag;
            while ((tag = dim.ReadTag()) != 0)
            {
                switch (Field(tag), Wire(tag))
                {
                    case (1, Varint): value = dim.ReadInt64(); break;
                    case (2, LengthDelimited): param = dim.ReadString(); break;
                    default: dim.SkipLastField(); break;
                }
            }
            shape.Add(value);
            dimNames.Add(param);
        }
    }
}
