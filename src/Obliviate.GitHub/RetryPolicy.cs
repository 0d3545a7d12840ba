using Octokit;

namespace Obliviate.GitHub;

/// <summary>
/// Retries transient GitHub failures (5xx, secondary rate limits, dropped connections, timeouts) with exponential backoff;
/// everything else, 403 and 404 included, fails at once. The delay is injected so tests do not sleep.
/// </summary>
public sealed record RetryPolicy
{
    public int Attempts { get; init; } = 4;
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(2);
    public Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    public async Task<T> RunAsync<T>(Func<Task<T>> call, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < Attempts && IsTransient(e, ct))
            {
                var wait = FirstDelay * Math.Pow(2, attempt - 1);
                log?.Invoke($"GitHub API: {Describe(e)}; retrying in {wait.TotalSeconds:0.#} s (attempt {attempt + 1} of {Attempts}).");
                await Delay(wait, ct).ConfigureAwait(false);
            }
        }
    }

    internal static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        SecondaryRateLimitExceededException => true,
        ApiException api => (int)api.StatusCode is 500 or 502 or 503 or 504,
        HttpRequestException => true,
        TaskCanceledException => !ct.IsCancellationRequested,
        _ => false,
    };

    internal static string Describe(Exception e) => e is ApiException api ? $"HTTP {(int)api.StatusCode} {api.Message}" : e.Message;
}
