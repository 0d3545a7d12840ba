namespace Obliviate.Scanner.Hub;

/// <summary>How to reach the Hub and what to accept from it.</summary>
public sealed record HubOptions
{
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>The Hub's base URL (HF_ENDPOINT overrides it, as in huggingface_hub).</summary>
    public Uri Endpoint { get; init; } = new(DefaultEndpoint);

    /// <summary>Sent as a bearer token when set (HF_TOKEN). Never printed.</summary>
    public string? Token { get; init; }

    /// <summary>Root of the download cache: &lt;cache&gt;/&lt;owner&gt;/&lt;name&gt;/&lt;commit&gt;/files/….</summary>
    public required string CacheDir { get; init; }

    /// <summary>Files larger than this are not downloaded; the report lists them as inconclusive.</summary>
    public long MaxFileBytes { get; init; } = 64L << 30;

    /// <summary>Stop downloading once this many bytes have been fetched for one snapshot.</summary>
    public long MaxTotalBytes { get; init; } = 256L << 30;

    public int MaxFiles { get; init; } = 10_000;

    /// <summary>Budget for listing and downloading the whole snapshot.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Attempts per file; each retry resumes from the bytes already on disk.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>
    /// Reads HF_ENDPOINT and HF_TOKEN (or the older HUGGING_FACE_HUB_TOKEN) through <paramref name="environment"/>,
    /// so tests can pass their own variables. An endpoint that is not an absolute http(s) URL is an error.
    /// </summary>
    public static HubOptions FromEnvironment(Func<string, string?> environment, string cacheDir)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var endpointText = environment("HF_ENDPOINT");
        var endpoint = new Uri(DefaultEndpoint);
        if (!string.IsNullOrWhiteSpace(endpointText))
        {
            // A trailing '/' so that relative API paths resolve below a mirror's path prefix instead of replacing it.
            if (!Uri.TryCreate(endpointText.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var parsed) ||
                parsed.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"HF_ENDPOINT '{endpointText}' is not an absolute http(s) URL.");
            }
            endpoint = parsed;
        }
        var token = environment("HF_TOKEN");
        if (string.IsNullOrWhiteSpace(token)) token = environment("HUGGING_FACE_HUB_TOKEN");
        return new HubOptions
        {
            Endpoint = endpoint,
            Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim(),
            CacheDir = cacheDir,
        };
    }

    /// <summary>The user's cache folder for Hub downloads: $XDG_CACHE_HOME/obliviate/hub or ~/.cache/obliviate/hub.</summary>
    public static string DefaultCacheDir(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var xdg = environment("XDG_CACHE_HOME");
        var baseDir = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "obliviate", "hub");
    }
}
