using Obliviate.Engine.Models;
using Obliviate.Engine.Models.Bert;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Peft.Prefix;

/// <summary>
/// Prefix-tuning's prefix encoder (AdapterHub <c>PrefixTuning</c>, flat=False): <c>wte</c> = Embedding(P, H) ~ N(0,1) and
/// <c>control_trans</c> = Linear(H→m) → tanh → Linear(m → L·2·H), giving per-layer key/value prefixes that bypass W_k/W_v.
/// After training the MLP is folded ("ejected") into one flat tensor <c>prompt_embeddings</c> <c>[P, L·2·H]</c>, which is
/// what peft saves and what evaluation uses (numerically the same prefix).
/// </summary>
/// <remarks>
/// Output per layer l: keys = slice 2l and values = slice 2l+1 of the <c>[B,P,2L,heads,d]</c> view, each
/// <c>[B,heads,P,d]</c>. Dropout (0.01 with the defense, else 0) acts on the <c>[B,P,2L,heads,d]</c> tensor, independently
/// per batch row, as in the reference.
/// </remarks>
public sealed class PrefixLayer : nn.Module
{
    private readonly Embedding? wte;
    private readonly Sequential? control_trans;
    private Parameter? prompt_embeddings;
    private readonly int prefixLength;
    private readonly int layers;
    private readonly int heads;
    private readonly int headDim;

    /// <summary>A trainable prefix encoder with a seeded initialisation (nn.Embedding's N(0,1); nn.Linear's U(±1/√fan_in)).</summary>
    public PrefixLayer(PrefixConfig config, Models.EncoderConfig encoder, Generator generator, Device? device = null)
        : base(nameof(PrefixLayer))
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(encoder);
        config.Validate();
        (prefixLength, layers, heads, headDim) = (config.PrefixLength, encoder.NumHiddenLayers, encoder.NumAttentionHeads, encoder.HeadDim);
        var hidden = encoder.HiddenSize;
        wte = nn.Embedding(prefixLength, hidden, device: device);
        var first = nn.Linear(hidden, config.BottleneckSize, device: device);
        var second = nn.Linear(config.BottleneckSize, FlatWidth, device: device);
        control_trans = nn.Sequential(("0", (nn.Module<Tensor, Tensor>)first), ("1", nn.Tanh()), ("2", second));
        using (torch.no_grad())
        {
            wte.weight!.normal_(0, 1, generator);
            foreach (var linear in new[] { first, second })
            {
                var bound = 1.0 / Math.Sqrt(linear.weight!.shape[1]);
                linear.weight!.uniform_(-bound, bound, generator);
                linear.bias!.uniform_(-bound, bound, generator);
            }
        }
        RegisterComponents();
    }

    /// <summary>A folded (flat) prefix loaded from <c>prompt_embeddings</c> <c>[P, L·2·H]</c>; not trainable.</summary>
    public PrefixLayer(Tensor promptEmbeddings, Models.EncoderConfig encoder) : base(nameof(PrefixLayer))
    {
        ArgumentNullException.ThrowIfNull(promptEmbeddings);
        ArgumentNullException.ThrowIfNull(encoder);
        (layers, heads, headDim) = (encoder.NumHiddenLayers, encoder.NumAttentionHeads, encoder.HeadDim);
        if (promptEmbeddings.dim() != 2 || promptEmbeddings.shape[1] != FlatWidth)
        {
            throw new InvalidDataException(
                $"prompt_embeddings has shape [{string.Join(",", promptEmbeddings.shape)}]; this encoder needs [P,{FlatWidth}] " +
                $"({layers} layers × 2 × {encoder.HiddenSize}).");
        }
        prefixLength = (int)promptEmbeddings.shape[0];
        prompt_embeddings = new Parameter(promptEmbeddings.detach().clone(), requires_grad: false);
        RegisterComponents();
    }

    public int PrefixLength => prefixLength;

    public bool IsFlat => prompt_embeddings is not null;

    /// <summary>Dropout on the prefix keys/values (Obliviate's 0.01; 0 without the defense).</summary>
    public double Dropout { get; set; }

    private long FlatWidth => (long)layers * 2 * heads * headDim;

    /// <summary>The folded prefix <c>[P, L·2·H]</c>: control_trans(wte) (or the flat tensor), computed without gradient.</summary>
    public Tensor Eject()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return Flat().detach().clone().MoveToOuterDisposeScope();
    }

    /// <summary>Per-layer prefix keys/values for a batch of <paramref name="batch"/> rows.</summary>
    public IReadOnlyList<PrefixKeyValue> forward(long batch)
    {
        using var scope = torch.NewDisposeScope();
        var flat = Flat();
        var x = flat.view(1, prefixLength, 2 * layers, heads, headDim).expand(batch, prefixLength, 2 * layers, heads, headDim);
        if (Dropout > 0) x = MaskDropout.Apply(x, Dropout, training);
        // [B,P,2L,h,d] → [2L,B,h,P,d], as the reference's permute([2,0,3,1,4]).
        var perLayer = x.permute(2, 0, 3, 1, 4);
        var result = new List<PrefixKeyValue>(layers);
        for (var l = 0; l < layers; l++)
        {
            var key = perLayer[2 * l].contiguous().MoveToOuterDisposeScope();
            var value = perLayer[2 * l + 1].contiguous().MoveToOuterDisposeScope();
            result.Add(new PrefixKeyValue(key, value));
        }
        return result;
    }

    private Tensor Flat() => prompt_embeddings ?? control_trans!.forward(wte!.weight!);
}
