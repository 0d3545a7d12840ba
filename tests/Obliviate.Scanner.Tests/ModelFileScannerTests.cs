using Obliviate.Tests;
using System.Security.Cryptography;
using Obliviate.Reports.Model;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests;

public sealed class ModelFileScannerTests
{
    private static ScanReport Scan(string path, ScanOptions? options = null) =>
        ModelFileScanner.Scan(path, options ?? new ScanOptions(), CancellationToken.None);

    [Fact]
    public void Stock_torch_checkpoint_is_clean_with_inventory()
    {
        using var dir = new TempFolder();
        var bytes = ZipBuilder.TorchCheckpoint(PickleBuilder.TorchStateDict());
        dir.Write("sub/pytorch_model.bin", bytes);
        var report = Scan(dir.Path);
        var f = Assert.Single(report.Files);
        Assert.Equal("sub/pytorch_model.bin", f.Path);
        Assert.Equal(bytes.Length, f.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), f.Sha256);
        Assert.Equal("pytorch-zip", f.Format);
        Assert.Equal(Verdict.Clean, f.Verdict);
        Assert.Equal(Verdict.Clean, report.Verdict);
        Assert.Empty(report.Rules);
        Assert.Equal(dir.Path, report.Target);
        Assert.NotNull(report.Run);
    }

    [Fact]
    public void Malicious_member_is_reported_with_inner_path_offset_and_rule()
    {
        using var dir = new TempFolder();
        var file = dir.Write("model.pt", ZipBuilder.TorchCheckpoint(PickleBuilder.CallGlobal("posix", "system", "id")));
        var report = Scan(file, new ScanOptions { DisplayTarget = "hf://o/n@main" });
        Assert.Equal("hf://o/n@main", report.Target);
        var finding = Assert.Single(Assert.Single(report.Files).Findings);
        Assert.Equal(("OBL001", Severity.Critical, "posix.system", "archive/data.pkl", 2L), (finding.RuleId, finding.Severity, finding.Evidence, finding.InnerPath, finding.Offset));
        Assert.NotNull(finding.Advice);
        Assert.Equal("OBL001", Assert.Single(report.Rules).Id);
        Assert.Equal(Verdict.Dangerous, report.Verdict);
    }

    [Fact]
    public void Symlink_out_of_the_root_is_flagged_and_not_followed()
    {
        using var outside = new TempFolder();
        using var dir = new TempFolder();
        var target = outside.Write("evil.pkl", PickleBuilder.CallGlobal("os", "system", "id"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "model.pkl"), target);
        var f = Assert.Single(Scan(dir.Path).Files);
        Assert.Equal("symlink", f.Format);
        Assert.Equal("OBL015", Assert.Single(f.Findings).RuleId);
        Assert.Equal(Verdict.Dangerous, f.Verdict);

        var trusted = Assert.Single(Scan(dir.Path, new ScanOptions { TrustedLinkRoots = [outside.Path] }).Files);
        Assert.Contains(trusted.Findings, x => x.Evidence == "os.system");
    }

    [Fact]
    public void Symlink_inside_the_root_is_scanned_as_its_target()
    {
        using var dir = new TempFolder();
        var target = dir.Write("blobs/abc", PickleBuilder.CallGlobal("os", "system", "id"));
        File.CreateSymbolicLink(Path.Combine(dir.Path, "model.pkl"), target);
        var files = Scan(dir.Path).Files;
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Equal(Verdict.Dangerous, f.Verdict));
    }

    [SkippableFact]
    public void A_fifo_inside_a_scanned_folder_is_skipped_without_opening_and_the_scan_returns_within_its_budget()
    {
        using var dir = new TempFolder();
        dir.Write("model.pkl", PickleBuilder.TorchStateDict());
        var fifo = dir.MakeFifo("weights.bin");
        File.CreateSymbolicLink(Path.Combine(dir.Path, "link.bin"), fifo);
        var budget = TimeSpan.FromSeconds(5);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        // Before file types were read first, open() on the FIFO blocked forever: run the scan aside so a regression fails.
        var scan = Task.Run(() => Scan(dir.Path, new ScanOptions { Limits = new ScanLimits { MaxTotalTime = budget } }));
        Assert.True(scan.Wait(budget * 4), "the scan did not return");
        watch.Stop();
        Assert.True(watch.Elapsed < budget, $"took {watch.Elapsed.TotalSeconds:0.0} s");
        var byPath = scan.Result.Files.ToDictionary(f => f.Path);
        Assert.Equal(("fifo", Verdict.Skipped), (byPath["weights.bin"].Format, byPath["weights.bin"].Verdict));
        Assert.Contains("named pipe (FIFO), not a regular file: skipped without opening it", byPath["weights.bin"].Note);
        Assert.Equal(Verdict.Skipped, byPath["link.bin"].Verdict);
        Assert.Contains("behind a symbolic link", byPath["link.bin"].Note);
        Assert.Equal(Verdict.Clean, byPath["model.pkl"].Verdict);
        Assert.Equal(Verdict.Clean, scan.Result.Verdict);
    }

    [SkippableFact]
    public void A_character_device_given_as_the_target_is_skipped_not_read()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "no /dev/zero");
        var scan = Task.Run(() => Scan("/dev/zero"));
        Assert.True(scan.Wait(TimeSpan.FromSeconds(20)), "the scan read /dev/zero");
        var f = Assert.Single(scan.Result.Files);
        Assert.Equal(("device", Verdict.Skipped), (f.Format, f.Verdict));
        Assert.Contains("character device", f.Note);
    }

    [Fact]
    public void A_file_over_the_per_file_time_budget_is_inconclusive_and_the_scan_goes_on()
    {
        using var dir = new TempFolder();
        var b = new PickleBuilder().Proto(2);
        for (var i = 0; i < 4_000_000; i++) b.None().Pop();
        dir.Write("a-long.pkl", b.Stop().ToArray());
        dir.Write("b-model.pkl", PickleBuilder.TorchStateDict());
        var report = Scan(dir.Path, new ScanOptions { Limits = new ScanLimits { MaxFileTime = TimeSpan.FromMilliseconds(1) } });
        var byPath = report.Files.ToDictionary(f => f.Path);
        Assert.Equal(Verdict.Inconclusive, byPath["a-long.pkl"].Verdict);
        Assert.Contains("per-file time budget", byPath["a-long.pkl"].Note);
    }

    [Fact]
    public void Limits_make_files_inconclusive_with_a_note()
    {
        using var dir = new TempFolder();
        var file = dir.Write("big.pkl", PickleBuilder.TorchStateDict());
        var tooBig = Assert.Single(Scan(file, new ScanOptions { Limits = new ScanLimits { MaxFileBytes = 10 } }).Files);
        Assert.Equal(Verdict.Inconclusive, tooBig.Verdict);
        Assert.Contains("file cap", tooBig.Note);

        var noTime = Assert.Single(Scan(file, new ScanOptions { Limits = new ScanLimits { MaxTotalTime = TimeSpan.Zero } }).Files);
        Assert.Equal(Verdict.Inconclusive, noTime.Verdict);
        Assert.Contains("time limit", noTime.Note);

        var nested = dir.Write("nested.zip", new ZipBuilder().Add("inner.zip", new ZipBuilder().Add("x.pkl", PickleBuilder.TorchStateDict()).ToArray()).ToArray());
        var shallow = Assert.Single(Scan(nested, new ScanOptions { Limits = new ScanLimits { MaxNestingDepth = 1 } }).Files);
        Assert.Equal(Verdict.Inconclusive, shallow.Verdict);
        Assert.Contains("nesting", shallow.Note);

        var innerZip = new ZipBuilder().Add("zeros.bin", new byte[4 << 20]).ToArray();
        var bomb = dir.Write("bomb.zip", new ZipBuilder().Add("inner.zip", innerZip, deflate: true).ToArray());
        var capped = Assert.Single(Scan(bomb, new ScanOptions { Limits = new ScanLimits { MaxMemberBytes = 1 << 20 } }).Files);
        Assert.Equal(Verdict.Inconclusive, capped.Verdict);
    }

    [Fact]
    public void Time_budget_interrupts_a_long_pickle_walk_without_failing_the_scan()
    {
        using var dir = new TempFolder();
        var b = new PickleBuilder().Proto(2);
        for (var i = 0; i < 8_000_000; i++) b.None().Pop();
        var file = dir.Write("long.pkl", b.Stop().ToArray());
        var f = Assert.Single(Scan(file, new ScanOptions { Limits = new ScanLimits { MaxTotalTime = TimeSpan.FromMilliseconds(10) } }).Files);
        Assert.Equal(Verdict.Inconclusive, f.Verdict);
        Assert.Contains("time limit", f.Note);
    }

    [Fact]
    public void Folder_of_documents_only_is_skipped()
    {
        using var dir = new TempFolder();
        dir.Write("README.md", "# A model\n");
        dir.Write(".git/objects/ab/cdef", PickleBuilder.CallGlobal("os", "system", "id"));
        var report = Scan(dir.Path);
        Assert.Equal(Verdict.Skipped, report.Verdict);
        Assert.Equal("README.md", Assert.Single(report.Files).Path);
    }

    [Fact]
    public void A_file_list_scans_only_the_named_files_and_checks_them_as_one_folder()
    {
        using var dir = new TempFolder();
        dir.Write("models/config.json", """{"vocab_size":10}""");
        dir.Write("models/model.safetensors", SafeTensorsBytes.Build(new Dictionary<string, long[]> { ["bert.embeddings.word_embeddings.weight"] = [8, 2] }));
        dir.Write("models/unlisted.pkl", PickleBuilder.CallGlobal("os", "system", "id"));
        dir.Write("Program.cs", "class P {}");
        var report = Scan(dir.Path, new ScanOptions { Files = ["models/model.safetensors", dir["models/config.json"], "models/./config.json"] });
        Assert.Equal(["models/config.json", "models/model.safetensors"], report.Files.Select(f => f.Path));
        // The repository check still sees config.json beside the weights: vocab_size 10 against 8 embedding rows.
        Assert.Contains(report.Files[0].Findings, f => f.RuleId == "OBL043");
    }

    [Fact]
    public void A_named_file_is_read_through_its_link_and_a_missing_one_is_inconclusive()
    {
        using var outside = new TempFolder();
        using var dir = new TempFolder();
        var target = outside.Write("evil.pkl", PickleBuilder.CallGlobal("os", "system", "id"));
        File.CreateSymbolicLink(dir["model.pkl"], target);
        var report = Scan(dir.Path, new ScanOptions { Files = ["model.pkl", "gone.onnx"] });
        var gone = report.Files[0];
        Assert.Equal(("gone.onnx", Verdict.Inconclusive), (gone.Path, gone.Verdict));
        // What the build copies is the link's target, so that is what is judged (no OBL015, the call is found).
        Assert.Contains(report.Files[1].Findings, f => f.Evidence == "os.system");
        Assert.DoesNotContain(report.Files[1].Findings, f => f.RuleId == "OBL015");
    }

    [Fact]
    public void Missing_target_throws_file_not_found() =>
        Assert.Throws<FileNotFoundException>(() => Scan("/nonexistent/obliviate/model"));

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var dir = new TempFolder();
        dir.Write("m.pkl", PickleBuilder.TorchStateDict());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ModelFileScanner.Scan(dir.Path, new ScanOptions(), cts.Token));
    }
}
