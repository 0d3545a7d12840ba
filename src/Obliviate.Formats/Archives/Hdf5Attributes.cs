using PureHDF;

namespace Obliviate.Formats.Archives;

/// <summary>Reads string attributes of an HDF5 file's root group (Keras stores its model JSON in "model_config").</summary>
public static class Hdf5Attributes
{
    /// <summary>The attribute as a string, or null when absent; throws <see cref="InvalidDataException"/> when the file is unreadable.</summary>
    public static string? ReadRootString(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var file = H5File.Open(stream, true);
            if (!file.AttributeExists(name)) return null;
            var value = file.Attribute(name).Read<string>();
            return value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidDataException($"HDF5 unreadable: {ex.Message}", ex);
        }
    }
}
