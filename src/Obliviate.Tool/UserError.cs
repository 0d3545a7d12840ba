namespace Obliviate.Tool;

/// <summary>
/// An expected failure with a message the user can act on (which file, which line, what to do) and its exit code.
/// Caught once in <see cref="Cli"/>, printed without a stack trace.
/// </summary>
public sealed class UserError(string message, int exitCode = ExitCodes.Error) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
