using Google.Protobuf;

namespace Obliviate.Formats.Onnx;

/// <summary>
/// Reads an ONNX model at the protobuf wire level with <see cref="CodedInputStream"/> (no generated code): the main
/// graph's nodes, initializers, inputs and outputs, and the model header. Unknown fields are skipped, as protobuf
/// requires; every count and length is capped, and malformed bytes fail with an <see cref="OnnxFormatException"/>.
/// Initializer raw_data is kept as a slice of the file buffer (no copy).
/// </summary>
public static class OnnxReader
{
    public static OnnxModel Read(string path, OnnxLimits? limits = null)
    {
        limits ??= OnnxLimits.Default;
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: not found.", path);
        if (info.Length > limits.MaxFileBytes)
            throw new OnnxFormatException(path, $"file is {info.Length} bytes, over the {limits.MaxFileBytes}-byte cap.");
        return Read(File.ReadAllBytes(path), path, limits);
    }

    public static OnnxModel Read(byte[] bytes, string sourceName, OnnxLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        limits ??= OnnxLimits.Default;
        if (bytes.Length == 0) throw new OnnxFormatException(sourceName, "file is empty.");
        var parser = new OnnxWireParser(bytes, sourceName, limits);
        try
        {
            return parser.ParseModel();
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException(sourceName, $"not a valid ONNX protobuf: {e.Message}", e);
        }
        catch (OverflowException e)
        {
            throw new OnnxFormatException(sourceName, $"not a valid ONNX protobuf: a length overflows ({e.Message}).", e);
        }
    }
}
