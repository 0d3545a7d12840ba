namespace Obliviate.Reports.Model;

/// <summary>
/// What a result means for the caller, independent of how it is shown: the tool turns it into an exit code, the MSBuild
/// task into errors, <c>check</c> into its overall line.
/// </summary>
public enum Outcome
{
    /// <summary>Done, nothing at or above the failure threshold.</summary>
    Passed,

    /// <summary>A finding or verdict reached the failure threshold (<c>--fail-on</c>), or a self-check failed.</summary>
    Failed,

    /// <summary>Something could not be judged (an unread file, no measurable metric): fail closed.</summary>
    Inconclusive,

    /// <summary>There was nothing to check.</summary>
    NothingToCheck,
}
