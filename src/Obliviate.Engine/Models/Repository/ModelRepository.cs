using Obliviate.Engine.Models.Embedded;
using Obliviate.Formats.SafeTensors;

namespace Obliviate.Engine.Models.Repository;

/// <summary>
/// A Hugging Face-style model folder: <c>config.json</c>, tokenizer files, and weights in <c>model.safetensors</c> or a
/// sharded <c>model.safetensors.index.json</c>. Pickle-based weights (pytorch_model.bin, *.pt, *.pkl…) are never
/// loaded: unpickling runs arbitrary code, so a folder that has only those is refused with the conversion command.
/// </summary>
public sealed record ModelRepository
{
    /// <summary>Weight files in pickle-based formats: loading any of them can execute code embedded in the file.</summary>
    private static readonly string[] PickleExtensions = [".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt", ".joblib", ".dill"];

    public const string SafeTensorsFile = "model.safetensors";
    public const string SafeTensorsIndexFile = "model.safetensors.index.json";

    /// <summary>The absolute folder path.</summary>
    public required string Directory { get; init; }

    /// <summary>The validated encoder configuration from config.json.</summary>
    public required EncoderConfig Config { get; init; }

    public required TokenizerFiles Tokenizer { get; init; }

    /// <summary><c>model.safetensors</c>, or the index of a sharded checkpoint.</summary>
    public required string WeightsPath { get; init; }

    public bool IsSharded { get; init; }

    /// <summary>Pickle-format files present in the folder and deliberately not loaded.</summary>
    public IReadOnlyList<string> IgnoredUnsafeFiles { get; init; } = [];

    /// <summary>The embedded model's short name when resolved from one (<c>minilm</c>), else null.</summary>
    public string? ShortName { get; init; }

    /// <summary>Opens a model folder, or materialises an embedded model named <c>minilm</c> / <c>arctic-xs</c>.</summary>
    /// <remarks>An existing folder wins over a short name of the same spelling.</remarks>
    public static ModelRepository Resolve(string pathOrShortName, string? cacheDir) =>
        Resolve(pathOrShortName, cacheDir, EmbeddedPackageOptions.Default);

    public static ModelRepository Resolve(string pathOrShortName, string? cacheDir, EmbeddedPackageOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrShortName);
        if (System.IO.Directory.Exists(pathOrShortName)) return Open(pathOrShortName);
        if (EmbeddedModels.Find(pathOrShortName) is { } embedded)
        {
            string folder;
            try
            {
                folder = EmbeddedModelStore.Materialize(embedded, cacheDir, options);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException)
            {
                throw new ModelRepositoryException($"cannot materialise the embedded model '{embedded.ShortName}': {e.Message}", e);
            }
            return Open(folder) with { ShortName = embedded.ShortName };
        }
        if (File.Exists(pathOrShortName))
            throw new ModelRepositoryException(
                $"{pathOrShortName} is a file; give the model folder that holds config.json and the weights.");
        throw new ModelRepositoryException(
            $"{pathOrShortName}: no such folder, and not a known model name ({string.Join(", ", EmbeddedModels.All.Select(m => m.ShortName))}).");
    }

    /// <summary>Opens the model folder at <paramref name="directory"/>.</summary>
    public static ModelRepository Open(string directory)
    {
        var folder = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(folder)) throw new ModelRepositoryException($"{folder}: no such folder.");
        var files = System.IO.Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var unsafeFiles = files.Where(f => PickleExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).ToList();

        string weights;
        var sharded = false;
        if (files.Contains(SafeTensorsFile)) weights = Path.Combine(folder, SafeTensorsFile);
        else if (files.Contains(SafeTensorsIndexFile))
        {
            weights = Path.Combine(folder, SafeTensorsIndexFile);
            sharded = true;
        }
        else if (unsafeFiles.Count > 0) throw new ModelRepositoryException(RefusePickle(folder, unsafeFiles));
        else if (files.Any(f => f.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)))
            throw new ModelRepositoryException(
                $"{folder}: no model.safetensors, only ONNX. Convert it first: dotnet obliviate import onnx <model.onnx> --vocab <vocab.txt> -o <dir>");
        else throw new ModelRepositoryException($"{folder}: no weights (expected {SafeTensorsFile} or {SafeTensorsIndexFile}).");

        var configPath = Path.Combine(folder, "config.json");
        if (!File.Exists(configPath)) throw new ModelRepositoryException($"{folder}: no config.json.");
        EncoderConfig config;
        try
        {
            config = EncoderConfig.Load(configPath);
        }
        catch (InvalidDataException e)
        {
            throw new ModelRepositoryException(e.Message, e);
        }
        return new ModelRepository
        {
            Directory = folder,
            Config = config,
            Tokenizer = TokenizerFiles.Find(folder),
            WeightsPath = weights,
            IsSharded = sharded,
            IgnoredUnsafeFiles = unsafeFiles,
        };
    }

    /// <summary>Opens the weights (validating every safetensors header); dispose the result when done.</summary>
    public ISafeTensorsSource OpenWeights(SafeTensorsLimits? limits = null) =>
        IsSharded ? SafeTensorsShards.Open(WeightsPath, limits) : Formats.SafeTensors.SafeTensorsFile.Open(WeightsPath, limits);

    private static string RefusePickle(string folder, List<string> unsafeFiles) =>
        $"{folder}: the weights are only in {string.Join(", ", unsafeFiles)}, a pickle-based format. Loading a pickle can " +
        "execute arbitrary code, so Obliviate never loads one. Convert the folder to safetensors in a disposable sandbox " +
        "(after `dotnet obliviate scan`), e.g.: python -c \"from transformers import AutoModel; d='" + folder +
        "'; AutoModel.from_pretrained(d).save_pretrained(d, safe_serialization=True)\"";
}
