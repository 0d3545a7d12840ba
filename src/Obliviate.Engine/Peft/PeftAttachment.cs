using Obliviate.Engine.Peft.Prefix;
using TorchSharp.Modules;

namespace Obliviate.Engine.Peft;

/// <summary>
/// The PEFT modules attached to one encoder: which parameters train, which ones L_amp sums, the prefix module (prefix-tuning
/// only) and the switch for the defense dropout. Built by a method's injector; the encoder's own parameters are frozen.
/// </summary>
public sealed class PeftAttachment
{
    private readonly Action<double> setDefenseDropout;

    public PeftAttachment(PeftMethodInfo method, object config, IReadOnlyList<KeyValuePair<string, Parameter>> trainable,
        PrefixLayer? prefix, Action<double> setDefenseDropout)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(trainable);
        Method = method;
        Config = config;
        Trainable = trainable;
        Prefix = prefix;
        this.setDefenseDropout = setDefenseDropout ?? throw new ArgumentNullException(nameof(setDefenseDropout));
        var excluded = method.AmplificationExcluded;
        Amplified = [.. trainable.Where(p => !excluded.Any(e => p.Key.Contains(e, StringComparison.Ordinal)))];
    }

    public PeftMethodInfo Method { get; }

    /// <summary>The method's config record (<c>LoraConfig</c>, <c>AdapterConfig</c> or <c>PrefixConfig</c>).</summary>
    public object Config { get; }

    /// <summary>
    /// Every trainable PEFT tensor by its in-memory key (the encoder's <c>state_dict</c> key, or <c>prefix_encoder.*</c>),
    /// in a fixed order. Every key contains <see cref="PeftMethodInfo.Keyword"/>.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Parameter>> Trainable { get; }

    /// <summary>Θ_peft of L_amp (docs/method.md §3.1): <see cref="Trainable"/> minus the method's exclusions.</summary>
    public IReadOnlyList<KeyValuePair<string, Parameter>> Amplified { get; }

    /// <summary>The prefix-tuning module, or null for the other methods.</summary>
    public PrefixLayer? Prefix { get; }

    /// <summary>Sets Obliviate's extra dropout on every PEFT output (0 turns it off).</summary>
    public void SetDefenseDropout(double probability)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(probability);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(probability, 1.0);
        setDefenseDropout(probability);
    }
}
