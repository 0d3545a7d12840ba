using Obliviate.Formats.IO;
using System.CommandLine;
using System.Diagnostics;
using Obliviate.Reports.Model;
using Obliviate.Reports.Rendering;
using Obliviate.Scanner;
using Obliviate.Scanner.Hub;
using Obliviate.Scanner.Suppressions;

namespace Obliviate.Tool.Commands.Scan;

/// <summary>
/// <c>scan &lt;path|hf://owner/name[@rev]&gt;</c>: a supply-chain scan of a model folder, file or Hub repository.
/// Exit 0 clean (or findings below --fail-on), 1 findings at or above --fail-on, 2 inconclusive or error,
/// 3 nothing to check, 4 usage.
/// </summary>
public static class ScanCommand
{
    public static readonly string[] Formats = ["table", "json", "sarif", "markdown"];
    private static readonly string[] SeverityWords = ["low", "medium", "high", "critical"];

    public static Command Create(ToolConsole console)
    {
        var target = new Argument<string>("target")
        {
            Description = "A model folder or file, or a Hugging Face repository as hf://owner/name[@revision].",
        };
        var format = new Option<string>("--format")
        {
            Description = "Report format.", DefaultValueFactory = _ => "table", HelpName = string.Join('|', Formats),
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOn = new Option<string>("--fail-on")
        {
            Description = "Exit 1 when a finding (not suppressed) has at least this severity.",
            DefaultValueFactory = _ => "high", HelpName = string.Join('|', SeverityWords),
        };
        failOn.AcceptOnlyFromAmong(SeverityWords);
        var strict = new Option<bool>("--strict") { Description = "Treat pickle globals outside the allowlist as dangerous, not suspicious." };
        var suppressions = new Option<string?>("--suppressions")
        {
            Description = $"Suppression file (default: ./{SuppressionSet.DefaultFileName} when present).",
        };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Download cache for hf:// targets (default: ~/.cache/obliviate/hub)." };
        var maxFileSize = new Option<long?>("--max-file-size")
        {
            Description = "Files larger than this are neither downloaded nor read, and make the result inconclusive (e.g. 20GB).",
            HelpName = "size",
            CustomParser = r => Parse(r, SizeAndTime.ParseSize, "a size such as 500MB or 20GB"),
        };
        var timeout = new Option<TimeSpan?>("--timeout")
        {
            Description = "Time budget for download and scan (e.g. 90s, 10m, 2h); files not reached are inconclusive.",
            HelpName = "duration",
            CustomParser = r => Parse(r, SizeAndTime.ParseDuration, "a duration such as 90s, 10m or 2h"),
        };
        var command = new Command("scan",
            "Scan a model folder, file or Hugging Face repository for supply-chain risks (pickle code execution, custom code, " +
            "archive tricks, tokenizer and config tampering) without executing anything it reads.")
        {
            target, format, output, failOn, strict, suppressions, cacheDir, maxFileSize, timeout,
        };
        command.SetAction((parse, ct) => Task.FromResult(Execute(new ScanRequest(
            parse.GetValue(target)!, parse.GetValue(format)!, parse.GetValue(output), ParseSeverity(parse.GetValue(failOn)!),
            parse.GetValue(strict), parse.GetValue(suppressions), parse.GetValue(cacheDir), parse.GetValue(maxFileSize),
            parse.GetValue(timeout)), console, Environment.GetEnvironmentVariable, ct)));
        return command;
    }

    /// <summary>Runs one scan and renders it. <paramref name="environment"/> supplies HF_TOKEN, HF_ENDPOINT, XDG_CACHE_HOME.</summary>
    public static int Execute(ScanRequest request, ToolConsole console, Func<string, string?> environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        var clock = Stopwatch.StartNew();
        var suppressionSet = LoadSuppressions(request.Suppressions);
        var limits = new ScanLimits();
        if (request.MaxFileSize is { } maxFile) limits = limits with { MaxFileBytes = maxFile };

        ScanReport report;
        if (HubTarget.IsHubTarget(request.Target))
        {
            var snapshot = Download(request, console, environment, ct);
            var remaining = request.Timeout is { } t ? t - clock.Elapsed : (TimeSpan?)null;
            if (remaining is { } r) limits = limits with { MaxTotalTime = r > TimeSpan.Zero ? r : TimeSpan.FromMilliseconds(1) };
            report = ModelFileScanner.Scan(snapshot.FilesRoot, Options(request, limits, snapshot.DisplayTarget), ct);
            report = HubReport.WithSkippedFiles(report, snapshot);
        }
        else
        {
            if (!File.Exists(request.Target) && !Directory.Exists(request.Target))
            {
                throw new UserError($"{request.Target}: no such file or folder.", ExitCodes.Error);
            }
            if (request.Timeout is { } t) limits = limits with { MaxTotalTime = t };
            report = ModelFileScanner.Scan(request.Target, Options(request, limits, request.Target), ct);
        }
        if (suppressionSet is not null) report = suppressionSet.Apply(report);

        Render(report, request, console);
        return ExitCode(report, request.FailOn);
    }

    /// <summary>
    /// Findings decide first (1), then unread files (2, fail closed), then an empty target (3). A dangerous file counts
    /// as at least high even if its findings are rated lower, so no policy path can let a dangerous file exit 0 at the
    /// default threshold.
    /// </summary>
    internal static int ExitCode(ScanReport report, Severity failOn)
    {
        Severity? worst = null;
        foreach (var file in report.Files)
        {
            var fileWorst = file.Findings.Where(f => f.Suppression is null).Select(f => (Severity?)f.Severity).Max();
            if (file.Verdict == Verdict.Dangerous && (fileWorst is null || fileWorst < Severity.High)) fileWorst = Severity.High;
            if (file.Verdict == Verdict.Suspicious && fileWorst is null) fileWorst = Severity.Low;
            if (fileWorst > worst || worst is null) worst = fileWorst ?? worst;
        }
        if (worst >= failOn) return ExitCodes.Findings;
        if (report.Files.Any(f => f.Verdict == Verdict.Inconclusive)) return ExitCodes.Error;
        if (report.Files.All(f => f.Verdict == Verdict.Skipped)) return ExitCodes.NothingToCheck;
        return ExitCodes.Ok;
    }

    private static ScanOptions Options(ScanRequest request, ScanLimits limits, string displayTarget) => new()
    {
        Strict = request.Strict,
        Limits = limits,
        DisplayTarget = displayTarget,
        ToolVersion = Doctor.DoctorCommand.ToolVersion(),
    };

    private static HubSnapshot Download(ScanRequest request, ToolConsole console, Func<string, string?> environment,
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
            throw new UserError(e.Message, ExitCodes.Usage);
        }
        if (request.MaxFileSize is { } max) options = options with { MaxFileBytes = max };
        if (request.Timeout is { } timeout) options = options with { Timeout = timeout };
        console.Error.WriteLine($"downloading {target} from {options.Endpoint} into {options.CacheDir} ...");
        using var http = HubClient.CreateHttpClient();
        try
        {
            var snapshot = new HubClient(http, options).DownloadAsync(target, ct).GetAwaiter().GetResult();
            console.Error.WriteLine($"downloaded {snapshot.Downloaded.Count} files at commit {snapshot.Commit}" +
                                    (snapshot.Skipped.Count > 0 ? $"; {snapshot.Skipped.Count} not downloaded" : "") + ".");
            return snapshot;
        }
        catch (HubException e)
        {
            throw new UserError(e.Message, ExitCodes.Error);
        }
        catch (HttpRequestException e)
        {
            throw new UserError($"{target}: cannot reach {options.Endpoint} ({e.Message}).", ExitCodes.Error);
        }
        catch (IOException e)
        {
            throw new UserError($"{target}: cannot write the download cache {options.CacheDir} ({e.Message}).", ExitCodes.Error);
        }
    }

    private static SuppressionSet? LoadSuppressions(string? path)
    {
        // Only the user's own file: an explicit path, or the one in the current directory. Never one found inside the
        // scanned target, which would let a repository suppress the findings against itself.
        path ??= File.Exists(SuppressionSet.DefaultFileName) ? SuppressionSet.DefaultFileName : null;
        if (path is null) return null;
        try
        {
            return SuppressionSet.Load(path);
        }
        catch (InvalidDataException e)
        {
            throw new UserError(e.Message, ExitCodes.Usage);
        }
        catch (IOException e)
        {
            throw new UserError($"suppression file {path}: {e.Message}", ExitCodes.Usage);
        }
    }

    private static void Render(ScanReport report, ScanRequest request, ToolConsole console)
    {
        if (request.Output is null)
        {
            RenderTo(report, request.Format, console.Out);
            return;
        }
        try
        {
            // Readers of the output path see the old report or the new one, never half of one.
            AtomicFile.WriteText(request.Output, writer => RenderTo(report, request.Format, writer));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot write {request.Output}: {e.Message}", ExitCodes.Error);
        }
        console.Error.WriteLine($"{report.Verdict.Word()}: {request.Format} report written to {request.Output}");
    }

    private static void RenderTo(ScanReport report, string format, TextWriter writer)
    {
        switch (format)
        {
            case "json": JsonReportRenderer.Write(report, writer); break;
            case "sarif": SarifReportRenderer.Write(report, writer); break;
            case "markdown": MarkdownReportRenderer.Write(report, writer); break;
            default: TableReportRenderer.Write(report, writer); break;
        }
    }

    private static Severity ParseSeverity(string word) => word switch
    {
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "critical" => Severity.Critical,
        _ => Severity.High,
    };

    private static T? Parse<T>(System.CommandLine.Parsing.ArgumentResult result, Func<string, T?> parse, string expected)
        where T : struct
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var value = parse(token);
        if (value is null) result.AddError($"{result.Parent?.ToString() ?? "value"} must be {expected} (got '{token}').");
        return value;
    }
}
