namespace Obliviate.GitHub;

/// <summary>What <c>publish</c> did, the comment's address when there is one, and the lines to show the user.</summary>
public sealed record PublishResult(PublishAction Action, string? CommentUrl, IReadOnlyList<string> Notes);
