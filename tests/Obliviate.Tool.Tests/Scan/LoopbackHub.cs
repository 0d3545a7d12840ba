using System.Collections.Concurrent;
using Obliviate.Tests;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Obliviate.Tool.Tests.Scan;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random port) that mimics the two Hub endpoints the scanner uses:
/// <c>GET /api/models/{repo}/revision/{rev}</c> and <c>GET /{repo}/resolve/{commit}/{path}</c> with byte ranges.
/// It can cut a download short once, to exercise resuming, and records every request for assertions.
/// </summary>
internal sealed class LoopbackHub : IDisposable
{
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private readonly LoopbackServer server;
    private readonly ConcurrentDictionary<string, int> interruptions = new(StringComparer.Ordinal);

    public LoopbackHub(string repoId, IReadOnlyDictionary<string, byte[]> files)
    {
        RepoId = repoId;
        Files = files;
        server = new LoopbackServer(Handle);
        Endpoint = server.BaseUri;
    }

    public string RepoId { get; }
    public IReadOnlyDictionary<string, byte[]> Files { get; }
    public Uri Endpoint { get; }
    public ConcurrentQueue<(string Path, string? Range, string? Authorization)> Requests { get; } = new();

    /// <summary>Extra siblings listed by the API without content (hostile names, huge sizes).</summary>
    public List<object> ExtraSiblings { get; } = [];

    /// <summary>Files whose listed LFS hash is wrong, to check that a corrupted download is refused.</summary>
    public HashSet<string> WrongHash { get; } = [];

    /// <summary>Files whose next request is answered with HTTP 503 (a transient Hub error).</summary>
    public ConcurrentDictionary<string, int> Unavailable { get; } = new(StringComparer.Ordinal);

    /// <summary>The next request for <paramref name="path"/> sends only <paramref name="bytes"/> bytes, then drops the connection.</summary>
    public void InterruptOnce(string path, int bytes) => interruptions[path] = bytes;

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = Uri.UnescapeDataString(request.Url!.AbsolutePath);
        Requests.Enqueue((path, request.Headers["Range"], request.Headers["Authorization"]));

        var apiPrefix = $"/api/models/{RepoId}/revision/";
        var resolvePrefix = $"/{RepoId}/resolve/{Commit}/";
        if (path.StartsWith(apiPrefix, StringComparison.Ordinal))
        {
            var siblings = Files.Select(f => (object)new
            {
                rfilename = f.Key,
                size = f.Value.LongLength,
                lfs = new { sha256 = WrongHash.Contains(f.Key) ? new string('0', 64) : Convert.ToHexStringLower(SHA256.HashData(f.Value)), size = f.Value.LongLength },
            }).Concat(ExtraSiblings);
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { id = RepoId, sha = Commit, siblings }));
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body);
            response.Close();
            return;
        }
        if (path.StartsWith(resolvePrefix, StringComparison.Ordinal) && Files.TryGetValue(path[resolvePrefix.Length..], out var content))
        {
            var name = path[resolvePrefix.Length..];
            if (Unavailable.TryRemove(name, out _))
            {
                response.StatusCode = 503;
                response.Close();
                return;
            }
            long from = 0;
            var range = request.Headers["Range"];
            if (range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                from = long.Parse(range[6..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (from >= content.Length)
                {
                    response.StatusCode = 416;
                    response.Close();
                    return;
                }
                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {from}-{content.Length - 1}/{content.Length}");
            }
            var slice = content.AsSpan((int)from);
            response.ContentLength64 = slice.Length;
            if (interruptions.TryRemove(name, out var cut))
            {
                response.OutputStream.Write(slice[..Math.Min(cut, slice.Length)]);
                response.OutputStream.Flush();
                response.Abort();
                return;
            }
            response.OutputStream.Write(slice);
            response.Close();
            return;
        }
        response.StatusCode = 404;
        response.Close();
    }

    public void Dispose() => server.Dispose();
}
