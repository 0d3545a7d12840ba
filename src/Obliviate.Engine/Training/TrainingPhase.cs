namespace Obliviate.Engine.Training;

/// <summary>What a progress record describes.</summary>
public enum TrainingPhase
{
    Training,
    Checkpoint,
    Evaluating,
}
