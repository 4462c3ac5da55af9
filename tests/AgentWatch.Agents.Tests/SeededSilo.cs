using AgentWatch.Abstractions.Api;
using AgentWatch.Silo;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Agents.Tests;

/// <summary>One embedded silo with the built-in dataset, shared by the tests of a collection.</summary>
public sealed class SeededSilo : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "agentwatch-agents-tests", Guid.NewGuid().ToString("N"));
    private SiloHost _host = null!;

    public IAgentWatchApi Api => _host.Api;

    public async Task InitializeAsync()
    {
        _host = await SiloHost.StartAsync(new SiloLaunch
        {
            Listen = false,
            Overrides = new Dictionary<string, string?> { ["Silo:DataDirectory"] = _data, ["Brief:Daily"] = "false" },
            LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning,
        });
        // A serving silo's newsdesk reads the built-in news in the background soon after start; the tests ask about its
        // alerts ("any short-seller warnings?"), so the silo they share has read all of it first, as one that has been
        // up a while has. (Its own loop and this call claim items under a lease, so none is read twice.)
        var newsdesk = _host.Services.GetRequiredService<AgentWatch.Agents.Newsdesk.NewsdeskService>();
        while (await newsdesk.CatchUpAsync(CancellationToken.None) > 0) { }
    }

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
