using Obliviate.Tests;
using Obliviate.Reports.Model;
using Obliviate.Scanner.Suppressions;

namespace Obliviate.Tool.Tests.Scan;

public sealed class SuppressionSetTests
{
    private const string Sha = "4afa15451e18b5bb00000000000000000000000000000000000000000000aaaa";

    private static ScanReport Report() => new()
    {
        Target = "/m",
        Verdict = Verdict.Dangerous,
        Files =
        [
            new FileResult
            {
                Path = "models/a/pytorch_model.bin", Size = 10, Sha256 = Sha, Format = "pytorch-zip", Verdict = Verdict.Dangerous,
                Findings =
                [
                    new Finding { RuleId = "OBL001", Severity = Severity.Critical, Message = "os.system" },
                    new Finding { RuleId = "OBL002", Severity = Severity.Medium, Message = "unknown global" },
                ],
            },
            new FileResult
            {
                Path = "weights.7z", Size = 5, Sha256 = new string('b', 64), Format = "7z", Verdict = Verdict.Inconclusive,
                Findings = [new Finding { RuleId = "OBL002", Severity = Severity.Low, Message = "x" }],
            },
        ],
        Rules = [],
    };

    private static SuppressionSet Set(string entries) =>
        SuppressionSet.Parse($$"""{"version": 1, "suppressions": [{{entries}}]}""", "supp.json");

    [Fact]
    public void A_matching_entry_marks_the_finding_and_lowers_the_verdict_it_alone_raised()
    {
        var set = Set("""{"ruleId": "OBL001", "path": "models/**/*.bin", "reason": "Reviewed: fixture from our own test suite."}""");
        var report = set.Apply(Report());
        var file = report.Files[0];
        Assert.Equal(new Suppression("Reviewed: fixture from our own test suite.", "supp.json"), file.Findings[0].Suppression);
        Assert.Null(file.Findings[1].Suppression);
        Assert.Equal(Verdict.Suspicious, file.Verdict);
        // The 7z file is still unread: the overall verdict falls only to inconclusive.
        Assert.Equal(Verdict.Inconclusive, report.Verdict);
        Assert.Equal(2, file.Findings.Count);
    }

    [Fact]
    public void Suppressions_never_clear_an_inconclusive_file()
    {
        var report = Set("""{"ruleId": "OBL002", "path": "**", "reason": "accepted"}""").Apply(Report());
        Assert.Equal(Verdict.Inconclusive, report.Files[1].Verdict);
        Assert.NotNull(report.Files[1].Findings[0].Suppression);
        Assert.Equal(Verdict.Dangerous, report.Files[0].Verdict);
    }

    [Fact]
    public void A_sha256_pin_stops_matching_when_the_file_changes()
    {
        var pinned = Set($$"""{"ruleId": "OBL001", "path": "**", "sha256": "{{Sha.ToUpperInvariant()}}", "reason": "r"}""");
        Assert.NotNull(pinned.Apply(Report()).Files[0].Findings[0].Suppression);
        var other = Set($$"""{"ruleId": "OBL001", "path": "**", "sha256": "{{new string('c', 64)}}", "reason": "r"}""");
        Assert.Null(other.Apply(Report()).Files[0].Findings[0].Suppression);
        Assert.Equal(Verdict.Dangerous, other.Apply(Report()).Verdict);
    }

    [Theory]
    [InlineData("models/**/*.bin", "models/a/pytorch_model.bin", true)]
    [InlineData("models/**/*.bin", "models/pytorch_model.bin", true)]
    [InlineData("*.bin", "models/a/pytorch_model.bin", false)]
    [InlineData("**/*.bin", "models/a/pytorch_model.bin", true)]
    [InlineData("models/?/pytorch_model.bin", "models/a/pytorch_model.bin", true)]
    [InlineData("models/*/pytorch_model.BIN", "models/a/pytorch_model.bin", false)]
    [InlineData("models/a/pytorch_model.bin", "models/a/pytorch_model.bin", true)]
    [InlineData("models/a/pytorch(model).bin", "models/a/pytorch(model).bin", true)]
    [InlineData("models/a", "models/a/pytorch_model.bin", false)]
    [InlineData("models/**", "models/a/pytorch_model.bin", true)]
    public void Globs_match_relative_paths(string glob, string path, bool expected) =>
        Assert.Equal(expected, new SuppressionEntry("OBL001", glob, null, "r").Matches("OBL001", path, Sha));

    [Theory]
    [InlineData("""{"suppressions": [{"ruleId": "OBL001", "path": "**"}]}""", "\"reason\" is required")]
    [InlineData("""{"suppressions": [{"ruleId": "OBL001", "path": "**", "reason": "  "}]}""", "\"reason\" is required")]
    [InlineData("""{"suppressions": [{"ruleId": "OBL*", "path": "**", "reason": "r"}]}""", "\"ruleId\" must be a rule id")]
    [InlineData("""{"suppressions": [{"ruleId": "OBL001", "reason": "r"}]}""", "\"path\"")]
    [InlineData("""{"suppressions": [{"ruleId": "OBL001", "path": "/etc/**", "reason": "r"}]}""", "relative to the scan root")]
    [InlineData("""{"suppressions": [{"ruleId": "OBL001", "path": "**", "sha256": "abc", "reason": "r"}]}""", "64 hex digits")]
    [InlineData("""{"suppressions": [{"rule": "OBL001", "path": "**", "reason": "r"}]}""", "unknown key \"rule\"")]
    [InlineData("""{"suppressions": [{"ruleId": 1, "path": "**", "reason": "r"}]}""", "must be a string")]
    [InlineData("""{"version": 2, "suppressions": []}""", "\"version\" must be 1")]
    [InlineData("""{"suppression": []}""", "unknown key")]
    [InlineData("""[]""", "top level must be an object")]
    [InlineData("""{"suppressions": [""", "not valid JSON")]
    public void Malformed_files_fail_with_the_file_and_the_defect(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => SuppressionSet.Parse(json, "supp.json"));
        Assert.StartsWith("suppression file supp.json:", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_refuses_oversized_files()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "big.json");
        File.WriteAllText(path, new string(' ', (int)SuppressionSet.MaxFileBytes + 1));
        var e = Assert.Throws<InvalidDataException>(() => SuppressionSet.Load(path));
        Assert.Contains("more than", e.Message, StringComparison.Ordinal);
    }
}
