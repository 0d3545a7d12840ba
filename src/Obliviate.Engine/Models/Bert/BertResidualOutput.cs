using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Models.Bert;

/// <summary>
/// The post-LN sub-block ending both halves of a layer: <c>LayerNorm(adapter(dropout(dense(x))) + residual)</c>.
/// <see cref="BertSelfOutput"/> (<c>attention.output</c>) and <see cref="BertOutput"/> (<c>output</c>) differ only in sizes.
/// </summary>
/// <remarks>
/// <c>[B,T,in]</c> + residual <c>[B,T,H]</c> → <c>[B,T,H]</c>.
/// PEFT seam: <see cref="InsertAdapter"/> places a module between the dropout and the residual + LayerNorm, where Houlsby
/// adapters sit (docs/method.md §2). The adapter maps h → h' and includes its own skip connection (h' = up(act(down(h))) + h).
/// </remarks>
public abstract class BertResidualOutput : nn.Module
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly double dropout;
    private nn.Module<Tensor, Tensor>? adapter;
    private string? adapterName;

    protected BertResidualOutput(string name, int inputSize, EncoderConfig config, Device? device) : base(name)
    {
        ArgumentNullException.ThrowIfNull(config);
        dense = nn.Linear(inputSize, config.HiddenSize, device: device);
        LayerNorm = nn.LayerNorm(config.HiddenSize, config.LayerNormEps, device: device);
        dropout = config.HiddenDropoutProb;
        // adapter is null here, so RegisterComponents skips it; InsertAdapter registers it under the caller's key segment.
        RegisterComponents();
    }

    /// <summary>The key segment of the inserted adapter (e.g. <c>adapters</c>), or null when there is none.</summary>
    public string? AdapterName => adapterName;

    /// <summary>Inserts (or replaces) the adapter, registered under <paramref name="name"/> so its keys follow this module's.</summary>
    public void InsertAdapter(string name, nn.Module<Tensor, Tensor> module)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(module);
        if (name is "dense" or "LayerNorm" or "dropout")
            throw new ArgumentException($"'{name}' is already a submodule name.", nameof(name));
        RemoveAdapter();
        register_module(name, module);
        adapter = module;
        adapterName = name;
    }

    /// <summary>
    /// Dropout on the block output after LayerNorm, 0 (off) by default: Obliviate's defense dropout on adapter outputs, which the
    /// reference applies to the whole hidden state after the adapter's residual + LayerNorm (docs/method.md §2). Added by the PEFT slice.
    /// </summary>
    public double OutputDropout { get; set; }

    public void RemoveAdapter()
    {
        if (adapterName is null) return;
        register_module(adapterName, null!);
        adapter = null;
        adapterName = null;
    }

    public Tensor forward(Tensor hidden, Tensor residual)
    {
        using var scope = torch.NewDisposeScope();
        var h = MaskDropout.Apply(dense.forward(hidden), dropout, training);
        if (adapter is not null) h = adapter.forward(h);
        var normed = LayerNorm.forward(h + residual);
        if (OutputDropout > 0) normed = MaskDropout.Apply(normed, OutputDropout, training);
        return normed.MoveToOuterDisposeScope();
    }
}
