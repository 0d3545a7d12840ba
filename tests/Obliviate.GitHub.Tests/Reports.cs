using Obliviate.Reports.Check;
using Obliviate.Reports.Json;
using Obliviate.Reports.Model;
using Obliviate.Tests;

namespace Obliviate.GitHub.Tests;

/// <summary>Check reports written to files, as <c>check</c> leaves them for <c>publish</c>.</summary>
internal static class Reports
{
    public static CheckReport Check(int files = 2, int nameLength = 10, Verdict verdict = Verdict.Clean) => new()
    {
        Target = "models/demo",
        Verdict = verdict,
        Checks = ["scan"],
        Steps = [new CheckStep("scan", CheckStepStatus.Completed)],
        Scan = new ScanReport
        {
            Target = "models/demo",
            Verdict = verdict,
            Files = [.. Enumerable.Range(0, files).Select(i => new FileResult
            {
                Path = $"{i}-" + new string('x', nameLength), Size = i, Sha256 = new string('a', 64), Format = "pickle", Verdict = Verdict.Suspicious,
                Findings = [new Finding { RuleId = "OBL002", Severity = Severity.Medium, Message = "unknown global " + new string('y', nameLength) }],
            })],
            Rules = [],
        },
    };

    public static string Write(TempFolder folder, CheckReport report, string name = "report.json") => folder.Write(name, ReportJson.Serialize(report));
}
