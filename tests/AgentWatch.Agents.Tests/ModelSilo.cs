using AgentWatch.Abstractions.Api;
using AgentWatch.Silo;
using AgentWatch.Testing;

namespace AgentWatch.Agents.Tests;

/// <summary>
/// An embedded silo with the built-in dataset whose agents use a scripted model on loopback, through the real OpenAI
/// SDK. Each test gets its own, with its own data directory and, when it wants, its own agents folder.
/// </summary>
public sealed class ModelSilo : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "agentwatch-agent-tests", Guid.NewGuid().ToString("N"));
    private SiloHost _host = null!;

    public ScriptedModelServer Model { get; private set; } = null!;
    public IAgentWatchApi Api => _host.Api;
    public IServiceProvider Services => _host.Services;

    /// <summary>A folder of agent files read after the built-in ones (Agents:Directory).</summary>
    public string AgentsDirectory => Path.Combine(_root, "agents");

    /// <param name="listen">Serve HTTP, as <c>agentwatch silo</c> does: the sentinel runs only in a serving silo.</param>
    /// <param name="withModel">Configure the scripted model; without it the agents run offline.</param>
    /// <param name="configureServices">Services added after the silo's own (a grain call filter, a telemetry reader).</param>
    public static async Task<ModelSilo> StartAsync(TimeSpan? timeout = null, Dictionary<string, string?>? settings = null, bool listen = false, bool withModel = true,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var silo = new ModelSilo();
        Directory.CreateDirectory(silo.AgentsDirectory);
        silo.Model = await ScriptedModelServer.StartAsync();
        var overrides = new Dictionary<string, string?>
        {
            ["Silo:DataDirectory"] = Path.Combine(silo._root, "data"),
            ["Brief:Daily"] = "false",
            ["Agents:Directory"] = silo.AgentsDirectory,
            ["Agents:Model:Endpoint"] = withModel ? silo.Model.Endpoint : null,
            ["Silo:Port"] = "0",
            ["Agents:Model:Model"] = "scripted-model",
            ["Agents:Model:ApiKey"] = "test-key",
            ["Agents:Model:Timeout"] = (timeout ?? TimeSpan.FromSeconds(30)).ToString(),
        };
        foreach (var (k, v) in settings ?? []) overrides[k] = v;
        silo._host = await SiloHost.StartAsync(new SiloLaunch { Listen = listen, Overrides = overrides, LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning, ConfigureServices = configureServices });
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Model.DisposeAsync();
        try { Directory.Delete(_root, true); } catch (IOException) { }
    }
}
