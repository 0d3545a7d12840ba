using Obliviate.Engine.Models.Bert;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Obliviate.Engine.Peft.Lora;

/// <summary>Wraps the configured self-attention projections of every layer in a <see cref="LoraLayer"/> (peft's <c>_create_and_replace</c>).</summary>
public static class LoraInjector
{
    public static PeftAttachment Inject(BertModel encoder, LoraConfig config, PeftInjectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        config.Validate();
        PeftFreezer.FreezeAll(encoder);
        var hidden = encoder.Config.HiddenSize;
        var device = encoder.parameters().First().device;
        var wrappers = new List<LoraLayer>();
        foreach (var layer in encoder.Layers)
        {
            foreach (var target in config.TargetModules)
            {
                var original = layer.Attention.Self.GetProjection(target);
                if (original is LoraLayer) throw new InvalidOperationException($"'{target}' already carries LoRA.");
                var wrapper = new LoraLayer(original, hidden, hidden, config, options.Generator, options.DefenseDropout, device);
                layer.Attention.Self.ReplaceProjection(target, wrapper);
                wrappers.Add(wrapper);
            }
        }
        var info = PeftRegistry.Get(PeftMethod.Lora);
        var trainable = PeftFreezer.SelectTrainable(encoder.named_parameters(), info.Keyword);
        return new PeftAttachment(info, config, trainable, prefix: null, p =>
        {
            foreach (var w in wrappers) w.DefenseDropout = p;
        });
    }
}
