using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Obliviate.Tests.Fixtures;

/// <summary>
/// Writes zip archives field by field (PKWARE APPNOTE) so tests can reproduce header tricks: lying flags, central
/// directory names that differ from local ones, wrong CRCs, prepended bytes, deflated or stored members.
/// </summary>
public sealed class ZipBuilder
{
    private readonly List<Member> _members = [];
    private readonly List<(string Name, string Target)> _aliases = [];
    private byte[] _prefix = [];

    public sealed record Member(string Name, byte[] Data, bool Deflate = false, int Flags = 0, string? LocalName = null, uint? Crc = null);

    public ZipBuilder Add(string name, byte[] data, bool deflate = false, int flags = 0, string? localName = null, uint? crc = null)
    {
        _members.Add(new Member(name, data, deflate, flags, localName, crc));
        return this;
    }

    public ZipBuilder Prefix(byte[] bytes) { _prefix = bytes; return this; }

    /// <summary>
    /// A second central-directory entry that points at an existing member's local header: two members sharing the same
    /// bytes, the overlap that non-recursive zip bombs use.
    /// </summary>
    public ZipBuilder Alias(string name, string target) { _aliases.Add((name, target)); return this; }

    /// <summary>A PyTorch zip checkpoint: archive/data.pkl, archive/data/0 storage bytes and archive/version.</summary>
    public static byte[] TorchCheckpoint(byte[] dataPkl, byte[]? storage = null) =>
        new ZipBuilder().Add("archive/data.pkl", dataPkl).Add("archive/data/0", storage ?? new byte[16]).Add("archive/version", "3\n"u8.ToArray()).ToArray();

    public byte[] ToArray()
    {
        using var ms = new MemoryStream();
        ms.Write(_prefix);
        var central = new MemoryStream();
        var written = new Dictionary<string, (Member Member, uint Crc, int Stored, long Offset)>();
        foreach (var m in _members)
        {
            var stored = m.Deflate ? DeflateBytes(m.Data) : m.Data;
            var crc = m.Crc ?? System.IO.Hashing.Crc32.HashToUInt32(m.Data);
            var offset = ms.Position - _prefix.Length;
            var localName = Encoding.UTF8.GetBytes(m.LocalName ?? m.Name);
            var name = Encoding.UTF8.GetBytes(m.Name);
            Header(ms, 0x04034b50, m, crc, stored.Length, localName, central: false, offset: 0);
            ms.Write(localName);
            ms.Write(stored);
            Header(central, 0x02014b50, m, crc, stored.Length, name, central: true, offset);
            central.Write(name);
            written[m.Name] = (m, crc, stored.Length, offset);
        }
        foreach (var (alias, target) in _aliases)
        {
            var w = written[target];
            var name = Encoding.UTF8.GetBytes(alias);
            Header(central, 0x02014b50, w.Member, w.Crc, w.Stored, name, central: true, w.Offset);
            central.Write(name);
        }
        var cdOffset = ms.Position - _prefix.Length;
        ms.Write(central.ToArray());
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), (ushort)(_members.Count + _aliases.Count));
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), (ushort)(_members.Count + _aliases.Count));
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)central.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), (uint)cdOffset);
        ms.Write(end);
        return ms.ToArray();
    }

    private static void Header(Stream s, uint sig, Member m, uint crc, int compressed, byte[] name, bool central, long offset)
    {
        var h = new byte[central ? 46 : 30];
        BinaryPrimitives.WriteUInt32LittleEndian(h, sig);
        var p = central ? 6 : 4;
        if (central) BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(4), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(p), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(p + 2), (ushort)m.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(p + 4), (ushort)(m.Deflate ? 8 : 0));
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(p + 10), crc);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(p + 14), (uint)compressed);
        BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(p + 18), (uint)m.Data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(p + 22), (ushort)name.Length);
        if (central) BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(42), (uint)offset);
        s.Write(h);
    }

    private static byte[] DeflateBytes(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var d = new DeflateStream(ms, CompressionLevel.Optimal, leaveOpen: true)) d.Write(data);
        return ms.ToArray();
    }
}
