using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentWatch.Storage.Tests;

/// <summary>
/// The installer: versioned, idempotent, safe when several silos start together, refusing a database from a newer
/// AgentWatch and leaving one of the earlier runtime untouched; and our own tables keeping their keys.
/// </summary>
public abstract class SchemaInstallerTests(IDatabaseTarget target) : ConformanceTest(target)
{
    /// <summary>The query keys Orleans 10.4.2's clustering, persistence and reminders providers look up (the contract).</summary>
    private static readonly string[] RequiredQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey", "UpdateIAmAlivetimeKey",
        "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey", "CleanupDefunctSiloEntriesKey",
        "CleanupDefunctSiloEntryKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey", "UpsertReminderRowKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    /// <summary>AgentWatch's own tables on this database.</summary>
    protected abstract string[] OwnTables { get; }

    [Fact]
    public async Task A_new_database_gets_every_version_once_and_every_query_Orleans_needs()
    {
        var database = await Target.CreateDatabaseAsync();

        var result = await database.ApplySchemaAsync();

        Assert.True(result.CreatedStore);
        Assert.Equal(0, result.FromVersion);
        Assert.Equal(SchemaInstaller.KnownVersion, result.ToVersion);
        Assert.True(SchemaInstaller.KnownVersion >= 2);
        var versions = await database.RowsAsync("SELECT version, name, applied_at FROM agentwatch_schema ORDER BY version;");
        Assert.Equal(Enumerable.Range(1, SchemaInstaller.KnownVersion), versions.Select(v => Convert.ToInt32(v[0])));
        Assert.Equal(["orleans", "agentwatch"], versions.Take(2).Select(v => (string)v[1]!));
        Assert.All(versions, v => Assert.NotNull(v[2]));

        var keys = (await database.RowsAsync("SELECT QueryKey FROM OrleansQuery;")).Select(r => (string)r[0]!).ToHashSet();
        Assert.Empty(RequiredQueryKeys.Except(keys));
        var tables = await database.TableNamesAsync();
        Assert.Empty(OwnTables.Except(tables));
    }

    [Fact]
    public async Task Applying_again_changes_nothing()
    {
        var database = await NewStoreAsync();
        var before = await database.FingerprintAsync();

        var again = await database.ApplySchemaAsync();

        Assert.Equal(new SchemaResult(SchemaInstaller.KnownVersion, SchemaInstaller.KnownVersion), again);
        Assert.False(again.CreatedStore);
        Assert.False(again.Upgraded);
        Assert.Equal(before, await database.FingerprintAsync());
    }

    [Fact]
    public async Task Installers_racing_on_a_new_database_apply_each_version_once()
    {
        var database = await Target.CreateDatabaseAsync();

        // Each installer opens its own connection, as separate silo processes would.
        var results = await RaceAsync(6, _ => database.ApplySchemaAsync());

        Assert.Single(results, r => r.CreatedStore);
        Assert.All(results, r => Assert.Equal(SchemaInstaller.KnownVersion, r.ToVersion));
        Assert.All(results.Where(r => !r.CreatedStore), r => Assert.Equal(SchemaInstaller.KnownVersion, r.FromVersion));
        var counts = await database.RowsAsync("SELECT version, COUNT(*) FROM agentwatch_schema GROUP BY version ORDER BY version;");
        Assert.Equal(Enumerable.Range(1, SchemaInstaller.KnownVersion), counts.Select(c => Convert.ToInt32(c[0])));
        Assert.All(counts, c => Assert.Equal(1, Convert.ToInt32(c[1])));
    }

    [Fact]
    public async Task A_database_from_a_newer_AgentWatch_is_refused_naming_it_and_both_versions()
    {
        var database = await NewStoreAsync();
        var newer = SchemaInstaller.KnownVersion + 1;
        await database.RecordSchemaVersionAsync(newer, "from a newer AgentWatch");
        var before = await database.FingerprintAsync();

        var refused = await Assert.ThrowsAsync<NewerSchemaException>(() => database.ApplySchemaAsync());

        Assert.Contains(database.Description, refused.Message);
        Assert.Contains($"version {newer}", refused.Message);
        Assert.Contains($"{SchemaInstaller.KnownVersion}", refused.Message);
        Assert.Equal(database.Description, refused.Database);
        Assert.Equal(newer, refused.DatabaseVersion);
        Assert.Equal(SchemaInstaller.KnownVersion, refused.KnownVersion);
        Assert.Equal(before, await database.FingerprintAsync());
    }

    [Fact]
    public async Task A_store_of_the_earlier_runtime_is_refused_and_left_untouched()
    {
        var database = await Target.CreateDatabaseAsync();
        await database.CreateLegacyStoreAsync();
        var tables = await database.TableNamesAsync();
        var before = await database.RawFingerprintAsync();

        var refused = await Assert.ThrowsAsync<LegacyStoreException>(() => database.ApplySchemaAsync());
        // A second start is refused the same way: the first refusal left nothing behind that would change the verdict.
        await Assert.ThrowsAsync<LegacyStoreException>(() => database.ApplySchemaAsync());

        Assert.Equal(database.Description, refused.Database);
        Assert.Equal(["grain_state", "schema_migrations"], refused.LegacyTables.Order());
        Assert.Contains(database.Description, refused.Message);
        Assert.Contains("earlier AgentWatch runtime", refused.Message);
        Assert.Contains("untouched", refused.Message);
        Assert.Equal(tables, await database.TableNamesAsync());
        Assert.Equal(before, await database.RawFingerprintAsync());
    }

    [Fact]
    public async Task AgentWatch_tables_keep_their_keys_and_stamp_their_times()
    {
        var database = await NewStoreAsync();
        byte[] payload = [1, 2, 3];

        await database.ExecuteAsync("INSERT INTO journal_events (grain_type, grain_key, version, payload) VALUES ('agent', 'a-ü', 1, @p);", ("p", payload));
        await database.ExecuteAsync("INSERT INTO journal_events (grain_type, grain_key, version, payload) VALUES ('agent', 'a-ü', 2, @p);", ("p", payload));
        await Assert.ThrowsAnyAsync<DbException>(() =>
            database.ExecuteAsync("INSERT INTO journal_events (grain_type, grain_key, version, payload) VALUES ('agent', 'a-ü', 2, @p);", ("p", payload)));
        AssertRecent(await database.ScalarAsync("SELECT written_at FROM journal_events WHERE version = 1;"));

        const string appendLog = "INSERT INTO log_events (log, seq, event_id, ts, payload) VALUES (@log, @seq, @id, @ts, @p);";
        var ticks = DateTime.UtcNow.Ticks;
        await database.ExecuteAsync(appendLog, ("log", "alerts"), ("seq", 1L), ("id", "e1"), ("ts", ticks), ("p", payload));
        await database.ExecuteAsync(appendLog, ("log", "runs"), ("seq", 1L), ("id", "e1"), ("ts", ticks), ("p", payload));
        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteAsync(appendLog, ("log", "alerts"), ("seq", 1L), ("id", "e2"), ("ts", ticks), ("p", payload)));
        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteAsync(appendLog, ("log", "alerts"), ("seq", 2L), ("id", "e1"), ("ts", ticks), ("p", payload)));
        Assert.Equal(ticks, Convert.ToInt64(await database.ScalarAsync("SELECT ts FROM log_events WHERE log = 'alerts';")));

        await database.ExecuteAsync("INSERT INTO signals (id, home, payload) VALUES ('s1', 'agent/a1', @p);", ("p", payload));
        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteAsync("INSERT INTO signals (id, home, payload) VALUES ('s1', 'agent/a2', @p);", ("p", payload)));
        await Assert.ThrowsAnyAsync<DbException>(() => database.ExecuteAsync("INSERT INTO signals (id, payload) VALUES ('s2', @p);", ("p", payload)));
        AssertRecent(await database.ScalarAsync("SELECT recorded_at FROM signals WHERE id = 's1';"));
        Assert.Equal(payload, (byte[])(await database.ScalarAsync("SELECT payload FROM signals WHERE id = 's1';"))!);
    }

    /// <summary>A default "now": ticks on SQLite, a timestamptz on PostgreSQL; either way UTC and within a minute.</summary>
    private static void AssertRecent(object? value)
    {
        var time = value switch
        {
            long ticks => new DateTime(ticks, DateTimeKind.Utc),
            DateTime dateTime => dateTime.ToUniversalTime(),
            _ => throw new InvalidOperationException($"Unexpected time value {value} ({value?.GetType()})"),
        };
        Assert.InRange(time, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
    }
}

public sealed class SqliteSchemaInstallerTests() : SchemaInstallerTests(new SqliteTarget())
{
    protected override string[] OwnTables => ["journal_events", "log_events", "signals"];

    [Fact]
    public async Task The_file_is_switched_to_WAL()
    {
        var database = (SqliteTestDatabase)await NewStoreAsync();

        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task A_relative_path_and_a_missing_folder_are_fine()
    {
        var database = (SqliteTestDatabase)await Target.CreateDatabaseAsync();
        var nested = Path.Combine(Path.GetDirectoryName(database.Path)!, "nested", "deeper", "store.db");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, nested);

        var result = await new SchemaInstaller().ApplySqliteAsync(relative, NullLogger.Instance, CancellationToken.None);

        Assert.True(result.CreatedStore);
        Assert.True(File.Exists(nested));
        Assert.Equal(SqliteDatabase.ConnectionString(nested), SqliteDatabase.ConnectionString(relative));
    }

    [Fact]
    public async Task An_installer_waits_for_a_writer_on_another_connection_and_then_applies()
    {
        var database = (SqliteTestDatabase)await Target.CreateDatabaseAsync();
        var holdFor = TimeSpan.FromSeconds(1.5);

        // Another connection (unpooled, as another process's would be) holds SQLite's write lock.
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ToString());
        await other.OpenAsync();
        await using var holding = other.BeginTransaction(deferred: false);
        await using (var write = other.CreateCommand())
        {
            write.Transaction = holding;
            write.CommandText = "CREATE TABLE written_by_another_process (x INTEGER);";
            await write.ExecuteNonQueryAsync();
        }
        var started = DateTime.UtcNow;
        var installing = Task.Run(() => database.ApplySchemaAsync());
        await Task.Delay(holdFor);
        Assert.False(installing.IsCompleted, "the installer must wait for the other writer, not fail or go around it");
        await holding.CommitAsync();

        var result = await installing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(result.CreatedStore);
        Assert.True(DateTime.UtcNow - started >= holdFor);
        Assert.Contains("written_by_another_process", await database.TableNamesAsync());
    }
}

public sealed class PostgresSchemaInstallerTests(PostgresFixture server)
    : SchemaInstallerTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>
{
    protected override string[] OwnTables => ["journal_events", "log_events", "log_heads", "signals"];

    /// <summary>The other PostgreSQL tests lean on this to catch times handled as local rather than UTC.</summary>
    [Fact]
    public async Task Test_databases_run_their_sessions_far_from_UTC()
    {
        var database = await NewStoreAsync();

        Assert.Equal("Pacific/Kiritimati", await database.ScalarAsync("SHOW timezone;"));
    }
}
