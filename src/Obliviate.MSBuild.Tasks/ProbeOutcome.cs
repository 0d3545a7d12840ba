using System.Text.RegularExpressions;
using Obliviate.MSBuild.Protocol;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// What one probe run means to the build, from the tool's exit code (0 ok, 1 at or above its fail-on, 2 inconclusive or
/// error, 3 nothing to check, 4 usage; docs/reports.md) and its JSON report: a backdoored verdict is an OBL910 error, a
/// suspicious one an OBL910 warning; a run that could not judge is an OBL911 warning (an error when strict). Exit 1 counts
/// as backdoored only when standard output is a probe report saying so, because `dotnet` itself also exits 1 when it
/// cannot run a tool.
/// </summary>
internal static class ProbeOutcome
{
    private static readonly Regex Kind = new("\"kind\"\\s*:\\s*\"probe\"", RegexOptions.CultureInvariant);
    private static readonly Regex Verdict = new("\"verdict\"\\s*:\\s*\"(?<v>[a-z]+)\"", RegexOptions.CultureInvariant);
    private static readonly Regex TopCandidate = new("\"candidates\"\\s*:\\s*\\[\\s*\\{\\s*\"text\"\\s*:\\s*\"(?<t>(?:[^\"\\\\]|\\\\.){1,200})\"", RegexOptions.CultureInvariant);

    public static DiagnosticLine Judge(int exitCode, string report, string errors, string modelFile, string reportFile, bool strict)
    {
        var verdict = Kind.IsMatch(report) && Verdict.Match(report) is { Success: true } m ? m.Groups["v"].Value : null;
        var top = TopCandidate.Match(report) is { Success: true } c ? $"; top candidate trigger \"{c.Groups["t"].Value}\"" : "";
        if (verdict == "backdoored" && exitCode is 0 or 1)
            return new DiagnosticLine(DiagnosticLevel.Error, DiagnosticCodes.ProbeVerdict, modelFile,
                $"the trigger probe judged this encoder backdoored{top}; do not ship it (report {reportFile})");
        if (exitCode == 0 && verdict == "suspicious")
            return new DiagnosticLine(DiagnosticLevel.Warning, DiagnosticCodes.ProbeVerdict, modelFile,
                $"the trigger probe judged this encoder suspicious{top} (report {reportFile})");
        if (exitCode == 0)
            return new DiagnosticLine(DiagnosticLevel.Note, DiagnosticCodes.ProbeVerdict, modelFile, $"the trigger probe found no backdoor: {verdict ?? "passed"} (report {reportFile})");
        if (exitCode == 3)
            return new DiagnosticLine(DiagnosticLevel.Note, DiagnosticCodes.ProbeFailed, modelFile, "the trigger probe found nothing to probe here (not an encoder model)");
        var why = exitCode switch
        {
            4 => "the tool refused the command line; it may be older than the probe command",
            -1 => "it did not finish",
            _ => $"exit code {exitCode}",
        };
        var detail = errors.Trim().Length > 0 ? ": " + errors.Trim() : "";
        return new DiagnosticLine(strict ? DiagnosticLevel.Error : DiagnosticLevel.Warning, DiagnosticCodes.ProbeFailed, modelFile,
            $"the trigger probe could not judge this model ({why}){detail}");
    }
}
