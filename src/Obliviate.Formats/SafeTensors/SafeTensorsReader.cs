using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Unicode;

namespace Obliviate.Formats.SafeTensors;

/// <summary>
/// Reads and strictly validates safetensors headers. The rules are those of the reference implementation
/// (huggingface/safetensors): a little-endian u64 header length within the file and a cap, a UTF-8 JSON object,
/// known dtypes, shape × element size equal to each byte range, and data ranges that tile the data section exactly
/// (no overlap, no gap, nothing left over). Anything else fails closed with a <see cref="SafeTensorsFormatException"/>.
/// </summary>
public static class SafeTensorsReader
{
    private const string MetadataKey = "__metadata__";

    /// <summary>
    /// Reads the header from <paramref name="stream"/>, positioned at the start of the file, whose total length is
    /// <paramref name="fileLength"/>. Only the header is read; tensor data is not touched.
    /// </summary>
    public static SafeTensorsHeader ReadHeader(Stream stream, long fileLength, SafeTensorsLimits? limits = null) =>
        ReadHeader(stream, fileLength, limits, (stream as FileStream)?.Name ?? "<stream>");

    /// <summary>As <see cref="ReadHeader(Stream, long, SafeTensorsLimits?)"/>, naming the source in error messages.</summary>
    public static SafeTensorsHeader ReadHeader(Stream stream, long fileLength, SafeTensorsLimits? limits, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= SafeTensorsLimits.Default;
        var file = sourceName;

        if (fileLength < 8)
            throw new SafeTensorsFormatException(file, $"file is {fileLength} bytes, too short for the 8-byte header length.");
        Span<byte> prefix = stackalloc byte[8];
        ReadFully(stream, prefix, file, "the header length");
        var declared = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (declared > (ulong)limits.MaxHeaderBytes)
            throw new SafeTensorsFormatException(file,
                $"header length {declared} exceeds the cap of {limits.MaxHeaderBytes} bytes.");
        var headerLength = (long)declared;
        if (headerLength > fileLength - 8)
            throw new SafeTensorsFormatException(file,
                $"header length {headerLength} runs past the end of the file ({fileLength} bytes).");
        if (headerLength < 2)
            throw new SafeTensorsFormatException(file, $"header length {headerLength} is too small for a JSON object.");

        var json = new byte[headerLength];
        ReadFully(stream, json, file, "the header");
        var dataStart = 8 + headerLength;
        var header = Parse(json, fileLength - dataStart, limits, file);
        return header with { HeaderLength = headerLength, DataStart = dataStart };
    }

    /// <summary>Reads and validates the header of the file at <paramref name="path"/>.</summary>
    public static SafeTensorsHeader ReadHeader(string path, SafeTensorsLimits? limits = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.None);
        return ReadHeader(stream, stream.Length, limits, path);
    }

    private static void ReadFully(Stream stream, Span<byte> buffer, string file, string what)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new SafeTensorsFormatException(file, $"the stream ended while reading {what}.", e);
        }
    }

    private static SafeTensorsHeader Parse(byte[] json, long dataLength, SafeTensorsLimits limits, string file)
    {
        if (!Utf8.IsValid(json))
            throw new SafeTensorsFormatException(file, "header is not valid UTF-8.");
        if (json[0] != (byte)'{')
            throw new SafeTensorsFormatException(file, "header does not start with '{' (not a JSON object).");

        JsonDocument document;
        try
        {
            // Depth 4 is enough for {name: {shape: [..]}}; anything deeper is not a safetensors header.
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(file, $"header is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsFormatException(file, "header is not a JSON object.");

            var names = new HashSet<string>(StringComparer.Ordinal);
            var tensors = new List<SafeTensorsEntry>();
            IReadOnlyDictionary<string, string>? metadata = null;
            foreach (var property in root.EnumerateObject())
            {
                if (!names.Add(property.Name))
                    throw new SafeTensorsFormatException(file, $"duplicate name '{property.Name}' in the header.");
                if (property.Name == MetadataKey)
                {
                    metadata = ParseMetadata(property.Value, limits, file);
                    continue;
                }
                if (tensors.Count >= limits.MaxTensors)
                    throw new SafeTensorsFormatException(file, $"more than {limits.MaxTensors} tensors declared.");
                tensors.Add(ParseEntry(property.Name, property.Value, limits, file));
            }
            CheckLayout(tensors, dataLength, file);
            return new SafeTensorsHeader { HeaderLength = json.Length, DataStart = 8 + json.Length, Tensors = tensors, Metadata = metadata };
        }
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement value, SafeTensorsLimits limits, string file)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(file,
                $"__metadata__ must be an object of string values (got {value.ValueKind}).");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsFormatException(file,
                    $"__metadata__ value of '{item.Name}' must be a string (got {item.Value.ValueKind}).");
            if (!map.TryAdd(item.Name, item.Value.GetString()!))
                throw new SafeTensorsFormatException(file, $"duplicate __metadata__ key '{item.Name}'.");
            if (map.Count > limits.MaxMetadataEntries)
                throw new SafeTensorsFormatException(file, $"more than {limits.MaxMetadataEntries} __metadata__ entries.");
        }
        return map;
    }

    private static SafeTensorsEntry ParseEntry(string name, JsonElement value, SafeTensorsLimits limits, string file)
    {
        string Where() => $"tensor '{name}'";
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(file, $"{Where()}: entry must be an object (got {value.ValueKind}).");

        string? dtypeText = null;
        List<long>? shape = null;
        long[]? offsets = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtypeText is null:
                    if (field.Value.ValueKind != JsonValueKind.String)
                        throw new SafeTensorsFormatException(file, $"{Where()}: dtype must be a string.");
                    dtypeText = field.Value.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(field.Value, name, "shape", limits.MaxRank, file);
                    break;
                case "data_offsets" when offsets is null:
                    var list = ReadIntegers(field.Value, name, "data_offsets", 2, file);
                    if (list.Count != 2)
                        throw new SafeTensorsFormatException(file, $"{Where()}: data_offsets must hold exactly two integers.");
                    offsets = [list[0], list[1]];
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw new SafeTensorsFormatException(file, $"{Where()}: duplicate field '{field.Name}'.");
                default:
                    throw new SafeTensorsFormatException(file, $"{Where()}: unknown field '{field.Name}'.");
            }
        }
        if (dtypeText is null) throw new SafeTensorsFormatException(file, $"{Where()}: missing dtype.");
        if (shape is null) throw new SafeTensorsFormatException(file, $"{Where()}: missing shape.");
        if (offsets is null) throw new SafeTensorsFormatException(file, $"{Where()}: missing data_offsets.");
        if (!SafeTensorsDTypes.TryParse(dtypeText, out var dtype))
            throw new SafeTensorsFormatException(file, $"{Where()}: unknown dtype '{dtypeText}'.");
        if (offsets[1] < offsets[0])
            throw new SafeTensorsFormatException(file,
                $"{Where()}: data_offsets [{offsets[0]}, {offsets[1]}] end before they begin.");

        long bytes = dtype.ElementSize();
        try
        {
            foreach (var d in shape) bytes = checked(bytes * d);
        }
        catch (OverflowException)
        {
            throw new SafeTensorsFormatException(file, $"{Where()}: shape [{string.Join(", ", shape)}] overflows the size computation.");
        }
        var span = offsets[1] - offsets[0];
        if (bytes != span)
            throw new SafeTensorsFormatException(file,
                $"{Where()}: shape [{string.Join(", ", shape)}] of {dtypeText} needs {bytes} bytes but data_offsets " +
                $"[{offsets[0]}, {offsets[1]}] span {span}.");
        return new SafeTensorsEntry(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static List<long> ReadIntegers(JsonElement value, string name, string field, int max, string file)
    {
        if (value.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException(file, $"tensor '{name}': {field} must be an array of integers.");
        var result = new List<long>();
        foreach (var item in value.EnumerateArray())
        {
            if (result.Count >= max)
                throw new SafeTensorsFormatException(file, $"tensor '{name}': {field} has more than {max} values.");
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var n) || n < 0)
                throw new SafeTensorsFormatException(file,
                    $"tensor '{name}': {field} must hold non-negative integers (got {item.GetRawText()}).");
            result.Add(n);
        }
        return result;
    }

    private static void CheckLayout(List<SafeTensorsEntry> tensors, long dataLength, string file)
    {
        tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expected = 0;
        SafeTensorsEntry? previous = null;
        foreach (var t in tensors)
        {
            if (t.End > dataLength)
                throw new SafeTensorsFormatException(file,
                    $"tensor '{t.Name}': data_offsets [{t.Begin}, {t.End}] run past the end of the data ({dataLength} bytes).");
            if (t.Begin < expected)
                throw new SafeTensorsFormatException(file,
                    $"tensor '{t.Name}' [{t.Begin}, {t.End}] overlaps tensor '{previous!.Name}' [{previous.Begin}, {previous.End}].");
            if (t.Begin > expected)
                throw new SafeTensorsFormatException(file,
                    $"gap of {t.Begin - expected} bytes before tensor '{t.Name}' (data must be contiguous).");
            expected = t.End;
            previous = t;
        }
        if (expected != dataLength)
            throw new SafeTensorsFormatException(file,
                $"{dataLength - expected} bytes after the last tensor are not covered by any tensor.");
    }
}
