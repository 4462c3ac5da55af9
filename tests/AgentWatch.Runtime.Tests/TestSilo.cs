using AgentWatch.Runtime;
using AgentWatch.Runtime.Core;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Runtime.Tests;

/// <summary>
/// A silo in the test process: the real runtime with the test grains, serialized calls on, and either in-memory or
/// SQLite storage. Disposing it stops it the way a host would.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly List<IHostedService> _hosted;

    private TestSilo(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = provider.GetServices<IHostedService>().ToList();
    }

    public IServiceProvider Services => _provider;
    public IGrainFactory Grains => _provider.GetRequiredService<IGrainFactory>();
    public GrainRuntime Runtime => _provider.GetRequiredService<GrainRuntime>();
    public LifecycleLog Log => _provider.GetRequiredService<LifecycleLog>();

    public static async Task<TestSilo> StartAsync(string? sqlitePath = null, Action<GrainRuntimeOptions>? configure = null, LifecycleLog? log = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(log ?? new LifecycleLog());
        services.AddGrainRuntime(b => b.AddGrains(typeof(TestSilo).Assembly).Configure(o =>
        {
            o.SerializeCalls = true;
            o.ReminderPollInterval = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        }));
        if (sqlitePath is not null) services.AddSqliteStorage(o => o.DatabasePath = sqlitePath);
        var silo = new TestSilo(services.BuildServiceProvider());
        foreach (var hosted in silo._hosted) await hosted.StartAsync(CancellationToken.None);
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosted.Count - 1; i >= 0; i--) await _hosted[i].StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }
}

/// <summary>A temporary directory removed when the test ends.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "agentwatch-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public static class Eventually
{
    /// <summary>Waits for a condition that another thread makes true; fails with <paramref name="what"/> after the limit.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(20);
        }
        Assert.Fail($"Timed out waiting until {what}.");
    }
}
