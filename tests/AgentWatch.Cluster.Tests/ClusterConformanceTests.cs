using AgentWatch.Runtime;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Cluster.Tests;

/// <summary>
/// The cluster's guarantees, run against each store (as Orleans' MembershipTableTestsBase is): membership, single
/// activation, calls between silos, state that follows a grain, the alert stream across silos, reminders firing once.
/// </summary>
public abstract class ClusterConformanceTests : IAsyncLifetime
{
    private readonly List<TestSilo> _silos = [];
    private ClusterStore _store = null!;

    protected abstract Task<ClusterStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) await silo.DisposeAsync();
    }

    protected async Task<TestSilo> StartSiloAsync(string name, int? port = null)
    {
        var silo = await TestSilo.StartAsync(_store, name, port);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Three silos that all see each other.</summary>
    protected async Task<TestSilo[]> StartClusterAsync(int count = 3)
    {
        var silos = new TestSilo[count];
        for (var i = 0; i < count; i++) silos[i] = await StartSiloAsync($"silo{i + 1}");
        await Wait.UntilAsync(() => Task.FromResult(silos.All(s => s.Membership.ActiveSilos.Count == count)), $"all {count} silos see each other");
        return silos;
    }

    private static IMembershipTable Table(TestSilo silo) => silo.Services.GetRequiredService<IMembershipTable>();

    [Fact]
    public async Task Silos_join_heartbeat_and_leave_cleanly()
    {
        var silos = await StartClusterAsync();
        var rows = await Table(silos[0]).ReadAllAsync(default);
        Assert.Equal(silos.Select(s => s.Address).Order(Comparer<SiloAddress>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))),
            rows.Where(r => r.Status == SiloStatus.Active).Select(r => r.Address).Order(Comparer<SiloAddress>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))));
        Assert.All(rows, r => Assert.True(r.HeartbeatAge < TimeSpan.FromSeconds(1), $"{r.Address} heartbeat is {r.HeartbeatAge} old"));

        await silos[2].StopAsync();
        var after = await Table(silos[0]).ReadAllAsync(default);
        Assert.Equal(SiloStatus.Dead, after.Single(r => r.Address == silos[2].Address).Status);
        await Wait.UntilAsync(() => Task.FromResult(silos[0].Membership.ActiveSilos.Count == 2), "the others see the silo gone");
    }

    [Fact]
    public async Task A_silo_whose_heartbeats_stop_is_declared_dead_and_its_directory_entries_are_removed()
    {
        var silos = await StartClusterAsync(2);
        // A member that joined and then went silent, as after kill -9: no process behind it, no heartbeats.
        var ghost = new SiloAddress("127.0.0.1", TestSilo.FreePort(), DateTime.UtcNow.Ticks);
        await Table(silos[0]).JoinAsync(ghost, null, default);
        var directory = silos[0].Services.GetRequiredService<IGrainDirectory>();
        await directory.RegisterAsync(new GrainId("counter", "held-by-ghost"), ghost, null, default);

        await Wait.UntilAsync(async () => (await Table(silos[1]).ReadAllAsync(default)).Single(r => r.Address == ghost).Status == SiloStatus.Dead,
            "the silent member is declared dead", TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(async () => await directory.LookupAsync(new GrainId("counter", "held-by-ghost"), default) is null, "its directory entries are removed");

        // Its grain activates on a live silo at the next call, and the dead row is never revived.
        Assert.Equal(1, await silos[1].Grains.GetGrain<ICounterGrain>("held-by-ghost").IncrementAsync());
        await Table(silos[0]).SetStatusAsync(ghost, SiloStatus.Active, default);
        Assert.Equal(SiloStatus.Dead, (await Table(silos[0]).ReadAllAsync(default)).Single(r => r.Address == ghost).Status);
    }

    [Fact]
    public async Task A_silo_that_reads_itself_dead_stops_itself()
    {
        var silos = await StartClusterAsync(2);
        await Table(silos[0]).SetStatusAsync(silos[1].Address, SiloStatus.Dead, default);
        await Wait.UntilAsync(() => Task.FromResult(silos[1].Stopping.IsCancellationRequested), "the silo declared dead stops itself", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_grain_has_one_activation_across_the_cluster_under_concurrent_calls_from_every_silo()
    {
        var silos = await StartClusterAsync();
        var calls = Enumerable.Range(0, 600).Select(i => Task.Run(() => silos[i % 3].Grains.GetGrain<ICounterGrain>("contended").IncrementAsync()));
        var results = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(1, 600), results.Order());
        Assert.Equal(1, silos.Sum(s => s.Log.Activations("contended")));
        var owner = await silos[0].Services.GetRequiredService<IGrainDirectory>().LookupAsync(new GrainId("counter", "contended"), default);
        Assert.Equal(await silos[1].Grains.GetGrain<ICounterGrain>("contended").WhereAsync(), silos.Single(s => s.Address == owner).Name);
    }

    [Fact]
    public async Task Many_grains_spread_over_the_silos_each_activated_once()
    {
        var silos = await StartClusterAsync();
        var keys = Enumerable.Range(0, 60).Select(i => $"spread-{i}").ToList();
        await Task.WhenAll(keys.SelectMany(k => silos.Select(s => s.Grains.GetGrain<ICounterGrain>(k).IncrementAsync())));
        foreach (var k in keys) Assert.Equal(1, silos.Sum(s => s.Log.Activations(k)));
        Assert.All(silos, s => Assert.True(s.Runtime.ActivationCount > 0, $"{s.Name} holds no grain: placement is not spreading them"));
        foreach (var k in keys) Assert.Equal(3, await silos[0].Grains.GetGrain<ICounterGrain>(k).GetAsync());
    }

    [Fact]
    public async Task A_prefer_local_grain_activates_where_it_is_first_called_and_stays_single_when_silos_race()
    {
        var silos = await StartClusterAsync();
        for (var i = 0; i < 3; i++)
        {
            var grain = silos[i].Grains.GetGrain<ILocalCounterGrain>($"local-{i}");
            Assert.Equal(silos[i].Name, await grain.WhereAsync());
            Assert.Equal(silos[i].Name, await silos[(i + 1) % 3].Grains.GetGrain<ILocalCounterGrain>($"local-{i}").WhereAsync());
        }

        // Every silo calls the same new grains at once: each would place them at home; the directory keeps one.
        var keys = Enumerable.Range(0, 30).Select(i => $"raced-{i}").ToList();
        await Task.WhenAll(keys.SelectMany(k => Enumerable.Range(0, 3).SelectMany(i => Enumerable.Range(0, 5).Select(_ => silos[i].Grains.GetGrain<ILocalCounterGrain>(k).IncrementAsync()))));
        foreach (var k in keys)
        {
            Assert.Equal(1, silos.Sum(s => s.Log.Activations(k)));
            Assert.Equal(16, await silos[0].Grains.GetGrain<ILocalCounterGrain>(k).IncrementAsync());
        }
    }

    [Fact]
    public async Task An_exception_thrown_on_another_silo_reaches_the_caller_with_its_type_and_message_and_a_cycle_fails_fast()
    {
        var silos = await StartClusterAsync();
        var remoteKey = Enumerable.Range(0, 100).Select(i => $"p{i}").First(k => Placement.Choose(new GrainId("ping", k), silos.Select(s => s.Address).ToList()) != silos[0].Address);
        var grain = silos[0].Grains.GetGrain<IPingGrain>(remoteKey);
        Assert.NotEqual(silos[0].Name, await grain.WhereAsync());
        var ex = await Assert.ThrowsAsync<FaultException>(() => grain.ThrowAsync("from far away"));
        Assert.Equal("from far away", ex.Message);

        var cycle = await Assert.ThrowsAsync<GrainCallCycleException>(() => grain.CallAsync("elsewhere", 2));
        Assert.Equal(new GrainId("ping", remoteKey), cycle.Cycle[0]);
        Assert.Equal(new GrainId("ping", remoteKey), cycle.Cycle[^1]);
    }

    [Fact]
    public async Task A_call_to_another_silo_continues_the_callers_trace_there()
    {
        var silos = await StartClusterAsync(2);
        var remoteKey = Enumerable.Range(0, 100).Select(i => $"t{i}").First(k => Placement.Choose(new GrainId("ping", k), silos.Select(s => s.Address).ToList()) == silos[1].Address);
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var source = new System.Diagnostics.ActivitySource("AgentWatch.Tests");
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name is "AgentWatch.Tests" || s.Name == RuntimeTelemetry.SourceName,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);

        using (var root = source.StartActivity("test call")!)
        {
            Assert.Equal(silos[1].Name, await silos[0].Grains.GetGrain<IPingGrain>(remoteKey).WhereAsync());
            // The remote turn's span ends just after its result is sent, so it may arrive a moment after the answer.
            bool Mine(System.Diagnostics.Activity a) => a.TraceId == root.TraceId && (string?)a.GetTagItem("grain.key") == remoteKey;
            await Wait.UntilAsync(() => Task.FromResult(spans.Any(Mine)), "the remote turn's span ends");
            var turn = Assert.Single(spans, Mine);
            Assert.Equal(root.SpanId, turn.ParentSpanId);
            Assert.Equal(silos[1].Address.ToString(), turn.GetTagItem("silo"));
            Assert.Equal("ping", turn.GetTagItem("grain.type"));
            Assert.Contains("WhereAsync", (string?)turn.GetTagItem("grain.method"));
        }
    }

    [Fact]
    public async Task A_grain_whose_silo_leaves_reactivates_elsewhere_with_its_written_state()
    {
        var silos = await StartClusterAsync();
        var grain = silos[0].Grains.GetGrain<ICounterGrain>("mover");
        for (var i = 0; i < 5; i++) await grain.IncrementAsync();
        var holder = silos.Single(s => s.Name == grain.WhereAsync().Result);
        await holder.StopAsync();

        var survivor = silos.First(s => s != holder);
        Assert.Equal(6, await survivor.Grains.GetGrain<ICounterGrain>("mover").IncrementAsync());
        Assert.NotEqual(holder.Name, await survivor.Grains.GetGrain<ICounterGrain>("mover").WhereAsync());
    }

    [Fact]
    public async Task A_silo_that_comes_back_on_the_same_port_is_a_new_generation()
    {
        var silos = await StartClusterAsync(2);
        var port = silos[1].Port;
        var old = silos[1].Address;
        await silos[1].StopAsync();
        var back = await StartSiloAsync("silo2-again", port);
        Assert.Equal(old.Port, back.Address.Port);
        Assert.NotEqual(old.Generation, back.Address.Generation);
        var rows = await Table(silos[0]).ReadAllAsync(default);
        Assert.Equal(SiloStatus.Dead, rows.Single(r => r.Address == old).Status);
        Assert.Equal(SiloStatus.Active, rows.Single(r => r.Address == back.Address).Status);
    }

    [Fact]
    public async Task Two_activations_of_one_grain_in_a_failure_window_cannot_lose_an_update()
    {
        var silos = await StartClusterAsync(2);
        var first = silos[0].Grains.GetGrain<ICounterGrain>("split");
        await first.IncrementAsync();
        var owner = silos.Single(s => s.Name == first.WhereAsync().Result);
        var other = silos.Single(s => s != owner);

        // The failure window: the directory forgets the owner (as when its silo is wrongly declared dead) while its
        // activation lives on, and the other silo activates the grain too.
        await other.Services.GetRequiredService<IGrainDirectory>().UnregisterAsync(new GrainId("counter", "split"), owner.Address, default);
        var request = new RemoteRequest("counter", "split", typeof(ICounterGrain).GetMethod(nameof(ICounterGrain.IncrementAsync))!.DeclaringType!.FullName + ".IncrementAsync()", [], null, 1);
        var viaOther = await other.Runtime.ReceiveAsync(request);
        Assert.Null(viaOther.Exception);
        Assert.Equal(2, other.Log.Activations("split") + owner.Log.Activations("split"));

        // The older activation's next write is refused (its version is stale) instead of overwriting; nothing is lost.
        var refused = await owner.Runtime.ReceiveAsync(request);
        Assert.Equal(typeof(InconsistentStateException).FullName, refused.Exception?.Type);
        var total = await other.Grains.GetGrain<ICounterGrain>("split").IncrementAsync();
        Assert.Equal(3, total);
    }

    [Fact]
    public async Task The_alert_stream_is_shared_pushed_live_to_every_silo_and_resumable_on_any()
    {
        var silos = await StartClusterAsync();
        var streams = silos.Select(s => s.Services.GetRequiredService<IStreamProvider>().GetStream<string>("alerts")).ToArray();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new List<StreamEvent<string>>();
        var subscriber = Task.Run(async () =>
        {
            await foreach (var e in streams[2].SubscribeAsync(0, cts.Token))
            {
                received.Add(e);
                if (received.Count == 30) break;
            }
        });
        // Appends from every silo, some repeating an event id another silo already appended.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => streams[i % 3].AppendAsync($"a{i}", $"alert {i}")));
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => streams[(i + 1) % 3].AppendAsync($"a{i}", $"again {i}")));
        await subscriber;

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), received.Select(e => e.Sequence));
        Assert.Equal(30, received.Select(e => e.EventId).Distinct().Count());
        Assert.DoesNotContain(received, e => e.Payload.StartsWith("again", StringComparison.Ordinal));
        var resumed = await streams[1].ReadAsync(25, 100);
        Assert.Equal([26L, 27, 28, 29, 30], resumed.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_reminder_fires_once_per_tick_across_the_cluster()
    {
        var silos = await StartClusterAsync();
        var grain = silos[0].Grains.GetGrain<ITickGrain>("ticker");
        await grain.StartAsync(periodMs: 300);
        await Task.Delay(3000);
        await grain.StopAsync();
        var delivered = await silos[1].Grains.GetGrain<ITickGrain>("ticker").DeliveredAsync();
        // Every silo polls the reminder table; without the claim a tick would reach the grain from more than one.
        Assert.True(delivered.Count >= 5, $"only {delivered.Count} ticks in 3 s at a 300 ms period");
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
    }
}

public sealed class SharedSqliteClusterTests : ClusterConformanceTests
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "agentwatch-cluster-tests", Guid.NewGuid().ToString("N"));

    protected override Task<ClusterStore> CreateStoreAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.FromResult<ClusterStore>(new ClusterStore.SharedSqlite(Path.Combine(_dir, "agentwatch.db")));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresClusterTests(PostgresFixture postgres) : ClusterConformanceTests
{
    protected override async Task<ClusterStore> CreateStoreAsync() => new ClusterStore.Postgres(await postgres.CreateDatabaseAsync());
}
