using Obliviate.Engine.Models;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Obliviate.Engine.Classification;

/// <summary>
/// AdapterHub's two-layer <c>ClassificationHead</c> on the first token (docs/method.md §2): Dropout(p) → Linear(H,H) → tanh →
/// Dropout(p) → Linear(H,C), no pooler. As a Sequential its keys are <c>1.*</c> and <c>4.*</c>, AdapterHub's
/// <c>heads.&lt;name&gt;.1.*</c>/<c>heads.&lt;name&gt;.4.*</c> without the prefix.
/// </summary>
/// <remarks><c>[B,T,H]</c> last hidden state → logits <c>[B,C]</c>. Init N(0, 0.02), biases 0.</remarks>
public sealed class ClassificationHead : nn.Module<Tensor, Tensor>
{
    // Keys "1.*" and "4.*" are the positions of the two Linears in AdapterHub's Sequential head; the dropouts and tanh hold
    // no parameters, so they are plain fields.
    [ComponentName(Name = "1")] private readonly Linear dense;
    [ComponentName(Name = "4")] private readonly Linear output;
    private readonly double dropout;

    public ClassificationHead(int hidden, int numLabels, double dropout, Generator generator, Device? device = null)
        : base(nameof(ClassificationHead))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numLabels, 2);
        ArgumentNullException.ThrowIfNull(generator);
        dense = nn.Linear(hidden, hidden, device: device);
        output = nn.Linear(hidden, numLabels, device: device);
        this.dropout = dropout;
        using (torch.no_grad())
        {
            foreach (var linear in new[] { dense, output })
            {
                linear.weight!.normal_(0, 0.02, generator);
                linear.bias!.zero_();
            }
        }
        NumLabels = numLabels;
        RegisterComponents();
    }

    public int NumLabels { get; }

    public override Tensor forward(Tensor lastHiddenState)
    {
        using var scope = torch.NewDisposeScope();
        var first = lastHiddenState.select(1, 0);
        var hidden = dense.forward(MaskDropout.Apply(first, dropout, training)).tanh();
        return output.forward(MaskDropout.Apply(hidden, dropout, training)).MoveToOuterDisposeScope();
    }
}
