using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace AgentWatch.Testing;

/// <summary>A real HTTP server on a free loopback port; the handler gets each request and its number (from 1).</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _count;

    public sealed record Request(DateTimeOffset At, string Path, System.Collections.Specialized.NameValueCollection Headers, byte[] Body);

    public ConcurrentQueue<Request> Requests { get; } = new();
    public string Url { get; private set; } = "";

    public static LoopbackServer Start(Func<HttpListenerContext, int, Task> handler)
    {
        var server = new LoopbackServer();
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        server.Url = $"http://127.0.0.1:{port}/";
        server._listener.Prefixes.Add(server.Url);
        server._listener.Start();
        server._loop = server.RunAsync(handler);
        return server;
    }

    private async Task RunAsync(Func<HttpListenerContext, int, Task> handler)
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            using var body = new MemoryStream();
            await ctx.Request.InputStream.CopyToAsync(body);
            Requests.Enqueue(new Request(DateTimeOffset.UtcNow, ctx.Request.Url!.PathAndQuery, new(ctx.Request.Headers), body.ToArray()));
            try
            {
                await handler(ctx, Interlocked.Increment(ref _count));
            }
            finally
            {
                ctx.Response.Close();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
        _listener.Close();
    }
}
