using System.Text;
using Obliviate.Reports.Model;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Scanner.Tests.Analyzers;

/// <summary>Nothing unknown is clean: unrecognised content under a model name is inconclusive, elsewhere skipped.</summary>
public sealed class ContentScannerTests
{
    private static readonly byte[] Opaque = [0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02];

    private static FileResult Scan(byte[] data, string name) => ModelFileScanner.ScanContent(data, name, new ScanOptions());

    [Theory]
    [InlineData("model.bin")]
    [InlineData("model.params")]
    [InlineData("weights.pt")]
    [InlineData("model.tflite")]
    public void Unrecognised_content_under_a_model_name_is_inconclusive(string name)
    {
        var f = Scan(Opaque, name);
        Assert.Equal(Verdict.Inconclusive, f.Verdict);
        Assert.Contains("no analyser here understands", f.Note);
    }

    [Theory]
    [InlineData("blob.dat")]
    [InlineData("variables.data-00000-of-00001")]
    public void Unrecognised_content_under_another_name_is_skipped_with_the_reason(string name)
    {
        var f = Scan(Opaque, name);
        Assert.Equal(Verdict.Skipped, f.Verdict);
        Assert.Contains("unrecognized binary content", f.Note);
    }

    [Fact]
    public void Bytes_a_pickle_loader_rejects_at_once_are_understood_only_under_pickle_names()
    {
        byte[] data = [(byte)'c', (byte)'m', (byte)'\n', 0xf8, (byte)'\n'];
        var bin = Scan(data, "pytorch_model.bin");
        Assert.Equal(("unknown", Verdict.Clean), (bin.Format, bin.Verdict));
        Assert.Contains("pickle loader fails before importing anything", bin.Note);
        // A .tflite starting with '(' looks like MARK to a pickle reader; that says nothing about the model format.
        Assert.Equal(Verdict.Inconclusive, Scan([(byte)'(', 0xff, 0xfe], "model.tflite").Verdict);
    }

    [Fact]
    public void A_flax_msgpack_checkpoint_is_understood_and_a_broken_one_is_inconclusive()
    {
        // {"params": {"kernel": ext(1, 3 bytes)}}: a fixmap header (0x81) that a pickle reader would take for NEWOBJ.
        byte[] flax = [0x81, 0xa6, .. "params"u8, 0x81, 0xa6, .. "kernel"u8, 0xc7, 0x03, 0x01, 1, 2, 3];
        var ok = Scan(flax, "flax_model.msgpack");
        Assert.Equal(("msgpack", Verdict.Clean), (ok.Format, ok.Verdict));
        var broken = Scan([.. flax, 0xff], "flax_model.msgpack");
        Assert.Equal(Verdict.Inconclusive, broken.Verdict);
        Assert.Contains("not a MessagePack document", broken.Note);
    }

    [Fact]
    public void Gguf_is_a_model_format_that_is_not_analysed()
    {
        var f = Scan([.. "GGUF"u8, 3, 0, 0, 0, 0, 0, 0, 0], "model.gguf");
        Assert.Equal(("gguf", Verdict.Inconclusive), (f.Format, f.Verdict));
    }

    [Fact]
    public void A_git_lfs_pointer_in_place_of_the_weights_is_inconclusive()
    {
        var pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2f0e\nsize 90864192\n"u8.ToArray();
        var f = Scan(pointer, "model.safetensors");
        Assert.Equal(Verdict.Inconclusive, f.Verdict);
        Assert.Contains("Git LFS pointer", f.Note);
    }

    [Fact]
    public void A_bert_vocab_txt_is_text_not_broken_json()
    {
        var f = Scan(Encoding.UTF8.GetBytes("[PAD]\n[unused0]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nthe\n"), "vocab.txt");
        Assert.Equal(("text", Verdict.Skipped), (f.Format, f.Verdict));
        Assert.Null(f.Note);
    }
}
