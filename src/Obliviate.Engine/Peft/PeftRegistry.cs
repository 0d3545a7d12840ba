using Obliviate.Engine.Peft.Adapter;
using Obliviate.Engine.Peft.Lora;
using Obliviate.Engine.Peft.Prefix;

namespace Obliviate.Engine.Peft;

/// <summary>The one table of PEFT methods (immutable). Contract tests run a theory over <see cref="All"/>.</summary>
public static class PeftRegistry
{
    public static IReadOnlyList<PeftMethodInfo> All { get; } =
    [
        new(PeftMethod.Lora, "lora", "lora_", [], 5e-4, "adapter_model.safetensors", "peft",
            (encoder, options) => LoraInjector.Inject(encoder, new LoraConfig(), options)),
        new(PeftMethod.Adapter, "adapter", "adapter", [], 3e-4, "adapter.safetensors", "adapters",
            (encoder, options) => AdapterInjector.Inject(encoder, new AdapterConfig(), options)),
        new(PeftMethod.Prefix, "prefix", "prefix", [".wte."], 1e-3, "adapter_model.safetensors", "peft",
            (encoder, options) => PrefixInjector.Inject(encoder, new PrefixConfig(), options)),
    ];

    public static PeftMethodInfo Get(PeftMethod method) => All.First(m => m.Method == method);

    /// <summary>Finds a method by its name (<c>lora</c>, <c>adapter</c>, <c>prefix</c>), case-insensitively.</summary>
    public static PeftMethodInfo? Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
