using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Obliviate.MSBuild.Protocol;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// Scans the shipped model files out of process: <c>dotnet exec Obliviate.MSBuild.ScanHost.dll @args</c> runs the scanner the
/// tool uses, prints one <c>file: error OBL0xx: message</c> line per diagnostic, and this task logs each as an MSBuild
/// error, warning or message with the rule id as its code, after the project's NoWarn and ObliviateTreatWarningsAsErrors
/// (<see cref="DiagnosticPolicy"/>). The build process itself never reads a model's bytes (docs/msbuild.md, "Design").
/// Fails closed: a host that cannot start, crashes or times out is an OBL901 error.
/// </summary>
public sealed class ObliviateScan : ToolTask
{
    private DiagnosticPolicy? _policy;

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

    public string DotNetHostPath { get; set; } = "";

    /// <summary>dangerous (default), suspicious, low, medium, high or critical.</summary>
    public string FailOn { get; set; } = "dangerous";

    public bool Strict { get; set; }

    public bool TreatWarningsAsErrors { get; set; }

    public string NoWarn { get; set; } = "";

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
        _policy = new DiagnosticPolicy(Log, TreatWarningsAsErrors, NoWarn);
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
        return base.Execute() && !Log.HasLoggedErrors;
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
        if (DiagnosticLine.TryParse(singleLine) is { } line) _policy!.Log(line, BuildEngine.ProjectFileOfTaskNode);
        else if (singleLine.StartsWith("obliviate: ", StringComparison.Ordinal)) Log.LogMessage(MessageImportance.High, singleLine);
        else Log.LogMessage(messageImportance, singleLine);
    }

    protected override bool HandleTaskExecutionErrors()
    {
        if (!Log.HasLoggedErrors) Fail($"the scan host exited with code {ExitCode} without a verdict, so the models are not known to be safe.");
        return false;
    }

    private void Fail(string message) =>
        (_policy ?? new DiagnosticPolicy(Log, false, "")).Log(
            new DiagnosticLine(DiagnosticLevel.Error, DiagnosticCodes.ScanFailed, null, message), BuildEngine.ProjectFileOfTaskNode);
}
