using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Obliviate.Tests;

/// <summary>
/// The GitHub REST endpoints <c>publish</c> uses (GET /user, list, create and update issue comments), served on loopback
/// under /api/v3/ as GitHub Enterprise Server does, with comments kept in memory. Tests script failures: a queue of status
/// codes answered before the real handling, and write refusals (403) as for a fork's read-only token.
/// </summary>
public sealed partial class FakeGitHubApi : IDisposable
{
    private readonly LoopbackServer server;
    private long nextId = 1000;

    public FakeGitHubApi(string token)
    {
        Token = token;
        server = new LoopbackServer(Handle);
    }

    public sealed record Comment(long Id, int Issue, string Login, string Body);

    public string Token { get; }

    /// <summary>GITHUB_API_URL for the client.</summary>
    public string ApiUrl => new Uri(server.BaseUri, "api/v3").ToString();

    /// <summary>The login comments made with <see cref="Token"/> get.</summary>
    public string TokenLogin { get; set; } = "github-actions[bot]";

    /// <summary>GET /user answers 403 as it does for GITHUB_TOKEN (an installation token); false answers with <see cref="TokenLogin"/>.</summary>
    public bool UserForbidden { get; set; } = true;

    /// <summary>POST and PATCH answer 403 "Resource not accessible by integration".</summary>
    public bool ForbidWrites { get; set; }

    /// <summary>Status codes answered, one per request, before any real handling (e.g. 502 for a flaky proxy).</summary>
    public Queue<int> FailNext { get; } = new();

    public List<Comment> Comments { get; } = [];

    public List<string> Requests => server.Requests;

    /// <summary>Every request body and header value seen, to check what was sent (and that the token went only where it should).</summary>
    public StringBuilder Seen { get; } = new();

    public void Dispose() => server.Dispose();

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var body = new StreamReader(request.InputStream, Encoding.UTF8).ReadToEnd();
        lock (Seen) Seen.Append(body);
        var path = request.Url!.AbsolutePath;
        lock (Comments)
        {
            if (FailNext.TryDequeue(out var failure))
            {
                Reply(context, failure, new JsonObject { ["message"] = "Bad Gateway" });
                return;
            }
            if (request.Headers["Authorization"] is not { } auth || !auth.EndsWith(" " + Token, StringComparison.Ordinal))
            {
                Reply(context, 401, new JsonObject { ["message"] = "Bad credentials" });
                return;
            }
            if (path == "/api/v3/user")
            {
                if (UserForbidden) Reply(context, 403, new JsonObject { ["message"] = "Resource not accessible by integration" });
                else Reply(context, 200, new JsonObject { ["login"] = TokenLogin, ["id"] = 1, ["type"] = "User" });
                return;
            }
            if (IssueComments().Match(path) is { Success: true } list)
            {
                var issue = int.Parse(list.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (request.HttpMethod == "GET")
                {
                    Reply(context, 200, new JsonArray([.. Comments.Where(c => c.Issue == issue).Select(Json)]));
                    return;
                }
                if (request.HttpMethod == "POST" && Write(context, body) is { } text)
                {
                    var comment = new Comment(nextId++, issue, TokenLogin, text);
                    Comments.Add(comment);
                    Reply(context, 201, Json(comment));
                }
                return;
            }
            if (OneComment().Match(path) is { Success: true } one && request.HttpMethod == "PATCH")
            {
                var id = long.Parse(one.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var index = Comments.FindIndex(c => c.Id == id);
                if (index < 0) Reply(context, 404, new JsonObject { ["message"] = "Not Found" });
                else if (Comments[index].Login != TokenLogin) Reply(context, 403, new JsonObject { ["message"] = "You cannot edit someone else's comment" });
                else if (Write(context, body) is { } text)
                {
                    Comments[index] = Comments[index] with { Body = text };
                    Reply(context, 200, Json(Comments[index]));
                }
                return;
            }
            Reply(context, 404, new JsonObject { ["message"] = "Not Found" });
        }
    }

    /// <summary>The new body, or null after answering 403 (writes refused) or 422 (over GitHub's 65,536-character limit).</summary>
    private string? Write(HttpListenerContext context, string body)
    {
        if (ForbidWrites)
        {
            Reply(context, 403, new JsonObject { ["message"] = "Resource not accessible by integration" });
            return null;
        }
        var text = JsonNode.Parse(body)?["body"]?.GetValue<string>() ?? "";
        if (text.Length > 65_536)
        {
            Reply(context, 422, new JsonObject { ["message"] = "Validation Failed: body is too long (maximum is 65536 characters)" });
            return null;
        }
        return text;
    }

    private static JsonObject Json(Comment c) => new()
    {
        ["id"] = c.Id,
        ["node_id"] = $"IC_{c.Id}",
        ["url"] = $"https://api.github.test/repos/o/r/issues/comments/{c.Id}",
        ["html_url"] = $"https://github.test/o/r/pull/{c.Issue}#issuecomment-{c.Id}",
        ["body"] = c.Body,
        ["user"] = new JsonObject { ["login"] = c.Login, ["id"] = c.Login.GetHashCode(StringComparison.Ordinal) & 0xffff, ["type"] = c.Login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User" },
        ["created_at"] = "2026-01-01T00:00:00Z",
        ["updated_at"] = "2026-01-01T00:00:00Z",
        ["author_association"] = "NONE",
    };

    private static void Reply(HttpListenerContext context, int status, JsonNode json)
    {
        var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    [GeneratedRegex("^/api/v3/repos/[^/]+/[^/]+/issues/(\\d+)/comments$")]
    private static partial Regex IssueComments();

    [GeneratedRegex("^/api/v3/repos/[^/]+/[^/]+/issues/comments/(\\d+)$")]
    private static partial Regex OneComment();
}
