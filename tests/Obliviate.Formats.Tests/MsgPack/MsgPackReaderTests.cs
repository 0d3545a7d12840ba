using Obliviate.Formats.MsgPack;

namespace Obliviate.Formats.Tests.MsgPack;

public sealed class MsgPackReaderTests
{
    private static (long, long) Validate(byte[] data) => MsgPackReader.Validate(new MemoryStream(data), data.Length);

    [Fact]
    public void Counts_objects_and_extension_blobs()
    {
        // {"a": [1, -1, 3.5f, nil, true], "b": bin8(2), "c": fixext4, "d": str8("xyz")}
        byte[] doc = [0x84, 0xa1, (byte)'a', 0x95, 0x01, 0xff, 0xca, 0, 0, 0x60, 0x40, 0xc0, 0xc3,
            0xa1, (byte)'b', 0xc4, 0x02, 9, 9, 0xa1, (byte)'c', 0xd6, 0x01, 1, 2, 3, 4, 0xa1, (byte)'d', 0xd9, 0x03, (byte)'x', (byte)'y', (byte)'z'];
        Assert.Equal((14L, 1L), Validate(doc));
    }

    [Theory]
    [InlineData(new byte[] { 0xc1 })]
    [InlineData(new byte[] { 0x92, 0x01 })]
    [InlineData(new byte[] { 0xdd, 0xff, 0xff, 0xff, 0xff })]
    [InlineData(new byte[] { 0xc6, 0x00, 0x00, 0x10, 0x00, 0x01 })]
    [InlineData(new byte[] { 0x01, 0x02 })]
    public void Anything_but_one_complete_document_is_invalid(byte[] data) =>
        Assert.Throws<InvalidDataException>(() => Validate(data));
}
