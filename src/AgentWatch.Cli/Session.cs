using AgentWatch.Abstractions.Api;
using AgentWatch.Client;
using AgentWatch.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Cli;

/// <summary>A command that reads or changes a store was pointed at a folder that has none.</summary>
public sealed class NoStoreException(string directory) : Exception(
    $"{directory} holds no AgentWatch store (no agentwatch.db there); nothing was created. Make one with " +
    $"`agentwatch seed --data {directory}` (the built-in dataset) or start a silo on it with `agentwatch silo --data {directory}`; " +
    "or point --data at an existing data directory, or --silo at a running silo.")
{
    public string Directory { get; } = directory;
}

/// <summary>The options every command shares.</summary>
public sealed record GlobalOptions(string? Silo, string? Data, string? Config, string? ApiKey, bool Json, bool Verbose);

/// <summary>
/// What a command talks to: the running cluster as an Orleans client (when a silo holds the data directory, or the
/// configured cluster is PostgreSQL), a silo over HTTP (<c>--silo URL</c>), or, when no silo runs, a silo started in
/// this process on the data directory.
/// </summary>
public sealed class Session : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owned;

    private Session(IAgentWatchApi api, IAsyncDisposable? owned, SiloHost? embedded, string description)
    {
        Api = api;
        _owned = owned;
        Embedded = embedded;
        Description = description;
    }

    public IAgentWatchApi Api { get; }
    public string Description { get; }

    private SiloHost? Embedded { get; }

    /// <summary>The embedded silo's startup report (whether it loaded the built-in dataset); null for a running cluster.</summary>
    public StartupReport? Startup => Embedded?.Startup;

    /// <summary>The embedded silo's services (its agents, for a model's reading of earnings texts); null for a running cluster.</summary>
    public IServiceProvider? EmbeddedServices => Embedded?.Services;

    /// <param name="mayCreate">Whether a data directory with no store may get a new one (only <c>seed</c> does; <c>silo</c> and
    /// <c>demo</c> start their silos themselves). Any other command pointed at the wrong folder fails instead of quietly
    /// starting an empty store there.</param>
    public static async Task<Session> OpenAsync(GlobalOptions options, CancellationToken cancellationToken, bool mayCreate = false)
    {
        var apiKey = options.ApiKey ?? Environment.GetEnvironmentVariable("AGENTWATCH_API_KEY");
        if (options.Silo is { } url)
        {
            var client = new AgentWatchClient(ParseUrl(url), apiKey);
            return new Session(client, new DisposeAction(client.Dispose), null, url);
        }
        var configuration = AgentWatchConfiguration.Build(options.Config, Overrides(options));
        var silo = configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        var mode = silo.ClusterMode;
        if (mode.Kind == ClusterKind.Postgres)
            return await ConnectAsync(configuration, mode, Path.GetFullPath(silo.DatabasePath), options, $"the cluster on {silo.Cluster.Split(';').FirstOrDefault(p => p.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)) ?? "PostgreSQL"}", cancellationToken);
        var data = Path.GetFullPath(silo.DataDirectory);
        // A silo running on the directory says so in it: connect at once, without preparing a silo of our own first.
        if (DataDirectoryLock.ReadHolder(data) is not null)
            return await ConnectAsync(configuration, ClusterMode.Parse("local"), Path.Combine(data, "agentwatch.db"), options, $"the silos running on {data}", cancellationToken);
        if (!mayCreate && !File.Exists(silo.DatabasePath)) throw new NoStoreException(data);
        try
        {
            var host = await SiloHost.StartAsync(new SiloLaunch
            {
                ConfigDirectory = options.Config,
                Overrides = Overrides(options),
                Listen = false,
                LogLevel = options.Verbose ? LogLevel.Information : LogLevel.Warning,
            }, cancellationToken);
            return new Session(host.Api, host, host, $"embedded silo on {host.Options.DataDirectory}");
        }
        catch (SiloLockedException locked) when (locked.Holder is not null)
        {
            // A silo (or a local cluster) started on this data directory meanwhile: join it as a client, through its membership table.
            return await ConnectAsync(configuration, ClusterMode.Parse("local"), Path.Combine(data, "agentwatch.db"), options, $"the silos running on {data}", cancellationToken);
        }
    }

    private static async Task<Session> ConnectAsync(IConfiguration configuration, ClusterMode mode, string databasePath, GlobalOptions options, string description, CancellationToken cancellationToken)
    {
        var cluster = configuration.GetSection(ClusteringOptions.SectionName).Get<ClusteringOptions>() ?? new ClusteringOptions();
        var runtime = configuration.GetSection(RuntimeOptions.SectionName).Get<RuntimeOptions>() ?? new RuntimeOptions();
        var settings = new ClusterClientSettings(ClusterDatabase.For(mode, databasePath), cluster)
        {
            ResponseTimeout = runtime.CallTimeout,
            Logging = options.Verbose ? logging => SiloHost.ConfigureLogging(logging, LogLevel.Information) : null,
        };
        try
        {
            var connection = await ClusterConnection.ConnectAsync(settings, cancellationToken);
            Console.Error.WriteLine($"Using {description} (as an Orleans client, through their gateways).");
            return new Session(connection.Api, connection, null, description);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"Could not reach {description}: {ClientErrors.Describe(ex)}", ex);
        }
    }

    /// <summary>Command-line options that become settings.</summary>
    public static Dictionary<string, string?> Overrides(GlobalOptions options) => new()
    {
        ["Silo:DataDirectory"] = options.Data,
    };

    public static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{url}' is not a silo address; use one like http://127.0.0.1:5080.");
        return uri;
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null) await _owned.DisposeAsync();
    }

    private sealed class DisposeAction(Action dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            dispose();
            return ValueTask.CompletedTask;
        }
    }
}
