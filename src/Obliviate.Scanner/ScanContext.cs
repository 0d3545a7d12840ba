using System.Diagnostics;
using Obliviate.Scanner.Policy;

namespace Obliviate.Scanner;

/// <summary>
/// Per-scan state shared by the analyzers: options, policy, the time budgets (whole scan and current file) and the
/// inflation budget. Files are analysed one after another, so one "current file" budget is enough.
/// </summary>
internal sealed class ScanContext : IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Stopwatch _fileClock = new();
    private readonly CancellationTokenSource _deadline;
    private CancellationTokenSource? _fileDeadline;
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

    /// <summary>Cancelled by the user or by the whole-scan time budget (hashing workers use this one).</summary>
    public CancellationToken ScanToken => _deadline.Token;

    /// <summary>
    /// Cancelled by the user, the whole-scan budget or the current file's budget; analyzers pass this one to
    /// long-running readers.
    /// </summary>
    public CancellationToken Token => _fileDeadline?.Token ?? _deadline.Token;

    /// <summary>True when <paramref name="ex"/> is a time budget firing rather than the user cancelling.</summary>
    public bool IsTimeout(OperationCanceledException ex) =>
        !UserToken.IsCancellationRequested && (ex.CancellationToken == Token || ex.CancellationToken == ScanToken);

    /// <summary>Which budget ran out, for the inconclusive note.</summary>
    public string TimeoutMessage => OutOfTime || _deadline.IsCancellationRequested
        ? $"scan time limit of {Limits.MaxTotalTime.TotalSeconds:0} s reached"
        : $"per-file time budget of {Limits.MaxFileTime.TotalSeconds:0} s reached; the rest of this file was not analysed";

    public double ElapsedSeconds => _clock.Elapsed.TotalSeconds;
    public bool OutOfTime => _clock.Elapsed > Limits.MaxTotalTime;
    private bool FileOutOfTime => _fileClock.IsRunning && _fileClock.Elapsed > Limits.MaxFileTime;

    /// <summary>Starts the per-file budget for the file about to be analysed; dispose to end it.</summary>
    public IDisposable BeginFile()
    {
        _fileDeadline?.Dispose();
        _fileDeadline = CancellationTokenSource.CreateLinkedTokenSource(_deadline.Token);
        _fileDeadline.CancelAfter(Limits.MaxFileTime);
        _fileClock.Restart();
        return new FileScope(this);
    }

    /// <summary>Throws when the scan is cancelled or over a time budget.</summary>
    public void Check()
    {
        UserToken.ThrowIfCancellationRequested();
        if (OutOfTime || FileOutOfTime) throw new ScanLimitException(TimeoutMessage);
    }

    /// <summary>Reserves inflation budget; false when the scan-wide cap would be exceeded.</summary>
    public bool TakeInflated(long bytes)
    {
        if (_inflated + bytes > Limits.MaxTotalInflatedBytes) return false;
        _inflated += bytes;
        return true;
    }

    public void Dispose()
    {
        _fileDeadline?.Dispose();
        _deadline.Dispose();
    }

    private void EndFile()
    {
        _fileClock.Reset();
        _fileDeadline?.Dispose();
        _fileDeadline = null;
    }

    private sealed class FileScope(ScanContext ctx) : IDisposable
    {
        public void Dispose() => ctx.EndFile();
    }
}
