namespace Obliviate.Engine.Training;

/// <summary>What a progress record describes.</summary>
public enum TrainingPhase
{
    /// <summary>The run's plan, once, after a short warm-up measurement: steps, rows per step and the estimated time.</summary>
    Plan,

    Training,
    Checkpoint,
    Evaluating,
}
