using AgentWatch.Runtime;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Storage.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentWatch.Cluster.Tests;

/// <summary>
/// The PostgreSQL store batches the writes of many callers into one transaction. These tests race two stores (two
/// silos) and many callers against each other: conditional writes keep exactly one winner, a loser never leaves half
/// its events, and a statement that fails its batch fails alone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresFixture postgres) : IAsyncLifetime
{
    private readonly List<PostgresStore> _stores = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }

    private async Task<PostgresStore[]> StoresAsync(int count)
    {
        var connection = await postgres.CreateDatabaseAsync();
        for (var i = 0; i < count; i++)
            _stores.Add(new PostgresStore(Options.Create(new PostgresStorageOptions { ConnectionString = connection }), NullLogger<PostgresStore>.Instance));
        return [.. _stores];
    }

    [Fact]
    public async Task Many_writers_racing_on_one_version_from_two_silos_leave_exactly_one_winner()
    {
        var stores = await StoresAsync(2);
        var storages = stores.Select(s => new PostgresGrainStorage(s)).ToArray();
        var key = new GrainStateKey("t", "race", "s");
        var v1 = await storages[0].WriteAsync(key, [0], null, default);

        var attempts = await Task.WhenAll(Enumerable.Range(1, 40).Select(async i =>
        {
            try
            {
                return (Won: true, Etag: await storages[i % 2].WriteAsync(key, [(byte)i], v1, default), Value: (byte)i);
            }
            catch (InconsistentStateException ex)
            {
                Assert.Contains($"expected version {v1}", ex.Message);
                return (Won: false, Etag: "", Value: (byte)i);
            }
        }));

        var winner = Assert.Single(attempts, a => a.Won);
        var stored = await storages[1].ReadAsync(key, default);
        Assert.Equal([winner.Value], stored!.Payload);
        Assert.Equal(winner.Etag, stored.Etag);
    }

    [Fact]
    public async Task Appends_racing_from_two_silos_at_one_version_keep_one_writers_events_and_the_other_writes_around_them_land()
    {
        var stores = await StoresAsync(2);
        var logs = stores.Select(s => new PostgresEventLogStorage(s)).ToArray();
        var states = stores.Select(s => new PostgresGrainStorage(s)).ToArray();
        for (var round = 0; round < 30; round++)
        {
            var key = new GrainStateKey("t", $"log-{round}", "events");
            await logs[0].AppendAsync(key, 0, [[0]], default);
            // Two silos append different events at the same version; unrelated writes travel in the same batches.
            var racers = Enumerable.Range(0, 2).Select(async side =>
            {
                try
                {
                    await logs[side].AppendAsync(key, 1, [[(byte)(10 + side)], [(byte)(20 + side)], [(byte)(30 + side)]], default);
                    return side;
                }
                catch (InconsistentStateException)
                {
                    return -1;
                }
            }).ToList();
            var bystanders = Enumerable.Range(0, 20).Select(i => states[i % 2].WriteAsync(new GrainStateKey("t", $"bystander-{round}-{i}", "s"), [(byte)i], null, default)).ToList();

            var sides = await Task.WhenAll(racers);
            var winner = Assert.Single(sides, s => s >= 0);
            var events = await logs[1].ReadAsync(key, 0, default);
            Assert.Equal([[0], [(byte)(10 + winner)], [(byte)(20 + winner)], [(byte)(30 + winner)]], events);
            Assert.All(await Task.WhenAll(bystanders), etag => Assert.Equal("1", etag));
        }
    }

    [Fact]
    public async Task A_registration_race_between_silos_has_one_owner_and_a_dead_owner_is_replaced_once()
    {
        var stores = await StoresAsync(3);
        var directories = stores.Select(s => new PostgresGrainDirectory(s)).ToArray();
        var silos = Enumerable.Range(0, 3).Select(i => new SiloAddress("127.0.0.1", 40000 + i, 1)).ToArray();
        for (var round = 0; round < 20; round++)
        {
            var grain = new GrainId("counter", $"contested-{round}");
            var owners = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => directories[i].RegisterAsync(grain, silos[i], null, default)));
            Assert.Single(owners.Distinct());

            // The owner dies; the two others race to replace it, and exactly one does.
            var dead = owners[0];
            var others = Enumerable.Range(0, 3).Where(i => silos[i] != dead).ToArray();
            var replaced = await Task.WhenAll(others.Select(i => directories[i].RegisterAsync(grain, silos[i], dead, default)));
            Assert.Single(replaced.Distinct());
            Assert.NotEqual(dead, replaced[0]);
            Assert.Equal(replaced[0], await directories[0].LookupAsync(grain, default));
        }
    }
}
