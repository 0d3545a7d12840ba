// MSBuild inline task (RoslynCodeTaskFactory, netstandard2.0). See TorchNativeFix.targets for why this exists.
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;

public sealed class ObliviatePatchMklVendorCheck : Microsoft.Build.Utilities.Task
{
    /// <summary>The function patched: MKL's "is this a GenuineIntel CPU" test.</summary>
    public const string Symbol = "mkl_serv_intel_cpu_true";

    /// <summary>x86-64 <c>mov eax, 1; ret</c>: the function answers "yes" and MKL dispatches on the CPU's feature bits.</summary>
    public static readonly byte[] Patch = { 0xB8, 0x01, 0x00, 0x00, 0x00, 0xC3 };

    private const uint ShtDynsym = 11;
    private const uint PtLoad = 1;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            if (!File.Exists(path)) continue;
            try
            {
                long offset;
                using (var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    var found = FindFunction(read, Symbol);
                    if (found == null)
                    {
                        Log.LogMessage(MessageImportance.Low, $"{path}: no {Symbol}, nothing to do.");
                        continue;
                    }
                    if (IsPatched(read, found.Value))
                    {
                        Log.LogMessage(MessageImportance.Low, $"{path}: {Symbol} already patched.");
                        continue;
                    }
                    offset = found.Value;
                }
                // Patch a copy and move it over the original, keeping its timestamp: never write through a hard link into
                // the NuGet cache, and let MSBuild's skip-unchanged copy see an up-to-date file on the next build.
                var stamp = File.GetLastWriteTimeUtc(path);
                var tmp = path + ".obliviate-tmp";
                File.Copy(path, tmp, true);
                using (var write = new FileStream(tmp, FileMode.Open, FileAccess.Write, FileShare.None))
                {
                    write.Seek(offset, SeekOrigin.Begin);
                    write.Write(Patch, 0, Patch.Length);
                }
                File.SetLastWriteTimeUtc(tmp, stamp);
                File.Delete(path);
                File.Move(tmp, path);
                Log.LogMessage(MessageImportance.High, $"Patched MKL's vendor check ({Symbol}) in {path}.");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogError($"{path}: could not patch {Symbol}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>True when the function already starts with <see cref="Patch"/>.</summary>
    internal static bool IsPatched(Stream elf, long offset)
    {
        var head = Read(elf, offset, Patch.Length);
        for (var i = 0; i < Patch.Length; i++)
        {
            if (head[i] != Patch[i]) return false;
        }
        return true;
    }

    /// <summary>
    /// The file offset of an exported function's code, from the dynamic symbol table and the PT_LOAD segment that maps it;
    /// null when the library does not export it (or exports it as something other than a function of at least the patch's size).
    /// Reads only the headers and the two dynamic tables, never the whole 460 MB library.
    /// </summary>
    internal static long? FindFunction(Stream elf, string symbol)
    {
        var ident = Read(elf, 0, 64);
        if (ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (ident[4] != 2 || ident[5] != 1) throw new InvalidDataException("not a little-endian ELF64 file");
        if (BitConverter.ToUInt16(ident, 0x12) != 0x3E) return null; // not x86-64: the patch bytes would be wrong.
        var phoff = (long)BitConverter.ToUInt64(ident, 0x20);
        var shoff = (long)BitConverter.ToUInt64(ident, 0x28);
        int phentsize = BitConverter.ToUInt16(ident, 0x36), phnum = BitConverter.ToUInt16(ident, 0x38);
        int shentsize = BitConverter.ToUInt16(ident, 0x3A), shnum = BitConverter.ToUInt16(ident, 0x3C);
        if (shentsize < 64 || phentsize < 56 || shnum > 65000 || phnum > 65000) throw new InvalidDataException("bad header table sizes");
        var sections = Read(elf, shoff, shentsize * shnum);
        for (var i = 0; i < shnum; i++)
        {
            var sh = i * shentsize;
            if (BitConverter.ToUInt32(sections, sh + 4) != ShtDynsym) continue;
            var symOffset = (long)BitConverter.ToUInt64(sections, sh + 0x18);
            var symSize = (long)BitConverter.ToUInt64(sections, sh + 0x20);
            var entSizeRaw = BitConverter.ToUInt64(sections, sh + 0x38);
            var link = (int)BitConverter.ToUInt32(sections, sh + 0x28);
            if (entSizeRaw < 24 || entSizeRaw > 4096 || link >= shnum || symSize > int.MaxValue) throw new InvalidDataException("bad dynamic symbol table");
            var entSize = (int)entSizeRaw;
            var strOffset = (long)BitConverter.ToUInt64(sections, link * shentsize + 0x18);
            var strSize = (long)BitConverter.ToUInt64(sections, link * shentsize + 0x20);
            if (strSize > int.MaxValue) throw new InvalidDataException("bad dynamic string table");
            var symbols = Read(elf, symOffset, (int)symSize);
            var strings = Read(elf, strOffset, (int)strSize);
            var wanted = Encoding.ASCII.GetBytes(symbol);
            for (var s = 0; s + entSize <= symbols.Length; s += entSize)
            {
                var name = (int)BitConverter.ToUInt32(symbols, s);
                if (!NameAt(strings, name, wanted)) continue;
                var type = symbols[s + 4] & 0xf;
                var value = BitConverter.ToUInt64(symbols, s + 8);
                var size = BitConverter.ToUInt64(symbols, s + 16);
                if (type != 2 || value == 0 || size < (ulong)Patch.Length) return null; // STT_FUNC, defined, big enough
                var programs = Read(elf, phoff, phentsize * phnum);
                for (var p = 0; p < phnum; p++)
                {
                    var ph = p * phentsize;
                    if (BitConverter.ToUInt32(programs, ph) != PtLoad) continue;
                    var fileOffset = BitConverter.ToUInt64(programs, ph + 0x08);
                    var vaddr = BitConverter.ToUInt64(programs, ph + 0x10);
                    var fileSize = BitConverter.ToUInt64(programs, ph + 0x20);
                    if (value >= vaddr && value + (ulong)Patch.Length <= vaddr + fileSize) return (long)(fileOffset + (value - vaddr));
                }
                throw new InvalidDataException($"{symbol} is not inside a loaded segment");
            }
        }
        return null;
    }

    private static bool NameAt(byte[] strings, int at, byte[] wanted)
    {
        if (at < 0 || at + wanted.Length >= strings.Length) return false;
        for (var i = 0; i < wanted.Length; i++)
        {
            if (strings[at + i] != wanted[i]) return false;
        }
        return strings[at + wanted.Length] == 0;
    }

    private static byte[] Read(Stream s, long offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > s.Length) throw new InvalidDataException($"range {offset}+{count} is outside the file");
        var buffer = new byte[count];
        s.Seek(offset, SeekOrigin.Begin);
        var done = 0;
        while (done < count)
        {
            var n = s.Read(buffer, done, count - done);
            if (n == 0) throw new InvalidDataException("unexpected end of file");
            done += n;
        }
        return buffer;
    }
}
