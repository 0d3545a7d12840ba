using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Obliviate.MSBuild.Protocol;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// Runs the trigger probe on one shipped encoder folder through the installed tool (<c>dotnet obliviate probe &lt;dir&gt;
/// --format json</c>), keeps its JSON report under obj/, and reports the verdict (<see cref="ProbeOutcome"/>). Only the
/// targets' <c>ObliviateProbe=true</c> runs it; without an installed tool it is one OBL912 warning and nothing else.
/// </summary>
public sealed class ObliviateProbe : ToolTask
{
    private const int ErrorLinesKept = 5;
    private readonly StringBuilder _report = new();
    private readonly Queue<string> _errors = new();
    private DiagnosticPolicy? _policy;
    private ToolCommand? _command;

    public ObliviateProbe()
    {
        YieldDuringToolExecution = true;
        // The report arrives on standard output and progress on standard error. ToolTask hands both to
        // LogEventsFromTextOutput with only the importance to tell them apart, so they get different importances.
        StandardOutputImportance = nameof(MessageImportance.Low);
        StandardErrorImportance = nameof(MessageImportance.Normal);
    }

    /// <summary>A model folder (config.json, weights, tokenizer).</summary>
    [Required]
    public string ModelDirectory { get; set; } = "";

    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>Where the probe's JSON report is kept, as probe-&lt;folder&gt;-&lt;hash of its path&gt;.json.</summary>
    [Required]
    public string ReportDirectory { get; set; } = "";

    /// <summary>A dotnet-obliviate executable to use instead of the installed one.</summary>
    public string ToolExecutable { get; set; } = "";

    public string DotNetHostPath { get; set; } = "";

    public bool Strict { get; set; }

    public bool TreatWarningsAsErrors { get; set; }

    public string NoWarn { get; set; } = "";

    /// <summary>Seconds before a probe that has not finished is stopped (then it could not judge).</summary>
    public string ProbeTimeout { get; set; } = "";

    /// <summary>The model folder when the probe did not judge it (no tool, a failed run), so the next build tries again.</summary>
    [Output]
    public ITaskItem[] Unjudged { get; set; } = [];

    protected override string ToolName => ExecutableSearch.FileName(ObliviateToolLocator.CommandName);

    protected override Encoding StandardOutputEncoding => Encoding.UTF8;

    private string ReportFile
    {
        get
        {
            var folder = ModelDirectory.TrimEnd('/', '\\');
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(folder));
            var tag = string.Concat(hash.Take(4).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
            return Path.Combine(ReportDirectory, $"probe-{Path.GetFileName(folder)}-{tag}.json");
        }
    }

    private string ModelFile
    {
        get
        {
            var config = Path.Combine(ModelDirectory, "config.json");
            return File.Exists(config) ? config : ModelDirectory;
        }
    }

    public override bool Execute()
    {
        _policy = new DiagnosticPolicy(Log, TreatWarningsAsErrors, NoWarn);
        var projectFile = BuildEngine.ProjectFileOfTaskNode;
        _command = ObliviateToolLocator.Find(ToolExecutable, ProjectDirectory,
            ExecutableSearch.DotNetHost(DotNetHostPath, Environment.GetEnvironmentVariable), Environment.GetEnvironmentVariable);
        if (_command is null)
        {
            var where = ToolExecutable.Length > 0 ? $"ObliviateToolPath {ToolExecutable} does not exist" : "the dotnet-obliviate tool is not installed";
            _policy.Log(new DiagnosticLine(DiagnosticLevel.Warning, DiagnosticCodes.ProbeToolMissing, ModelFile,
                $"ObliviateProbe=true, but {where}, so the trigger probe did not run; install it (dotnet tool install -g Obliviate.Tool, " +
                "or as a local tool) or set ObliviateToolPath"), projectFile);
            Unjudged = [new TaskItem(ModelDirectory)];
            return !Log.HasLoggedErrors;
        }
        Log.LogMessage(MessageImportance.Normal, $"Obliviate: probing {ModelDirectory} with {_command.Description}.");
        if (int.TryParse(ProbeTimeout, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
            Timeout = (int)Math.Min(int.MaxValue, seconds * 1000L);
        base.Execute();
        var report = _report.ToString();
        if (report.Trim().Length > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(ReportFile)!);
            File.WriteAllText(ReportFile, report);
        }
        var outcome = ProbeOutcome.Judge(ExitCode, report, string.Join(" | ", _errors), ModelFile, ReportFile, Strict);
        _policy.Log(outcome, projectFile);
        if (outcome.Code == DiagnosticCodes.ProbeFailed && outcome.Level != DiagnosticLevel.Note) Unjudged = [new TaskItem(ModelDirectory)];
        return !Log.HasLoggedErrors;
    }

    protected override string GenerateFullPathToTool() => _command!.Executable;

    protected override string GetWorkingDirectory() => ProjectDirectory;

    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        if (_command!.Prefix.Length > 0) builder.AppendSwitch(_command.Prefix);
        builder.AppendSwitch("probe");
        builder.AppendFileNameIfNotNull(ModelDirectory.TrimEnd('/', '\\'));
        builder.AppendSwitch("--format");
        builder.AppendSwitch("json");
        return builder.ToString();
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        if (messageImportance == MessageImportance.Low)
        {
            _report.Append(singleLine).Append('\n');
            return;
        }
        _errors.Enqueue(singleLine);
        while (_errors.Count > ErrorLinesKept) _errors.Dequeue();
        Log.LogMessage(messageImportance, singleLine);
    }

    /// <summary>Every exit code is judged by <see cref="ProbeOutcome"/>; ToolTask's generic error would only repeat it.</summary>
    protected override bool HandleTaskExecutionErrors() => true;
}
