using System.Text;

namespace Obliviate.Tests.Fixtures;

/// <summary>Writes POSIX ustar archives: a 512-byte header per member (octal sizes, checksum), data padded to 512.</summary>
public static class TarBuilder
{
    public static byte[] Build(params (string Name, byte[] Data)[] members)
    {
        using var ms = new MemoryStream();
        foreach (var (name, data) in members)
        {
            var h = new byte[512];
            Encoding.ASCII.GetBytes(name).CopyTo(h, 0);
            Encoding.ASCII.GetBytes("0000644\0").CopyTo(h, 100);
            Encoding.ASCII.GetBytes("0000000\0").CopyTo(h, 108);
            Encoding.ASCII.GetBytes("0000000\0").CopyTo(h, 116);
            Encoding.ASCII.GetBytes(Convert.ToString(data.Length, 8).PadLeft(11, '0') + "\0").CopyTo(h, 124);
            Encoding.ASCII.GetBytes("00000000000\0").CopyTo(h, 136);
            h[156] = (byte)'0';
            Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(h, 257);
            for (var i = 148; i < 156; i++) h[i] = (byte)' ';
            var sum = h.Sum(b => b);
            Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(h, 148);
            ms.Write(h);
            ms.Write(data);
            ms.Write(new byte[(512 - (data.Length % 512)) % 512]);
        }
        ms.Write(new byte[1024]);
        return ms.ToArray();
    }
}
