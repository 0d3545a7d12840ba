namespace Obliviate.Engine.Training;

/// <summary>
/// Training stopped on cancellation after writing a resumable checkpoint at the current step. The message says how to resume.
/// </summary>
public sealed class TrainingInterruptedException : OperationCanceledException
{
    public TrainingInterruptedException(string checkpointPath, int epoch, int step, CancellationToken token)
        : base($"training interrupted at epoch {epoch + 1}, step {step}; a resumable checkpoint is at {checkpointPath}. " +
               "Run the same command again with --resume to continue.", token)
    {
        CheckpointPath = checkpointPath;
    }

    public string CheckpointPath { get; }
}
