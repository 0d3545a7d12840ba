using Obliviate.Formats.Archives;

namespace Obliviate.Formats.Tests.Archives;

public sealed class ArchivePathTests
{
    [Theory]
    [InlineData("../evil.pkl", true)]
    [InlineData("a/../../evil", true)]
    [InlineData("/etc/passwd", true)]
    [InlineData("C:\\Windows\\x", true)]
    [InlineData("..\\x", true)]
    [InlineData("a/../b", false)]
    [InlineData("archive/data.pkl", false)]
    [InlineData("./x", false)]
    public void Escaping_paths_are_detected(string name, bool escapes) => Assert.Equal(escapes, ArchivePath.Escapes(name));
}
