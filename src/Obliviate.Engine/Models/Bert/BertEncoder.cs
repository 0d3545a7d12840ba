using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary><c>encoder</c>: the stack <c>encoder.layer.0 … N−1</c>.</summary>
/// <remarks><c>[B,T,H]</c> → <c>[B,T,H]</c> (<c>[B,1,H]</c> when only the first token's output is asked for); collects per-layer probabilities and first-token scores when asked.</remarks>
public sealed class BertEncoder : nn.Module
{
    private readonly ModuleList<BertLayer> layer;
    // A plain view for callers (PEFT injectors index it per layer); not a Module, so RegisterComponents skips it.
    private readonly IReadOnlyList<BertLayer> layers;

    public BertEncoder(EncoderConfig config, Device? device = null) : base(nameof(BertEncoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        layer = new ModuleList<BertLayer>();
        for (var i = 0; i < config.NumHiddenLayers; i++) layer.Add(new BertLayer(config, device));
        layers = layer.ToArray();
        RegisterComponents();
    }

    public IReadOnlyList<BertLayer> Layers => layers;

    public (Tensor Hidden, List<Tensor>? Probabilities, List<Tensor>? FirstTokenScores) forward(
        Tensor hidden, Tensor? additiveMask, IReadOnlyList<PrefixKeyValue>? prefix, bool wantProbs, bool wantScores, bool firstTokenOnly = false)
    {
        if (prefix is not null && prefix.Count != layer.Count)
            throw new ArgumentException($"prefix has {prefix.Count} layers, the encoder has {layer.Count}.", nameof(prefix));
        var probs = wantProbs ? new List<Tensor>(layer.Count) : null;
        var scores = wantScores ? new List<Tensor>(layer.Count) : null;
        var h = hidden;
        for (var i = 0; i < layer.Count; i++)
        {
            // Each layer opens and closes its own scope; the previous hidden state is freed as soon as it is consumed.
            var result = layer[i].forward(h, additiveMask, prefix?[i], wantProbs, wantScores, firstTokenOnly && i == layer.Count - 1);
            if (!ReferenceEquals(h, hidden)) h.Dispose();
            h = result.Hidden;
            if (result.Probabilities is not null) probs!.Add(result.Probabilities);
            if (result.FirstTokenScores is not null) scores!.Add(result.FirstTokenScores);
        }
        return (h, probs, scores);
    }
}
