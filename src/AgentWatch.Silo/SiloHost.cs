using AgentWatch.Abstractions.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
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

    public static async Task<SiloHost> StartAsync(SiloLaunch launch, CancellationToken cancellationToken = default)
    {
        var configuration = AgentWatchConfiguration.Build(launch.ConfigDirectory, launch.Overrides);
        var options = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        options.DataDirectory = Path.GetFullPath(options.DataDirectory);
        if (options.Port is < 0 or > 65535) throw new ArgumentException($"Silo:Port must be 0 to 65535, not {options.Port}.");
        if (launch.Listen && !HttpApi.IsLoopback(options.Bind) && string.IsNullOrWhiteSpace(options.ApiKey))
            throw new InvalidOperationException(
                $"The silo would listen on {options.Bind}, beyond this machine, without an API key. Set Silo:ApiKey (or AGENTWATCH_Silo__ApiKey), or bind to 127.0.0.1.");

        var dataLock = DataDirectoryLock.TryAcquire(options.DataDirectory)
            ?? throw new SiloLockedException(options.DataDirectory, DataDirectoryLock.ReadHolder(options.DataDirectory));
        try
        {
            var seed = options.SeedOnFirstStart && !File.Exists(options.DatabasePath);
            var identity = new SiloIdentity(launch.Listen ? $"{Environment.MachineName}:{options.Port}" : $"embedded:{Environment.ProcessId}",
                DateTimeOffset.UtcNow, $"sqlite:{options.DatabasePath}");
            var host = launch.Listen ? BuildServer(launch, configuration, options, identity, seed) : BuildEmbedded(launch, configuration, options, identity, seed);
            await host.StartAsync(cancellationToken);

            var url = launch.Listen
                ? host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                : null;
            if (url is not null) identity.SiloId = $"{Environment.MachineName}:{new Uri(url).Port}";
            dataLock.Publish(new SiloInfo(Environment.ProcessId, url, identity.StartedAt));
            return new SiloHost(host, dataLock, options, url);
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    private static IHost BuildServer(SiloLaunch launch, IConfiguration configuration, SiloOptions options, SiloIdentity identity, bool seed)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        ConfigureLogging(builder.Logging, launch.LogLevel);
        builder.WebHost.UseKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
            k.AddServerHeader = false;
        });
        var host = options.Bind.Contains(':') ? $"[{options.Bind}]" : options.Bind;
        builder.WebHost.UseUrls($"http://{host}:{options.Port}");
        builder.Services.ConfigureHttpJsonOptions(o => HttpApi.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddAgentWatchSilo(configuration, options, identity, seed);
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        launch.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (!string.IsNullOrWhiteSpace(options.ApiKey)) app.UseApiKey(options.ApiKey);
        app.MapAgentWatchApi();
        return app;
    }

    private static IHost BuildEmbedded(SiloLaunch launch, IConfiguration configuration, SiloOptions options, SiloIdentity identity, bool seed)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddConfiguration(configuration);
        ConfigureLogging(builder.Logging, launch.LogLevel);
        builder.Services.AddAgentWatchSilo(configuration, options, identity, seed);
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        launch.ConfigureServices?.Invoke(builder.Services);
        return builder.Build();
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
