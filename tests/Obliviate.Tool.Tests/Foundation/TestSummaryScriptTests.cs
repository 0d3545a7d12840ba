using System.Diagnostics;
using Obliviate.Tests;

namespace Obliviate.Tool.Tests.Foundation;

/// <summary>build/test.sh's summary: skipped tests are total − executed (the TRX notExecuted counter stays 0 for them), with reasons.</summary>
public sealed class TestSummaryScriptTests
{
    private const string Trx = """
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <Results>
            <UnitTestResult testName="A.Passes" outcome="Passed" />
            <UnitTestResult testName="A.NeedsData" outcome="NotExecuted">
              <Output><ErrorInfo><Message>shared data not found at /x: this test needs ../shared/data.</Message></ErrorInfo></Output>
            </UnitTestResult>
          </Results>
          <ResultSummary outcome="Completed">
            <Counters total="3" executed="2" passed="1" failed="1" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="0" />
          </ResultSummary>
        </TestRun>
        """;

    [Fact]
    public void Skipped_tests_are_counted_and_explained()
    {
        using var folder = new TempFolder();
        var trx = folder.Write("run.trx", Trx);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(SharedData.RepoRoot, "build", "trx_summary.py"));
        start.ArgumentList.Add(trx);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.EndsWith("Tests: 1 passed, 1 failed, 1 skipped\n", output, StringComparison.Ordinal);
        Assert.Contains("skipped A.NeedsData: shared data not found at /x", output, StringComparison.Ordinal);
    }
}
