namespace Obliviate.Formats.Archives;

/// <summary>Archive formats read through SharpCompress.</summary>
public enum ArchiveKind
{
    SevenZip,
    Tar,
    Rar,
}
