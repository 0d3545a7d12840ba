namespace Obliviate.GitHub;

/// <summary>What <c>publish</c> did.</summary>
public enum PublishAction
{
    /// <summary>A new sticky comment on the pull request.</summary>
    Created,

    /// <summary>Our existing comment, edited in place.</summary>
    Updated,

    /// <summary>No comment could be written (no pull request, no token, 403/404): the report went to the job summary.</summary>
    JobSummary,

    /// <summary>No comment and no job summary to write to: the report was only printed.</summary>
    Printed,
}
