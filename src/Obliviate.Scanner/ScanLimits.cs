namespace Obliviate.Scanner;

/// <summary>Every cap the scanner applies. Hitting one makes the affected file inconclusive with a note, never clean.</summary>
public sealed record ScanLimits
{
    /// <summary>Files larger than this are not read (inventory only).</summary>
    public long MaxFileBytes { get; init; } = 64L << 30;
    /// <summary>Largest archive member or nested payload inflated into memory for scanning.</summary>
    public long MaxMemberBytes { get; init; } = 512L << 20;
    /// <summary>Opcodes walked per file or member before the pickle is declared too large to judge.</summary>
    public long MaxPickleOpcodes { get; init; } = 50_000_000;
    public int MaxArchiveMembers { get; init; } = 10_000;
    /// <summary>Archives inside archives and pickles inside pickles.</summary>
    public int MaxNestingDepth { get; init; } = 4;
    public int MaxFiles { get; init; } = 100_000;
    /// <summary>Wall-clock budget for the whole scan; files not reached are inconclusive.</summary>
    public TimeSpan MaxTotalTime { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// Wall-clock budget for analysing one file (its members, nested payloads and inflation included); a file that runs
    /// over it is inconclusive and the scan moves on, so no single hostile file can hold the scan until the total budget.
    /// </summary>
    public TimeSpan MaxFileTime { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>Total uncompressed bytes inflated from archives in one scan (zip-bomb guard).</summary>
    public long MaxTotalInflatedBytes { get; init; } = 4L << 30;
    /// <summary>Text files (configs, tokenizers, code) larger than this are not parsed.</summary>
    public long MaxTextBytes { get; init; } = 256L << 20;
}
