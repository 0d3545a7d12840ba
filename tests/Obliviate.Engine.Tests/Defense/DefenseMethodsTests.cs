using Obliviate.Engine.Defense;
using Obliviate.Engine.Peft;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Tests.Defense;

public sealed class DefenseMethodsTests
{
    [Fact]
    public void Trigger_aware_is_the_consistency_term_alone_on_lora_and_adds_it_to_obliviate_on_adapters()
    {
        var lora = DefenseMethods.Settings("trigger-aware", PeftMethod.Lora);
        var adapter = DefenseMethods.Settings("trigger-aware", PeftMethod.Adapter);
        var published = DefenseMethods.Settings("obliviate", PeftMethod.Lora);
        Assert.Equal((1.0, 0.0, 0.0, 0.0), (lora.ConsistencyWeight, lora.FeatureWeight, lora.AlphaAmp, lora.AlphaAttn));
        Assert.Equal((1.0, 0.0), (adapter.ConsistencyWeight, adapter.FeatureWeight));
        Assert.Equal((published.AlphaAmp, published.AlphaAttn), (adapter.AlphaAmp, adapter.AlphaAttn));
        Assert.True(lora.TriggerAware);
        Assert.True(adapter.TriggerAware);
        Assert.Equal("trigger-aware", lora.Method);
    }

    [Fact]
    public void Prefix_tuning_takes_its_calibrated_weights()
    {
        var published = DefenseMethods.Settings("obliviate", PeftMethod.Prefix);
        var ours = DefenseMethods.Settings("trigger-aware", PeftMethod.Prefix);
        var lora = DefenseMethods.Settings("obliviate", PeftMethod.Lora);
        Assert.Equal(0.3 * lora.AlphaAmp, published.AlphaAmp, 12);
        Assert.Equal(0.3 * lora.AlphaAttn, published.AlphaAttn, 12);
        Assert.Equal((1.0, 0.0, 0.0, 0.0), (ours.ConsistencyWeight, ours.FeatureWeight, ours.AlphaAmp, ours.AlphaAttn));
        Assert.True(ours.TriggerAware);
        Assert.False(DefenseMethods.Settings("none", PeftMethod.Prefix).Enabled);
        Assert.Equal(0.002, DefenseMethods.Settings("obliviate", PeftMethod.Prefix, alphaAmp: 0.002).AlphaAmp);
    }

    [Fact]
    public void A_weight_the_user_gives_wins_over_the_preset()
    {
        var adapter = DefenseMethods.Settings("trigger-aware", PeftMethod.Adapter, alphaAmp: 0.01, feature: 0.5);
        Assert.Equal(0.5, adapter.FeatureWeight);
        Assert.Equal(0.01, adapter.AlphaAmp);
        Assert.Throws<RequestException>(() => DefenseMethods.Settings("obliviate", PeftMethod.Adapter, feature: 0.5));
        Assert.Throws<RequestException>(() => DefenseMethods.Settings("fast", PeftMethod.Lora));
    }
}
