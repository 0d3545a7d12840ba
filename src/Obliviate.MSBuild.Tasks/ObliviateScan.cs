using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Obliviate.MSBuild.Protocol;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// Scans the shipped model files out of process: <c>dotnet exec Obliviate.MSBuild.ScanHost.dll @args</c> runs the scanner the
/// tool uses and prints one <c>file: error OBL0xx: message</c> line per diagnostic, which this task keeps in
/// <see cref="DiagnosticsFile"/> for <see cref="ObliviateReportDiagnostics"/> to log, in this build and in every later build
/// that skips the scan because nothing changed (docs/msbuild.md, "Incremental builds"). The build process itself never
/// parses a model (docs/msbuild.md, "Design"). Fails closed: a host that cannot start, crashes or times out is an OBL901
/// error and leaves no result, so the next build scans again.
/// </summary>
public sealed class ObliviateScan : ToolTask
{
    private readonly List<string> _lines = [];
    private bool _finished;

    public ObliviateScan()
    {
        // Other projects of a solution build on while the scan runs.
        YieldDuringToolExecution = true;
    }

    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>The project folder: report paths and suppression-file globs are relative to it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    [Required]
    public string ScanHostPath { get; set; } = "";

    /// <summary>Where the scan report (JSON, docs/reports.md) is written.</summary>
    [Required]
    public string ReportFile { get; set; } = "";

    /// <summary>Where the host's diagnostic lines are kept, written only when the scan finished.</summary>
    [Required]
    public string DiagnosticsFile { get; set; } = "";

    public string DotNetHostPath { get; set; } = "";

    /// <summary>dangerous (default), suspicious, low, medium, high or critical.</summary>
    public string FailOn { get; set; } = "dangerous";

    public bool Strict { get; set; }

    public string Suppressions { get; set; } = "";

    /// <summary>Bytes; larger files are not read and are inconclusive.</summary>
    public string MaxFileSize { get; set; } = "";

    /// <summary>Seconds for the whole scan; files not reached are inconclusive.</summary>
    public string ScanTimeout { get; set; } = "";

    protected override string ToolName => ExecutableSearch.FileName("dotnet");

    protected override Encoding StandardOutputEncoding => Encoding.UTF8;

    protected override Encoding ResponseFileEncoding => new UTF8Encoding(false);

    public override bool Execute()
    {
        if (!File.Exists(ScanHostPath))
        {
            Fail($"the scan host {ScanHostPath} is missing; restore the Obliviate.MSBuild package again.");
            return false;
        }
        if (int.TryParse(ScanTimeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            // The host ends its own scan at the budget (unread files are inconclusive); this only stops a host that hangs.
            Timeout = (int)Math.Min(int.MaxValue, (seconds + 60L) * 1000);
        }
        base.Execute();
        if (ExitCode is 0 or 1 && _finished && !Log.HasLoggedErrors)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DiagnosticsFile)!);
            File.WriteAllLines(DiagnosticsFile, _lines);
            return true;
        }
        // No verdict: show what the host said (its OBL901 names the cause), and fail whatever it was.
        var policy = new DiagnosticPolicy(Log, false, "");
        foreach (var line in _lines) policy.Log(DiagnosticLine.TryParse(line)!, BuildEngine.ProjectFileOfTaskNode);
        if (!Log.HasLoggedErrors) Fail($"the scan host exited with code {ExitCode} without a verdict, so the models are not known to be safe.");
        return false;
    }

    protected override bool ValidateParameters()
    {
        if (ExecutableSearch.DotNetHost(DotNetHostPath, Environment.GetEnvironmentVariable) is not null) return true;
        Fail("the dotnet host was not found (DOTNET_HOST_PATH, DOTNET_ROOT, PATH); the scan host needs the .NET 10 runtime or newer.");
        return false;
    }

    protected override string GenerateFullPathToTool() =>
        ExecutableSearch.DotNetHost(DotNetHostPath, Environment.GetEnvironmentVariable) ?? ToolName;

    protected override string GetWorkingDirectory() => ProjectDirectory;

    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        builder.AppendSwitch("exec");
        builder.AppendFileNameIfNotNull(ScanHostPath);
        return builder.ToString();
    }

    /// <summary>One option or value per line (the host's <c>@file</c> form), so no path needs quoting.</summary>
    protected override string GenerateResponseFileCommands() => string.Join("\n", HostArguments()) + "\n";

    internal IEnumerable<string> HostArguments()
    {
        yield return "--root";
        yield return ProjectDirectory;
        yield return "--report";
        yield return ReportFile;
        yield return "--fail-on";
        yield return FailOn.Length == 0 ? "dangerous" : FailOn;
        if (Strict) yield return "--strict";
        if (Suppressions.Length > 0)
        {
            yield return "--suppressions";
            yield return Suppressions;
        }
        if (MaxFileSize.Length > 0)
        {
            yield return "--max-file-size";
            yield return MaxFileSize;
        }
        if (ScanTimeout.Length > 0)
        {
            yield return "--timeout";
            yield return ScanTimeout;
        }
        foreach (var model in Models.Select(m => m.GetMetadata("FullPath")).Distinct(StringComparer.Ordinal))
        {
            yield return "--file";
            yield return model;
        }
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (DiagnosticLine.TryParse(singleLine) is not null)
        {
            _lines.Add(singleLine);
        }
        else if (singleLine.StartsWith("obliviate: ", StringComparison.Ordinal))
        {
            // The host's last line: the scan finished.
            _finished = true;
            Log.LogMessage(MessageImportance.High, singleLine);
        }
        else
        {
            Log.LogMessage(messageImportance, singleLine);
        }
    }

    /// <summary>Exit 1 (findings) is a finished scan; every code is judged after the run, so no generic error here.</summary>
    protected override bool HandleTaskExecutionErrors() => true;

    private void Fail(string message) =>
        Log.LogError(null, DiagnosticCodes.ScanFailed, null, BuildEngine.ProjectFileOfTaskNode, 0, 0, 0, 0, message);
}
