using Octokit;

namespace Obliviate.GitHub;

/// <summary>
/// Creates or updates the one pull-request comment that is ours: written by <c>author</c> and starting with
/// <c>marker</c>. A comment by anyone else is never touched, however similar its text (someone may quote ours).
/// </summary>
public static class StickyComment
{
    public static async Task<(PublishAction Action, IssueComment Comment)> UpsertAsync(IGitHubClient client, string owner, string name, int number,
        string marker, string author, string body, RetryPolicy retry, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(retry);
        var comments = await retry.RunAsync(() => client.Issue.Comment.GetAllForIssue(owner, name, number), log, ct).ConfigureAwait(false);
        var ours = comments.LastOrDefault(c => IsOurs(c, marker, author));
        if (ours is not null)
        {
            var updated = await retry.RunAsync(() => client.Issue.Comment.Update(owner, name, ours.Id, body), log, ct).ConfigureAwait(false);
            return (PublishAction.Updated, updated);
        }
        var created = await retry.RunAsync(() => client.Issue.Comment.Create(owner, name, number, body), log, ct).ConfigureAwait(false);
        return (PublishAction.Created, created);
    }

    internal static bool IsOurs(IssueComment comment, string marker, string author) =>
        comment.Body is { } text && text.StartsWith(marker, StringComparison.Ordinal) &&
        string.Equals(comment.User?.Login, author, StringComparison.OrdinalIgnoreCase);
}
