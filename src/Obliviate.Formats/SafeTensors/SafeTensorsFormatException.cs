namespace Obliviate.Formats.SafeTensors;

/// <summary>
/// A safetensors file (or sharded index) violates the format; the message names the file and the defect.
/// </summary>
/// <remarks>
/// <see cref="InvalidDataException"/> is sealed, so this derives from <see cref="IOException"/> (its closest unsealed
/// ancestor in spirit): catch this type by name, or <see cref="IOException"/> for "the file could not be read".
/// </remarks>
public sealed class SafeTensorsFormatException : IOException
{
    public SafeTensorsFormatException(string fileName, string defect)
        : base($"{fileName}: {defect}")
    {
        FileName = fileName;
        Defect = defect;
    }

    public SafeTensorsFormatException(string fileName, string defect, Exception inner)
        : base($"{fileName}: {defect}", inner)
    {
        FileName = fileName;
        Defect = defect;
    }

    /// <summary>The file the defect was found in (or a description of the stream).</summary>
    public string FileName { get; }

    /// <summary>The defect alone, without the file name.</summary>
    public string Defect { get; }
}
