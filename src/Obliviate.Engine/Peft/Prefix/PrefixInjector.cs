using Obliviate.Engine.Models.Bert;

namespace Obliviate.Engine.Peft.Prefix;

/// <summary>
/// Creates the prefix encoder for an encoder. Nothing inside the encoder changes: the classifier passes the prefix through
/// <see cref="EncoderInput.Prefix"/> and the encoder extends the attention mask with P attended columns.
/// </summary>
public static class PrefixInjector
{
    /// <summary>The key segment of the prefix encoder inside the classifier (its keys contain the keyword "prefix").</summary>
    public const string Segment = "prefix_encoder";

    public static PeftAttachment Inject(BertModel encoder, PrefixConfig config, PeftInjectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        config.Validate();
        PeftFreezer.FreezeAll(encoder);
        var device = encoder.parameters().First().device;
        var prefix = new PrefixLayer(config, encoder.Config, options.Generator, device) { Dropout = options.DefenseDropout };
        var info = PeftRegistry.Get(PeftMethod.Prefix);
        var named = prefix.named_parameters().Select(p => ($"{Segment}.{p.name}", p.parameter));
        var trainable = PeftFreezer.SelectTrainable(named, info.Keyword);
        return new PeftAttachment(info, config, trainable, prefix, p => prefix.Dropout = p);
    }

    /// <summary>Attaches an already-folded prefix (evaluation of a saved prefix); nothing trains.</summary>
    public static PeftAttachment AttachFlat(BertModel encoder, PrefixConfig config, PrefixLayer flat)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(flat);
        PeftFreezer.FreezeAll(encoder);
        var info = PeftRegistry.Get(PeftMethod.Prefix);
        var named = flat.named_parameters().Select(p => new KeyValuePair<string, TorchSharp.Modules.Parameter>($"{Segment}.{p.name}", p.parameter)).ToList();
        return new PeftAttachment(info, config, named, flat, p => flat.Dropout = p);
    }
}
