namespace Obliviate.Scanner;

/// <summary>What kind of directory entry a path is, read with lstat/statx before anything opens it.</summary>
internal enum FileType
{
    /// <summary>The platform could not say (no statx/lstat, or the call failed): treated as a regular file.</summary>
    Unknown,
    Regular,
    Directory,
    Symlink,
    /// <summary>A named pipe: open() blocks until a writer appears, read() until it writes.</summary>
    Fifo,
    Socket,
    /// <summary>/dev/zero, /dev/urandom, a tty: endless or blocking reads.</summary>
    CharacterDevice,
    BlockDevice,
}
