using Obliviate.Reports.Model;

namespace Obliviate.Tool;

/// <summary>The tool's exit codes, in one place (README "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Clean, or the command succeeded.</summary>
    public const int Ok = 0;

    /// <summary>A finding or verdict at or above <c>--fail-on</c>; a failed self-check (<c>attack</c>).</summary>
    public const int Findings = 1;

    /// <summary>An error, an interruption, or an inconclusive result (fail closed).</summary>
    public const int Error = 2;

    /// <summary>Nothing to check (an empty folder, no scannable file).</summary>
    public const int NothingToCheck = 3;

    /// <summary>Bad command line or request: unknown option, bad value, missing argument, an output folder that would lose data.</summary>
    public const int Usage = 4;

    /// <summary>The exit code of a result's outcome.</summary>
    public static int From(Outcome outcome) => outcome switch
    {
        Outcome.Passed => Ok,
        Outcome.Failed => Findings,
        Outcome.NothingToCheck => NothingToCheck,
        _ => Error,
    };
}
