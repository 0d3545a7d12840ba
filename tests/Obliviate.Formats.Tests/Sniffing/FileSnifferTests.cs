using System.Text;
using Obliviate.Formats.Sniffing;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Formats.Tests.Sniffing;

public sealed class FileSnifferTests
{
    private static FileKind Sniff(byte[] b) => FileSniffer.Sniff(b, b.Length);

    [Fact]
    public void Formats_are_identified_by_content()
    {
        Assert.Equal(FileKind.Zip, Sniff(new ZipBuilder().Add("a", [1]).ToArray()));
        Assert.Equal(FileKind.Pickle, Sniff(PickleBuilder.CallGlobal("os", "system", "x", 4)));
        Assert.Equal(FileKind.MaybePickle, Sniff(Encoding.ASCII.GetBytes("cos\nsystem\n(S'ls'\ntR.")));
        Assert.Equal(FileKind.Npy, Sniff(NpyBuilder.Build("<f4", "(1,)", [0, 0, 0, 0])));
        Assert.Equal(FileKind.SevenZip, Sniff([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4]));
        Assert.Equal(FileKind.Png, Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Equal(FileKind.Hdf5, Sniff([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A, 0]));
        Assert.Equal(FileKind.Json, Sniff(Encoding.UTF8.GetBytes("  {\"a\": 1}")));
        Assert.Equal(FileKind.Text, Sniff(Encoding.UTF8.GetBytes("# Model card\n")));
        Assert.Equal(FileKind.Empty, Sniff([]));
        Assert.Equal(FileKind.Unknown, Sniff([0x00, 0x01, 0x02]));
    }

    [Fact]
    public void Safetensors_needs_a_plausible_header_length()
    {
        var header = Encoding.ASCII.GetBytes("{\"__metadata__\":{}}");
        var file = new byte[8 + header.Length];
        BitConverter.TryWriteBytes(file, (long)header.Length);
        header.CopyTo(file, 8);
        Assert.Equal(FileKind.SafeTensors, Sniff(file));
        BitConverter.TryWriteBytes(file, (long)file.Length * 2);
        Assert.NotEqual(FileKind.SafeTensors, Sniff(file));
    }

    [Theory]
    [InlineData("[PAD]\n[unused0]\n[unused1]\n[CLS]\n[SEP]\n[MASK]\nthe\n")]
    [InlineData("[bos]\nhello\n")]
    [InlineData("{{ bos_token }}{% for m in messages %}")]
    [InlineData("{\"a\": 1}\n{\"a\": 2}\n")]
    public void Text_that_starts_with_a_bracket_is_not_json(string text) =>
        Assert.Equal(FileKind.Text, Sniff(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("[\"a\", \"b\"]")]
    [InlineData("\n  { // comment\n \"vocab_size\": 30522, }")]
    [InlineData("\uFEFF{\"a\": [1, 2]}")]
    public void Json_objects_and_arrays_are_json(string text) =>
        Assert.Equal(FileKind.Json, Sniff(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_json_head_cut_mid_value_is_still_json()
    {
        var big = Encoding.UTF8.GetBytes("{\"model\": {\"vocab\": {" + string.Join(",", Enumerable.Range(0, 3000).Select(i => $"\"w{i}\": {i}")) + "}}}");
        Assert.Equal(FileKind.Json, FileSniffer.Sniff(big.AsSpan(0, FileSniffer.HeadLength), big.Length));
    }
}
