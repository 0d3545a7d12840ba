using System.Security.Cryptography;

using Obliviate.Reports.Inspection;

namespace Obliviate.Engine.Models.Repository;

/// <summary>Builds a <see cref="InspectionReport"/>: validates the weights' headers and hashes every file (nothing is unpickled).</summary>
public static class ModelInspector
{
    /// <summary>The most files listed (a model folder has a handful; a mistaken path like / must not hash the disk).</summary>
    public const int MaxFiles = 10_000;

    public static InspectionReport Inspect(ModelRepository repository, CancellationToken cancellationToken = default)
    {
        long parameters = 0;
        var dtypes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int tensors;
        using (var weights = repository.OpenWeights())
        {
            tensors = weights.Entries.Count;
            foreach (var entry in weights.Entries)
            {
                parameters += entry.ElementCount;
                var name = entry.DType.ToString();
                dtypes[name] = dtypes.GetValueOrDefault(name) + 1;
            }
        }
        var files = new List<ModelFileInfo>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden };
        foreach (var path in Directory.EnumerateFiles(repository.Directory, "*", options).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (files.Count >= MaxFiles)
                throw new ModelRepositoryException($"{repository.Directory}: more than {MaxFiles} files; is this a model folder?");
            using var stream = File.OpenRead(path);
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            files.Add(new ModelFileInfo(Path.GetRelativePath(repository.Directory, path).Replace('\\', '/'), stream.Length, hash));
        }
        return new InspectionReport
        {
            Directory = repository.Directory,
            ShortName = repository.ShortName,
            Architecture = new ArchitectureSummary(repository.Config.ModelType, repository.Config.NumHiddenLayers, repository.Config.HiddenSize,
                repository.Config.NumAttentionHeads, repository.Config.IntermediateSize, repository.Config.HiddenAct, repository.Config.VocabSize,
                repository.Config.MaxPositionEmbeddings, repository.Config.TypeVocabSize, repository.Config.LayerNormEps),
            ParameterCount = parameters,
            TensorCount = tensors,
            Dtypes = dtypes,
            TokenizerKind = repository.Tokenizer.Kind switch
            {
                TokenizerKind.WordPiece => "word_piece",
                TokenizerKind.ByteLevelBpe => "byte_level_bpe",
                TokenizerKind.HuggingFaceJson => "hugging_face_json",
                _ => "none",
            },
            DoLowerCase = repository.Tokenizer.Kind == TokenizerKind.None ? null : repository.Tokenizer.Settings.DoLowerCase,
            Weights = Path.GetFileName(repository.WeightsPath),
            Sharded = repository.IsSharded,
            Files = files,
            IgnoredUnsafeFiles = repository.IgnoredUnsafeFiles,
        };
    }
}
