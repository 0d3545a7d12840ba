using System.Globalization;
using System.Reflection;
using System.Text;
using Obliviate.MSBuild.Protocol;
using Obliviate.Reports.Json;
using Obliviate.Reports.Model;
using Obliviate.Scanner;

namespace Obliviate.MSBuild.ScanHost;

/// <summary>
/// One run of the scan host: the scan the tool runs (<see cref="ScanRun"/>) over the files a project ships, the report
/// written where the task asked, and one line per diagnostic plus a summary on <paramref name="output"/>. Exit 0 without
/// errors, 1 with errors, 2 when the scan could not run (then the one error says why: the build fails closed).
/// </summary>
internal static class HostRun
{
    public static int Execute(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var a = HostArguments.Parse(HostArguments.Expand(args));
            var result = ScanRun.Run(new ScanRequest
            {
                Target = a.Root,
                Files = a.Files,
                FailOn = a.FailOn,
                Strict = a.Strict,
                SuppressionsPath = a.SuppressionsPath,
                MaxFileSize = a.MaxFileSize,
                Timeout = a.Timeout,
                ToolVersion = Version(),
            }, null, CancellationToken.None);
            WriteReport(result.Report, a.ReportPath);
            var lines = BuildDiagnostics.From(result.Report, a.Root, a.FailOn, a.Strict).ToList();
            if (result.Outcome == Outcome.Failed && !lines.Any(l => l.Level == DiagnosticLevel.Error))
            {
                // Belt and braces: whatever the tool would exit 1 for must fail the build too.
                lines.Add(new DiagnosticLine(DiagnosticLevel.Error, DiagnosticCodes.ScanFailed, null,
                    $"the scan reached ObliviateFailOn; see {a.ReportPath}"));
            }
            foreach (var line in lines) output.WriteLine(line.Format());
            output.WriteLine(Summary(result.Report, a.ReportPath));
            return lines.Any(l => l.Level == DiagnosticLevel.Error) ? 1 : 0;
        }
        catch (Exception e) when (e is ArgumentException or RequestException or FileNotFoundException or InvalidDataException)
        {
            return Failed(output, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(output, $"I/O error: {e.Message}");
        }
#pragma warning disable CA1031 // The host's last word: any defect fails the build with its message rather than as a crash dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Failed(output, $"unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private static int Failed(TextWriter output, string message)
    {
        output.WriteLine(new DiagnosticLine(DiagnosticLevel.Error, DiagnosticCodes.ScanFailed, null,
            $"the models were not scanned, so they are not known to be safe: {message}").Format());
        return 2;
    }

    /// <summary>"obliviate: 6 shipped files scanned in 0.31 s: clean (4 clean, 2 skipped); report obj/…/scan.json".</summary>
    private static string Summary(ScanReport report, string reportPath)
    {
        var counts = report.Files.GroupBy(f => f.Verdict).OrderByDescending(g => g.Key.Rank()).Select(g => $"{g.Count()} {g.Key.Word()}");
        var seconds = report.Run?.Seconds ?? 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"obliviate: {report.Files.Count} shipped files scanned in {seconds:0.00} s: {report.Verdict.Word()} ({string.Join(", ", counts)}); report {reportPath}");
    }

    /// <summary>Written to a temporary name and renamed, so a reader never sees half a report.</summary>
    private static void WriteReport(ScanReport report, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, ReportJson.Serialize(report) + "\n", new UTF8Encoding(false));
        File.Move(temporary, full, overwrite: true);
    }

    private static string Version() =>
        typeof(HostRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
