namespace Obliviate.Formats.Onnx;

/// <summary>An ONNX file is malformed or exceeds a cap; the message names the file and the defect.</summary>
public sealed class OnnxFormatException : IOException
{
    public OnnxFormatException(string fileName, string defect) : base($"{fileName}: {defect}")
    {
        FileName = fileName;
        Defect = defect;
    }

    public OnnxFormatException(string fileName, string defect, Exception inner) : base($"{fileName}: {defect}", inner)
    {
        FileName = fileName;
        Defect = defect;
    }

    public string FileName { get; }

    public string Defect { get; }
}
