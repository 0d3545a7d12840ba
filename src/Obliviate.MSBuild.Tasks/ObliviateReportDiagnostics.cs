using Microsoft.Build.Framework;
using Obliviate.MSBuild.Protocol;

namespace Obliviate.MSBuild.Tasks;

/// <summary>
/// Logs the diagnostics of the last scan (<see cref="ObliviateScan"/>'s file) as MSBuild errors, warnings and messages
/// with the rule id as their code, after the project's NoWarn and ObliviateTreatWarningsAsErrors
/// (<see cref="DiagnosticPolicy"/>). It runs in every build, also when the scan was skipped because nothing changed, so an
/// unchanged project with a dangerous model keeps failing and its warnings stay in the IDE's error list; and MSBuild's own
/// WarningsAsErrors and -warnaserror see the same warnings every time.
/// </summary>
public sealed class ObliviateReportDiagnostics : Microsoft.Build.Utilities.Task
{
    [Required]
    public string DiagnosticsFile { get; set; } = "";

    public bool TreatWarningsAsErrors { get; set; }

    public string NoWarn { get; set; } = "";

    public override bool Execute()
    {
        if (!File.Exists(DiagnosticsFile))
        {
            Log.LogError(null, DiagnosticCodes.ScanFailed, null, BuildEngine.ProjectFileOfTaskNode, 0, 0, 0, 0,
                $"the scan result {DiagnosticsFile} is missing, so the models are not known to be safe; build again to scan them.");
            return false;
        }
        var policy = new DiagnosticPolicy(Log, TreatWarningsAsErrors, NoWarn);
        foreach (var text in File.ReadAllLines(DiagnosticsFile))
        {
            if (DiagnosticLine.TryParse(text) is { } line) policy.Log(line, BuildEngine.ProjectFileOfTaskNode);
        }
        return !Log.HasLoggedErrors;
    }
}
