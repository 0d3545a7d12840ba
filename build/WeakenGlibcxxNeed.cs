// MSBuild inline task (RoslynCodeTaskFactory). See TorchNativeFix.targets for why this exists.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class ObliviateWeakenGlibcxxNeed : Microsoft.Build.Utilities.Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    private static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";
    public bool Always { get; set; }

    public override bool Execute()
    {
        if (!Always && HostHasVersion())
        {
            Log.LogMessage(MessageImportance.Low, $"Host libstdc++ provides {VersionName}; TorchSharp natives left as shipped.");
            return true;
        }
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var result = Weaken(bytes, VersionName);
                if (result == null)
                {
                    Log.LogMessage(MessageImportance.Low, $"{path}: no {VersionName} version need, nothing to do.");
                    continue;
                }
                if (result == false)
                {
                    Log.LogMessage(MessageImportance.Low, $"{path}: {VersionName} already weak.");
                    continue;
                }
                // Write a new file and move it over the old one: never write through a hard link into the NuGet cache.
                var tmp = path + ".obliviate-tmp";
                File.WriteAllBytes(tmp, bytes);
                File.Delete(path);
                File.Move(tmp, path);
                Log.LogMessage(MessageImportance.High, $"Marked {VersionName} weak in {path} (host libstdc++ lacks it).");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogError($"{path}: could not patch the {VersionName} version need: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    private bool HostHasVersion()
    {
        var needle = Encoding.ASCII.GetBytes(VersionName + "\0");
        foreach (var candidate in LibStdCxxCandidates)
        {
            if (File.Exists(candidate) && Contains(File.ReadAllBytes(candidate), needle)) return true;
        }
        return false;
    }

    // RoslynCodeTaskFactory compiles against netstandard2.0: no span search, no File.Move overwrite.
    private static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = Array.IndexOf(haystack, needle[0]); i >= 0 && i <= haystack.Length - needle.Length;
             i = Array.IndexOf(haystack, needle[0], i + 1))
        {
            var match = true;
            for (var j = 1; j < needle.Length && match; j++) match = haystack[i + j] == needle[j];
            if (match) return true;
        }
        return false;
    }

    /// <summary>Sets VER_FLG_WEAK on the vernaux entry named <paramref name="version"/>.</summary>
    /// <returns>true if changed, false if already weak, null if the library has no such entry.</returns>
    internal static bool? Weaken(byte[] elf, string version)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("not a little-endian ELF64 file");
        var shoff = checked((int)U64(elf, 0x28));
        int shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
        if (shentsize < 64 || shoff <= 0 || (long)shoff + (long)shentsize * shnum > elf.Length)
            throw new InvalidDataException("section header table out of bounds");
        for (var i = 0; i < shnum; i++)
        {
            var sh = shoff + i * shentsize;
            if (U32(elf, sh + 4) != ShtGnuVerneed) continue;
            var offset = checked((int)U64(elf, sh + 0x18));
            var link = (int)U32(elf, sh + 0x28);
            var count = (int)U32(elf, sh + 0x2C);
            if (link >= shnum) throw new InvalidDataException("verneed string table index out of range");
            var strtab = checked((int)U64(elf, shoff + link * shentsize + 0x18));
            var vn = offset;
            for (var n = 0; n < count; n++)
            {
                int cnt = U16(elf, vn + 2);
                var aux = vn + (int)U32(elf, vn + 8);
                for (var a = 0; a < cnt; a++)
                {
                    var name = CString(elf, strtab + (int)U32(elf, aux + 8));
                    if (name == version)
                    {
                        var flags = U16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0) return false;
                        flags |= VerFlgWeak;
                        elf[aux + 4] = (byte)(flags & 0xff);
                        elf[aux + 5] = (byte)(flags >> 8);
                        return true;
                    }
                    aux += (int)U32(elf, aux + 12);
                }
                vn += (int)U32(elf, vn + 12);
            }
        }
        return null;
    }

    private static void Check(byte[] b, int at, int size)
    {
        if (at < 0 || at + size > b.Length) throw new InvalidDataException($"offset {at} out of bounds");
    }
    private static ushort U16(byte[] b, int at) { Check(b, at, 2); return BitConverter.ToUInt16(b, at); }
    private static uint U32(byte[] b, int at) { Check(b, at, 4); return BitConverter.ToUInt32(b, at); }
    private static ulong U64(byte[] b, int at) { Check(b, at, 8); return BitConverter.ToUInt64(b, at); }
    private static string CString(byte[] b, int at)
    {
        Check(b, at, 1);
        var end = Array.IndexOf(b, (byte)0, at);
        if (end < 0) throw new InvalidDataException("unterminated string");
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
