using AgentWatch.Storage.PostgreSql;
using AgentWatch.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentWatch.Storage.Tests;

/// <summary>
/// One "silo's" view of AgentWatch's own stores on a test database: the stores a silo registers, over a store instance
/// of its own (a <see cref="SqliteStore"/> with its own writer connection and group commit; a <see cref="PostgresStore"/>
/// with its own data source, pool and pipelines). Two of these on one database are two silos sharing it.
/// </summary>
public sealed class StoreInstance : IAsyncDisposable
{
    private readonly IAsyncDisposable _store;
    private bool _disposed;

    private StoreInstance(IAsyncDisposable store, ILogStore log, IJournalStore journal, ISignalIndex signals)
    {
        _store = store;
        Log = log;
        Journal = journal;
        Signals = signals;
    }

    public ILogStore Log { get; }

    public IJournalStore Journal { get; }

    public ISignalIndex Signals { get; }

    public static StoreInstance Open(TestDatabase database) => database switch
    {
        SqliteTestDatabase sqlite => OpenSqlite(sqlite.Path),
        PostgresTestDatabase postgres => OpenPostgres(postgres.ConnectionString),
        _ => throw new NotSupportedException(database.GetType().Name),
    };

    public static StoreInstance OpenSqlite(string path)
    {
        var store = new SqliteStore(new SqliteStoreOptions { DatabasePath = path }, NullLogger<SqliteStore>.Instance);
        return new StoreInstance(store, new SqliteLogStore(store), new SqliteJournalStore(store, TimeProvider.System), new SqliteSignalIndex(store));
    }

    public static StoreInstance OpenPostgres(string connectionString)
    {
        var store = new PostgresStore(connectionString, NullLogger<PostgresStore>.Instance);
        return new StoreInstance(store, new PostgresLogStore(store), new PostgresJournalStore(store), new PostgresSignalIndex(store));
    }

    /// <summary>
    /// One call through every path, so that connections are open (and statements prepared) before a race: a first call
    /// per connection spends its time connecting, which would stagger the racers.
    /// </summary>
    public async Task WarmAsync()
    {
        await Log.GetLastSequenceAsync("warm-up", default);
        await Log.ReadAsync("warm-up", 0, 1, default);
        await Journal.ReadAsync("warm-up", "warm-up", default);
        await Signals.GetAsync("warm-up", default);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _store.DisposeAsync();
    }
}

/// <summary>
/// The base of the suite over AgentWatch's own stores (<see cref="ILogStore"/>, <see cref="IJournalStore"/>,
/// <see cref="ISignalIndex"/>): the same tests against SQLite and PostgreSQL, each on a fresh database with the schema
/// the installer applies. Store instances a test opens are disposed after it.
/// </summary>
public abstract class OwnStoreTest(IDatabaseTarget target) : ConformanceTest(target), IAsyncLifetime
{
    private readonly List<StoreInstance> _instances = [];

    /// <summary>A new store instance on <paramref name="database"/>: a silo of its own, with fresh connections.</summary>
    protected StoreInstance Open(TestDatabase database)
    {
        var instance = StoreInstance.Open(database);
        _instances.Add(instance);
        return instance;
    }

    /// <summary>A new database with the schema, and one warmed-up store instance on it.</summary>
    protected async Task<(TestDatabase Database, StoreInstance Store)> NewStoresAsync()
    {
        var database = await NewStoreAsync();
        var store = Open(database);
        await store.WarmAsync();
        return (database, store);
    }

    /// <summary>
    /// Two warmed-up store instances (two silos) on one new database. With <paramref name="fastDeadlockDetection"/>, a
    /// PostgreSQL database looks for deadlocks after 50 ms rather than its default second: for tests whose races are
    /// expected to deadlock now and then (and the stores to recover), so that each one costs little time.
    /// </summary>
    protected async Task<(TestDatabase Database, StoreInstance[] Stores)> TwoSilosAsync(bool fastDeadlockDetection = false)
    {
        var database = await NewStoreAsync();
        if (fastDeadlockDetection && database is PostgresTestDatabase postgres)
        {
            // A database default: the stores' sessions, all opened below, start with it.
            var name = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString).Database;
            await postgres.ExecuteAsync($"ALTER DATABASE \"{name}\" SET deadlock_timeout = '50ms';");
        }
        var stores = new[] { Open(database), Open(database) };
        foreach (var store in stores) await store.WarmAsync();
        return (database, stores);
    }

    /// <summary>Deterministic bytes of the given length, different for every seed.</summary>
    protected static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    protected static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>Stops the store instances (so their connections and files are let go), then the databases.</summary>
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
        await base.DisposeAsync();
    }
}
