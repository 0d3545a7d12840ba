namespace Obliviate.Reports.Check;

/// <summary>What became of one step of <c>check</c>. Rendered as lower-case words.</summary>
public enum CheckStepStatus
{
    /// <summary>The step ran to its end; its result is in the report.</summary>
    Completed,

    /// <summary>The step was asked for but could not produce a result; the message says why. Makes the verdict inconclusive.</summary>
    Failed,

    /// <summary>The step did not run: not asked for, or an earlier step stopped the pipeline (the message says which).</summary>
    Skipped,
}
