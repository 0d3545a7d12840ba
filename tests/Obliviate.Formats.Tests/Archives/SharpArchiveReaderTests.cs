using Obliviate.Formats.Archives;
using Obliviate.Formats.Pickle;
using Obliviate.Tests;

namespace Obliviate.Formats.Tests.Archives;

public sealed class SharpArchiveReaderTests
{
    [SkippableFact]
    public void Reads_the_member_of_the_picklescan_7z_fixture_as_bytes()
    {
        using var s = File.OpenRead(SharedData.Require("modelfiles/picklescan/data/malicious1.7z"));
        var m = Assert.Single(SharpArchiveReader.ReadMembers(s, 1 << 20, 10));
        Assert.NotNull(m.Data);
        Assert.Contains(PickleWalker.Walk(m.Data!).Globals, g => g.QualifiedName == "builtins.eval");
    }

    [Fact]
    public void Garbage_after_the_signature_is_invalid_data()
    {
        byte[] bytes = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C, 0, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32];
        Assert.Throws<InvalidDataException>(() => SharpArchiveReader.ReadMembers(new MemoryStream(bytes), 1 << 20, 10));
    }
}
