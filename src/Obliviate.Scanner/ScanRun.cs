using System.Diagnostics;
using Obliviate.Reports.Model;
using Obliviate.Scanner.Hub;
using Obliviate.Scanner.Suppressions;

namespace Obliviate.Scanner;

/// <summary>
/// One scan, start to end, as every front end runs it (the <c>scan</c> and <c>check</c> commands, the MSBuild task): resolve
/// the target (a path, a known model name, or a Hub repository it downloads first), apply the user's suppression file, run
/// the scanner within the limits and the time budget, and grade the report against <c>--fail-on</c>.
/// </summary>
public static class ScanRun
{
    /// <exception cref="RequestException">A malformed hf:// target or suppression file.</exception>
    /// <exception cref="FileNotFoundException">The target does not exist.</exception>
    /// <exception cref="HubException">The Hub refused or could not serve the repository.</exception>
    /// <exception cref="IOException">The download cache cannot be written.</exception>
    public static ScanResult Run(ScanRequest request, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var environment = request.Environment ?? System.Environment.GetEnvironmentVariable;
        var suppressions = LoadSuppressions(request.SuppressionsPath);
        var limits = new ScanLimits();
        if (request.MaxFileSize is { } maxFile) limits = limits with { MaxFileBytes = maxFile };

        ScanReport report;
        if (HubTarget.IsHubTarget(request.Target))
        {
            if (request.Files is not null) throw new RequestException("a file list applies to a local folder, not to an hf:// target.");
            var snapshot = Download(request, environment, progress, cancellationToken);
            if (request.Timeout is { } t)
            {
                var remaining = t - clock.Elapsed;
                limits = limits with { MaxTotalTime = remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1) };
            }
            report = ModelFileScanner.Scan(snapshot.FilesRoot, Options(request, limits, snapshot.DisplayTarget), cancellationToken);
            report = HubReport.WithSkippedFiles(report, snapshot);
        }
        else
        {
            var path = LocalPath(request);
            if (request.Timeout is { } t) limits = limits with { MaxTotalTime = t };
            report = ModelFileScanner.Scan(path, Options(request, limits, request.Target), cancellationToken);
        }
        if (suppressions is not null) report = suppressions.Apply(report);
        return new ScanResult(report, Verdicts.Outcome(report, request.FailOn));
    }

    private static string LocalPath(ScanRequest request)
    {
        if (File.Exists(request.Target) || Directory.Exists(request.Target)) return request.Target;
        if (request.ResolveName?.Invoke(request.Target) is { } resolved) return resolved;
        throw new FileNotFoundException($"{request.Target}: no such file or folder (nor a known model name or hf://owner/name target).");
    }

    private static ScanOptions Options(ScanRequest request, ScanLimits limits, string displayTarget) => new()
    {
        Strict = request.Strict,
        Limits = limits,
        Files = request.Files,
        DisplayTarget = displayTarget,
        ToolVersion = request.ToolVersion ?? new ScanOptions().ToolVersion,
    };

    private static HubSnapshot Download(ScanRequest request, Func<string, string?> environment, IProgress<string>? progress,
        CancellationToken ct)
    {
        HubTarget target;
        HubOptions options;
        try
        {
            target = HubTarget.Parse(request.Target);
            options = HubOptions.FromEnvironment(environment, request.CacheDir ?? HubOptions.DefaultCacheDir(environment));
        }
        catch (ArgumentException e)
        {
            throw new RequestException(e.Message, e);
        }
        if (request.MaxFileSize is { } max) options = options with { MaxFileBytes = max };
        if (request.Timeout is { } timeout) options = options with { Timeout = timeout };
        progress?.Report($"downloading {target} from {options.Endpoint} into {options.CacheDir} ...");
        using var http = HubClient.CreateHttpClient();
        try
        {
            var snapshot = new HubClient(http, options).DownloadAsync(target, ct).GetAwaiter().GetResult();
            progress?.Report($"downloaded {snapshot.Downloaded.Count} files at commit {snapshot.Commit}" +
                             (snapshot.Skipped.Count > 0 ? $"; {snapshot.Skipped.Count} not downloaded" : "") + ".");
            return snapshot;
        }
        catch (HttpRequestException e)
        {
            throw new HubException($"{target}: cannot reach {options.Endpoint} ({e.Message}).", e);
        }
        catch (IOException e)
        {
            throw new IOException($"{target}: cannot write the download cache {options.CacheDir} ({e.Message}).", e);
        }
    }

    /// <summary>Only the user's own file: an explicit path, or the one in the current folder.</summary>
    private static SuppressionSet? LoadSuppressions(string? path)
    {
        path ??= File.Exists(SuppressionSet.DefaultFileName) ? SuppressionSet.DefaultFileName : null;
        if (path is null) return null;
        try
        {
            return SuppressionSet.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new RequestException(e.Message, e);
        }
        catch (IOException e)
        {
            throw new RequestException($"suppression file {path}: {e.Message}", e);
        }
    }
}
