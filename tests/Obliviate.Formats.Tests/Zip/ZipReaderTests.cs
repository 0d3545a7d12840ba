using System.Text;
using Obliviate.Formats.Zip;
using Obliviate.Tests.Fixtures;

namespace Obliviate.Formats.Tests.Zip;

public sealed class ZipReaderTests
{
    private static readonly byte[] Hello = Encoding.ASCII.GetBytes("hello world, hello zip");

    private static (ZipDirectory Dir, MemoryStream Stream) Read(byte[] zip)
    {
        var ms = new MemoryStream(zip);
        return (ZipReader.ReadDirectory(ms), ms);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Stored_and_deflated_members_read_back(bool deflate)
    {
        var (dir, s) = Read(new ZipBuilder().Add("a/b.bin", Hello, deflate).ToArray());
        var e = Assert.Single(dir.Entries);
        Assert.Equal("a/b.bin", e.Name);
        Assert.Equal(Hello, ZipReader.ReadAll(s, e, 1 << 20));
        Assert.Equal(ZipReader.Crc32(Hello), e.Crc32);
        Assert.False(dir.RecoveredFromLocalHeaders);
    }

    [Fact]
    public void Reads_archives_written_by_system_io_compression()
    {
        var ms = new MemoryStream();
        using (var z = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var w = z.CreateEntry("x/data.pkl").Open();
            w.Write(Hello);
        }
        ms.Position = 0;
        var dir = ZipReader.ReadDirectory(ms);
        Assert.Equal(Hello, ZipReader.ReadAll(ms, Assert.Single(dir.Entries), 1 << 20));
    }

    [Fact]
    public void Name_mismatch_between_directory_and_local_header_is_an_anomaly()
    {
        var (dir, _) = Read(new ZipBuilder().Add("data.pkl", Hello, localName: "datap.kl").ToArray());
        var e = Assert.Single(dir.Entries);
        Assert.Equal("datap.kl", e.LocalName);
        Assert.True(e.NameMismatch);
    }

    [Fact]
    public void Lying_flags_are_exposed_and_data_still_reads()
    {
        var (dir, s) = Read(new ZipBuilder().Add("m.pkl", Hello, flags: 0x41).ToArray());
        var e = Assert.Single(dir.Entries);
        Assert.True(e.EncryptedFlag);
        Assert.True(e.UnusualFlags);
        Assert.Equal(Hello, ZipReader.ReadAll(s, e, 1 << 20));
    }

    [Fact]
    public void Prepended_bytes_are_detected_and_offsets_corrected()
    {
        var (dir, s) = Read(new ZipBuilder().Prefix(new byte[100]).Add("m.bin", Hello).ToArray());
        Assert.Equal(100, dir.PrependedBytes);
        Assert.Equal(Hello, ZipReader.ReadAll(s, Assert.Single(dir.Entries), 1 << 20));
    }

    [Fact]
    public void Missing_central_directory_falls_back_to_local_headers()
    {
        var zip = new ZipBuilder().Add("one.bin", Hello).Add("two.bin", Hello, deflate: true).ToArray();
        var cut = zip.AsSpan(0, zip.Length - 22 - 10).ToArray();
        var (dir, s) = Read(cut);
        Assert.True(dir.RecoveredFromLocalHeaders);
        Assert.Equal(["one.bin", "two.bin"], dir.Entries.Select(e => e.Name));
        Assert.Equal(Hello, ZipReader.ReadAll(s, dir.Entries[1], 1 << 20));
    }

    [Fact]
    public void Members_sharing_bytes_are_reported_as_overlaps_and_ordinary_archives_have_none()
    {
        var plain = new ZipBuilder().Add("a.bin", new byte[100]).Add("b.bin", new byte[10], deflate: true).Add("dir/", []).ToArray();
        Assert.Empty(ZipReader.ReadDirectory(new MemoryStream(plain)).Overlaps);
        Assert.Empty(ZipReader.ReadDirectory(new MemoryStream(ZipBuilder.TorchCheckpoint(PickleBuilder.TorchStateDict()))).Overlaps);

        var bomb = new ZipBuilder().Add("kernel.bin", new byte[1000], deflate: true).Alias("copy1.bin", "kernel.bin").Alias("copy2.bin", "kernel.bin").ToArray();
        var overlaps = ZipReader.ReadDirectory(new MemoryStream(bomb)).Overlaps;
        Assert.Equal(2, overlaps.Count);
        Assert.All(overlaps, o => Assert.Equal(o.First.LocalHeaderOffset, o.Second.LocalHeaderOffset));
    }

    [Fact]
    public void Inflation_cap_returns_null()
    {
        var (dir, s) = Read(new ZipBuilder().Add("bomb", new byte[1 << 20], deflate: true).ToArray());
        Assert.Null(ZipReader.ReadAll(s, Assert.Single(dir.Entries), 1024));
    }

    [Fact]
    public void Garbage_is_a_format_error_naming_the_defect()
    {
        var ex = Assert.Throws<ZipFormatException>(() => ZipReader.ReadDirectory(new MemoryStream(Encoding.ASCII.GetBytes("PK\x03\x04 but nothing else"))));
        Assert.Contains("local", ex.Message);
    }
}
