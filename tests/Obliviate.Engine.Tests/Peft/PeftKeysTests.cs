using Obliviate.Engine.Peft;

namespace Obliviate.Engine.Tests.Peft;

public class PeftKeysTests
{
    [Theory]
    [InlineData(PeftMethod.Lora, "encoder.layer.3.attention.self.query.lora_A.weight",
        "base_model.model.bert.encoder.layer.3.attention.self.query.lora_A.weight")]
    [InlineData(PeftMethod.Lora, "encoder.layer.0.attention.self.value.lora_B.weight",
        "base_model.model.bert.encoder.layer.0.attention.self.value.lora_B.weight")]
    [InlineData(PeftMethod.Adapter, "encoder.layer.1.attention.output.adapters.adapter_down.0.weight",
        "bert.encoder.layer.1.attention.output.adapters.obliviate.adapter_down.0.weight")]
    [InlineData(PeftMethod.Adapter, "encoder.layer.1.output.adapters.adapter_up.bias",
        "bert.encoder.layer.1.output.adapters.obliviate.adapter_up.bias")]
    [InlineData(PeftMethod.Prefix, "prefix_encoder.prompt_embeddings", "prompt_embeddings")]
    public void Keys_map_to_the_saved_names(PeftMethod method, string key, string saved) =>
        Assert.Equal(saved, PeftKeys.ToSaved(method, key, "bert", "obliviate"));

    [Fact]
    public void Base_weights_are_never_mapped_as_peft_keys() =>
        Assert.Throws<ArgumentException>(() =>
            PeftKeys.ToSaved(PeftMethod.Lora, "encoder.layer.0.attention.self.query.base_layer.weight", "bert", "obliviate"));
}
