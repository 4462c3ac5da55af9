using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Testing;

/// <summary>An OTLP endpoint on loopback (gRPC, as a collector's port 4317, or HTTP/protobuf) that accepts every export and keeps the payloads.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, string ContentType, byte[] Body)> _requests;

    private OtlpReceiver(WebApplication app, ConcurrentQueue<(string, string, byte[])> requests, string url)
    {
        _app = app;
        _requests = requests;
        Url = url;
    }

    public string Url { get; }
    public IEnumerable<string> ContentTypes => _requests.Select(r => r.ContentType);

    /// <summary>Exports received, and their bytes.</summary>
    public (int Requests, long Bytes) Totals => (_requests.Count, _requests.Sum(r => (long)r.Body.Length));

    /// <summary>The bodies of the exports sent to the path, as they came.</summary>
    public IReadOnlyList<byte[]> Bodies(string path) => [.. _requests.Where(r => r.Path == path).Select(r => r.Body)];

    /// <summary>All payloads sent to the path, as Latin-1 text so every byte maps to one character.</summary>
    public string Received(string path)
    {
        var bodies = _requests.Where(r => r.Path == path).Select(r => Encoding.Latin1.GetString(r.Body)).ToList();
        if (bodies.Count == 0) throw new InvalidOperationException($"nothing was exported to {path}; received: {string.Join(", ", _requests.Select(r => r.Path).Distinct())}");
        return string.Concat(bodies);
    }

    public static async Task<OtlpReceiver> StartAsync(bool grpc)
    {
        var requests = new ConcurrentQueue<(string, string, byte[])>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // gRPC without TLS needs HTTP/2 with prior knowledge, as a collector's 4317 port speaks it.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = grpc ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2));
        var app = builder.Build();
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            requests.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", body.ToArray()));
            if (grpc)
            {
                context.Response.ContentType = "application/grpc";
                // One uncompressed, empty Export*ServiceResponse message, then status OK in the trailers.
                await context.Response.Body.WriteAsync(new byte[5]);
                context.Response.AppendTrailer("grpc-status", "0");
            }
            else
            {
                context.Response.ContentType = "application/x-protobuf";
            }
        });
        await app.StartAsync();
        var address = app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return new OtlpReceiver(app, requests, address);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
