namespace Obliviate.Engine.Training;

/// <summary>What a finished training run reports (plain numbers; timings belong in the results' <c>run</c> block).</summary>
/// <param name="TotalSteps">Optimiser steps of the whole run.</param>
/// <param name="StepsThisProcess">Steps executed by this process (fewer after a resume).</param>
/// <param name="ResumedFromStep">The global step a resume started from, or null.</param>
/// <param name="LastLoss">The final step's loss terms, or null when no step ran here.</param>
/// <param name="StepMillisecondsMedian">Median wall time of one training step in this process.</param>
/// <param name="Seconds">Wall time of the training loop in this process.</param>
public sealed record TrainingSummary<TLoss>(
    int TotalSteps,
    int StepsThisProcess,
    int? ResumedFromStep,
    TLoss? LastLoss,
    double? StepMillisecondsMedian,
    double Seconds)
    where TLoss : class, IStepLoss;
