namespace Obliviate.Tool;

/// <summary>The tool's exit codes, in one place (README "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>Clean, or the command succeeded.</summary>
    public const int Ok = 0;

    /// <summary>Findings at or above <c>--fail-on</c> (<c>scan</c>); a failed self-check (<c>attack</c>).</summary>
    public const int Findings = 1;

    /// <summary>An error, or an inconclusive result (fail closed).</summary>
    public const int Error = 2;

    /// <summary>Nothing to check (an empty folder, no scannable file).</summary>
    public const int NothingToCheck = 3;

    /// <summary>Bad command line: unknown option, bad value, missing argument.</summary>
    public const int Usage = 4;
}
