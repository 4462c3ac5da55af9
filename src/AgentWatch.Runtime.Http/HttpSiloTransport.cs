using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Core;
using AgentWatch.Runtime.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentWatch.Runtime.Http;

/// <summary>
/// Sends grain calls to other silos over HTTP/2 (cleartext, prior knowledge). It tells a call that never left (the
/// connection was refused: <see cref="SiloUnreachableException"/>, safe to send again) from one that was under way when
/// the silo went (<see cref="SiloUnavailableException"/>, never sent again).
/// </summary>
public sealed class HttpSiloTransport : ISiloTransport, IDisposable
{
    public const string CallPath = "silo/call";
    public const string SecretHeader = "X-Cluster-Secret";
    public const string TargetHeader = "X-Silo-Target";

    private readonly HttpClient _http;
    private readonly GrainSerializer _serializer;
    private readonly string? _secret;

    public HttpSiloTransport(GrainSerializer serializer, IOptions<ClusterOptions> options)
    {
        _serializer = serializer;
        _secret = options.Value.Secret;
        _http = new HttpClient(new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            KeepAlivePingDelay = TimeSpan.FromSeconds(10),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public async Task<RemoteResponse> SendAsync(SiloAddress target, RemoteRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(target.Endpoint, CallPath))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = JsonContent.Create(request, options: _serializer.Options),
        };
        message.Headers.Add(TargetHeader, target.ToString());
        if (_secret is not null) message.Headers.Add(SecretHeader, _secret);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (NeverSent(ex))
        {
            throw new SiloUnreachableException(target, ex.Message, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new SiloUnavailableException(target, request.Method, ex.Message, ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GrainCallTimeoutException(new GrainId(request.GrainType, request.GrainKey), MethodName(request), timeout, $"waiting for silo {target}");
        }

        using (response)
        {
            try
            {
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)
                {
                    return await response.Content.ReadFromJsonAsync<RemoteResponse>(_serializer.Options, deadline.Token).ConfigureAwait(false)
                        ?? throw new SiloUnavailableException(target, request.Method, "empty answer");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                throw new SiloUnavailableException(target, request.Method, $"the answer was cut off ({ex.Message})", ex);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new GrainCallTimeoutException(new GrainId(request.GrainType, request.GrainKey), MethodName(request), timeout, $"waiting for silo {target}");
            }
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
            // The server refused before running anything (wrong secret, wrong generation): safe to look elsewhere.
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
                throw new SiloUnreachableException(target, $"{(int)response.StatusCode} {body}");
            throw new SiloUnavailableException(target, request.Method, $"{(int)response.StatusCode} {body}");
        }
    }

    /// <summary>Only a failure to connect proves the request never reached the silo.</summary>
    private static bool NeverSent(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.HostUnreachable or SocketError.NetworkUnreachable };

    private static string MethodName(RemoteRequest request) =>
        request.ReminderName is { } r ? $"reminder '{r}'" : request.Method[(request.Method.LastIndexOf('.', request.Method.IndexOf('(') < 0 ? request.Method.Length - 1 : request.Method.IndexOf('(')) + 1)..];

    public void Dispose() => _http.Dispose();
}

/// <summary>The receiving end: the inter-silo endpoint, on the silo port only.</summary>
public static class SiloEndpointExtensions
{
    public static IEndpointRouteBuilder MapSiloEndpoint(this IEndpointRouteBuilder app, int siloPort)
    {
        app.MapPost("/" + HttpSiloTransport.CallPath, async (HttpContext context, GrainRuntime runtime, ClusterContext cluster, IOptions<ClusterOptions> options) =>
        {
            if (options.Value.Secret is { Length: > 0 } secret && !SameSecret(secret, context.Request.Headers[HttpSiloTransport.SecretHeader]))
                return Results.Problem("The cluster secret is missing or wrong.", statusCode: StatusCodes.Status401Unauthorized);
            // A call meant for an earlier run of this silo (same host and port) goes back to be routed again.
            if (context.Request.Headers[HttpSiloTransport.TargetHeader] is [{ } target] && target != cluster.Self.ToString())
                return Results.Problem($"This is {cluster.Self}, not {target}.", statusCode: StatusCodes.Status409Conflict);
            var request = await context.Request.ReadFromJsonAsync<RemoteRequest>(runtime.Serializer.Options, context.RequestAborted);
            if (request is null) return Results.BadRequest();
            var response = await runtime.ReceiveAsync(request);
            return Results.Json(response, runtime.Serializer.Options, statusCode: response.Outcome == RemoteOutcome.Refused ? 503 : 200);
        }).RequireHost($"*:{siloPort}");
        return app;
    }

    private static bool SameSecret(string expected, string? presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(presented ?? "")));

    /// <summary>The services a clustered silo adds to the runtime: membership, routing context and this transport.</summary>
    public static IServiceCollection AddHttpClustering(this IServiceCollection services, SiloEndpoint endpoint)
    {
        services.AddSingleton(endpoint);
        services.AddSingleton<ISiloTransport, HttpSiloTransport>();
        services.AddSingleton(sp => new ActivationCounter(() => sp.GetRequiredService<GrainRuntime>().ActivationCount));
        services.AddSingleton<ClusterMembership>();
        services.AddSingleton<ClusterContext>();
        // Before the runtime's own hosted services: the silo joins before it serves, and leaves after its activations are gone.
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => sp.GetRequiredService<ClusterMembership>());
        return services;
    }
}
