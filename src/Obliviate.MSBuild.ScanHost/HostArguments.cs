using Obliviate.Reports.Model;

namespace Obliviate.MSBuild.ScanHost;

/// <summary>
/// What the task asks for, one option or value per line of a response file (<c>@file</c>) so paths need no quoting:
/// <c>--root DIR --report FILE [--fail-on WORD] [--strict] [--suppressions FILE] [--max-file-size BYTES]
/// [--timeout SECONDS] --file PATH...</c>. The task writes them; a person rarely does, so errors are terse.
/// </summary>
internal sealed record HostArguments
{
    /// <summary>The project folder: report paths and suppression globs are relative to it.</summary>
    public required string Root { get; init; }

    /// <summary>Where the scan report (the one JSON shape, docs/reports.md) is written.</summary>
    public required string ReportPath { get; init; }

    public required IReadOnlyList<string> Files { get; init; }

    public Severity FailOn { get; init; } = FailOnWords.Parse(FailOnWords.Default);

    /// <summary>The tool's --strict, and an inconclusive file is an error instead of a warning.</summary>
    public bool Strict { get; init; }

    public string? SuppressionsPath { get; init; }

    public long? MaxFileSize { get; init; }

    public TimeSpan? Timeout { get; init; }

    /// <exception cref="ArgumentException">An unknown option, a missing value or a required option left out.</exception>
    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? root = null, report = null, suppressions = null;
        var files = new List<string>();
        var failOn = FailOnWords.Parse(FailOnWords.Default);
        var strict = false;
        long? maxFileSize = null;
        TimeSpan? timeout = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
            switch (args[i])
            {
                case "--root": root = Value(); break;
                case "--report": report = Value(); break;
                case "--file": files.Add(Value()); break;
                case "--fail-on": failOn = FailOnWords.Parse(Value()); break;
                case "--strict": strict = true; break;
                case "--suppressions": suppressions = Value(); break;
                case "--max-file-size": maxFileSize = Positive(Value(), "--max-file-size"); break;
                case "--timeout": timeout = TimeSpan.FromSeconds(Positive(Value(), "--timeout")); break;
                case "": break;
                default: throw new ArgumentException($"unknown option '{args[i]}'.");
            }
        }
        return new HostArguments
        {
            Root = root ?? throw new ArgumentException("--root is required."),
            ReportPath = report ?? throw new ArgumentException("--report is required."),
            Files = files,
            FailOn = failOn,
            Strict = strict,
            SuppressionsPath = string.IsNullOrWhiteSpace(suppressions) ? null : suppressions,
            MaxFileSize = maxFileSize,
            Timeout = timeout,
        };
    }

    /// <summary>The arguments with each <c>@file</c> replaced by that file's lines.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var expanded = new List<string>();
        foreach (var a in args)
        {
            if (a.StartsWith('@')) expanded.AddRange(File.ReadAllLines(a[1..]).Select(l => l.TrimEnd('\r')));
            else expanded.Add(a);
        }
        return expanded;
    }

    private static long Positive(string text, string option) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"{option} must be a positive whole number (got '{text}').");
}
