using Obliviate.Engine.Files;
using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Tokenization;
using Obliviate.Reports.Model;
using static TorchSharp.torch;

namespace Obliviate.Engine.Runs;

/// <summary>
/// A resolved pretrained model, as every run starts from it: its repository, a freshly loaded frozen encoder, its tokenizer
/// (configured from the repository's tokenizer settings, read once) and the summary reports record, including the weights'
/// SHA-256 so a later step can check it runs on the same model.
/// </summary>
public sealed record PretrainedEncoder(ModelRepository Repository, BertModel Encoder, TextTokenizer Tokenizer, ModelSummary Summary) : IDisposable
{
    /// <summary>Resolves <paramref name="name"/> (a folder or <c>minilm</c>/<c>arctic-xs</c>) and loads it on <paramref name="device"/>.</summary>
    public static PretrainedEncoder Load(string name, string? cacheDir, Device device)
    {
        var repository = ModelRepository.Resolve(name, cacheDir);
        var tokenizer = TokenizerLoader.FromFolder(repository.Directory, repository.Tokenizer.Settings);
        var encoder = BertModel.FromPretrained(repository, device);
        return new PretrainedEncoder(repository, encoder, tokenizer, Summarize(name, repository));
    }

    /// <summary>What reports record about <paramref name="repository"/>, opened under the name <paramref name="name"/>.</summary>
    public static ModelSummary Summarize(string name, ModelRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var upstream = repository.ShortName is { } s ? EmbeddedModels.Find(s)?.UpstreamModel : null;
        var config = repository.Config;
        return new ModelSummary(name, upstream ?? repository.Directory, config.ModelType, config.HiddenSize,
            config.NumHiddenLayers, config.NumAttentionHeads, FileHashes.Sha256(repository.WeightsPath));
    }

    public void Dispose() => Encoder.Dispose();
}
