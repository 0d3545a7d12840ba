using Obliviate.Formats.Archives;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner.Analyzers;

/// <summary>
/// 7z, tar and rar archives: members are decoded in memory one at a time (capped, every byte charged to the inflation
/// budget) and scanned like files; encrypted members are inconclusive.
/// </summary>
internal sealed class ArchiveMembersAnalyzer(ScanContext ctx, ContentScanner content)
{
    public string Scan(Stream stream, ArchiveKind kind, string? innerPath, int depth, FindingSink sink)
    {
        var label = kind switch { ArchiveKind.SevenZip => "7z", ArchiveKind.Tar => "tar", _ => "rar" };
        try
        {
            stream.Position = 0;
            SharpArchiveReader.ForEachMember(stream, kind, ctx.Limits.MaxMemberBytes, ctx.Limits.MaxArchiveMembers, ctx.TakeInflated,
                m => ScanMember(m, innerPath, depth, sink), ctx.Token);
        }
        catch (InvalidDataException ex)
        {
            sink.Inconclusive(ex.Message, innerPath);
        }
        return label;
    }

    private void ScanMember(ArchiveMember m, string? innerPath, int depth, FindingSink sink)
    {
        ctx.Check();
        var member = innerPath is null ? m.Name : $"{innerPath}/{m.Name}";
        if (ArchivePath.Escapes(m.Name))
            sink.Add(RuleIds.ArchivePathTraversal, $"archive member path escapes the extraction folder: {m.Name}", m.Name, null, member);
        if (m.Data is null)
        {
            sink.Inconclusive(m.Error ?? "member not readable", member);
            return;
        }
        using var ms = new MemoryStream(m.Data, writable: false);
        content.Scan(ms, m.Data.Length, m.Name, member, depth + 1, sink);
    }
}
