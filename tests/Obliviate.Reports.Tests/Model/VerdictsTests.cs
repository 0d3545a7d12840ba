using Obliviate.Reports.Model;

namespace Obliviate.Reports.Tests.Model;

public sealed class VerdictsTests
{
    [Theory]
    [InlineData(Verdict.Skipped)]
    [InlineData(Verdict.Clean, Verdict.Clean, Verdict.Skipped)]
    [InlineData(Verdict.Suspicious, Verdict.Clean, Verdict.Suspicious)]
    [InlineData(Verdict.Inconclusive, Verdict.Suspicious, Verdict.Inconclusive, Verdict.Clean)]
    [InlineData(Verdict.Dangerous, Verdict.Inconclusive, Verdict.Dangerous, Verdict.Suspicious)]
    [InlineData(Verdict.Skipped, Verdict.Skipped, Verdict.Skipped)]
    public void Combine_ranks_dangerous_over_inconclusive_over_suspicious_over_clean(Verdict expected, params Verdict[] files) =>
        Assert.Equal(expected, Verdicts.Combine(files));

    [Fact]
    public void FromFindings_ignores_suppressed_findings()
    {
        var high = new Finding { RuleId = "OBL001", Severity = Severity.High, Message = "m" };
        var low = high with { Severity = Severity.Low };
        Assert.Equal(Verdict.Dangerous, Verdicts.FromFindings([low, high]));
        Assert.Equal(Verdict.Suspicious, Verdicts.FromFindings([low, high with { Suppression = new("r", "s") }]));
        Assert.Equal(Verdict.Clean, Verdicts.FromFindings([]));
    }

    [Fact]
    public void HighestActiveSeverity_skips_suppressed_findings()
    {
        var report = SampleReports.Mixed();
        Assert.Equal(Severity.Critical, Verdicts.HighestActiveSeverity(report));
        Assert.Null(Verdicts.HighestActiveSeverity(SampleReports.Empty()));
    }
}
