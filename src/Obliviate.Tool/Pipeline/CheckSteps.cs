using Obliviate.Engine.Defense;
using Obliviate.Engine.Probe;
using Obliviate.Engine.Models.Repository;
using Obliviate.Reports.Evaluation;
using Obliviate.Reports.Probe;
using Obliviate.Scanner;
using Obliviate.Tool.Commands.Scan;
using Obliviate.Tool.Commands.Training;

namespace Obliviate.Tool.Pipeline;

/// <summary>
/// The real steps of <c>check</c>, wired in one place: the scanner's <see cref="ScanRun"/>, the trigger probe and the
/// defense's <see cref="DefendRun"/> with the user's training options.
/// </summary>
public static class CheckSteps
{
    /// <param name="scan">The scan as <c>scan</c> would run it on the model argument.</param>
    /// <param name="training">The defense's request with everything but the defense settings and the output folder; null without training data.</param>
    public static CheckStepSet Create(ScanRequest scan, DefendRequest? training, string? cacheDir, ToolConsole console)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(console);
        return new CheckStepSet
        {
            Scan = ct => ScanRun.Run(scan, new ConsoleLines(console), ct).Report,
            ModelDirectory = () => Directory.Exists(scan.Target) ? scan.Target : ModelRepository.Resolve(scan.Target, cacheDir).Directory,
            Probe = (model, adapter, ct) => TrainingProgressView.Run(console, (progress, warn) => ProbeRun.Run(new ProbeRequest
            {
                Model = model, AdapterDirectory = adapter, CacheDir = cacheDir, Device = training?.Device ?? Engine.Runtime.DeviceKind.Auto,
            }, progress, ct, warn)),
            Train = training is null ? null : (defense, output, probe, ct) => TrainingProgressView.Run(console, (progress, warn) =>
                DefendRun.Run(training with
                {
                    Defense = defense ? training.Defense : DefenseSettings.None,
                    Probe = probe,
                    OutputDirectory = output,
                }, progress, ct, warn)),
        };
    }
}
