using System.Runtime.InteropServices;

namespace Obliviate.Scanner;

/// <summary>
/// Reads a path's file type without opening it. .NET exposes no file type beyond directory/link, and opening a FIFO
/// blocks in open(2) until a writer appears (no managed API passes O_NONBLOCK), so the type comes from statx(2) on Linux
/// (its struct is the same on every architecture: stx_mode is a u16 at byte 28) and lstat(2)/stat(2) on macOS
/// (st_mode is a u16 at byte 4 of the 64-bit-inode struct stat). Elsewhere, or when the call fails, the type is unknown.
/// </summary>
internal static class FileTypeProbe
{
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;

    /// <param name="followLinks">True to describe what a symlink points to (stat), false for the entry itself (lstat).</param>
    public static FileType Of(string path, bool followLinks)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            if (OperatingSystem.IsLinux())
            {
                var buffer = new byte[256];
                return StatxLinux(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) == 0
                    ? FromMode(BitConverter.ToUInt16(buffer, 28)) : FileType.Unknown;
            }
            if (OperatingSystem.IsMacOS())
            {
                var buffer = new byte[256];
                var rc = RuntimeInformation.ProcessArchitecture == Architecture.X64
                    ? (followLinks ? StatMacX64(path, buffer) : LstatMacX64(path, buffer))
                    : (followLinks ? StatMac(path, buffer) : LstatMac(path, buffer));
                return rc == 0 ? FromMode(BitConverter.ToUInt16(buffer, 4)) : FileType.Unknown;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // An old libc without statx: fall back to treating the entry as a regular file.
        }
        return FileType.Unknown;
    }

    /// <summary>True for entries that must never be opened: reading them can block forever or never end.</summary>
    public static bool IsSpecial(FileType type) => type is FileType.Fifo or FileType.Socket or FileType.CharacterDevice or FileType.BlockDevice;

    public static string Describe(FileType type) => type switch
    {
        FileType.Fifo => "a named pipe (FIFO)",
        FileType.Socket => "a socket",
        FileType.CharacterDevice => "a character device",
        FileType.BlockDevice => "a block device",
        _ => type.ToString().ToLowerInvariant(),
    };

    // S_IFMT bits of st_mode (<sys/stat.h>), the same on Linux and macOS.
    private static FileType FromMode(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileType.Regular,
        0x4000 => FileType.Directory,
        0xA000 => FileType.Symlink,
        0x1000 => FileType.Fifo,
        0xC000 => FileType.Socket,
        0x2000 => FileType.CharacterDevice,
        0x6000 => FileType.BlockDevice,
        _ => FileType.Unknown,
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int StatxLinux(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);

    [DllImport("libSystem.dylib", EntryPoint = "lstat", SetLastError = true)]
    private static extern int LstatMac([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    [DllImport("libSystem.dylib", EntryPoint = "stat", SetLastError = true)]
    private static extern int StatMac([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    // Intel macOS keeps the 32-bit-inode struct under the plain names; the $INODE64 variants fill the layout read above.
    [DllImport("libSystem.dylib", EntryPoint = "lstat$INODE64", SetLastError = true)]
    private static extern int LstatMacX64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);

    [DllImport("libSystem.dylib", EntryPoint = "stat$INODE64", SetLastError = true)]
    private static extern int StatMacX64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [Out] byte[] buffer);
}
