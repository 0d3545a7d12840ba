using Obliviate.Engine.Runtime;
using Obliviate.Engine.Training;
using Obliviate.Reports.Model;

namespace Obliviate.Engine.Runs;

/// <summary>Builds the <c>run</c> block every report carries, from the session, the training summary and the timings.</summary>
public static class RunRecords
{
    public static RunInfo Create<TLoss>(DateTimeOffset started, TorchSession session, TrainingSummary<TLoss>? training,
        double? evalSeconds, double? totalSeconds = null)
        where TLoss : class, IStepLoss => new()
    {
        StartedUtc = started,
        Device = session.DeviceName,
        Threads = session.Threads,
        TrainSeconds = training?.Seconds,
        TrainStepMsMedian = training?.StepMillisecondsMedian,
        StepsThisProcess = training?.StepsThisProcess,
        ResumedFromStep = training?.ResumedFromStep,
        FinalLoss = training?.LastLoss is { } loss ? ToValues(loss) : null,
        EvalSeconds = evalSeconds,
        TotalSeconds = totalSeconds,
        PeakRssMb = ProcessMemory.PeakRssMegabytes(),
    };

    /// <summary>A run without training (evaluate, probe).</summary>
    public static RunInfo Create(DateTimeOffset started, TorchSession session, double? evalSeconds, double? totalSeconds = null) =>
        Create<NoLoss>(started, session, null, evalSeconds, totalSeconds);

    public static LossValues ToValues(IStepLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        return new LossValues(loss.Total, loss.Terms().ToDictionary(t => t.Name, t => t.Value));
    }

    private sealed class NoLoss : IStepLoss
    {
        public double Total => 0;
        public IEnumerable<(string Name, double Value)> Terms() => [];
    }
}
