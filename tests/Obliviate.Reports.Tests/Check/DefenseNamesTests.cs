using Obliviate.Reports.Check;
using Obliviate.Reports.Evaluation;

namespace Obliviate.Reports.Tests.Check;

public sealed class DefenseNamesTests
{
    private static EvaluationReport With(DefenseSettings defense) => SampleChecks.Evaluation(true, 0.03) with { Defense = defense };

    [Fact]
    public void The_published_method_is_Obliviate() =>
        Assert.Equal("Obliviate", DefenseNames.Of(With(new DefenseSettings())));

    [Fact]
    public void Trigger_aware_without_Obliviates_terms_says_so() =>
        Assert.Equal("trigger-aware (consistency term alone)",
            DefenseNames.Of(With(new DefenseSettings { AlphaAmp = 0, AlphaAttn = 0, ConsistencyWeight = 1 })));

    [Theory]
    [InlineData(3e-3, 3e-2)]
    [InlineData(0, 3e-2)]
    [InlineData(3e-3, 0)]
    public void Trigger_aware_with_either_of_Obliviates_terms_names_both_parts(double amp, double attn) =>
        Assert.Equal("trigger-aware (Obliviate's terms + consistency)",
            DefenseNames.Of(With(new DefenseSettings { AlphaAmp = amp, AlphaAttn = attn, ConsistencyWeight = 1 })));

    [Fact]
    public void A_missing_defended_run_falls_back_to_the_published_name() => Assert.Equal("Obliviate", DefenseNames.Of(null));
}
