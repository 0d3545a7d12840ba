using System.Runtime.InteropServices;

namespace Obliviate.Tool.Commands.Training;

/// <summary>
/// Runs long work with a token that Ctrl+C (SIGINT) and SIGTERM (<c>kill</c>, <c>docker stop</c>, a cancelled CI job) both
/// cancel. The process stays alive: the training loop notices the token at the next step boundary, writes a resumable
/// checkpoint and stops with a message that says how to resume.
/// </summary>
internal static class Interruption
{
    public static int Run(Func<CancellationToken, int> action)
    {
        using var cts = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            context.Cancel = true;
            cts.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        return action(cts.Token);
    }
}
