using System.Text;

namespace Obliviate.Formats.Onnx;

/// <summary>
/// Lists the external-data locations of an ONNX model by walking the protobuf wire format of just the messages that
/// can hold tensors (graph initializers, node attributes, subgraphs). Tensor payloads are skipped by seeking, so a
/// 2 GB model costs a few reads. Throws <see cref="InvalidDataException"/> naming the defect.
/// </summary>
public static class OnnxExternalDataReader
{
    private const int MaxDepth = 32;
    private const int MaxStringBytes = 1 << 16;

    public static IReadOnlyList<OnnxExternalData> Read(Stream stream, int maxTensors = 1_000_000)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) throw new ArgumentException("ONNX reading needs a seekable stream", nameof(stream));
        var result = new List<OnnxExternalData>();
        var reader = new Walker(stream, result, maxTensors);
        stream.Position = 0;
        reader.Message(stream.Length, Kind.Model, 0);
        return result;
    }

    private enum Kind { Model, Graph, Node, Attribute, Tensor, SparseTensor, Entry }

    private sealed class Walker(Stream s, List<OnnxExternalData> result, int maxTensors)
    {
        private int _tensors;

        public void Message(long end, Kind kind, int depth)
        {
            if (depth > MaxDepth) throw new InvalidDataException($"ONNX messages nested deeper than {MaxDepth}");
            string? tensorName = null;
            var locations = new List<(string Location, long Offset)>();
            while (s.Position < end)
            {
                var tag = Varint(end);
                var field = (int)(tag >> 3);
                var wire = (int)(tag & 7);
                if (field == 0) throw new InvalidDataException($"ONNX protobuf field number 0 at offset {s.Position}");
                switch (wire)
                {
                    case 0: Varint(end); break;
                    case 1: Skip(8, end); break;
                    case 5: Skip(4, end); break;
                    case 2:
                    {
                        var len = (long)Varint(end);
                        var at = s.Position;
                        if (len < 0 || at + len > end) throw new InvalidDataException($"ONNX length-delimited field {field} at offset {at} runs past its message");
                        var child = Child(kind, field);
                        if (child is { } c)
                        {
                            if (c == Kind.Tensor && ++_tensors > maxTensors) throw new InvalidDataException($"more than {maxTensors} ONNX tensors");
                            if (c == Kind.Entry) locations.AddRange(Entry(at + len, at));
                            else Message(at + len, c, depth + 1);
                        }
                        else if (kind == Kind.Tensor && field == 8 && len <= MaxStringBytes)
                        {
                            tensorName = ReadString((int)len);
                        }
                        s.Position = at + len;
                        break;
                    }
                    default: throw new InvalidDataException($"ONNX protobuf wire type {wire} at offset {s.Position} is not valid");
                }
            }
            if (s.Position != end) throw new InvalidDataException("ONNX message overruns its declared length");
            foreach (var (location, offset) in locations) result.Add(new OnnxExternalData(tensorName ?? "?", location, offset));
        }

        private IEnumerable<(string, long)> Entry(long end, long at)
        {
            string? key = null, value = null;
            while (s.Position < end)
            {
                var tag = Varint(end);
                if ((tag & 7) != 2) throw new InvalidDataException($"ONNX external_data entry at offset {at} is malformed");
                var len = (long)Varint(end);
                if (len > MaxStringBytes || s.Position + len > end) throw new InvalidDataException($"ONNX external_data string at offset {at} is too long");
                var text = ReadString((int)len);
                if ((tag >> 3) == 1) key = text; else if ((tag >> 3) == 2) value = text;
            }
            if (key == "location" && value is not null) yield return (value, at);
        }

        private static Kind? Child(Kind parent, int field) => (parent, field) switch
        {
            (Kind.Model, 7) => Kind.Graph,
            (Kind.Graph, 1) => Kind.Node,
            (Kind.Graph, 5) => Kind.Tensor,
            (Kind.Graph, 15) => Kind.SparseTensor,
            (Kind.Node, 5) => Kind.Attribute,
            (Kind.Attribute, 5) or (Kind.Attribute, 10) => Kind.Tensor,
            (Kind.Attribute, 6) or (Kind.Attribute, 11) => Kind.Graph,
            (Kind.Attribute, 22) or (Kind.Attribute, 23) => Kind.SparseTensor,
            (Kind.SparseTensor, 1) or (Kind.SparseTensor, 2) => Kind.Tensor,
            (Kind.Tensor, 13) => Kind.Entry,
            _ => null,
        };

        private ulong Varint(long end)
        {
            ulong v = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (s.Position >= end) throw new InvalidDataException($"ONNX varint truncated at offset {s.Position}");
                var b = s.ReadByte();
                if (b < 0) throw new InvalidDataException("ONNX file truncated inside a varint");
                v |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return v;
            }
            throw new InvalidDataException($"ONNX varint longer than 10 bytes at offset {s.Position}");
        }

        private void Skip(int n, long end)
        {
            if (s.Position + n > end) throw new InvalidDataException($"ONNX fixed-width field truncated at offset {s.Position}");
            s.Position += n;
        }

        private string ReadString(int len)
        {
            var buf = new byte[len];
            s.ReadExactly(buf);
            return Encoding.UTF8.GetString(buf);
        }
    }
}
