using System.Security.Cryptography;
using Obliviate.Engine.Models.Onnx;

namespace Obliviate.Engine.Models.Embedded;

/// <summary>
/// Materialises embedded models as Hugging Face folders under a cache directory (default
/// <c>$XDG_CACHE_HOME/obliviate/models</c> or <c>~/.cache/obliviate/models</c>). The folder appears atomically (it is
/// imported beside its final name and renamed), so an existing folder is complete and a second call is instant.
/// </summary>
public static class EmbeddedModelStore
{
    /// <summary>The default model cache: <c>$XDG_CACHE_HOME/obliviate/models</c>, else <c>~/.cache/obliviate/models</c>.</summary>
    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "obliviate", "models");
    }

    /// <summary>Where <paramref name="model"/> lives (or will live) under <paramref name="cacheDir"/>.</summary>
    public static string ModelDirectory(EmbeddedModel model, string? cacheDir) =>
        Path.Combine(Path.GetFullPath(cacheDir ?? DefaultCacheDirectory()), model.ShortName);

    /// <summary>True when the model folder exists (it only ever appears complete).</summary>
    public static bool IsMaterialized(EmbeddedModel model, string? cacheDir)
    {
        var folder = ModelDirectory(model, cacheDir);
        return File.Exists(Path.Combine(folder, "config.json")) && File.Exists(Path.Combine(folder, "model.safetensors")) &&
               File.Exists(Path.Combine(folder, "vocab.txt"));
    }

    /// <summary>Returns the model folder, importing it from the package on first use.</summary>
    public static string Materialize(EmbeddedModel model, string? cacheDir, EmbeddedPackageOptions? options = null)
    {
        var folder = ModelDirectory(model, cacheDir);
        if (IsMaterialized(model, cacheDir)) return folder;
        var cache = Path.GetDirectoryName(folder)!;
        Directory.CreateDirectory(cache);
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
        if (Directory.Exists(folder))
            throw new IOException($"{folder} exists but is not a complete {model.ShortName} model folder; delete it and retry.");

        var dll = EmbeddedPackageLocator.LocateAssembly(model, Path.Combine(cache, ".packages"), options);
        // The package folder is writable by the user; pin the DLL itself so a modified copy never becomes "the" model.
        string actual;
        using (var stream = File.OpenRead(dll)) actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != model.AssemblySha256)
            throw new InvalidDataException($"{dll}: SHA-256 {actual} is not the pinned {model.AssemblySha256} of {model.PackageId} {model.PackageVersion}; refusing to use it.");
        var onnx = ManagedResourceReader.Read(dll, model.OnnxResource);
        var vocab = ManagedResourceReader.Read(dll, model.VocabResource);
        var provenance = new OnnxImportProvenance(model.UpstreamModel, model.UpstreamLicense, model.PackageId,
            model.PackageVersion, model.PackageLicense, model.OnnxResource);
        try
        {
            OnnxBertImporter.Import(onnx, "model.onnx", vocab, folder, provenance);
        }
        catch (IOException) when (IsMaterialized(model, cacheDir))
        {
            // Another process finished the same import first; its folder is complete.
        }
        return folder;
    }
}
