using Obliviate.Engine.Models.Bert;
using Obliviate.Engine.Peft;
using Obliviate.Engine.Tokenization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Classification;

/// <summary>
/// A frozen encoder with PEFT modules attached plus the classification head: the model the defense trains and evaluates.
/// </summary>
/// <remarks>
/// Token ids <c>[B,T]</c> → logits <c>[B,C]</c> and, when asked, the per-layer first-token scores <c>[B,heads,P+T]</c> that
/// L_attn needs. The encoder, the prefix (if any) and the head are registered as <c>encoder</c>, <c>prefix_encoder</c>
/// and <c>head</c>.
/// </remarks>
public sealed class PeftClassifier : nn.Module
{
    private readonly BertModel encoder;
    private readonly ClassificationHead head;

    public PeftClassifier(BertModel encoder, PeftAttachment peft, ClassificationHead head) : base(nameof(PeftClassifier))
    {
        this.encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        Peft = peft ?? throw new ArgumentNullException(nameof(peft));
        this.head = head ?? throw new ArgumentNullException(nameof(head));
        RegisterComponents();
        if (peft.Prefix is not null) register_module(Obliviate.Engine.Peft.Prefix.PrefixInjector.Segment, peft.Prefix);
    }

    public BertModel Encoder => encoder;
    public ClassificationHead Head => head;
    public PeftAttachment Peft { get; }

    /// <summary>The head's parameters by key (<c>1.weight</c> …), in a fixed order.</summary>
    public IReadOnlyList<KeyValuePair<string, Parameter>> HeadParameters =>
        [.. head.named_parameters().Select(p => new KeyValuePair<string, Parameter>(p.name, p.parameter))];

    /// <summary>What the optimiser updates: PEFT tensors then the head, by stable keys (<c>peft:…</c>, <c>head:…</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, Parameter>> TrainableParameters =>
    [
        .. Peft.Trainable.Where(p => p.Value.requires_grad).Select(p => new KeyValuePair<string, Parameter>("peft:" + p.Key, p.Value)),
        .. HeadParameters.Select(p => new KeyValuePair<string, Parameter>("head:" + p.Key, p.Value)),
    ];

    /// <summary>Runs the model on a tokenised batch.</summary>
    public ClassifierOutput forward(TokenBatch batch, bool wantFirstTokenScores)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = torch.NewDisposeScope();
        var device = encoder.parameters().First().device;
        var input = EncoderInput.FromBatch(batch, device, outputFirstTokenScores: wantFirstTokenScores, firstTokenOnly: true);
        if (Peft.Prefix is { } prefix) input = input with { Prefix = prefix.forward(batch.BatchSize) };
        var output = encoder.forward(input);
        var logits = head.forward(output.LastHiddenState).MoveToOuterDisposeScope();
        var scores = output.FirstTokenScores?.Select(s => s.MoveToOuterDisposeScope()).ToList();
        var mask = input.AttentionMask!.MoveToOuterDisposeScope();
        var first = output.LastHiddenState.select(1, 0).MoveToOuterDisposeScope();
        return new ClassifierOutput(logits, scores, mask, Peft.Prefix?.PrefixLength ?? 0, first);
    }
}
