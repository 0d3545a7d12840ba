using Obliviate.Reports.Model;
using Obliviate.Tests;

namespace Obliviate.Scanner.Tests;

/// <summary>Every real fixture under shared/data/modelfiles gets the verdict its upstream test suite asserts.</summary>
public sealed class ModelFileScannerCorpusTests
{
    [SkippableFact]
    public void Every_corpus_file_gets_its_expected_verdict()
    {
        var root = SharedData.Require("modelfiles");
        var expected = CorpusExpectations.Load(SharedData.Root);
        var report = ModelFileScanner.Scan(root, new ScanOptions(), CancellationToken.None);

        var failures = new List<string>();
        foreach (var file in report.Files)
        {
            if (!expected.TryGetValue(file.Path, out var want))
            {
                failures.Add($"{file.Path}: no expectation (got {file.Verdict})");
                continue;
            }
            if (file.Verdict != want)
                failures.Add($"{file.Path}: expected {want}, got {file.Verdict} [{file.Format}] {string.Join(" | ", file.Findings.Select(f => $"{f.RuleId} {f.Evidence}"))} note={file.Note}");
        }
        foreach (var missing in expected.Keys.Except(report.Files.Select(f => f.Path)))
            failures.Add($"{missing}: expected but not scanned");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Verdict.Dangerous, report.Verdict);
        Assert.True(expected.Count >= 120, $"only {expected.Count} expectations parsed from README.md");
    }

    [SkippableFact]
    public void Safe_files_stay_clean_under_strict_default_deny()
    {
        // Strict turns every unknown import into a dangerous finding: the stock torch/numpy/sklearn fixtures must not have any.
        var root = SharedData.Require("modelfiles");
        var expected = CorpusExpectations.Load(SharedData.Root);
        var report = ModelFileScanner.Scan(root, new ScanOptions { Strict = true }, CancellationToken.None);
        var safe = report.Files.Where(f => expected.GetValueOrDefault(f.Path) == Verdict.Clean).ToList();
        Assert.True(safe.Count >= 20, $"only {safe.Count} safe files");
        Assert.All(safe, f => Assert.True(f.Verdict == Verdict.Clean, $"{f.Path}: {f.Verdict} {string.Join(", ", f.Findings.Select(x => x.Evidence))}"));
    }

    [SkippableFact]
    public void Every_dangerous_file_names_its_global_as_evidence()
    {
        var root = SharedData.Require("modelfiles/picklescan/data2");
        var report = ModelFileScanner.Scan(root, new ScanOptions(), CancellationToken.None);
        var byPath = report.Files.ToDictionary(f => f.Path);
        Assert.Contains(byPath["GHSA-vqmv-47xg-9wpr.pkl"].Findings, f => f.RuleId == "OBL001" && f.Evidence == "pty.spawn");
        Assert.Contains(byPath["keyerror-exploit.pkl"].Findings, f => f.RuleId == "OBL001" && f.Evidence == "os.system");
        Assert.Contains(byPath["dns_exfiltration.npy"].Findings, f => f.Evidence == "ssl.get_server_certificate");
        Assert.DoesNotContain(byPath["object_array.npy"].Findings, f => true);
        Assert.All(report.Files.SelectMany(f => f.Findings), f => Assert.Matches("^OBL[0-9]{3}$", f.RuleId));
    }
}
