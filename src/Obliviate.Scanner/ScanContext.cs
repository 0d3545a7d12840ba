using System.Diagnostics;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner;

/// <summary>Per-scan state shared by the analyzers: options, policy, the time budget and the inflation budget.</summary>
internal sealed class ScanContext : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _deadline;
    private long _inflated;

    public ScanContext(ScanOptions options, CancellationToken ct)
    {
        Options = options;
        UserToken = ct;
        // Long walks (a huge pickle, a slow archive) poll a token; this one also fires when the time budget runs out.
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _deadline.CancelAfter(options.Limits.MaxTotalTime);
    }

    public ScanOptions Options { get; }
    public ScanLimits Limits => Options.Limits;
    public PickleGlobalPolicy Policy { get; } = PickleGlobalPolicy.Default;
    /// <summary>The caller's token: cancellation by the user aborts the scan.</summary>
    public CancellationToken UserToken { get; }

    /// <summary>Cancelled by the user or by the time budget; analyzers pass this one to long-running readers.</summary>
    public CancellationToken Token => _deadline.Token;

    /// <summary>True when <paramref name="ex"/> is the time budget firing rather than the user cancelling.</summary>
    public bool IsTimeout(OperationCanceledException ex) => !UserToken.IsCancellationRequested && ex.CancellationToken == Token;
    public double ElapsedSeconds => _clock.Elapsed.TotalSeconds;
    public bool OutOfTime => _clock.Elapsed > Limits.MaxTotalTime;

    /// <summary>Throws when the scan is cancelled or over its time budget.</summary>
    public void Check()
    {
        UserToken.ThrowIfCancellationRequested();
        if (OutOfTime) throw new ScanLimitException($"scan time limit of {Limits.MaxTotalTime.TotalSeconds:0} s reached");
    }

    /// <summary>Reserves inflation budget; false when the scan-wide cap would be exceeded.</summary>
    public bool TakeInflated(long bytes)
    {
        if (_inflated + bytes > Limits.MaxTotalInflatedBytes) return false;
        _inflated += bytes;
        return true;
    }

    public void Dispose() => _deadline.Dispose();
}
