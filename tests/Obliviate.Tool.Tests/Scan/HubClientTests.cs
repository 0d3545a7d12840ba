using Obliviate.Tests;
using System.Text;
using Obliviate.Scanner.Hub;

namespace Obliviate.Tool.Tests.Scan;

public sealed class HubClientTests
{
    private static readonly Dictionary<string, byte[]> Repo = new(StringComparer.Ordinal)
    {
        ["config.json"] = Encoding.UTF8.GetBytes("{\"model_type\":\"bert\"}"),
        ["model.safetensors"] = ScanFixtures.SafeTensors(),
        ["sub dir/big.bin"] = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray(),
    };

    private static HubOptions Options(LoopbackHub hub, TempFolder cache, string? token = null) =>
        HubOptions.FromEnvironment(name => name switch
        {
            "HF_ENDPOINT" => hub.Endpoint.ToString(),
            "HF_TOKEN" => token,
            _ => null,
        }, cache.Path) with { MaxAttempts = 3 };

    private static async Task<HubSnapshot> DownloadAsync(HubOptions options, string target = "hf://acme/tiny-model")
    {
        using var http = HubClient.CreateHttpClient();
        return await new HubClient(http, options).DownloadAsync(HubTarget.Parse(target), CancellationToken.None);
    }

    [Fact]
    public async Task Downloads_every_listed_file_into_a_commit_keyed_cache_with_the_bearer_token()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        var snapshot = await DownloadAsync(Options(hub, cache, token: "hf_secret"));

        Assert.Equal(LoopbackHub.Commit, snapshot.Commit);
        Assert.Equal(Path.Combine(cache.Path, "acme", "tiny-model", LoopbackHub.Commit, "files"), snapshot.FilesRoot);
        foreach (var (path, content) in Repo) Assert.Equal(content, File.ReadAllBytes(Path.Combine(snapshot.FilesRoot, path)));
        Assert.Empty(snapshot.Skipped);
        Assert.Equal("hf://acme/tiny-model@" + LoopbackHub.Commit, snapshot.DisplayTarget);
        Assert.All(hub.Requests, r => Assert.Equal("Bearer hf_secret", r.Authorization));
        Assert.Contains(hub.Requests, r => r.Path == "/api/models/acme/tiny-model/revision/main");
        // Nothing half-written is left where the scanner looks.
        Assert.Empty(Directory.EnumerateFiles(snapshot.FilesRoot, "*.partial", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task No_token_means_no_authorization_header_and_a_second_run_is_served_from_the_cache()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        await DownloadAsync(Options(hub, cache));
        Assert.All(hub.Requests, r => Assert.Null(r.Authorization));
        var before = hub.Requests.Count;
        await DownloadAsync(Options(hub, cache));
        // Only the listing again: the files are complete and the right size.
        Assert.Equal(before + 1, hub.Requests.Count);
    }

    [Fact]
    public async Task An_interrupted_download_resumes_with_a_range_request()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        hub.InterruptOnce("sub dir/big.bin", 100_000);
        var snapshot = await DownloadAsync(Options(hub, cache));

        Assert.Equal(Repo["sub dir/big.bin"], File.ReadAllBytes(Path.Combine(snapshot.FilesRoot, "sub dir", "big.bin")));
        var fetches = hub.Requests.Where(r => r.Path.EndsWith("/big.bin", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, fetches.Count);
        Assert.Null(fetches[0].Range);
        Assert.Equal("bytes=100000-", fetches[1].Range);
    }

    [Fact]
    public async Task A_transient_server_error_is_retried()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        hub.Unavailable["config.json"] = 1;
        var snapshot = await DownloadAsync(Options(hub, cache));
        Assert.Equal(Repo["config.json"], File.ReadAllBytes(Path.Combine(snapshot.FilesRoot, "config.json")));
        Assert.Equal(2, hub.Requests.Count(r => r.Path.EndsWith("/config.json", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_file_skipped_for_size_but_already_cached_is_not_reported_twice()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        await DownloadAsync(Options(hub, cache));
        var snapshot = await DownloadAsync(Options(hub, cache) with { MaxFileBytes = 200_000 });
        Assert.Single(snapshot.Skipped);
        var scanned = new Obliviate.Reports.Model.ScanReport
        {
            Target = snapshot.DisplayTarget, Verdict = Obliviate.Reports.Model.Verdict.Clean, Rules = [],
            Files = [new Obliviate.Reports.Model.FileResult
            {
                Path = "sub dir/big.bin", Size = 300_000, Sha256 = new string('a', 64), Format = "unknown",
                Verdict = Obliviate.Reports.Model.Verdict.Inconclusive,
            }],
        };
        Assert.Single(HubReport.WithSkippedFiles(scanned, snapshot).Files);
    }

    [Fact]
    public async Task A_partial_file_left_by_an_earlier_run_is_resumed_not_restarted()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        var partial = Path.Combine(cache.Path, "acme", "tiny-model", LoopbackHub.Commit, "partial", "sub dir", "big.bin.partial");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        File.WriteAllBytes(partial, Repo["sub dir/big.bin"][..123_456]);

        var snapshot = await DownloadAsync(Options(hub, cache));

        Assert.Equal(Repo["sub dir/big.bin"], File.ReadAllBytes(Path.Combine(snapshot.FilesRoot, "sub dir", "big.bin")));
        Assert.Equal("bytes=123456-", hub.Requests.Single(r => r.Path.EndsWith("/big.bin", StringComparison.Ordinal)).Range);
        Assert.False(File.Exists(partial));
    }

    [Fact]
    public async Task A_download_that_does_not_match_its_LFS_hash_is_refused_and_discarded()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        hub.WrongHash.Add("model.safetensors");
        var e = await Assert.ThrowsAsync<HubException>(() => DownloadAsync(Options(hub, cache)));
        Assert.Contains("model.safetensors", e.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(cache.Path, "model.safetensors*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Unsafe_names_and_oversized_files_are_not_downloaded_but_reported()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        hub.ExtraSiblings.Add(new { rfilename = "../../escape.pkl", size = 10 });
        hub.ExtraSiblings.Add(new { rfilename = "/etc/passwd", size = 10 });
        hub.ExtraSiblings.Add(new { rfilename = "a\\..\\b.pkl", size = 10 });
        var options = Options(hub, cache) with { MaxFileBytes = 200_000 };

        var snapshot = await DownloadAsync(options);

        Assert.Equal(["../../escape.pkl", "/etc/passwd", "a\\..\\b.pkl", "sub dir/big.bin"],
            snapshot.Skipped.Select(s => s.Path).Order(StringComparer.Ordinal));
        Assert.Contains("file size limit", snapshot.Skipped.Single(s => s.Path == "sub dir/big.bin").Reason, StringComparison.Ordinal);
        Assert.Contains("unsafe file name", snapshot.Skipped.Single(s => s.Path == "/etc/passwd").Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(hub.Requests, r => r.Path.Contains("escape", StringComparison.Ordinal) || r.Path.Contains("big.bin", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(cache.Path, "acme", "escape.pkl")));
    }

    [Fact]
    public async Task A_missing_repository_is_a_clear_error()
    {
        using var hub = new LoopbackHub("acme/tiny-model", Repo);
        using var cache = new TempFolder();
        var e = await Assert.ThrowsAsync<HubException>(() => DownloadAsync(Options(hub, cache), "hf://acme/other@v1"));
        Assert.Contains("hf://acme/other@v1", e.Message, StringComparison.Ordinal);
        Assert.Contains("404", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hf://acme/tiny-model", "acme/tiny-model", "main")]
    [InlineData("hf://acme/tiny-model@v1.0", "acme/tiny-model", "v1.0")]
    [InlineData("hf://a/b@refs/pr/1", "a/b", "refs/pr/1")]
    public void Targets_parse(string text, string repo, string revision)
    {
        var target = HubTarget.Parse(text);
        Assert.Equal(repo, target.RepoId);
        Assert.Equal(revision, target.Revision);
    }

    [Theory]
    [InlineData("hf://acme")]
    [InlineData("hf://acme/../x")]
    [InlineData("hf://acme/x/y")]
    [InlineData("hf://acme/x@")]
    [InlineData("hf://acme/x@../../etc")]
    [InlineData("hf://-acme/x")]
    [InlineData("hf://acme/a--b")]
    public void Bad_targets_are_rejected(string text) => Assert.Throws<ArgumentException>(() => HubTarget.Parse(text));

    [Fact]
    public void HF_ENDPOINT_must_be_an_http_url()
    {
        Assert.Throws<ArgumentException>(() => HubOptions.FromEnvironment(n => n == "HF_ENDPOINT" ? "file:///etc" : null, "/tmp/c"));
        Assert.Equal(new Uri(HubOptions.DefaultEndpoint), HubOptions.FromEnvironment(_ => null, "/tmp/c").Endpoint);
    }
}
