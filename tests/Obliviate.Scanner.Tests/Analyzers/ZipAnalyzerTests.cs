using Obliviate.Reports.Model;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests.Analyzers;

public sealed class ZipAnalyzerTests
{
    private static readonly byte[] Evil = PickleBuilder.CallGlobal("builtins", "eval", "1");

    private static FileResult Scan(byte[] data, string name = "x.zip") => ModelFileScanner.ScanContent(data, name, new ScanOptions());

    [Fact]
    public void Nested_zip_member_paths_are_reported()
    {
        var inner = new ZipBuilder().Add("m/data.pkl", Evil, deflate: true).ToArray();
        var f = Scan(new ZipBuilder().Add("inner.zip", inner).ToArray());
        Assert.Contains(f.Findings, x => x.RuleId == "OBL001" && x.InnerPath == "inner.zip/m/data.pkl");
    }

    [Fact]
    public void Path_traversal_members_are_dangerous()
    {
        var f = Scan(new ZipBuilder().Add("../../home/user/.bashrc", "echo hi\n"u8.ToArray()).ToArray());
        Assert.Contains(f.Findings, x => x.RuleId == "OBL010");
        Assert.Equal(Verdict.Dangerous, f.Verdict);
    }

    [Theory]
    [InlineData(0x01)]
    [InlineData(0x20)]
    [InlineData(0x40)]
    public void Lying_flags_do_not_hide_the_member(int flags)
    {
        var f = Scan(new ZipBuilder().Add("model/config.pkl", Evil, flags: flags).ToArray());
        Assert.Contains(f.Findings, x => x.RuleId == "OBL012");
        Assert.Contains(f.Findings, x => x.RuleId == "OBL001");
    }

    [Fact]
    public void Really_encrypted_members_are_inconclusive()
    {
        var cipher = new byte[64];
        new Random(7).NextBytes(cipher);
        var f = Scan(new ZipBuilder().Add("secret.pkl", cipher, flags: 0x01, crc: 0x12345678).ToArray());
        Assert.Equal(Verdict.Inconclusive, f.Verdict);
        Assert.Contains("encrypted", f.Note);
    }

    [Fact]
    public void Crc_mismatch_and_name_mismatch_are_findings_and_the_member_is_still_read()
    {
        var f = Scan(new ZipBuilder().Add("data.pkl", Evil, localName: "datap.kl", crc: 1).ToArray());
        Assert.Equal(["OBL001", "OBL011", "OBL013"], f.Findings.Select(x => x.RuleId).Order());
        Assert.Equal("pytorch-zip", f.Format);
    }

    [Fact]
    public void Prepended_data_marks_a_polyglot()
    {
        var f = Scan([.. PickleBuilder.TorchStateDict(), .. ZipBuilder.TorchCheckpoint(PickleBuilder.TorchStateDict())], "poly.pt");
        Assert.Equal("pickle+pytorch-zip", f.Format);
        Assert.Contains(f.Findings, x => x.RuleId == "OBL014");
        var zip = Scan(new ZipBuilder().Prefix(new byte[40]).Add("archive/data.pkl", PickleBuilder.TorchStateDict()).ToArray());
        Assert.Contains(zip.Findings, x => x.RuleId == "OBL014");
    }

    [Fact]
    public void A_chance_end_record_in_data_is_not_a_polyglot()
    {
        byte[] junk = [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 0xff, 0xff, 0, 0, 0xff, 0xff, 0, 0, 0, 0];
        var f = Scan([.. PickleBuilder.TorchStateDict(), .. new byte[100], .. junk, .. new byte[30]], "model.bin");
        Assert.Equal(("pickle", Verdict.Clean), (f.Format, f.Verdict));
    }

    [Fact]
    public void Npz_with_object_arrays_is_graded_per_member()
    {
        var npz = new ZipBuilder()
            .Add("a.npy", NpyBuilder.Build("<i8", "(1,)", new byte[8]))
            .Add("b.npy", NpyBuilder.Build("|O", "(1,)", PickleBuilder.CallGlobal("ssl", "get_server_certificate", "x")), deflate: true).ToArray();
        var f = Scan(npz, "arrays.npz");
        Assert.Equal("npz", f.Format);
        Assert.Contains(f.Findings, x => x.InnerPath == "b.npy" && x.Evidence == "ssl.get_server_certificate");
    }

    [Fact]
    public void Torch_storages_are_not_misread_as_pickles()
    {
        // Storage bytes that start with a pickle opcode must not make a clean checkpoint inconclusive.
        var f = Scan(ZipBuilder.TorchCheckpoint(PickleBuilder.TorchStateDict(), "K\x01\x02garbage-float-bytes"u8.ToArray()), "model.pt");
        Assert.Equal(Verdict.Clean, f.Verdict);
    }

    /// <summary>A valid protocol-2 pickle of about <paramref name="bytes"/> bytes: NONE/POP pairs (a long but harmless program).</summary>
    private static byte[] LongPickle(int bytes)
    {
        var data = new byte[bytes];
        data[0] = 0x80;
        data[1] = 2;
        for (var i = 2; i < bytes - 1; i += 2) { data[i] = (byte)'N'; data[i + 1] = (byte)'0'; }
        data[^1] = (byte)'.';
        return data;
    }

    [Fact]
    public void Streamed_members_count_against_the_inflation_budget()
    {
        // Both members exceed the in-memory cap, so they are walked as streams; before, those bytes were never charged.
        var zip = new ZipBuilder().Add("a.pkl", LongPickle(1_500_001), deflate: true).Add("b.pkl", LongPickle(1_500_001), deflate: true).ToArray();
        var limits = new ScanLimits { MaxMemberBytes = 1 << 20, MaxTotalInflatedBytes = 2 << 20 };
        var f = ModelFileScanner.ScanContent(zip, "x.zip", new ScanOptions { Limits = limits });
        Assert.Equal(Verdict.Inconclusive, f.Verdict);
        Assert.Contains("b.pkl: inflates past the scan-wide inflation cap", f.Note);
    }

    [Fact]
    public void Overlapping_members_are_a_finding()
    {
        var zip = new ZipBuilder().Add("kernel.pkl", LongPickle(4001), deflate: true).Alias("a.pkl", "kernel.pkl").Alias("b.pkl", "kernel.pkl").ToArray();
        var f = Scan(zip);
        var x = Assert.Single(f.Findings, x => x.RuleId == "OBL016");
        Assert.Equal("2 overlapping members", x.Evidence);
        Assert.Equal(Verdict.Dangerous, f.Verdict);
    }
}
