using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Models.Embedded;
using Obliviate.Engine.Models.Repository;
using Obliviate.Engine.Tokenization;
using static TorchSharp.torch;

namespace Obliviate.Engine.Defense;

/// <summary>A resolved base model: its repository, a freshly loaded frozen encoder and its tokenizer.</summary>
public sealed record BaseModel(ModelRepository Repository, BertModel Encoder, TextTokenizer Tokenizer, ModelSummary Summary) : IDisposable
{
    /// <summary>Resolves <paramref name="name"/> (a folder or <c>minilm</c>/<c>arctic-xs</c>) and loads it on <paramref name="device"/>.</summary>
    public static BaseModel Load(string name, string? cacheDir, Device device)
    {
        var repository = ModelRepository.Resolve(name, cacheDir);
        var tokenizer = TokenizerLoader.FromFolder(repository.Directory);
        var encoder = BertModel.FromPretrained(repository, device);
        var upstream = repository.ShortName is { } s ? EmbeddedModels.Find(s)?.UpstreamModel : null;
        var config = repository.Config;
        var summary = new ModelSummary(name, upstream ?? repository.Directory, config.ModelType, config.HiddenSize,
            config.NumHiddenLayers, config.NumAttentionHeads);
        return new BaseModel(repository, encoder, tokenizer, summary);
    }

    public void Dispose() => Encoder.Dispose();
}
