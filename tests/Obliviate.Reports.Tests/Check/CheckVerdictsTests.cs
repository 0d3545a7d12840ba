using Obliviate.Reports.Check;
using Obliviate.Reports.Model;
using Obliviate.Reports.Probe;

namespace Obliviate.Reports.Tests.Check;

public sealed class CheckVerdictsTests
{
    private static readonly CheckStep Done = new("scan", CheckStepStatus.Completed);
    private static readonly CheckStep Failed = new("probe", CheckStepStatus.Failed, "boom");

    private static ScanReport Scan(Verdict v) => SampleReports.Empty() with { Verdict = v };

    [Theory]
    [InlineData(Verdict.Clean, ProbeVerdict.Clean, Verdict.Clean)]
    [InlineData(Verdict.Clean, ProbeVerdict.Suspicious, Verdict.Suspicious)]
    [InlineData(Verdict.Clean, ProbeVerdict.Backdoored, Verdict.Dangerous)]
    [InlineData(Verdict.Dangerous, ProbeVerdict.Clean, Verdict.Dangerous)]
    [InlineData(Verdict.Inconclusive, ProbeVerdict.Suspicious, Verdict.Inconclusive)]
    public void The_worst_of_scan_and_probe(Verdict scan, ProbeVerdict probe, Verdict expected) =>
        Assert.Equal(expected, CheckVerdicts.Overall(Scan(scan), SampleChecks.Probe(probe), [Done], null));

    [Fact]
    public void A_failed_step_is_inconclusive_unless_something_is_dangerous()
    {
        Assert.Equal(Verdict.Inconclusive, CheckVerdicts.Overall(Scan(Verdict.Clean), null, [Done, Failed], null));
        Assert.Equal(Verdict.Dangerous, CheckVerdicts.Overall(Scan(Verdict.Dangerous), null, [Done, Failed], null));
    }

    [Fact]
    public void Nothing_checked_is_skipped_and_an_unmeasured_evaluation_is_inconclusive()
    {
        Assert.Equal(Verdict.Skipped, CheckVerdicts.Overall(null, null, [], null));
        var unmeasured = SampleChecks.Evaluation(true, 0.1);
        unmeasured = unmeasured with { Metrics = unmeasured.Metrics with { Correct = 0 } };
        Assert.Equal(Verdict.Inconclusive, CheckVerdicts.Overall(Scan(Verdict.Clean), null, [Done], new CheckDefense { AdapterDirectory = "a", Defended = unmeasured }));
    }

    [Theory]
    [InlineData(Verdict.Dangerous, Verdict.Dangerous, Outcome.Failed)]
    [InlineData(Verdict.Suspicious, Verdict.Dangerous, Outcome.Passed)]
    [InlineData(Verdict.Suspicious, Verdict.Suspicious, Outcome.Failed)]
    [InlineData(Verdict.Inconclusive, Verdict.Dangerous, Outcome.Inconclusive)]
    [InlineData(Verdict.Inconclusive, Verdict.Suspicious, Outcome.Inconclusive)]
    [InlineData(Verdict.Clean, Verdict.Suspicious, Outcome.Passed)]
    [InlineData(Verdict.Skipped, Verdict.Dangerous, Outcome.NothingToCheck)]
    public void Outcome_against_fail_on(Verdict verdict, Verdict failOn, Outcome expected) =>
        Assert.Equal(expected, CheckVerdicts.Outcome(verdict, failOn));

    [Fact]
    public void Fail_on_is_suspicious_or_dangerous() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CheckVerdicts.Outcome(Verdict.Clean, Verdict.Clean));
}
