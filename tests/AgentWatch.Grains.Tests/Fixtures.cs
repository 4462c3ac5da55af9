using AgentWatch.Storage;
using AgentWatch.Storage.Sqlite;
using AgentWatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace AgentWatch.Grains.Tests;

/// <summary>
/// The cluster the domain tests share: two silos, started once for the collection and disposed after its last test.
/// Two, not one, so grain calls cross silos (serialized both ways) as they do in production. Tests take their own keys
/// from <see cref="DomainCluster.Keys"/> and read the alert log filtered to them.
/// </summary>
public sealed class DomainClusterFixture : IAsyncLifetime
{
    public DomainCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await DomainCluster.StartAsync(silos: 2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DomainCollection : ICollectionFixture<DomainClusterFixture>
{
    public const string Name = "Domain cluster";
}

/// <summary>
/// A cluster of two silos for tests that kill one: its own collection, so no other test ever runs on a cluster that is
/// losing a silo. Failure detection is tuned as the production silo tunes it (AgentWatch.Silo's FailureDetection), so
/// a killed silo is declared dead within seconds; each test starts from two live silos again.
/// </summary>
public sealed class FailoverClusterFixture : IAsyncLifetime
{
    /// <summary>How long the cluster may take to agree on who is alive: generous, for a loaded CI machine.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);

    public DomainCluster Cluster { get; private set; } = null!;

    /// <summary>Holds an alert between the journal and the log, on whichever silo raises it.</summary>
    public AlertLogGate AlertGate { get; } = new();

    public async Task InitializeAsync() => Cluster = await DomainCluster.StartAsync(silos: 2, configureSilo: silo =>
    {
        // Production's failure detection, so a killed silo is declared dead as fast as in a real cluster.
        silo.Configure<ClusterMembershipOptions>(AgentWatch.Client.FailureDetection.Apply);
        silo.Services.AddSingleton<ILogStore>(sp => new GatedLogStore(new SqliteLogStore(sp.GetRequiredService<SqliteStore>()), AlertGate));
    });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>Starts silos until two are live, and waits until both count each other as active.</summary>
    public async Task EnsureTwoSilosAsync()
    {
        while (Cluster.Cluster.GetActiveSilos().Count() < 2) await Cluster.Cluster.StartAdditionalSiloAsync();
        await WaitForActiveSilosAsync(Cluster.Cluster.GetActiveSilos().Select(s => s.SiloAddress).ToArray());
    }

    /// <summary>
    /// Waits until every live silo's view of the cluster is exactly <paramref name="expected"/> active: after a kill, the
    /// dead silo must be declared so before its grains can be activated again elsewhere.
    /// </summary>
    public async Task WaitForActiveSilosAsync(IReadOnlyCollection<SiloAddress> expected) =>
        await Eventually.WaitForAsync(() => Cluster.Cluster.GetActiveSilos().All(silo =>
        {
            var active = silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values
                .Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();
            return active.SetEquals(expected);
        }), $"every live silo to count exactly {string.Join(", ", expected)} as active", Settle);
}

[CollectionDefinition(Name)]
public sealed class FailoverCollection : ICollectionFixture<FailoverClusterFixture>
{
    public const string Name = "Failover cluster";
}

/// <summary>
/// Holds the first append to the alert log of an alert about one company until the test lets it fail: the window
/// between the journal's append (the signals and the alerts they raised, in one write) and the alert log's, the window
/// a crash can cut. Armed for one company and one append; every other append passes straight through.
/// </summary>
public sealed class AlertLogGate
{
    private string? _company;
    private TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the armed append has arrived and is being held.</summary>
    public Task Reached => _reached.Task;

    public void Arm(string company)
    {
        _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _company, company);
    }

    /// <summary>Lets the held append fail, as the write of a silo that died never happens.</summary>
    public void Fail() => _release.TrySetException(new IOException("The silo died before the alert reached the log."));

    internal async Task PassAsync(string log, string eventId)
    {
        var company = Volatile.Read(ref _company);
        if (company is null || log != AlertLog.LogName || !eventId.Contains($":{company}:", StringComparison.Ordinal)) return;
        if (Interlocked.CompareExchange(ref _company, null, company) != company) return;
        _reached.TrySetResult();
        await _release.Task;
    }
}

/// <summary>The SQLite log store with an <see cref="AlertLogGate"/> in front of its appends.</summary>
public sealed class GatedLogStore(ILogStore inner, AlertLogGate gate) : ILogStore
{
    public async Task<LogAppend> AppendAsync(string log, string eventId, DateTimeOffset timestamp, byte[] payload, CancellationToken cancellationToken)
    {
        await gate.PassAsync(log, eventId);
        return await inner.AppendAsync(log, eventId, timestamp, payload, cancellationToken);
    }

    public Task<IReadOnlyList<LogEntry>> ReadAsync(string log, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        inner.ReadAsync(log, afterSequence, maxCount, cancellationToken);

    public Task<LogEntry?> FindAsync(string log, string eventId, CancellationToken cancellationToken) => inner.FindAsync(log, eventId, cancellationToken);

    public Task<long> GetLastSequenceAsync(string log, CancellationToken cancellationToken) => inner.GetLastSequenceAsync(log, cancellationToken);
}
