namespace Obliviate.Engine.Training;

/// <summary>
/// A plain progress record (no tensors): the Engine reports these through <see cref="IProgress{T}"/> and the CLI renders them
/// as a progress bar or log lines.
/// </summary>
/// <param name="Phase">Training step, checkpoint written, or evaluation batch.</param>
/// <param name="Epoch">1-based epoch (0 while evaluating).</param>
/// <param name="Epochs">Total epochs.</param>
/// <param name="Step">Steps (or evaluation rows) done so far.</param>
/// <param name="TotalSteps">All steps of the run (or evaluation rows).</param>
/// <param name="Loss">The last step's loss terms (null outside training steps).</param>
/// <param name="LearningRate">The learning rate of the last step.</param>
/// <param name="ExamplesPerSecond">Throughput since this process started the phase.</param>
/// <param name="Eta">Estimated time to the end of the phase, when known.</param>
/// <param name="Message">A note (e.g. the checkpoint path), or null.</param>
public sealed record TrainingProgress(
    TrainingPhase Phase,
    int Epoch,
    int Epochs,
    int Step,
    int TotalSteps,
    IStepLoss? Loss,
    double LearningRate,
    double ExamplesPerSecond,
    TimeSpan? Eta,
    string? Message = null);
