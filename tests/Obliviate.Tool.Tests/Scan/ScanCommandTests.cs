using Obliviate.Scanner;
using System.Text;
using System.Text.Json;
using Obliviate.Reports.Model;
using Obliviate.Tests;
using Obliviate.Tool.Commands.Scan;

namespace Obliviate.Tool.Tests.Scan;

public sealed class ScanCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => ToolRun.Run(args);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void A_malicious_pickle_exits_1_and_names_the_global()
    {
        using var folder = ScanFixtures.Folder(("model/evil.pkl", ScanFixtures.MaliciousPickle()));
        var (code, stdout, _) = Run("scan", folder.Path, "--format", "json");
        Assert.Equal(ExitCodes.Findings, code);
        var json = Json(stdout);
        Assert.Equal("dangerous", json.GetProperty("verdict").GetString());
        var file = json.GetProperty("files")[0];
        Assert.Equal("model/evil.pkl", file.GetProperty("path").GetString());
        Assert.Equal("dangerous", file.GetProperty("verdict").GetString());
        Assert.Contains(file.GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("rule_id").GetString()!.StartsWith("OBL", StringComparison.Ordinal) &&
                 f.GetProperty("evidence").GetString()!.Contains("os", StringComparison.Ordinal));
    }

    [Fact]
    public void A_clean_folder_exits_0_and_the_default_format_is_the_table()
    {
        using var folder = ScanFixtures.Folder(("model.safetensors", ScanFixtures.SafeTensors()));
        var (code, stdout, _) = Run("scan", folder.Path);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Verdict: CLEAN", stdout, StringComparison.Ordinal);
        Assert.Contains("model.safetensors", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_folder_is_nothing_to_check()
    {
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.NothingToCheck, Run("scan", folder.Path).Code);
    }

    [Fact]
    public void A_missing_target_is_an_error_and_bad_options_are_usage_errors()
    {
        var (code, _, err) = Run("scan", "/nonexistent/obliviate/model");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("no such file or folder", err, StringComparison.Ordinal);
        using var folder = new TempFolder();
        Assert.Equal(ExitCodes.Usage, Run("scan", folder.Path, "--format", "xml").Code);
        Assert.Equal(ExitCodes.Usage, Run("scan", folder.Path, "--fail-on", "severe").Code);
        Assert.Equal(ExitCodes.Usage, Run("scan", folder.Path, "--max-file-size", "lots").Code);
        Assert.Equal(ExitCodes.Usage, Run("scan", folder.Path, "--timeout", "-5s").Code);
        Assert.Equal(ExitCodes.Usage, Run("scan").Code);
        Assert.Equal(ExitCodes.Usage, Run("scan", "hf://not-a-repo").Code);
    }

    [Fact]
    public void Fail_on_critical_lets_a_medium_finding_pass_and_fail_on_low_does_not()
    {
        var report = new ScanReport
        {
            Target = "t", Verdict = Verdict.Suspicious, Rules = [],
            Files =
            [
                new FileResult
                {
                    Path = "a.pkl", Size = 1, Sha256 = new string('a', 64), Format = "pickle", Verdict = Verdict.Suspicious,
                    Findings = [new Finding { RuleId = "OBL002", Severity = Severity.Medium, Message = "m" }],
                },
            ],
        };
        Assert.Equal(ExitCodes.Ok, ExitCodes.From(Verdicts.Outcome(report, Severity.High)));
        Assert.Equal(ExitCodes.Findings, ExitCodes.From(Verdicts.Outcome(report, Severity.Medium)));
        Assert.Equal(ExitCodes.Findings, ExitCodes.From(Verdicts.Outcome(report, Severity.Low)));
        // A dangerous file counts as at least high, whatever its findings say.
        var dangerous = report with { Files = [report.Files[0] with { Verdict = Verdict.Dangerous }] };
        Assert.Equal(ExitCodes.Findings, ExitCodes.From(Verdicts.Outcome(dangerous, Severity.High)));
        Assert.Equal(ExitCodes.Ok, ExitCodes.From(Verdicts.Outcome(dangerous, Severity.Critical)));
        var inconclusive = report with { Files = [.. report.Files, report.Files[0] with { Path = "b.7z", Verdict = Verdict.Inconclusive, Findings = [] }] };
        Assert.Equal(ExitCodes.Error, ExitCodes.From(Verdicts.Outcome(inconclusive, Severity.High)));
        Assert.Equal(ExitCodes.Findings, ExitCodes.From(Verdicts.Outcome(inconclusive, Severity.Medium)));
    }

    [Fact]
    public void A_suppression_file_accepts_the_finding_and_the_scan_passes()
    {
        using var folder = ScanFixtures.Folder(("evil.pkl", ScanFixtures.MaliciousPickle()));
        var first = Json(Run("scan", folder.Path, "--format", "json").Out);
        var ruleIds = first.GetProperty("files")[0].GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("rule_id").GetString()!).Distinct().ToList();
        using var config = new TempFolder();
        var supp = Path.Combine(config.Path, "supp.json");
        File.WriteAllText(supp, JsonSerializer.Serialize(new
        {
            suppressions = ruleIds.Select(r => new { ruleId = r, path = "*.pkl", reason = "Known test fixture." }),
        }));

        var (code, stdout, _) = Run("scan", folder.Path, "--format", "sarif", "--suppressions", supp);

        Assert.Equal(ExitCodes.Ok, code);
        var results = Json(stdout).GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal("Known test fixture.",
            r.GetProperty("suppressions")[0].GetProperty("justification").GetString()));
    }

    [Fact]
    public void A_broken_suppression_file_is_a_usage_error_naming_it()
    {
        using var folder = ScanFixtures.Folder(("evil.pkl", ScanFixtures.MaliciousPickle()));
        var supp = Path.Combine(folder.Path, "supp.json");
        File.WriteAllText(supp, """{"suppressions": [{"ruleId": "OBL001", "path": "**"}]}""");
        var (code, _, err) = Run("scan", Path.Combine(folder.Path, "evil.pkl"), "--suppressions", supp);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("supp.json", err, StringComparison.Ordinal);
        Assert.Contains("reason", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", "\"verdict\": \"dangerous\"")]
    [InlineData("sarif", "\"version\": \"2.1.0\"")]
    [InlineData("markdown", "## Obliviate scan: dangerous")]
    [InlineData("table", "Verdict: DANGEROUS")]
    public void Output_goes_to_the_file_atomically_and_stdout_stays_empty(string format, string expected)
    {
        using var folder = ScanFixtures.Folder(("evil.pkl", ScanFixtures.MaliciousPickle()));
        using var outDir = new TempFolder();
        var target = Path.Combine(outDir.Path, "report.out");
        File.WriteAllText(target, "old report");
        var (code, stdout, err) = Run("scan", folder.Path, "--format", format, "-o", target);
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, File.ReadAllText(target), StringComparison.Ordinal);
        Assert.Contains("report written to", err, StringComparison.Ordinal);
        Assert.Equal(["report.out"], Directory.GetFiles(outDir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_output_file_that_cannot_be_created_is_an_error_naming_it()
    {
        using var folder = ScanFixtures.Folder(("model.safetensors", ScanFixtures.SafeTensors()));
        using var outDir = new TempFolder();
        // The parent "folder" is a regular file, so no report can be written below it.
        var blocker = Path.Combine(outDir.Path, "not-a-folder");
        File.WriteAllText(blocker, "x");
        var target = Path.Combine(blocker, "report.json");
        var (code, _, err) = Run("scan", folder.Path, "-o", target);
        Assert.Equal(ExitCodes.Error, code);
        Assert.Contains("cannot write", err, StringComparison.Ordinal);
        Assert.Contains("report.json", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_file_size_makes_a_larger_file_inconclusive()
    {
        using var folder = ScanFixtures.Folder(("model.safetensors", ScanFixtures.SafeTensors()));
        var (code, stdout, _) = Run("scan", folder.Path, "--format", "json", "--max-file-size", "16");
        Assert.Equal(ExitCodes.Error, code);
        Assert.Equal("inconclusive", Json(stdout).GetProperty("files")[0].GetProperty("verdict").GetString());
    }

    [SkippableTheory]
    [InlineData("modelfiles/picklescan/data/malicious1_v3.pkl", ExitCodes.Findings)]
    [InlineData("modelfiles/picklescan/data2/GHSA-4675-36f9-wf6r.pkl", ExitCodes.Findings)]
    [InlineData("modelfiles/safetensors-samples/overall.safetensors", ExitCodes.Ok)]
    [InlineData("modelfiles/picklescan/data/malicious1.7z", ExitCodes.Findings | ExitCodes.Error)]
    public void Real_fixture_files_get_the_expected_exit_code(string relative, int expected)
    {
        var path = SharedData.Require(relative);
        var code = Run("scan", path, "--format", "json").Code;
        // The 7z row accepts either outcome: dangerous if the scanner reads 7z, inconclusive if not (never clean).
        if (expected == (ExitCodes.Findings | ExitCodes.Error)) Assert.Contains(code, new[] { ExitCodes.Findings, ExitCodes.Error });
        else Assert.Equal(expected, code);
    }

    [Fact]
    public async Task An_hf_target_is_downloaded_from_the_endpoint_scanned_and_reported_by_its_commit()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["model.safetensors"] = ScanFixtures.SafeTensors(),
            ["training_args.bin"] = ScanFixtures.MaliciousPickle(),
        };
        using var hub = new LoopbackHub("acme/tiny-model", files);
        hub.ExtraSiblings.Add(new { rfilename = "../outside.pkl", size = 3 });
        using var cache = new TempFolder();
        var output = new StringWriter();
        var error = new StringWriter();
        var env = new Dictionary<string, string?> { ["HF_ENDPOINT"] = hub.Endpoint.ToString(), ["HF_TOKEN"] = "hf_abc" };

        var code = await Task.Run(() => ScanCommand.Execute(
            new ScanRequest { Target = "hf://acme/tiny-model@main", CacheDir = cache.Path, Environment = n => env.GetValueOrDefault(n) },
            "json", null, new ToolConsole(output, error, false), CancellationToken.None));

        Assert.Equal(ExitCodes.Findings, code);
        var json = Json(output.ToString());
        Assert.Equal($"hf://acme/tiny-model@{LoopbackHub.Commit}", json.GetProperty("target").GetString());
        var byPath = json.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        Assert.Equal("dangerous", byPath["training_args.bin"].GetProperty("verdict").GetString());
        Assert.Equal("clean", byPath["model.safetensors"].GetProperty("verdict").GetString());
        Assert.Equal("inconclusive", byPath["../outside.pkl"].GetProperty("verdict").GetString());
        Assert.All(hub.Requests, r => Assert.Equal("Bearer hf_abc", r.Authorization));
        Assert.DoesNotContain("hf_abc", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500MB", 500L << 20)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("64G", 64L << 30)]
    [InlineData("1024", 1024L)]
    [InlineData("2kb", 2048L)]
    public void Sizes_parse(string text, long bytes) => Assert.Equal(bytes, SizeAndTime.ParseSize(text));

    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    public void Durations_parse(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), SizeAndTime.ParseDuration(text));
}
