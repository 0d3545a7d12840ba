namespace Obliviate.Formats.Zip;

/// <summary>The bytes are not a readable zip archive; the message names the defect.</summary>
public sealed class ZipFormatException(string message) : IOException(message);
