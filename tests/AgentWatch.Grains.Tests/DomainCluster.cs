using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Grains.Timeline;
using AgentWatch.Storage;
using AgentWatch.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace AgentWatch.Grains.Tests;

/// <summary>
/// The market grains on Orleans: an in-process test cluster (Orleans' serializer and copier on every call, its in-process
/// membership and grain directory shared by the silos), with grain state, journals, the alert log and the signal index in
/// one SQLite file of its own that every silo opens, so a grain that moves to another silo finds its state. The
/// watchlist is a <see cref="KeyPool"/>: tests sharing a cluster take keys of their own from it and never meet.
/// </summary>
public sealed class DomainCluster : IAsyncDisposable
{
    private readonly string _folder;

    private DomainCluster(InProcessTestCluster cluster, string folder, KeyPool keys)
    {
        Cluster = cluster;
        _folder = folder;
        Keys = keys;
    }

    public InProcessTestCluster Cluster { get; }
    public KeyPool Keys { get; }
    public IGrainFactory Grains => Cluster.Client;

    /// <summary>
    /// A live silo's services. Every silo's stores open the same file, so which one reads makes no difference; the first
    /// live one is taken, not a random one, so a run can be repeated as it happened.
    /// </summary>
    public IServiceProvider Services => Cluster.GetActiveSilos().First().ServiceProvider;

    public SignalIngestor Ingestor => Services.GetRequiredService<SignalIngestor>();
    public AlertLog Alerts => Services.GetRequiredService<AlertLog>();

    /// <summary>
    /// Starts a cluster of <paramref name="silos"/> silos. <paramref name="settings"/> override configuration (rules);
    /// <paramref name="configureSilo"/> adds to each silo's wiring (failure detection for tests that kill silos).
    /// </summary>
    public static async Task<DomainCluster> StartAsync(
        short silos = 1, IDictionary<string, string?>? settings = null, Action<ISiloBuilder>? configureSilo = null)
    {
        var keys = new KeyPool();
        var config = new Dictionary<string, string?>(keys.Watchlist());
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(config).Build();

        var folder = Path.Combine(Path.GetTempPath(), $"agentwatch-grains-{Guid.NewGuid():N}");
        var database = Path.Combine(folder, "agentwatch.db");
        InProcessTestCluster? cluster = null;
        try
        {
            await new SchemaInstaller().ApplySqliteAsync(database, NullLogger.Instance, CancellationToken.None);
            var connection = SqliteDatabase.ConnectionString(database);

            var builder = new InProcessTestClusterBuilder(silos);
            builder.ConfigureSilo((_, silo) =>
            {
                silo.AddAdoNetGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (OptionsBuilder<AdoNetGrainStorageOptions> storage) =>
                    storage.Configure<Serializer>((o, serializer) =>
                    {
                        o.Invariant = DatabaseInvariants.SqliteInvariant;
                        o.ConnectionString = connection;
                        o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                    }));
                silo.AddCustomStorageBasedLogConsistencyProvider(TimelineServices.JournalProvider);
                silo.UseInMemoryReminderService();
                silo.Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
                silo.Services.AddMarketDomain(configuration);
                // One store per silo, as in production: each silo has its own writer on the shared file.
                silo.Services.AddSingleton(_ => new SqliteStore(new SqliteStoreOptions { DatabasePath = database }, NullLogger<SqliteStore>.Instance));
                silo.Services.AddSingleton<IJournalStore, SqliteJournalStore>();
                silo.Services.AddSingleton<ILogStore, SqliteLogStore>();
                silo.Services.AddSingleton<ISignalIndex, SqliteSignalIndex>();
                silo.Services.AddSingleton<IBriefWriter, NoBriefs>();
                configureSilo?.Invoke(silo);
            });
            cluster = builder.Build();
            await cluster.DeployAsync();
            return new DomainCluster(cluster, folder, keys);
        }
        catch
        {
            // A cluster refused at start (an invalid setting) must not leave its folder behind.
            if (cluster is not null) await cluster.DisposeAsync();
            DeleteFolder(folder);
            throw;
        }
    }

    public Task<IngestReport> IngestAsync(params Signal[] signals) => Ingestor.IngestAsync(signals);

    /// <summary>Every alert in the log, whoever raised it: only for a cluster a test has to itself.</summary>
    public async Task<IReadOnlyList<Alert>> AllAlertsAsync()
    {
        var alerts = new List<Alert>();
        await foreach (var alert in Alerts.ReadAllAsync(0)) alerts.Add(alert);
        return alerts;
    }

    /// <summary>The alerts in the log about these companies, in log order: what one test raised on a shared cluster.</summary>
    public async Task<IReadOnlyList<Alert>> AlertsAboutAsync(params string[] companies) =>
        (await AllAlertsAsync()).Where(a => companies.Contains(a.Company, StringComparer.Ordinal)).ToList();

    /// <summary>What the signal index holds for an id, read back as a signal record; null when the id is not stored.</summary>
    public async Task<SignalRecord?> SignalAsync(string id) =>
        await Services.GetRequiredService<ISignalIndex>().GetAsync(id, CancellationToken.None) is { } stored
            ? new(AgentWatchJson.Deserialize<Signal>(stored.Payload), stored.Home, stored.RecordedAt)
            : null;

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        DeleteFolder(_folder);
    }

    private static void DeleteFolder(string folder)
    {
        // Pooled connections keep the file open; a folder with an open file cannot be deleted everywhere.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind costs disk space, not a wrong result.
        }
    }

    private sealed class NoBriefs : IBriefWriter
    {
        public Task<Brief> WriteAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken) =>
            throw new NotSupportedException("Briefs are not part of these tests.");
    }
}

/// <summary>
/// The watchlist of a test cluster, as pools of keys each handed out once: watched companies, companies listed but not
/// watched, companies on no list, watched and unwatched filers. A test takes fresh keys, so tests sharing one cluster
/// (its journals, its market grain, its alert log) never see one another's signals or alerts. Keys are numbered and
/// handed out in ascending order, so the first of several keys a test takes is also the smallest, which is where a
/// financing loop's description starts.
/// </summary>
public sealed class KeyPool
{
    // Generous: about 70 tests take at most four companies each. A pool that runs dry fails the test that asked, by name.
    private const int WatchedCompanyCount = 400;
    private const int UnwatchedCompanyCount = 100;
    private const int WatchedFilerCount = 100;
    private const int QuietFilerCount = 50;
    private const int MayYearCompanyCount = 10;

    private int _watched, _unwatched, _unlisted, _watchedFilers, _quietFilers, _mayYear;

    /// <summary>Configuration entries for the whole pool (section <c>Watchlist</c>).</summary>
    public IReadOnlyDictionary<string, string?> Watchlist()
    {
        var config = new Dictionary<string, string?>();
        for (var i = 1; i <= WatchedCompanyCount; i++) config[$"Watchlist:Companies:{WatchedKey(i)}:Name"] = $"Watched Company {i:000}";
        for (var i = 1; i <= UnwatchedCompanyCount; i++)
        {
            config[$"Watchlist:Companies:{UnwatchedKey(i)}:Name"] = $"Unwatched Company {i:000}";
            config[$"Watchlist:Companies:{UnwatchedKey(i)}:Watched"] = "false";
        }
        for (var i = 1; i <= MayYearCompanyCount; i++)
        {
            config[$"Watchlist:Companies:{MayYearKey(i)}:Name"] = $"May Year Company {i:000}";
            config[$"Watchlist:Companies:{MayYearKey(i)}:FiscalYearEndMonth"] = "5";
        }
        for (var i = 1; i <= WatchedFilerCount; i++) config[$"Watchlist:Filers:{WatchedFilerKey(i)}:Name"] = FilerName(WatchedFilerKey(i));
        for (var i = 1; i <= QuietFilerCount; i++)
        {
            config[$"Watchlist:Filers:{QuietFilerKey(i)}:Name"] = FilerName(QuietFilerKey(i));
            config[$"Watchlist:Filers:{QuietFilerKey(i)}:Watched"] = "false";
        }
        return config;
    }

    /// <summary>Fresh watched companies, in ascending key order.</summary>
    public string[] Companies(int count) => Enumerable.Range(0, count).Select(_ => WatchedKey(Take(ref _watched, WatchedCompanyCount, "watched companies"))).ToArray();

    /// <summary>A fresh watched company.</summary>
    public string Company() => Companies(1)[0];

    /// <summary>A fresh watched company whose fiscal year ends in May (as Oracle's does).</summary>
    public string MayYearCompany() => MayYearKey(Take(ref _mayYear, MayYearCompanyCount, "companies with a fiscal year to May"));

    /// <summary>A fresh company on the watchlist with <c>Watched: false</c>.</summary>
    public string UnwatchedCompany() => UnwatchedKey(Take(ref _unwatched, UnwatchedCompanyCount, "unwatched companies"));

    /// <summary>A fresh company key on no list at all.</summary>
    public string UnlistedCompany() => $"NEW{Interlocked.Increment(ref _unlisted):0000}";

    public string WatchedFiler() => WatchedFilerKey(Take(ref _watchedFilers, WatchedFilerCount, "watched filers"));

    /// <summary>A fresh filer on the watchlist with <c>Watched: false</c>.</summary>
    public string QuietFiler() => QuietFilerKey(Take(ref _quietFilers, QuietFilerCount, "quiet filers"));

    /// <summary>The display name the watchlist gives a filer key of this pool.</summary>
    public static string FilerName(string key) => key.StartsWith("quiet", StringComparison.Ordinal)
        ? $"Quiet Fund {key[^3..]}"
        : $"Watched Fund {key[^3..]}";

    private static string WatchedKey(int i) => $"W{i:000}";
    private static string UnwatchedKey(int i) => $"U{i:000}";
    private static string MayYearKey(int i) => $"M{i:000}";
    private static string WatchedFilerKey(int i) => $"watched-fund-{i:000}";
    private static string QuietFilerKey(int i) => $"quiet-fund-{i:000}";

    private static int Take(ref int counter, int size, string what)
    {
        var next = Interlocked.Increment(ref counter);
        if (next > size) throw new InvalidOperationException($"The key pool's {size} {what} are used up; enlarge {nameof(KeyPool)}.");
        return next;
    }
}

/// <summary>Lets a test name the keys it takes: <c>var (a, b) = cluster.Keys.Companies(2);</c></summary>
public static class KeyDeconstruction
{
    public static void Deconstruct(this string[] keys, out string a, out string b)
    {
        Expect(keys, 2);
        (a, b) = (keys[0], keys[1]);
    }

    public static void Deconstruct(this string[] keys, out string a, out string b, out string c)
    {
        Expect(keys, 3);
        (a, b, c) = (keys[0], keys[1], keys[2]);
    }

    public static void Deconstruct(this string[] keys, out string a, out string b, out string c, out string d)
    {
        Expect(keys, 4);
        (a, b, c, d) = (keys[0], keys[1], keys[2], keys[3]);
    }

    private static void Expect(string[] keys, int count)
    {
        if (keys.Length != count) throw new ArgumentException($"{keys.Length} keys taken, {count} named.");
    }
}
