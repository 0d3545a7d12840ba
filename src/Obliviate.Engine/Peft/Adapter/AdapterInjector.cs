using Obliviate.Engine.Models.Bert;

namespace Obliviate.Engine.Peft.Adapter;

/// <summary>
/// Inserts a Houlsby adapter at both sites of every block, under the key segment <c>adapters</c> (the adapter name is added
/// on save by <see cref="PeftKeys"/>, as peft strips and restores its adapter name).
/// </summary>
public static class AdapterInjector
{
    /// <summary>The key segment the adapters are registered under inside each block output.</summary>
    public const string Segment = "adapters";

    public static PeftAttachment Inject(BertModel encoder, AdapterConfig config, PeftInjectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        config.Validate();
        PeftFreezer.FreezeAll(encoder);
        var hidden = encoder.Config.HiddenSize;
        var device = encoder.parameters().First().device;
        var sites = new List<BertResidualOutput>();
        foreach (var layer in encoder.Layers)
        {
            if (config.MhAdapter) sites.Add(layer.Attention.Output);
            if (config.OutputAdapter) sites.Add(layer.Output);
        }
        foreach (var site in sites)
        {
            site.InsertAdapter(Segment, new AdapterLayer(hidden, config, options.Generator, device));
            site.OutputDropout = options.DefenseDropout;
        }
        var info = PeftRegistry.Get(PeftMethod.Adapter);
        var trainable = PeftFreezer.SelectTrainable(encoder.named_parameters(), info.Keyword);
        return new PeftAttachment(info, config, trainable, prefix: null, p =>
        {
            foreach (var s in sites) s.OutputDropout = p;
        });
    }
}
