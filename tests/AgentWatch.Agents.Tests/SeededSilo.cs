using AgentWatch.Abstractions.Api;
using AgentWatch.Silo;

namespace AgentWatch.Agents.Tests;

/// <summary>One embedded silo with the built-in dataset, shared by the tests of a collection.</summary>
public sealed class SeededSilo : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "agentwatch-agents-tests", Guid.NewGuid().ToString("N"));
    private SiloHost _host = null!;

    public IAgentWatchApi Api => _host.Api;

    public async Task InitializeAsync() => _host = await SiloHost.StartAsync(new SiloLaunch
    {
        Listen = false,
        Overrides = new Dictionary<string, string?> { ["Silo:DataDirectory"] = _data, ["Brief:Daily"] = "false" },
        LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
    });

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SeededSiloCollection : ICollectionFixture<SeededSilo>
{
    public const string Name = "seeded silo";
}
