using System.Net;
using System.Net.Sockets;
using AgentWatch.Abstractions.Api;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace AgentWatch.Silo;

/// <summary>How to start a silo: where its settings come from, and whether it serves HTTP.</summary>
public sealed record SiloLaunch
{
    /// <summary>A config folder to read besides the defaults (<c>--config</c>).</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Settings that win over every file and variable (command-line options), e.g. <c>Silo:Port</c>.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Serve the HTTP API. An embedded silo (a CLI command without <c>--silo</c>) does not.</summary>
    public bool Listen { get; init; } = true;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>For tests: replace or add services after the silo's own.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>The data directory belongs to another running silo.</summary>
public sealed class SiloLockedException(string dataDirectory, SiloInfo? holder) : Exception(
    $"The data directory {dataDirectory} is in use by another silo" +
    (holder is null ? "." : $" (process {holder.ProcessId}{(holder.Url is null ? "" : $", {holder.Url}")}).") +
    (holder?.Url is null ? " Stop it, or use another --data folder." : $" Talk to it with --silo {holder.Url}, or use another --data folder."))
{
    public string DataDirectory { get; } = dataDirectory;
    public SiloInfo? Holder { get; } = holder;
}

/// <summary>A running silo: started, serving, and stopped on dispose (activations deactivated, storage flushed, lock freed).</summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DataDirectoryLock _lock;

    private SiloHost(IHost host, DataDirectoryLock dataLock, SiloOptions options, string? url)
    {
        _host = host;
        _lock = dataLock;
        Options = options;
        Url = url;
    }

    public SiloOptions Options { get; }

    /// <summary>The address the API listens on (with the real port when 0 was asked for); null when embedded.</summary>
    public string? Url { get; }

    public IServiceProvider Services => _host.Services;
    public IAgentWatchApi Api => Services.GetRequiredService<IAgentWatchApi>();
    public StartupReport Startup => Services.GetRequiredService<StartupReport>();

    /// <summary>This silo's address in its cluster; null for a silo on its own.</summary>
    public SiloAddress? SiloAddress => Services.GetService<ClusterMembership>()?.Self;

    public static async Task<SiloHost> StartAsync(SiloLaunch launch, CancellationToken cancellationToken = default)
    {
        var configuration = AgentWatchConfiguration.Build(launch.ConfigDirectory, launch.Overrides);
        var settings = SiloSettings.Read(configuration, launch.Listen);
        var (options, mode, cluster) = (settings.Silo, settings.Mode, settings.Cluster);

        var dataLock = DataDirectoryLock.TryAcquire(options.DataDirectory, shared: mode.Clustered)
            ?? throw new SiloLockedException(options.DataDirectory, DataDirectoryLock.ReadHolder(options.DataDirectory));
        try
        {
            var storeWasMissing = !File.Exists(options.DatabasePath);
            IHost host;
            string? url = null;
            SiloIdentity identity;
            if (launch.Listen)
            {
                // Ports are chosen before the silo joins, so that its membership row can name them.
                var apiPort = options.Port == 0 ? FreePort(BindAddress(options.Bind)) : EnsureFree(options.Bind, options.Port, "Silo:Port (--port)");
                var siloPort = mode.Clustered ? (cluster.SiloPort == 0 ? FreePort(BindAddress(cluster.Bind)) : EnsureFree(cluster.Bind, cluster.SiloPort, "Cluster:SiloPort (--silo-port)")) : 0;
                url = $"http://{UrlHost(options.Bind)}:{apiPort}";
                var advertisedApi = $"http://{UrlHost(HttpApi.IsLoopback(options.Bind) || IsAny(options.Bind) ? cluster.AdvertisedHost : options.Bind)}:{apiPort}";
                identity = new SiloIdentity($"{Environment.MachineName}:{apiPort}", DateTimeOffset.UtcNow, Describe(mode, options));
                var plan = new SiloPlan(options, mode, identity, mode.Clustered ? new SiloEndpoint(cluster.AdvertisedHost, siloPort, advertisedApi) : null, storeWasMissing);
                host = BuildServer(launch, configuration, plan, apiPort, siloPort, cluster);
            }
            else
            {
                identity = new SiloIdentity($"embedded:{Environment.ProcessId}", DateTimeOffset.UtcNow, Describe(mode, options));
                host = BuildEmbedded(launch, configuration, new SiloPlan(options, mode, identity, null, storeWasMissing));
            }
            try
            {
                await host.StartAsync(cancellationToken);
                await host.Services.GetRequiredService<SiloStartup>().RunAsync(cancellationToken);
            }
            catch
            {
                // Whatever did start (membership, listeners) stops now, so a failed start leaves no silo half-running.
                try
                {
                    await host.StopAsync(CancellationToken.None);
                }
                catch (Exception stopError)
                {
                    host.Services.GetService<ILogger<SiloHost>>()?.LogWarning(stopError, "Stopping after a failed start did not complete");
                }
                host.Dispose();
                throw;
            }
            if (host.Services.GetService<ClusterMembership>() is { } membership) identity.SiloId = membership.Self.ToString();
            dataLock.Publish(new SiloInfo(Environment.ProcessId, url, identity.StartedAt), mode.Clustered ? $"silo-{new Uri(url!).Port}.json" : "silo.json");
            return new SiloHost(host, dataLock, options, url);
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    private static string Describe(ClusterMode mode, SiloOptions options) => mode.Kind switch
    {
        ClusterKind.Postgres => $"postgres:{new Npgsql.NpgsqlConnectionStringBuilder(mode.ConnectionString).Host}/{new Npgsql.NpgsqlConnectionStringBuilder(mode.ConnectionString).Database} (cluster)",
        ClusterKind.Local => $"sqlite:{options.DatabasePath} (local cluster)",
        _ => $"sqlite:{options.DatabasePath}",
    };

    private static IHost BuildServer(SiloLaunch launch, IConfiguration configuration, SiloPlan plan, int apiPort, int siloPort, Runtime.Cluster.ClusterOptions cluster)
    {
        var options = plan.Options;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        ConfigureLogging(builder.Logging, launch.LogLevel);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.AddServerHeader = false;
            // HTTP/1.1 for the API: without TLS a browser or curl would not negotiate HTTP/2 anyway.
            k.Listen(BindAddress(options.Bind), apiPort, l => l.Protocols = HttpProtocols.Http1);
            // Silo to silo: HTTP/2 without TLS needs prior knowledge, so this endpoint speaks nothing else.
            if (plan.Mode.Clustered) k.Listen(BindAddress(cluster.Bind), siloPort, l => l.Protocols = HttpProtocols.Http2);
        });
        builder.Services.ConfigureHttpJsonOptions(o => HttpApi.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        // The API described as OpenAPI 3 at /openapi/v1.json, generated from the endpoints themselves.
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AgentWatch";
            document.Info.Description = "Companies, signals, alerts (and their stream), positions, the financing graph, questions, briefs, agent runs, webhooks and the cluster of one AgentWatch silo.";
            return Task.CompletedTask;
        }));
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddAgentWatchSilo(configuration, plan);
        // A serving silo explains new alerts; a CLI command's embedded silo leaves that to the silos that run on.
        builder.Services.AddHostedService<Agents.Sentinel.SentinelService>();
        // So are webhooks, the inbox and polling: a CLI command's silo would stop in the middle of a backoff, a file or
        // a fetch, and no command should reach out to the internet on its own.
        builder.Services.AddHostedService<WebhookService>();
        builder.Services.AddHostedService<InboxService>();
        builder.Services.AddHostedService<PollingService>();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        launch.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseRequestTracing();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!string.IsNullOrWhiteSpace(options.ApiKey)) app.UseApiKey(options.ApiKey);
        app.MapAgentWatchApi();
        app.MapOpenApi();
        app.MapDashboard();
        if (plan.Mode.Clustered) app.MapSiloEndpoint(siloPort);
        return app;
    }

    private static IHost BuildEmbedded(SiloLaunch launch, IConfiguration configuration, SiloPlan plan)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        ConfigureLogging(builder.Logging, launch.LogLevel);
        builder.Services.AddAgentWatchSilo(configuration, plan);
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        launch.ConfigureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    internal static IPAddress BindAddress(string bind) =>
        bind == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(bind, out var ip) ? ip
        : throw new ArgumentException($"'{bind}' is not an address to bind to; use an IP address such as 127.0.0.1 or 0.0.0.0.");

    private static bool IsAny(string bind) => bind is "0.0.0.0" or "::" or "[::]";

    private static string UrlHost(string host) => host.Contains(':') ? $"[{host}]" : host;

    /// <summary>
    /// Kestrel binds only after the other services started, so a taken port would otherwise be found after the store
    /// was opened, the dataset loaded and the cluster joined. Checked first, it stops the start before any of that.
    /// </summary>
    private static int EnsureFree(string bind, int port, string setting)
    {
        try
        {
            using var probe = new TcpListener(BindAddress(bind), port);
            probe.Start();
            return port;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException($"Port {port} on {bind} ({setting}) is already in use, perhaps by another silo (agentwatch status --silo http://{UrlHost(bind)}:{port}). Choose another port, or 0 for a free one.", ex);
        }
    }

    private static int FreePort(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Logs go to stderr, so a command's output on stdout (JSON with --json) stays clean.</summary>
    private static void ConfigureLogging(ILoggingBuilder logging, LogLevel level)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(level);
        logging.AddFilter("Microsoft", level > LogLevel.Warning ? level : LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
    }

    /// <summary>Waits until <paramref name="cancellationToken"/> asks for shutdown (the CLI's Ctrl+C) or the host stops itself.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _host.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Whoever started the silo decides when it stops (Ctrl+C in the CLI, a test's dispose). The default console lifetime
    /// would stop the silo underneath a command that is still using it.
    /// </summary>
    private sealed class CallerOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (_host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else _host.Dispose();
            _lock.Dispose();
        }
    }
}
