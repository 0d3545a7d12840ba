using System.Text;
using Obliviate.Reports.Model;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests.Analyzers;

public sealed class PickleAnalyzerTests
{
    private static FileResult Scan(byte[] data, string name = "x.bin", bool strict = false) =>
        ModelFileScanner.ScanContent(data, name, new ScanOptions { Strict = strict });

    [Fact]
    public void Protocol_zero_pickle_without_extension_hint_is_scanned()
    {
        var f = Scan(Encoding.ASCII.GetBytes("cos\nsystem\n(S'id'\ntR."), "weights.png");
        Assert.Equal("pickle", f.Format);
        Assert.Equal(Verdict.Dangerous, f.Verdict);
    }

    [Fact]
    public void A_pickle_without_proto_that_opens_with_a_binary_opcode_is_scanned()
    {
        var data = new PickleBuilder().ShortUnicode("os").ShortUnicode("system").StackGlobal().ShortUnicode("id").Tuple1().Reduce().Stop().ToArray();
        Assert.Equal(0x8c, data[0]);
        var f = Scan(data, "weights.dat");
        Assert.Equal(("pickle", Verdict.Dangerous), (f.Format, f.Verdict));
    }

    [Fact]
    public void A_pickle_without_proto_that_opens_with_a_computed_import_is_scanned()
    {
        var data = new PickleBuilder().BinInt(42).ShortUnicode("os").StackGlobal().Pop()
            .ShortUnicode("os").ShortUnicode("system").StackGlobal().ShortUnicode("id").Tuple1().Reduce().Stop().ToArray();
        var f = Scan(data, "weights.dat");
        Assert.Equal(("pickle", Verdict.Dangerous), (f.Format, f.Verdict));
        Assert.Contains(f.Findings, x => x.Evidence == "os.system");
    }

    [Fact]
    public void A_broken_pickle_without_findings_is_inconclusive()
    {
        var data = PickleBuilder.TorchStateDict();
        var f = Scan(data[..^10]);
        Assert.Equal(Verdict.Inconclusive, f.Verdict);
        Assert.Contains("could not be fully parsed", f.Note);
    }

    [Fact]
    public void A_broken_pickle_with_a_dangerous_import_stays_dangerous()
    {
        var data = PickleBuilder.CallGlobal("os", "system", "id");
        Assert.Equal(Verdict.Dangerous, Scan(data[..^2]).Verdict);
    }

    [Fact]
    public void Module_attribute_overwrite_is_dangerous()
    {
        var data = new PickleBuilder().Proto(4).ShortUnicode("torch").ShortUnicode("_utils").StackGlobal().EmptyDict()
            .ShortUnicode("_rebuild_tensor").ShortUnicode("builtins").SetItem().Build().Stop().ToArray();
        var f = Scan(data);
        Assert.Contains(f.Findings, x => x.RuleId == "OBL004");
        Assert.Equal(Verdict.Dangerous, f.Verdict);
    }

    [Fact]
    public void Legacy_torch_file_is_clean_and_labelled()
    {
        byte[] magic = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];
        var small = new PickleBuilder().Proto(2).BinInt1(101).Stop().ToArray();
        var file = new List<byte>();
        file.AddRange(new PickleBuilder().Proto(2).Long1(magic).Stop().ToArray());
        file.AddRange(small);
        file.AddRange(small);
        file.AddRange(PickleBuilder.TorchStateDict());
        file.AddRange(new PickleBuilder().Proto(2).Mark().ShortBinString("0").Tuple().Stop().ToArray());
        file.AddRange(Encoding.ASCII.GetBytes("cos\nsystem\n")); // storage bytes that happen to look like a GLOBAL
        var f = Scan([.. file]);
        Assert.Equal(("pytorch-legacy", Verdict.Clean), (f.Format, f.Verdict));
    }

    [Fact]
    public void Object_npy_is_scanned_and_numeric_npy_is_clean()
    {
        var bad = Scan(NpyBuilder.Build("|O", "(1,)", PickleBuilder.CallGlobal("subprocess", "run", "id")));
        Assert.Equal(("npy-object", Verdict.Dangerous), (bad.Format, bad.Verdict));
        var ok = Scan(NpyBuilder.Build("<f4", "(2,)", new byte[8]));
        Assert.Equal(("npy", Verdict.Clean), (ok.Format, ok.Verdict));
    }

    [Fact]
    public void Gzipped_pickle_is_scanned()
    {
        using var ms = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(PickleBuilder.CallGlobal("os", "system", "id"));
        var f = Scan(ms.ToArray(), "model.joblib.gz");
        Assert.Equal(Verdict.Dangerous, f.Verdict);
        Assert.Contains(f.Findings, x => x.InnerPath == "model.joblib.gz!gunzip");
    }

    [Fact]
    public void Joblib_files_are_scanned_past_their_inline_arrays()
    {
        var numeric = Scan(PickleBuilder.JoblibArray("f8", 4, new byte[32]), "model.joblib");
        Assert.Equal(("joblib", Verdict.Clean), (numeric.Format, numeric.Verdict));

        var objects = PickleBuilder.JoblibArray("O8", 1, PickleBuilder.CallGlobal("os", "system", "id"));
        using var ms = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) z.Write(objects);
        var compressed = Scan(ms.ToArray(), "model.joblib");
        Assert.Equal(("zlib:joblib", Verdict.Dangerous), (compressed.Format, compressed.Verdict));
        Assert.Contains(compressed.Findings, x => x.Evidence == "os.system" && x.InnerPath == "model.joblib!zlib");
    }

    [Fact]
    public void Bzip2_compressed_pickle_and_tar_members_are_scanned()
    {
        var evil = PickleBuilder.CallGlobal("os", "system", "id");
        using var ms = new MemoryStream();
        using (var bz = SharpCompress.Compressors.BZip2.BZip2Stream.Create(ms, SharpCompress.Compressors.CompressionMode.Compress, false, leaveOpen: true))
            bz.Write(evil);
        var bz2 = Scan(ms.ToArray(), "model.joblib.bz2");
        Assert.Equal(("bzip2:pickle", Verdict.Dangerous), (bz2.Format, bz2.Verdict));

        var tar = Scan(TarBuilder.Build(("README.md", "hi\n"u8.ToArray()), ("ckpt/data.pkl", evil)), "bundle.tar");
        Assert.Equal(("tar", Verdict.Dangerous), (tar.Format, tar.Verdict));
        Assert.Contains(tar.Findings, x => x.InnerPath == "ckpt/data.pkl" && x.Evidence == "os.system");
    }

    [Fact]
    public void Corrupt_compressed_streams_are_inconclusive()
    {
        var f = Scan([(byte)'B', (byte)'Z', (byte)'h', (byte)'9', 1, 2, 3, 4, 5, 6, 7, 8, 9], "x.bz2");
        Assert.Equal(Verdict.Inconclusive, f.Verdict);
        var xz = Scan([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00, 1, 2, 3, 4, 5, 6], "x.xz");
        Assert.Equal(Verdict.Inconclusive, xz.Verdict);
    }
}
