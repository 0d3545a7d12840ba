using Obliviate.Tests;
using System.Text;

namespace Obliviate.Tool.Tests.Scan;

/// <summary>Small model files written by code (no binary blobs in the repository) and temporary folders.</summary>
internal static class ScanFixtures
{
    /// <summary>A protocol-2 pickle that calls os.system("echo pwned") when loaded: GLOBAL, BINUNICODE, TUPLE1, REDUCE, STOP.</summary>
    public static byte[] MaliciousPickle()
    {
        var bytes = new List<byte> { 0x80, 0x02, (byte)'c' };
        bytes.AddRange(Encoding.ASCII.GetBytes("os\nsystem\n"));
        var arg = Encoding.UTF8.GetBytes("echo pwned");
        bytes.Add((byte)'X');
        bytes.AddRange(BitConverter.GetBytes(arg.Length));
        bytes.AddRange(arg);
        bytes.AddRange([0x85, (byte)'R', (byte)'.']);
        return [.. bytes];
    }

    /// <summary>A valid safetensors file with one F32 tensor of two elements.</summary>
    public static byte[] SafeTensors()
    {
        var header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        while ((header.Length + 8) % 8 != 0) header += " ";
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + 8];
        BitConverter.GetBytes((long)json.Length).CopyTo(bytes, 0);
        json.CopyTo(bytes, 8);
        BitConverter.GetBytes(1.0f).CopyTo(bytes, 8 + json.Length);
        BitConverter.GetBytes(2.0f).CopyTo(bytes, 8 + json.Length + 4);
        return bytes;
    }

    public static TempFolder Folder(params (string Path, byte[] Content)[] files)
    {
        var folder = new TempFolder();
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(folder.Path, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, content);
        }
        return folder;
    }
}
