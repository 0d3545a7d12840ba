namespace Obliviate.Scanner.Hub;

/// <summary>A downloaded revision: the folder to scan and the files that were listed but not fetched.</summary>
/// <param name="Commit">The commit the revision resolved to (the cache is keyed by it, so it never goes stale).</param>
/// <param name="FilesRoot">The local folder holding exactly the downloaded repository files.</param>
public sealed record HubSnapshot(HubTarget Target, string Commit, string FilesRoot,
    IReadOnlyList<HubFile> Downloaded, IReadOnlyList<HubSkippedFile> Skipped)
{
    /// <summary>How the report names the target: the requested repository pinned to its commit.</summary>
    public string DisplayTarget => $"{HubTarget.Scheme}{Target.RepoId}@{Commit}";
}
