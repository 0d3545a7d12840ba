using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Bert;
using TorchSharp;
using static TorchSharp.torch;

namespace Obliviate.Engine.Tests.Models.Bert;

/// <summary>Seeded tiny models and inputs for behavioural tests.</summary>
internal static class TinyModels
{
    public static BertModel Create(EncoderConfig config, long seed = 7, bool pooler = true)
    {
        var model = new BertModel(config, pooler);
        using var generator = new Generator((ulong)seed);
        model.InitializeWeights(generator);
        model.eval();
        return model;
    }

    /// <summary>Two rows: the first has 6 real tokens, the second 4 real tokens then padding.</summary>
    public static EncoderInput Input(EncoderConfig config, bool attentions = false, bool scores = false)
    {
        var pad = config.PadTokenId;
        long[] ids =
        [
            2, 11, 12, 13, 14, 3,
            2, 21, 22, 3, pad, pad,
        ];
        long[] mask = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0];
        long[] types = config.TypeVocabSize > 1 ? [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0] : new long[12];
        return new EncoderInput
        {
            InputIds = torch.tensor(ids, [2, 6]),
            AttentionMask = torch.tensor(mask, [2, 6]),
            TokenTypeIds = torch.tensor(types, [2, 6]),
            OutputAttentions = attentions,
            OutputFirstTokenScores = scores,
        };
    }

    public static double MaxAbsDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
}
