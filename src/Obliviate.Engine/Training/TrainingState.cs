using System.Text.Json.Serialization;

namespace Obliviate.Engine.Training;

/// <summary>
/// Where a run stands, stored in a checkpoint's metadata: the next epoch and batch to run, the optimiser step count, and a
/// fingerprint of everything that must match for a resume to continue the same run. No RNG state is stored: every step
/// reseeds from (seed, epoch, step) and every epoch reshuffles from (seed, epoch).
/// </summary>
public sealed record TrainingState
{
    [JsonPropertyName("epoch")] public required int Epoch { get; init; }
    [JsonPropertyName("step_in_epoch")] public required int StepInEpoch { get; init; }
    [JsonPropertyName("global_step")] public required int GlobalStep { get; init; }
    [JsonPropertyName("optimizer_steps")] public required int OptimizerSteps { get; init; }
    [JsonPropertyName("fingerprint")] public required string Fingerprint { get; init; }
    [JsonPropertyName("completed")] public bool Completed { get; init; }
}
