using Obliviate.Formats.IO;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Obliviate.Scanner.Hub;

/// <summary>
/// Lists a Hub revision (<c>GET /api/models/{repo}/revision/{rev}?blobs=true</c> → siblings) and downloads its files
/// (<c>GET /{repo}/resolve/{commit}/{path}</c>) into a cache, resuming interrupted downloads with Range requests into
/// a <c>.partial</c> file that is renamed into place only when complete and verified. Nothing downloaded is executed
/// or parsed here; the scanner reads the folder afterwards.
/// </summary>
public sealed class HubClient(HttpClient http, HubOptions options)
{
    private const long MaxListingBytes = 64L << 20;
    private const int CopyBufferBytes = 1 << 20;

    /// <summary>An HttpClient suited to the Hub: redirects followed (LFS files live on a CDN), no transparent
    /// decompression (it would break byte ranges and sizes), no overall client timeout (budgets are per snapshot).</summary>
    public static HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 10,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("obliviate", "0.1") } },
    };

    /// <summary>Resolves the revision to a commit and lists its files.</summary>
    public async Task<(string Commit, IReadOnlyList<HubFile> Files)> ListAsync(HubTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var url = new Uri(options.Endpoint,
            $"api/models/{target.RepoId}/revision/{Uri.EscapeDataString(target.Revision)}?blobs=true");
        using var request = NewRequest(HttpMethod.Get, url);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        ThrowOnFailure(response, $"{target}");
        var body = await ReadCappedAsync(response, MaxListingBytes, ct).ConfigureAwait(false);
        try
        {
            return HubListing.Parse(body, options.MaxFiles);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            throw new HubException($"{target}: the Hub's file listing is malformed ({e.Message}).", e);
        }
    }

    /// <summary>Downloads every listed file that passes the caps, within <see cref="HubOptions.Timeout"/>.</summary>
    public async Task<HubSnapshot> DownloadAsync(HubTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(options.Timeout);
        try
        {
            return await DownloadCoreAsync(target, budget.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new HubException($"{target}: download did not finish within {options.Timeout} (use --timeout to allow more).");
        }
    }

    private async Task<HubSnapshot> DownloadCoreAsync(HubTarget target, CancellationToken ct)
    {
        var (commit, files) = await ListAsync(target, ct).ConfigureAwait(false);
        var owner = target.RepoId.Split('/');
        var snapshotDir = Path.Combine(options.CacheDir, HubPaths.FolderName(owner[0]), HubPaths.FolderName(owner[1]),
            HubPaths.FolderName(commit));
        // Complete files and partial ones live in separate trees, so the scanner never sees a half-written file and a
        // repository file that happens to end in ".partial" cannot collide with our own.
        var filesRoot = Path.Combine(snapshotDir, "files");
        var partialRoot = Path.Combine(snapshotDir, "partial");
        Directory.CreateDirectory(filesRoot);

        var downloaded = new List<HubFile>();
        var skipped = new List<HubSkippedFile>();
        long total = 0;
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            if (HubPaths.Problem(file.Path) is { } problem)
            {
                skipped.Add(new HubSkippedFile(file.Path, file.Size, file.LfsSha256, $"not downloaded: unsafe file name ({problem})"));
                continue;
            }
            if (file.Size > options.MaxFileBytes)
            {
                skipped.Add(new HubSkippedFile(file.Path, file.Size, file.LfsSha256,
                    $"not downloaded: {file.Size} bytes exceeds the {options.MaxFileBytes}-byte file size limit"));
                continue;
            }
            if (total + (file.Size ?? 0) > options.MaxTotalBytes)
            {
                skipped.Add(new HubSkippedFile(file.Path, file.Size, file.LfsSha256,
                    $"not downloaded: the snapshot would exceed the {options.MaxTotalBytes}-byte download limit"));
                continue;
            }
            var destination = HubPaths.Under(filesRoot, file.Path);
            if (!File.Exists(destination) || file.Size is { } expected && new FileInfo(destination).Length != expected)
            {
                var partial = HubPaths.Under(partialRoot, file.Path, ".partial");
                var url = new Uri(options.Endpoint, $"{target.RepoId}/resolve/{Uri.EscapeDataString(commit)}/{HubPaths.UrlPath(file.Path)}");
                await FetchAsync(url, file, partial, destination, $"{target}: {file.Path}", ct).ConfigureAwait(false);
            }
            total += new FileInfo(destination).Length;
            downloaded.Add(file);
        }
        return new HubSnapshot(target, commit, filesRoot, downloaded, skipped);
    }

    /// <summary>Fetches one file into <paramref name="partial"/>, resuming after failures, then verifies and renames it.</summary>
    private async Task FetchAsync(Uri url, HubFile file, string partial, string destination, string what, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var cap = file.Size ?? options.MaxFileBytes;
        Exception? last = null;
        var attempts = Math.Max(1, options.MaxAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                if (await TryFetchRangeAsync(url, partial, cap, what, ct).ConfigureAwait(false)) break;
            }
            catch (Exception e) when (e is IOException or HttpRequestException && !ct.IsCancellationRequested)
            {
                // A dropped connection: keep what arrived and resume from there on the next attempt.
                last = e;
                if (attempt == attempts) throw new HubException($"{what}: download failed after {attempt} attempts ({e.Message}).", e);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), ct).ConfigureAwait(false);
            }
        }
        var length = new FileInfo(partial).Length;
        if (file.Size is { } size && length != size)
        {
            File.Delete(partial);
            throw new HubException($"{what}: received {length} bytes, the Hub listed {size}." +
                                   (last is null ? "" : $" Last error: {last.Message}"));
        }
        if (file.LfsSha256 is { } sha)
        {
            var actual = await HashAsync(partial, ct).ConfigureAwait(false);
            if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
            {
                File.Delete(partial);
                throw new HubException($"{what}: SHA-256 {actual} does not match the LFS object {sha}; the partial download was discarded.");
            }
        }
        // Atomic on one file system: the file appears complete or not at all.
        File.Move(partial, destination, overwrite: true);
    }

    /// <summary>One request for the bytes after those already in <paramref name="partial"/>. True when the file is complete.</summary>
    private async Task<bool> TryFetchRangeAsync(Uri url, string partial, long cap, string what, CancellationToken ct)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (have > cap) { File.Delete(partial); have = 0; }
        using var request = NewRequest(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
        {
            // Everything is already here (or the partial is from another object): the caller's size check decides.
            return true;
        }
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Transient on the Hub's side: the caller retries, resuming from what is on disk.
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
        ThrowOnFailure(response, what);
        var append = have > 0 && response.StatusCode == HttpStatusCode.PartialContent;
        if (append && response.Content.Headers.ContentRange?.From != have)
        {
            throw new HubException($"{what}: the server answered the range request from byte {have} with another range.");
        }
        var already = append ? have : 0;
        if (response.Content.Headers.ContentLength is { } announced && already + announced > cap)
        {
            throw new HubException($"{what}: the server announces {already + announced} bytes, more than the {cap} allowed.");
        }
        await using var source = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using var sink = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write,
            FileShare.None, CopyBufferBytes, useAsync: true);
        if (await BoundedCopy.CopyAsync(source, sink, already, cap, null, ct).ConfigureAwait(false) is null)
        {
            sink.Close();
            File.Delete(partial);
            throw new HubException($"{what}: the server sent more than the {cap} bytes allowed; download discarded.");
        }
        return true;
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        // SocketsHttpHandler drops this header when a redirect leaves for another host, so CDN URLs never see it.
        if (options.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static void ThrowOnFailure(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        throw new HubException(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"{what}: access denied (HTTP {status}); the repository may be private or gated: set HF_TOKEN.",
            HttpStatusCode.NotFound => $"{what}: not found (HTTP 404); check the repository name and revision.",
            _ => $"{what}: the Hub answered HTTP {status} {response.ReasonPhrase}.",
        });
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, long cap, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > cap) throw new HubException($"the Hub's listing is larger than {cap} bytes.");
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var memory = new MemoryStream();
        if (await BoundedCopy.CopyAsync(stream, memory, 0, cap, null, ct).ConfigureAwait(false) is null)
            throw new HubException($"the Hub's listing is larger than {cap} bytes.");
        return System.Text.Encoding.UTF8.GetString(memory.GetBuffer(), 0, (int)memory.Length);
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferBytes, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
    }
}
