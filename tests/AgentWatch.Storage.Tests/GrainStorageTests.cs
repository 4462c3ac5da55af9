using System.Text.Json;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Storage;

namespace AgentWatch.Storage.Tests;

/// <summary>
/// Orleans' ADO.NET grain storage (<c>AdoNetGrainStorage</c>, from <c>AddAdoNetGrainStorage</c>) on our schema, with the
/// default binary serializer and with System.Text.Json: the ETag contract (no ETag = must not exist yet; a stale ETag
/// writes nothing and throws <see cref="InconsistentStateException"/>), clearing, and the grain identity columns.
/// </summary>
public abstract class GrainStorageTests(IDatabaseTarget target) : ConformanceTest(target)
{
    private const string GrainTypeName = "AgentWatch.Storage.Tests.SampleGrain";
    private const string Text = "Grüße, Ünïcödé — 日本語のテキスト — 🚀 \"quoted\" 'single' \\ back";

    public static TheoryData<string> Providers => [OrleansHosts.DefaultStorage, OrleansHosts.BinaryStorage, OrleansHosts.JsonStorage];

    private async Task<IGrainStorage> StorageAsync(TestDatabase database, string provider, ClusterIdentity? identity = null) =>
        await OrleansHosts.StartGrainStorageAsync(Silo(database, identity ?? ClusterIdentity.New()), provider);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_new_state_is_written_and_read_back_whole(string provider)
    {
        var database = await NewStoreAsync();
        var storage = await StorageAsync(database, provider);
        var grain = NewGrain();

        var missing = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainTypeName, grain, missing);
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);

        var written = new GrainState<SampleState>(new SampleState { Number = 42, Text = Text, Tags = ["ä", "b", Text] });
        await storage.WriteStateAsync(GrainTypeName, grain, written);
        Assert.True(written.RecordExists);
        Assert.False(string.IsNullOrEmpty(written.ETag));

        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainTypeName, grain, read);
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(42, read.State!.Number);
        Assert.Equal(Text, read.State!.Text);
        Assert.Equal(["ä", "b", Text], read.State!.Tags);

        // The serializer chosen for the provider is what reaches the table: JSON text for the default and for
        // System.Text.Json, Orleans' binary format (not JSON) for the binary one.
        var payload = (byte[])(await database.ScalarAsync("SELECT PayloadBinary FROM OrleansStorage;"))!;
        if (provider == OrleansHosts.BinaryStorage)
        {
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(payload));
        }
        else
        {
            using var json = JsonDocument.Parse(payload);
            Assert.Equal(Text, json.RootElement.EnumerateObject().Single(p => p.NameEquals("Text") || p.NameEquals("text")).Value.GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_update_with_the_current_etag_is_stored_under_a_new_etag(string provider)
    {
        var database = await NewStoreAsync();
        var storage = await StorageAsync(database, provider);
        var grain = NewGrain();
        var state = new GrainState<SampleState>(new SampleState { Number = 1 });
        await storage.WriteStateAsync(GrainTypeName, grain, state);
        var first = state.ETag;

        state.State!.Number = 2;
        state.State!.Text = Text;
        await storage.WriteStateAsync(GrainTypeName, grain, state);

        Assert.NotEqual(first, state.ETag);
        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainTypeName, grain, read);
        Assert.Equal(2, read.State!.Number);
        Assert.Equal(Text, read.State!.Text);
        Assert.Equal(state.ETag, read.ETag);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stale_or_missing_etag_throws_and_leaves_the_stored_state(string provider)
    {
        var database = await NewStoreAsync();
        var storage = await StorageAsync(database, provider);
        var grain = NewGrain();
        var state = new GrainState<SampleState>(new SampleState { Number = 1 });
        await storage.WriteStateAsync(GrainTypeName, grain, state);
        var stale = state.ETag;
        state.State!.Number = 2;
        await storage.WriteStateAsync(GrainTypeName, grain, state);

        var late = new GrainState<SampleState>(new SampleState { Number = 3 }, stale) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainTypeName, grain, late));
        var duplicateActivation = new GrainState<SampleState>(new SampleState { Number = 4 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainTypeName, grain, duplicateActivation));
        var unknown = new GrainState<SampleState>(new SampleState { Number = 5 }, "987654") { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainTypeName, NewGrain(), unknown));

        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainTypeName, grain, read);
        Assert.Equal(2, read.State!.Number);
        Assert.Equal(state.ETag, read.ETag);
        Assert.Equal(1, await database.CountAsync("SELECT COUNT(*) FROM OrleansStorage;"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_writers_holding_one_etag_leave_exactly_one_winner(string provider)
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var storages = new[] { await StorageAsync(database, provider, identity), await StorageAsync(database, provider, identity) };
        var grain = NewGrain();
        var state = new GrainState<SampleState>(new SampleState { Number = 0 });
        await storages[0].WriteStateAsync(GrainTypeName, grain, state);

        await RaceAsync(32, async i =>
        {
            await storages[i % 2].ReadStateAsync(GrainTypeName, grain, new GrainState<SampleState>());
            return i;
        });

        var attempts = await RaceAsync(32, async i =>
        {
            var mine = new GrainState<SampleState>(new SampleState { Number = i + 1 }, state.ETag) { RecordExists = true };
            try
            {
                await storages[i % 2].WriteStateAsync(GrainTypeName, grain, mine);
                return (Number: i + 1, Won: true, mine.ETag);
            }
            catch (InconsistentStateException)
            {
                return (Number: i + 1, Won: false, ETag: (string?)null);
            }
        });

        var winner = Assert.Single(attempts, a => a.Won);
        var read = new GrainState<SampleState>();
        await storages[0].ReadStateAsync(GrainTypeName, grain, read);
        Assert.Equal(winner.Number, read.State!.Number);
        Assert.Equal(winner.ETag, read.ETag);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_cleared_state_reads_as_new_and_can_be_written_again(string provider)
    {
        var database = await NewStoreAsync();
        var storage = await StorageAsync(database, provider);
        var grain = NewGrain();
        var state = new GrainState<SampleState>(new SampleState { Number = 5, Text = Text });
        await storage.WriteStateAsync(GrainTypeName, grain, state);
        var beforeClear = state.ETag;

        await storage.ClearStateAsync(GrainTypeName, grain, state);
        Assert.False(state.RecordExists);
        Assert.NotEqual(beforeClear, state.ETag);

        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainTypeName, grain, read);
        Assert.False(read.RecordExists);
        Assert.Equal(0, read.State!.Number);
        Assert.Equal("", read.State!.Text);

        // A clear from someone holding the old ETag loses, as a write would.
        var stale = new GrainState<SampleState>(new SampleState(), beforeClear) { RecordExists = true };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainTypeName, grain, stale));

        read.State = new SampleState { Number = 6, Text = Text };
        await storage.WriteStateAsync(GrainTypeName, grain, read);
        var again = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainTypeName, grain, again);
        Assert.True(again.RecordExists);
        Assert.Equal(6, again.State!.Number);
        Assert.Equal(Text, again.State!.Text);
    }

    [Fact]
    public async Task Grains_with_similar_keys_and_types_keep_separate_states()
    {
        var database = await NewStoreAsync();
        var storage = await StorageAsync(database, OrleansHosts.BinaryStorage);
        var type = GrainType.Create("sample");
        var guid = Guid.NewGuid();
        var grains = new[]
        {
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(7)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(7, "ext")),
            GrainId.Create(type, GrainIdKeyExtensions.CreateIntegerKey(8)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
            GrainId.Create(type, GrainIdKeyExtensions.CreateGuidKey(guid, "ext2")),
            GrainId.Create(type, IdSpan.Create("x7")),
            GrainId.Create(type, IdSpan.Create("seven-ü")),
        };
        for (var i = 0; i < grains.Length; i++)
            await storage.WriteStateAsync(GrainTypeName, grains[i], new GrainState<SampleState>(new SampleState { Number = i, Text = grains[i].ToString() }));
        // The same grain under another grain type name is another state.
        await storage.WriteStateAsync(GrainTypeName + "2", grains[0], new GrainState<SampleState>(new SampleState { Number = 100 }));

        for (var i = 0; i < grains.Length; i++)
        {
            var read = new GrainState<SampleState>();
            await storage.ReadStateAsync(GrainTypeName, grains[i], read);
            Assert.Equal(i, read.State!.Number);
            Assert.Equal(grains[i].ToString(), read.State!.Text);
        }
        var other = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainTypeName + "2", grains[0], other);
        Assert.Equal(100, other.State!.Number);
        Assert.Equal(grains.Length + 1, await database.CountAsync("SELECT COUNT(*) FROM OrleansStorage;"));
    }

    /// <summary>
    /// Orleans passes the state name, not the grain type, as the "grain type" of a state, and the key without its type:
    /// two grain classes with the same key and the same state name therefore address one row. This pins that behaviour
    /// of the 10.4.2 provider (give every grain class's state its own name); our schema cannot tell them apart.
    /// </summary>
    [Fact]
    public async Task Two_grain_types_with_one_key_and_one_state_name_share_a_row()
    {
        var database = await NewStoreAsync();
        var storage = await StorageAsync(database, OrleansHosts.BinaryStorage);
        var key = GrainIdKeyExtensions.CreateIntegerKey(7);
        await storage.WriteStateAsync("state", GrainId.Create(GrainType.Create("alpha"), key), new GrainState<SampleState>(new SampleState { Number = 1 }));

        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync("state", GrainId.Create(GrainType.Create("beta"), key), read);

        Assert.True(read.RecordExists);
        Assert.Equal(1, read.State!.Number);
    }

    [Fact]
    public async Task Another_service_does_not_see_the_state()
    {
        var database = await NewStoreAsync();
        var storage = await StorageAsync(database, OrleansHosts.BinaryStorage);
        var otherService = await StorageAsync(database, OrleansHosts.BinaryStorage);
        var grain = NewGrain();
        await storage.WriteStateAsync(GrainTypeName, grain, new GrainState<SampleState>(new SampleState { Number = 1 }));

        var read = new GrainState<SampleState>();
        await otherService.ReadStateAsync(GrainTypeName, grain, read);
        Assert.False(read.RecordExists);
        var own = new GrainState<SampleState>(new SampleState { Number = 2 });
        await otherService.WriteStateAsync(GrainTypeName, grain, own);

        var first = new GrainState<SampleState>();
        await storage.ReadStateAsync(GrainTypeName, grain, first);
        Assert.Equal(1, first.State!.Number);
    }

    private static GrainId NewGrain() =>
        GrainId.Create(GrainType.Create("sample"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "key/ext#ö"));
}

public sealed class SqliteGrainStorageTests() : GrainStorageTests(new SqliteTarget())
{
    /// <summary>
    /// SQLite has one writer at a time across all processes. Orleans' writes must queue for the lock (the busy wait in
    /// <see cref="SqliteDatabase.ConnectionString"/>) rather than fail with "database is locked".
    /// </summary>
    [Fact]
    public async Task A_write_waits_for_a_write_lock_held_elsewhere_instead_of_failing()
    {
        var database = (SqliteTestDatabase)await NewStoreAsync();
        var storage = await OrleansHosts.StartGrainStorageAsync(Silo(database, ClusterIdentity.New()), OrleansHosts.BinaryStorage);
        var holdFor = TimeSpan.FromSeconds(1.5);
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await other.OpenAsync();
        await using var holding = other.BeginTransaction(deferred: false);

        var grain = GrainId.Create(GrainType.Create("sample"), GrainIdKeyExtensions.CreateIntegerKey(1));
        var writing = Task.Run(() => storage.WriteStateAsync("state", grain, new GrainState<SampleState>(new SampleState { Number = 7 })));
        await Task.Delay(holdFor);
        Assert.False(writing.IsCompleted, "the write must wait while another connection holds the write lock");
        await holding.CommitAsync();
        await writing.WaitAsync(TimeSpan.FromSeconds(30));

        var read = new GrainState<SampleState>();
        await storage.ReadStateAsync("state", grain, read);
        Assert.Equal(7, read.State!.Number);
    }
}

public sealed class PostgresGrainStorageTests(PostgresFixture server)
    : GrainStorageTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>;
