using AgentWatch.Abstractions.Api;
using AgentWatch.Client;
using AgentWatch.Silo;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Cli;

/// <summary>The options every command shares.</summary>
public sealed record GlobalOptions(string? Silo, string? Data, string? Config, string? ApiKey, bool Json, bool Verbose);

/// <summary>
/// What a command talks to: a silo started in this process on the data directory, or a running silo over HTTP
/// (<c>--silo URL</c>, or the silo that already holds the data directory).
/// </summary>
public sealed class Session : IAsyncDisposable
{
    private readonly SiloHost? _embedded;
    private readonly AgentWatchClient? _client;

    private Session(IAgentWatchApi api, SiloHost? embedded, AgentWatchClient? client, string description)
    {
        Api = api;
        _embedded = embedded;
        _client = client;
        Description = description;
    }

    public IAgentWatchApi Api { get; }
    public string Description { get; }

    /// <summary>The embedded silo's startup report (whether it loaded the built-in dataset); null for a remote silo.</summary>
    public StartupReport? Startup => _embedded?.Startup;

    /// <summary>The embedded silo's services (its agents, for a model's reading of earnings texts); null for a remote silo.</summary>
    public IServiceProvider? EmbeddedServices => _embedded?.Services;

    public static async Task<Session> OpenAsync(GlobalOptions options, CancellationToken cancellationToken)
    {
        var apiKey = options.ApiKey ?? Environment.GetEnvironmentVariable("AGENTWATCH_API_KEY");
        if (options.Silo is { } url)
        {
            var client = new AgentWatchClient(ParseUrl(url), apiKey);
            return new Session(client, null, client, url);
        }
        try
        {
            var host = await SiloHost.StartAsync(new SiloLaunch
            {
                ConfigDirectory = options.Config,
                Overrides = Overrides(options),
                Listen = false,
                LogLevel = options.Verbose ? LogLevel.Information : LogLevel.Warning,
            }, cancellationToken);
            return new Session(host.Api, host, null, $"embedded silo on {host.Options.DataDirectory}");
        }
        catch (SiloLockedException locked) when (locked.Holder?.Url is { } holderUrl)
        {
            Console.Error.WriteLine($"Using the silo running on {locked.DataDirectory} at {holderUrl} (process {locked.Holder.ProcessId}).");
            var client = new AgentWatchClient(ParseUrl(holderUrl), apiKey);
            return new Session(client, null, client, holderUrl);
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
        _client?.Dispose();
        if (_embedded is not null) await _embedded.DisposeAsync();
    }
}
