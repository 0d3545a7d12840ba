using Obliviate.Formats.Numpy;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Formats.Tests.Numpy;

public sealed class NpyReaderTests
{
    [Theory]
    [InlineData("<f4", false)]
    [InlineData("|O", true)]
    [InlineData("|O8", true)]
    [InlineData("[('a', '<i8'), ('b', '|O')]", true)]
    [InlineData("[('a', '<i8'), ('b', '<f8')]", false)]
    public void Object_dtypes_are_detected(string descr, bool objects)
    {
        var raw = NpyBuilder.BuildLiteral(descr.StartsWith('[') ? descr : $"'{descr}'", "(1,)", [1, 2]);
        var h = NpyReader.ReadHeader(new MemoryStream(raw));
        Assert.Equal(objects, h.HasObjects);
        Assert.Equal(1, h.Major);
    }

    [Fact]
    public void Data_offset_points_after_the_header()
    {
        var raw = NpyBuilder.Build("|O", "(1,)", [0x80, 0x02]);
        var h = NpyReader.ReadHeader(new MemoryStream(raw));
        Assert.Equal(0x80, raw[h.DataOffset]);
        Assert.Equal(0, h.DataOffset % 64);
    }

    [Fact]
    public void Truncated_header_is_rejected()
    {
        var raw = NpyBuilder.Build("<f4", "(1,)", []);
        Assert.Throws<InvalidDataException>(() => NpyReader.ReadHeader(new MemoryStream(raw[..20])));
    }
}
