using System.Net;
using System.Net.Sockets;

namespace Obliviate.Tests;

/// <summary>
/// A real HTTP server on 127.0.0.1 (a free port) for tests of code that talks HTTP: the Hub client, the model-package
/// download, the GitHub API. The handler sees every request; the server records them and stops on dispose.
/// </summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;
    private readonly Action<HttpListenerContext> handler;

    public LoopbackServer(Action<HttpListenerContext> handler)
    {
        this.handler = handler;
        BaseUri = StartOnFreePort(listener);
        loop = Task.Run(ServeAsync);
    }

    /// <summary>A server answering GET paths with a body (200) or 404 when <paramref name="body"/> returns null.</summary>
    public static LoopbackServer Simple(Func<string, byte[]?> body) => new(context =>
    {
        var bytes = body(context.Request.Url!.AbsolutePath);
        context.Response.StatusCode = bytes is null ? 404 : 200;
        if (bytes is not null)
        {
            context.Response.ContentLength64 = bytes.Length;
            context.Response.OutputStream.Write(bytes);
        }
        context.Response.Close();
    });

    /// <summary>Ends with a slash, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Method, path and query of every request, in arrival order.</summary>
    public List<string> Requests { get; } = [];

    /// <summary>HttpListener cannot bind port 0, so a free port is found first; another process may take it in between, hence a few attempts.</summary>
    private static Uri StartOnFreePort(HttpListener listener)
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var endpoint = new Uri($"http://127.0.0.1:{port}/");
            listener.Prefixes.Clear();
            listener.Prefixes.Add(endpoint.ToString());
            try
            {
                listener.Start();
                return endpoint;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Port taken meanwhile: try another.
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            lock (Requests) Requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.PathAndQuery}");
            try
            {
                handler(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away; nothing to do.
            }
        }
    }

    public void Dispose()
    {
        // Close alone: the managed HttpListener's Stop() releases the port, and a Close() after it removes the prefixes a
        // second time, re-binding the port on the way, which fails ("Address already in use") once a parallel test has
        // taken that port.
        try
        {
            listener.Close();
        }
        catch (HttpListenerException)
        {
            // The listener is going away either way.
        }
        loop.Wait(TimeSpan.FromSeconds(5));
    }
}
