using Obliviate.Formats.IO;

namespace Obliviate.Formats.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void Writes_new_content_and_leaves_no_temporary_file()
    {
        var dir = Directory.CreateTempSubdirectory("obliviate-atomic-");
        try
        {
            var path = Path.Combine(dir.FullName, "sub", "out.json");
            AtomicFile.WriteAllText(path, "first");
            AtomicFile.WriteAllText(path, "second");
            Assert.Equal("second", File.ReadAllText(path));
            Assert.Equal(["out.json"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_failed_write_keeps_the_old_content_and_cleans_up()
    {
        var dir = Directory.CreateTempSubdirectory("obliviate-atomic-");
        try
        {
            var path = Path.Combine(dir.FullName, "out.bin");
            AtomicFile.WriteAllText(path, "old");
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
            {
                stream.WriteByte(1);
                throw new InvalidOperationException("interrupted");
            }));
            Assert.Equal("old", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
