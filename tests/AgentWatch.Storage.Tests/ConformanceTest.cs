using Microsoft.Extensions.Hosting;

namespace AgentWatch.Storage.Tests;

/// <summary>
/// The base of the conformance suite: each abstract test class below runs once against SQLite and once against
/// PostgreSQL. Every test makes its own database and its own cluster identity, so tests share nothing and can run in
/// any order; hosts a test built are stopped and disposed after it.
/// </summary>
public abstract class ConformanceTest(IDatabaseTarget target) : IAsyncLifetime
{
    private readonly List<IHost> _hosts = [];
    private readonly List<IHost> _started = [];

    protected IDatabaseTarget Target => target;

    /// <summary>A new database with the schema applied.</summary>
    protected async Task<TestDatabase> NewStoreAsync()
    {
        var database = await target.CreateDatabaseAsync();
        var result = await database.ApplySchemaAsync();
        Assert.True(result.CreatedStore, $"A new database should report a created store, got {result}.");
        return database;
    }

    /// <summary>A silo host, built but not started: enough to resolve Orleans' providers from it.</summary>
    protected IHost Silo(TestDatabase database, ClusterIdentity identity, SiloPorts? ports = null, string? siloName = null)
    {
        var host = OrleansHosts.BuildSilo(database, identity, ports, siloName);
        _hosts.Add(host);
        return host;
    }

    protected IHost Client(TestDatabase database, ClusterIdentity identity)
    {
        var host = OrleansHosts.BuildClient(database, identity);
        _hosts.Add(host);
        return host;
    }

    protected async Task StartAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        _started.Add(host);
        await host.StartAsync(timeout.Token);
    }

    protected async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _started.Remove(host);
        await host.StopAsync(timeout.Token);
    }

    /// <summary>
    /// Starts <paramref name="count"/> calls at once, each on its own thread, so that they meet at the database. Warm
    /// the connection pool first (a first call per connection spends its time connecting, which staggers the racers).
    /// </summary>
    protected static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> call)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await call(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // Clients first, so that no silo waits for them; then the silos, last started first.
        static bool IsSilo(IHost host) => host.Services.GetService(typeof(Orleans.Runtime.ILocalSiloDetails)) is not null;
        var stopping = _started.AsEnumerable().Reverse().ToList();
        foreach (var host in stopping.Where(h => !IsSilo(h)).Concat(stopping.Where(IsSilo)))
        {
            try
            {
                await StopAsync(host);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
            }
        }
        foreach (var host in _hosts)
        {
            if (host is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
            else host.Dispose();
        }
        await target.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
