using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;
using Orleans.Runtime;

namespace AgentWatch.Storage.Tests;

/// <summary>
/// Orleans' ADO.NET membership table (<c>AdoNetClusteringTable</c>, from <c>UseAdoNetClustering</c>) on our schema: the
/// extended membership protocol's table version, its compare-and-swap writes, the heartbeat, the gateway list clients
/// read, and the clean-up of dead silos.
/// </summary>
public abstract class MembershipTableTests(IDatabaseTarget target) : ConformanceTest(target)
{
    private int _nextPort = 21000;

    private async Task<IMembershipTable> TableAsync(TestDatabase database, ClusterIdentity identity)
    {
        var table = Silo(database, identity).Services.GetRequiredService<IMembershipTable>();
        await table.InitializeMembershipTableAsync(true);
        return table;
    }

    [Fact]
    public async Task Initialising_creates_one_empty_version_row()
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var table = await TableAsync(database, identity);
        await table.InitializeMembershipTableAsync(true);

        var data = await table.ReadAllAsync();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal("0", data.Version.VersionEtag);
        Assert.Equal(1, await database.CountAsync("SELECT COUNT(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = @d;", ("d", identity.ClusterId)));
    }

    [Fact]
    public async Task An_inserted_silo_reads_back_whole_by_row_and_in_the_table()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database, ClusterIdentity.New());
        var entry = NewEntry(SiloStatus.Joining);

        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        var row = await table.ReadRowAsync(entry.SiloAddress);
        var (read, etag) = Assert.Single(row.Members);
        AssertSameEntry(entry, read, includeSuspects: false);
        Assert.Equal(1, row.Version.Version);
        Assert.Equal(row.Version.VersionEtag, etag);

        var all = await table.ReadAllAsync();
        AssertSameEntry(entry, Assert.Single(all.Members).Item1, includeSuspects: false);
        Assert.Equal(1, all.Version.Version);

        // A silo that is not in the table still gets the table version back, with no member.
        var absent = await table.ReadRowAsync(NewEntry().SiloAddress);
        Assert.Empty(absent.Members);
        Assert.Equal(1, absent.Version.Version);
    }

    [Fact]
    public async Task An_insert_with_a_stale_table_version_or_a_duplicate_changes_nothing()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database, ClusterIdentity.New());
        var first = NewEntry();
        var stale = (await table.ReadAllAsync()).Version.Next();
        Assert.True(await table.InsertRowAsync(first, stale));

        Assert.False(await table.InsertRowAsync(NewEntry(), stale), "a second insert on the same table version must lose");
        Assert.False(await table.InsertRowAsync(first, (await table.ReadAllAsync()).Version.Next()), "a silo cannot be inserted twice");

        var data = await table.ReadAllAsync();
        Assert.Equal(first.SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Concurrent_inserts_on_one_table_version_admit_exactly_one()
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var tables = new[] { await TableAsync(database, identity), await TableAsync(database, identity) };
        var version = (await tables[0].ReadAllAsync()).Version.Next();
        var entries = Enumerable.Range(0, Racers).Select(_ => NewEntry()).ToArray();
        await WarmUpAsync(tables);

        var results = await RaceAsync(entries.Length, i => tables[i % 2].InsertRowAsync(entries[i], version));

        Assert.Single(results, r => r);
        var data = await tables[0].ReadAllAsync();
        var winner = entries[Array.IndexOf(results, true)];
        Assert.Equal(winner.SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task An_update_needs_the_current_etag_and_table_version()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database, ClusterIdentity.New());
        var entry = NewEntry(SiloStatus.Joining);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadRowAsync(entry.SiloAddress);
        var etag = Assert.Single(before.Members).Item2;

        var suspect = NewEntry().SiloAddress;
        entry.Status = SiloStatus.Active;
        entry.IAmAliveTime = Now().AddSeconds(1);
        entry.SuspectTimes = [Tuple.Create(suspect, Now().AddSeconds(-1)), Tuple.Create(NewEntry().SiloAddress, Now())];
        Assert.True(await table.UpdateRowAsync(entry, etag, before.Version.Next()));

        var after = await table.ReadRowAsync(entry.SiloAddress);
        AssertSameEntry(entry, Assert.Single(after.Members).Item1, includeSuspects: true);
        Assert.Equal(before.Version.Version + 1, after.Version.Version);

        // The same (now stale) etag and version again: refused, and the row keeps what the winner wrote.
        var loser = new MembershipEntry
        {
            SiloAddress = entry.SiloAddress, SiloName = entry.SiloName, HostName = entry.HostName, ProxyPort = entry.ProxyPort,
            StartTime = entry.StartTime, Status = SiloStatus.Dead, IAmAliveTime = Now().AddSeconds(2),
        };
        Assert.False(await table.UpdateRowAsync(loser, etag, before.Version.Next()));
        // The current etag with a stale table version: refused too.
        Assert.False(await table.UpdateRowAsync(loser, Assert.Single(after.Members).Item2, before.Version.Next()));

        var unchanged = await table.ReadRowAsync(entry.SiloAddress);
        AssertSameEntry(entry, Assert.Single(unchanged.Members).Item1, includeSuspects: true);
        Assert.Equal(after.Version.Version, unchanged.Version.Version);
    }

    [Fact]
    public async Task Concurrent_updates_on_one_table_version_admit_exactly_one()
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var tables = new[] { await TableAsync(database, identity), await TableAsync(database, identity) };
        var entry = NewEntry();
        Assert.True(await tables[0].InsertRowAsync(entry, (await tables[0].ReadAllAsync()).Version.Next()));
        var read = await tables[0].ReadRowAsync(entry.SiloAddress);
        var etag = Assert.Single(read.Members).Item2;

        await WarmUpAsync(tables);

        var results = await RaceAsync(Racers, i =>
        {
            var update = Copy(entry);
            update.Status = SiloStatus.Active;
            update.SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 40000 + i, 1), Now())];
            return tables[i % 2].UpdateRowAsync(update, etag, read.Version.Next());
        });

        Assert.Single(results, r => r);
        var winner = Array.IndexOf(results, true);
        var data = await tables[1].ReadAllAsync();
        Assert.Equal(read.Version.Version + 1, data.Version.Version);
        Assert.Equal(40000 + winner, Assert.Single(Assert.Single(data.Members).Item1.SuspectTimes!).Item1.Endpoint.Port);
    }

    [Fact]
    public async Task IAmAlive_moves_the_heartbeat_but_not_the_table_version()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database, ClusterIdentity.New());
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var before = await table.ReadAllAsync();

        var alive = Now().AddMinutes(5);
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        var after = await table.ReadAllAsync();
        var read = Assert.Single(after.Members).Item1;
        Assert.Equal(alive, read.IAmAliveTime);
        Assert.Equal(entry.StartTime, read.StartTime);
        Assert.Equal(SiloStatus.Active, read.Status);
        Assert.Equal(before.Version.Version, after.Version.Version);
    }

    [Fact]
    public async Task Clients_get_the_active_silos_of_their_cluster_at_their_gateway_ports()
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var other = ClusterIdentity.New();
        var table = await TableAsync(database, identity);
        var otherTable = await TableAsync(database, other);

        var gateway = NewEntry(SiloStatus.Active);
        var noGateway = NewEntry(SiloStatus.Active);
        noGateway.ProxyPort = 0;
        var joining = NewEntry(SiloStatus.Joining);
        var dead = NewEntry(SiloStatus.Dead);
        foreach (var entry in new[] { gateway, noGateway, joining, dead })
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        Assert.True(await otherTable.InsertRowAsync(NewEntry(SiloStatus.Active), (await otherTable.ReadAllAsync()).Version.Next()));

        var provider = Client(database, identity).Services.GetRequiredService<IGatewayListProvider>();
        await provider.InitializeGatewayListProvider();
        var gateways = await provider.GetGateways();

        var expected = SiloAddress.New(gateway.SiloAddress.Endpoint.Address, gateway.ProxyPort, gateway.SiloAddress.Generation).ToGatewayUri();
        Assert.Equal(expected, Assert.Single(gateways));
    }

    [Fact]
    public async Task A_silo_marked_dead_leaves_the_gateway_list()
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var table = await TableAsync(database, identity);
        var entry = NewEntry(SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        var provider = Client(database, identity).Services.GetRequiredService<IGatewayListProvider>();
        await provider.InitializeGatewayListProvider();
        Assert.Single(await provider.GetGateways());

        var read = await table.ReadRowAsync(entry.SiloAddress);
        var dead = Copy(entry);
        dead.Status = SiloStatus.Dead;
        Assert.True(await table.UpdateRowAsync(dead, Assert.Single(read.Members).Item2, read.Version.Next()));

        Assert.Empty(await provider.GetGateways());
        var after = await table.ReadRowAsync(entry.SiloAddress);
        Assert.Equal(SiloStatus.Dead, Assert.Single(after.Members).Item1.Status);
        Assert.Equal(read.Version.Version + 1, after.Version.Version);
    }

    [Fact]
    public async Task Clean_up_removes_dead_silos_older_than_the_cut_off_and_nothing_else()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database, ClusterIdentity.New());
        var longAgo = Now().AddDays(-10);
        var oldDead = NewEntry(SiloStatus.Dead, longAgo);
        var recentDead = NewEntry(SiloStatus.Dead);
        var oldActive = NewEntry(SiloStatus.Active, longAgo);
        var recentActive = NewEntry(SiloStatus.Active);
        foreach (var entry in new[] { oldDead, recentDead, oldActive, recentActive })
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-3));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.DoesNotContain(oldDead.SiloAddress, left);
        Assert.Contains(recentDead.SiloAddress, left);
        Assert.Contains(oldActive.SiloAddress, left);
        Assert.Contains(recentActive.SiloAddress, left);
    }

    [Fact]
    public async Task Deleting_a_deployment_removes_its_rows_and_no_others()
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var other = ClusterIdentity.New();
        var table = await TableAsync(database, identity);
        var otherTable = await TableAsync(database, other);
        Assert.True(await table.InsertRowAsync(NewEntry(SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        var kept = NewEntry(SiloStatus.Active);
        Assert.True(await otherTable.InsertRowAsync(kept, (await otherTable.ReadAllAsync()).Version.Next()));

        await table.DeleteMembershipTableEntriesAsync(identity.ClusterId);

        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM OrleansMembershipTable WHERE DeploymentId = @d;", ("d", identity.ClusterId)));
        Assert.Equal(0, await database.CountAsync("SELECT COUNT(*) FROM OrleansMembershipVersionTable WHERE DeploymentId = @d;", ("d", identity.ClusterId)));
        await table.InitializeMembershipTableAsync(true);
        var fresh = await table.ReadAllAsync();
        Assert.Empty(fresh.Members);
        Assert.Equal(0, fresh.Version.Version);

        var untouched = await otherTable.ReadAllAsync();
        Assert.Equal(kept.SiloAddress, Assert.Single(untouched.Members).Item1.SiloAddress);
        Assert.Equal(1, untouched.Version.Version);
    }

    private const int Racers = 32;

    /// <summary>Opens enough pooled connections first, so that the racers meet at the database, not at connection set-up.</summary>
    private static Task WarmUpAsync(IMembershipTable[] tables) =>
        RaceAsync(Racers, i => tables[i % 2].ReadAllAsync());

    private MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining, DateTime? at = null)
    {
        var port = Interlocked.Increment(ref _nextPort);
        var time = at ?? Now();
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, Random.Shared.Next(1, int.MaxValue)),
            SiloName = $"silo-{port}",
            HostName = "host-ä",
            Status = status,
            ProxyPort = port + 1000,
            StartTime = time,
            IAmAliveTime = time,
        };
    }

    private static MembershipEntry Copy(MembershipEntry entry) => new()
    {
        SiloAddress = entry.SiloAddress, SiloName = entry.SiloName, HostName = entry.HostName, Status = entry.Status,
        ProxyPort = entry.ProxyPort, StartTime = entry.StartTime, IAmAliveTime = entry.IAmAliveTime, SuspectTimes = entry.SuspectTimes,
    };

    /// <summary>UTC now to the millisecond: the precision suspect times keep in their text form.</summary>
    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static void AssertSameEntry(MembershipEntry expected, MembershipEntry actual, bool includeSuspects)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(DateTimeKind.Utc, actual.StartTime.Kind);
        if (!includeSuspects) return;
        Assert.Equal(
            (expected.SuspectTimes ?? []).Select(s => (s.Item1, s.Item2)),
            (actual.SuspectTimes ?? []).Select(s => (s.Item1, s.Item2)));
    }
}

public sealed class SqliteMembershipTableTests() : MembershipTableTests(new SqliteTarget());

public sealed class PostgresMembershipTableTests(PostgresFixture server)
    : MembershipTableTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>;
