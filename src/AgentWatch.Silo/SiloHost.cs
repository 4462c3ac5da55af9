using System.Net;
using System.Net.Sockets;
using AgentWatch.Abstractions.Api;
using AgentWatch.Client;
using AgentWatch.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Orleans.Dashboard;

namespace AgentWatch.Silo;

/// <summary>How to start a silo: where its settings come from, and whether it serves HTTP.</summary>
public sealed record SiloLaunch
{
    /// <summary>A config folder to read besides the defaults (<c>--config</c>).</summary>
    public string? ConfigDirectory { get; init; }

    /// <summary>Settings that win over every file and variable (command-line options), e.g. <c>Silo:Port</c>.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>
    /// Serve the HTTP API and join the cluster through its membership table, reachable by other silos and clients. An
    /// embedded silo (a CLI command with no silo running) does neither.
    /// </summary>
    public bool Listen { get; init; } = true;

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>
    /// Whether OpenTelemetry's console exporter may write to standard output when <c>Telemetry:Exporter</c> is
    /// <c>console</c>. False when standard output is the caller's own (<c>agentwatch silo --json</c>): the exporter writes
    /// there and nowhere else, so it is not used at all. An embedded silo never uses it.
    /// </summary>
    public bool ConsoleTelemetry { get; init; } = true;

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

/// <summary>
/// The data directory holds a store the earlier AgentWatch runtime wrote. It is left as it is; the message says how to
/// carry its signals over.
/// </summary>
public sealed class LegacyDataDirectoryException(string dataDirectory, Exception inner) : Exception(
    $"The data directory {dataDirectory} was written by an earlier AgentWatch (before it ran on Orleans), whose store this " +
    "version cannot open; it was left untouched. Move it aside and carry its signals over: " +
    $"`mv {dataDirectory} {dataDirectory}.old`, then `agentwatch seed` (a new store with the built-in dataset) and " +
    $"`agentwatch ingest {Path.Combine($"{dataDirectory}.old", "agentwatch.db")}`. Alerts are raised again from the signals; " +
    "acknowledgements, mutes, webhook positions and agent runs of the old store are not carried over.", inner)
{
    public string DataDirectory { get; } = dataDirectory;
}

/// <summary>Where a serving silo listens: its HTTP API, and its Orleans silo and gateway endpoints.</summary>
public sealed record SiloPorts(int Api, int Silo, int Gateway, IPAddress Advertised);

/// <summary>A running silo: started, serving, and stopped on dispose (activations deactivated, storage flushed, lock freed).</summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly DataDirectoryLock _lock;

    private SiloHost(IHost host, DataDirectoryLock dataLock, SiloPlan plan, string? url)
    {
        _host = host;
        _lock = dataLock;
        Plan = plan;
        Url = url;
    }

    public SiloPlan Plan { get; }
    public SiloOptions Options => Plan.Options;

    /// <summary>The address the API listens on (with the real port when 0 was asked for); null when embedded.</summary>
    public string? Url { get; }

    public IServiceProvider Services => _host.Services;
    public IAgentWatchApi Api => Services.GetRequiredService<IAgentWatchApi>();
    public StartupReport Startup => Services.GetRequiredService<StartupReport>();

    /// <summary>This silo's Orleans address (host:port@generation).</summary>
    public string SiloAddress => Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString();

    public static async Task<SiloHost> StartAsync(SiloLaunch launch, CancellationToken cancellationToken = default)
    {
        var configuration = AgentWatchConfiguration.Build(launch.ConfigDirectory, launch.Overrides);
        var settings = SiloSettings.Read(configuration, launch.Listen);
        var (options, mode, cluster) = (settings.Silo, settings.Mode, settings.Cluster);

        var dataLock = DataDirectoryLock.TryAcquire(options.DataDirectory, shared: mode.Clustered)
            ?? throw new SiloLockedException(options.DataDirectory, DataDirectoryLock.ReadHolder(options.DataDirectory));
        try
        {
            SiloPorts? ports = null;
            if (launch.Listen)
            {
                // Ports are chosen before the silo joins, so that its membership row names them.
                ports = ChoosePorts(options, cluster, previous: null);
            }
            // After the ports: a taken port stops the start before the store is created or touched.
            var schema = await InstallSchemaAsync(mode, options, launch.LogLevel, cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                var url = ports is null ? null : $"http://{UrlHost(options.Bind)}:{ports.Api}";
                var identity = new SiloIdentity(ports is null ? $"embedded:{Environment.ProcessId}" : $"{Environment.MachineName}:{ports.Api}", DateTimeOffset.UtcNow, Describe(mode, options));
                var plan = new SiloPlan(options, mode, cluster, identity, ports, schema.CreatedStore) { ConsoleTelemetry = ports is not null && launch.ConsoleTelemetry };
                var host = launch.Listen ? BuildServer(launch, configuration, plan) : BuildEmbedded(launch, configuration, plan);
                try
                {
                    await host.StartAsync(cancellationToken);
                    identity.SiloId = host.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString();
                    await host.Services.GetRequiredService<SiloStartup>().RunAsync(cancellationToken);
                }
                catch (Exception error)
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
                    // A port picked for "port 0" was free when picked but is bound seconds later; another listener can
                    // take it in between. Picking again is what port 0 promises; a port the user named is never changed.
                    if (ports is not null && attempt < 3 && IsAddressInUse(error) && HasChosenPorts(options, cluster))
                    {
                        ports = ChoosePorts(options, cluster, ports);
                        continue;
                    }
                    throw;
                }
                dataLock.Publish(new SiloInfo(Environment.ProcessId, url, identity.StartedAt), mode.Clustered ? $"silo-{ports!.Api}.json" : "silo.json");
                return new SiloHost(host, dataLock, plan, url);
            }
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Brings the store to the schema these binaries know before Orleans' providers open it (they only run queries). The
    /// first silo of a new store creates it; the others find it done.
    /// </summary>
    private static async Task<SchemaResult> InstallSchemaAsync(ClusterMode mode, SiloOptions options, LogLevel level, CancellationToken cancellationToken)
    {
        using var logging = LoggerFactory.Create(l => ConfigureLogging(l, level));
        var logger = logging.CreateLogger<SchemaInstaller>();
        try
        {
            return mode.Kind == ClusterKind.Postgres
                ? await new SchemaInstaller().ApplyPostgresAsync(mode.ConnectionString!, logger, cancellationToken)
                : await new SchemaInstaller().ApplySqliteAsync(options.DatabasePath, logger, cancellationToken);
        }
        catch (LegacyStoreException legacy) when (mode.Kind != ClusterKind.Postgres)
        {
            throw new LegacyDataDirectoryException(options.DataDirectory, legacy);
        }
    }

    private static string Describe(ClusterMode mode, SiloOptions options) => mode.Kind switch
    {
        ClusterKind.Postgres => $"postgres:{new Npgsql.NpgsqlConnectionStringBuilder(mode.ConnectionString).Host}/{new Npgsql.NpgsqlConnectionStringBuilder(mode.ConnectionString).Database} (cluster)",
        ClusterKind.Local => $"sqlite:{options.DatabasePath} (local cluster)",
        _ => $"sqlite:{options.DatabasePath}",
    };

    private static IHost BuildServer(SiloLaunch launch, IConfiguration configuration, SiloPlan plan)
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
            k.Listen(BindAddress(options.Bind), plan.Ports!.Api, l => l.Protocols = HttpProtocols.Http1);
        });
        builder.UseOrleans(silo => OrleansSetup.Configure(silo, plan, configuration));
        builder.Services.ConfigureHttpJsonOptions(o => HttpApi.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        // The API described as OpenAPI 3 at /openapi/v1.json, generated from the endpoints themselves.
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "AgentWatch";
            document.Info.Description = "Companies, signals, alerts (and their log), positions, the financing graph, questions, briefs, agent runs, webhooks and the cluster of one AgentWatch silo.";
            return Task.CompletedTask;
        }));
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddAgentWatchSilo(configuration, plan);
        // A serving silo explains new alerts; a CLI command's embedded silo leaves that to the silos that run on.
        builder.Services.AddHostedService<Agents.Sentinel.SentinelService>();
        // So do the agents that raise alerts: the newsdesk reads stored news, the skeptic re-scores after new signals.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Agents.Newsdesk.NewsdeskService>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Agents.Skeptic.BubbleRiskService>());
        // So are webhooks, the inbox and polling: a CLI command's silo would stop in the middle of a backoff, a file or
        // a fetch, and no command should reach out to the internet on its own.
        builder.Services.AddHostedService<WebhookService>();
        builder.Services.AddHostedService<InboxService>();
        builder.Services.AddHostedService<PollingService>();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        launch.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!string.IsNullOrWhiteSpace(options.ApiKey)) app.UseApiKey(options.ApiKey);
        app.MapAgentWatchApi();
        app.MapOpenApi();
        app.MapDashboard();
        // Behind the same rule as the API: loopback, or the API key beyond it.
        app.MapOrleansDashboard(HttpApi.OrleansDashboardPath).WithMetadata(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute());
        return app;
    }

    private static IHost BuildEmbedded(SiloLaunch launch, IConfiguration configuration, SiloPlan plan)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        ConfigureLogging(builder.Logging, launch.LogLevel);
        builder.UseOrleans(silo => OrleansSetup.Configure(silo, plan, configuration));
        builder.Services.AddAgentWatchSilo(configuration, plan);
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        launch.ConfigureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    internal static IPAddress BindAddress(string bind) =>
        bind == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(bind, out var ip) ? ip
        : throw new ArgumentException($"'{bind}' is not an address to bind to; use an IP address such as 127.0.0.1 or 0.0.0.0.");

    private static string UrlHost(string host) => host.Contains(':') ? $"[{host}]" : host;

    /// <summary>
    /// The listeners bind only after the other services started, so a taken port would otherwise be found after the store
    /// was opened and the cluster joined. Checked first, it stops the start before any of that.
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
            throw new InvalidOperationException($"Port {port} on {bind} ({setting}) is already in use, perhaps by another silo (agentwatch status). Choose another port, or 0 for a free one.", ex);
        }
    }

    /// <summary>
    /// The API, silo and gateway ports: a port the user named is checked free; one left at 0 is picked, different from
    /// the other two and from the one it replaces when a start is tried again.
    /// </summary>
    private static SiloPorts ChoosePorts(SiloOptions options, ClusteringOptions cluster, SiloPorts? previous)
    {
        var taken = new HashSet<int>();
        if (previous is not null) taken.UnionWith([previous.Api, previous.Silo, previous.Gateway]);
        int Pick(string bind, int configured, string setting)
        {
            var port = configured == 0 ? FreePort(BindAddress(bind), taken) : previous is null ? EnsureFree(bind, configured, setting) : configured;
            taken.Add(port);
            return port;
        }
        var api = Pick(options.Bind, options.Port, "Silo:Port (--port)");
        var silo = Pick(cluster.Bind, cluster.SiloPort, "Cluster:SiloPort (--silo-port)");
        var gateway = Pick(cluster.Bind, cluster.GatewayPort, "Cluster:GatewayPort (--gateway-port)");
        return new SiloPorts(api, silo, gateway, cluster.AdvertisedAddress());
    }

    private static bool HasChosenPorts(SiloOptions options, ClusteringOptions cluster) => options.Port == 0 || cluster.SiloPort == 0 || cluster.GatewayPort == 0;

    private static bool IsAddressInUse(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or Microsoft.AspNetCore.Connections.AddressInUseException) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse)) return true;
        }
        return false;
    }

    /// <summary>
    /// A port that is free now, for "port 0". The silo binds it only after Orleans and the store started, seconds later;
    /// a port the OS handed out from its ephemeral range could by then be the local end of any outgoing connection (a
    /// model call, a database connection), so the port is picked below that range, where only a listener that asks
    /// for it by number can take it.
    /// </summary>
    internal static int FreePort(IPAddress address, IReadOnlySet<int>? avoid = null)
    {
        var below = EphemeralRangeStart();
        for (var attempt = 0; attempt < 50 && below > 10_000; attempt++)
        {
            var port = Random.Shared.Next(10_000, below);
            if (avoid?.Contains(port) == true) continue;
            try
            {
                using var candidate = new TcpListener(address, port);
                candidate.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        using var probe = new TcpListener(address, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>The first port of the OS's ephemeral range (Linux says; elsewhere the IANA range's start).</summary>
    private static int EphemeralRangeStart()
    {
        const string linux = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (File.Exists(linux) && int.TryParse(File.ReadAllText(linux).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start)) return start;
        }
        catch (IOException)
        {
        }
        return 49_152;
    }

    /// <summary>Logs go to stderr, so a command's output on stdout (JSON with --json) stays clean.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, LogLevel level)
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
        // Orleans reports its own comings and goings at Information; a silo's log keeps its warnings and errors.
        logging.AddFilter("Orleans", level > LogLevel.Warning ? level : LogLevel.Warning);
        logging.AddFilter("System", LogLevel.Warning);
        // Orleans runs placement through a Polly pipeline that logs every attempt at Information.
        logging.AddFilter("Polly", LogLevel.Warning);
        // Orleans 10.4's watchdog reads one of its clocks before setting it and reports a stall of the machine's uptime at
        // every start; a genuine stall still counts in the silo's health score, which membership acts on.
        logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
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
