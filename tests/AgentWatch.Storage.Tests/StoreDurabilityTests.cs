using System.Diagnostics;
using AgentWatch.Testing;
using Npgsql;

namespace AgentWatch.Storage.Tests;

/// <summary>
/// "A returned write is durable", as far as a test can show it honestly: what a store acknowledged is seen by a new store
/// instance with connections of its own (another silo, or this one restarted), and, per database, survives the writer
/// dying without a clean close (SQLite: the files as the process left them; PostgreSQL: a server crash and recovery).
/// What no test here can show is survival of a power loss, which rests on the fsync settings (SQLite's synchronous=full,
/// PostgreSQL's fsync and synchronous_commit, both on).
/// </summary>
public abstract class StoreDurabilityTests(IDatabaseTarget target) : OwnStoreTest(target)
{
    protected static readonly DateTimeOffset When = new DateTimeOffset(2025, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(10);
    protected static readonly byte[] Megabyte = Bytes(1 << 20, seed: 99);

    [Fact]
    public async Task A_write_that_returned_is_seen_by_a_new_store_instance_while_the_writer_is_still_open()
    {
        var (database, writer) = await NewStoresAsync();
        await WriteSampleAsync(writer);

        // A second silo: its own store instance, its own connections (and, on PostgreSQL, its own pool).
        await using var reader = StoreInstance.Open(database);
        await AssertSampleAsync(reader);
    }

    [Fact]
    public async Task A_write_that_returned_is_seen_after_the_writer_is_stopped_and_a_new_one_started()
    {
        var (database, writer) = await NewStoresAsync();
        await WriteSampleAsync(writer);
        await writer.DisposeAsync();

        await using var restarted = StoreInstance.Open(database);
        await AssertSampleAsync(restarted);
        // And it goes on where the first left off.
        Assert.Equal(new LogAppend(4, true), await restarted.Log.AppendAsync("alerts", "a4", When, [], default));
        Assert.True(await restarted.Journal.AppendAsync("timeline", "ACME", 3, [Utf8("d")], default));
    }

    /// <summary>
    /// Writes one of everything, checking each answer, and some writes that must change nothing. The large payloads go
    /// first and small writes last, so that the last writes are not carried to disk by the bulk of a large one.
    /// </summary>
    protected static async Task WriteSampleAsync(StoreInstance store)
    {
        Assert.Equal(new LogAppend(1, true), await store.Log.AppendAsync("alerts", "a1", When, Megabyte, default));
        var claims = await store.Signals.ClaimAsync(
            [new IndexedSignal("s1", "company/ACME", Utf8("s1"), When), new IndexedSignal("s2", "market/XNYS", Megabyte, When)], default);
        Assert.All(claims, c => Assert.True(c.IsNew));
        Assert.True(await store.Journal.AppendAsync("timeline", "ACME", 0, [Utf8("a"), Utf8("b")], default));
        Assert.Equal(new LogAppend(2, true), await store.Log.AppendAsync("alerts", "a2", When.AddSeconds(1), Utf8("alert 2"), default));
        Assert.Equal(new LogAppend(1, false), await store.Log.AppendAsync("alerts", "a1", When, Utf8("again"), default));
        Assert.False(Assert.Single(await store.Signals.ClaimAsync([new IndexedSignal("s1", "elsewhere", Utf8("other"), When)], default)).IsNew);
        Assert.False(await store.Journal.AppendAsync("timeline", "ACME", 1, [Utf8("stale")], default));
        Assert.Equal(new LogAppend(3, true), await store.Log.AppendAsync("alerts", "a3", When.AddSeconds(2), [], default));
        Assert.True(await store.Journal.AppendAsync("timeline", "ACME", 2, [Utf8("c")], default));
        Assert.Equal(new LogAppend(1, true), await store.Log.AppendAsync("runs", "r1", When, Utf8("run 1"), default));
    }

    /// <summary>Everything <see cref="WriteSampleAsync"/> wrote, and nothing it was refused.</summary>
    protected static async Task AssertSampleAsync(StoreInstance store)
    {
        var alerts = await store.Log.ReadAsync("alerts", 0, 100, default);
        Assert.Equal(["a1", "a2", "a3"], alerts.Select(e => e.EventId));
        Assert.Equal([1L, 2, 3], alerts.Select(e => e.Sequence));
        Assert.Equal(Megabyte, alerts[0].Payload);
        Assert.Equal(Utf8("alert 2"), alerts[1].Payload);
        Assert.Empty(alerts[2].Payload);
        Assert.Equal(When.AddSeconds(1), alerts[1].Timestamp);
        Assert.Equal(3, await store.Log.GetLastSequenceAsync("alerts", default));
        Assert.Equal(Utf8("run 1"), (await store.Log.FindAsync("runs", "r1", default))!.Payload);

        Assert.Equal([Utf8("a"), Utf8("b"), Utf8("c")], await store.Journal.ReadAsync("timeline", "ACME", default));

        var s1 = await store.Signals.GetAsync("s1", default);
        Assert.Equal(("company/ACME", "s1"), (s1!.Home, System.Text.Encoding.UTF8.GetString(s1.Payload)));
        Assert.Equal(When, s1.RecordedAt);
        Assert.Equal(Megabyte, (await store.Signals.GetAsync("s2", default))!.Payload);
    }
}

public sealed class SqliteStoreDurabilityTests() : StoreDurabilityTests(new SqliteTarget())
{
    [Fact]
    public async Task A_write_that_returned_is_in_the_files_the_process_leaves_behind()
    {
        var (database, writer) = await NewStoresAsync();
        await WriteSampleAsync(writer);

        // The process "dies" now: no checkpoint, no clean close. What it leaves is the database file and its write-ahead
        // log; the shared-memory index is not copied, so SQLite must recover the commits from the log file itself.
        var path = ((SqliteTestDatabase)database).Path;
        var wal = new FileInfo(path + "-wal");
        Assert.True(wal.Exists && wal.Length > 0, "The commits should still be in the write-ahead log, or this test copies nothing of interest.");
        var copy = path + ".after-crash.db";
        File.Copy(path, copy);
        File.Copy(wal.FullName, copy + "-wal");

        await using var recovered = StoreInstance.OpenSqlite(copy);
        await AssertSampleAsync(recovered);
    }
}

public sealed class PostgresStoreDurabilityTests(PostgresFixture server)
    : StoreDurabilityTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_write_that_returned_survives_a_server_crash()
    {
        PostgresAvailability.SkipUnlessAvailable();
        // A server of this test's own, since it is crashed: the class's server is shared by its other tests.
        await using var crashing = await PostgresServer.StartAsync();
        var database = new PostgresTestDatabase(await crashing.CreateDatabaseAsync());
        await database.ApplySchemaAsync();
        // The WAL writer, which flushes asynchronous commits in the background, waits as long as it can (10 s): were the
        // store's commits answered before their WAL was flushed (synchronous_commit off), the crash below would lose them.
        await database.ExecuteAsync("ALTER SYSTEM SET wal_writer_delay = '10s';");
        await database.ScalarAsync("SELECT pg_reload_conf();");
        var writer = StoreInstance.Open(database);
        await writer.WarmAsync();
        await WriteSampleAsync(writer);

        // An immediate stop is a crash: the server's processes quit at once, with no checkpoint, and the next start
        // recovers from the write-ahead log. What a returned write committed must be there afterwards.
        await CrashAndRestartAsync(database.ConnectionString);

        await using var recovered = StoreInstance.Open(database);
        await AssertSampleAsync(recovered);
        // The writer's connections died with the server; stopping it must not hang on them.
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task A_transaction_its_silo_left_open_is_ended_by_the_server_and_what_it_locked_is_freed()
    {
        PostgresAvailability.SkipUnlessAvailable();
        var (database, _) = await NewStoresAsync();
        var connectionString = ((PostgresTestDatabase)database).ConnectionString;
        // A frozen silo's connection: a transaction holding a lock, and then nothing.
        await using var frozenStore = new AgentWatch.Storage.PostgreSql.PostgresStore(connectionString, Microsoft.Extensions.Logging.Abstractions.NullLogger<AgentWatch.Storage.PostgreSql.PostgresStore>.Instance);
        await using var frozen = await frozenStore.DataSource.OpenConnectionAsync();
        await using (var begin = new NpgsqlCommand("BEGIN; SELECT pg_advisory_xact_lock(4242);", frozen)) await begin.ExecuteNonQueryAsync();

        // Another silo wants the same lock: it gets it once the server has ended the idle transaction.
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using (var wait = new NpgsqlCommand("SELECT pg_advisory_lock(4242);", other) { CommandTimeout = 120 }) await wait.ExecuteNonQueryAsync();

        // The frozen silo's transaction is gone: its connection was ended with it, so its writes could not commit.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var commit = new NpgsqlCommand("COMMIT;", frozen);
            await commit.ExecuteNonQueryAsync();
        });
    }

    [Fact]
    public async Task A_silo_frozen_in_the_middle_of_a_batch_holds_its_locks_until_its_named_sessions_are_ended_and_no_other_sessions_end()
    {
        PostgresAvailability.SkipUnlessAvailable();
        var (database, _) = await NewStoresAsync();
        var connectionString = ((PostgresTestDatabase)database).ConnectionString;
        var frozenName = AgentWatch.Storage.PostgreSql.PostgresSessions.NameFor("S10.0.0.1:11111:501");
        var liveName = AgentWatch.Storage.PostgreSql.PostgresSessions.NameFor("S10.0.0.2:11111:502");
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger<AgentWatch.Storage.PostgreSql.PostgresStore>.Instance;
        await using var frozenStore = new AgentWatch.Storage.PostgreSql.PostgresStore(connectionString, logger, frozenName);
        await using var liveStore = new AgentWatch.Storage.PostgreSql.PostgresStore(connectionString, logger, liveName);
        // A silo frozen part-way through sending a batch: the server ran its first statements and waits for the rest, which
        // its idle-in-transaction timeout does not cover. This session turns the timeout off to stand for one.
        await using var frozen = await frozenStore.DataSource.OpenConnectionAsync();
        await using (var begin = new NpgsqlCommand("SET idle_in_transaction_session_timeout = 0; BEGIN; SELECT pg_advisory_xact_lock(4343);", frozen)) await begin.ExecuteNonQueryAsync();
        await using var live = await liveStore.DataSource.OpenConnectionAsync();
        Assert.Equal(frozenName, await ScalarOf(frozen, "SHOW application_name;"));

        // Another silo's write of the same key waits behind it, and goes on once the frozen silo's sessions are ended.
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        var otherPid = other.ProcessID;
        await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(4343);", other) { CommandTimeout = 120 };
        var waiting = wait.ExecuteNonQueryAsync();
        await Eventually.WaitForAsync(async () => await ScalarOf(live, $"SELECT count(*)::text FROM pg_locks WHERE pid = {otherPid} AND NOT granted;") == "1",
            "the other silo's write waiting for the lock");
        Assert.False(waiting.IsCompleted);

        var ended = await AgentWatch.Storage.PostgreSql.PostgresSessions.EndAsync(liveStore.DataSource, [frozenName], TestContext.Current.CancellationToken);

        Assert.Equal(1, ended);
        await waiting.WaitAsync(TimeSpan.FromSeconds(60));
        // Its transaction rolled back with its session: nothing of it commits.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var commit = new NpgsqlCommand("COMMIT;", frozen);
            await commit.ExecuteNonQueryAsync();
        });
        // The sessions of other names are left: the live silo's and the other's still answer.
        Assert.Equal(liveName, await ScalarOf(live, "SHOW application_name;"));
        Assert.Equal("1", await ScalarOf(other, "SELECT 1::text;"));
    }

    private static async Task<string?> ScalarOf(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }

    private static async Task CrashAndRestartAsync(string connectionString)
    {
        string dataDirectory, sockets, port;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            async Task<string> Show(string setting)
            {
                await using var command = new NpgsqlCommand($"SHOW {setting};", connection);
                return (string)(await command.ExecuteScalarAsync())!;
            }
            dataDirectory = await Show("data_directory");
            sockets = await Show("unix_socket_directories");
            port = await Show("port");
        }
        var pgCtl = Path.Combine(PostgresServer.FindBinaries()!, "pg_ctl");
        await RunAsPostgresAsync(pgCtl, "-D", dataDirectory, "-m", "immediate", "stop");
        await RunAsPostgresAsync(pgCtl, "-D", dataDirectory, "-l", Path.Combine(Path.GetDirectoryName(dataDirectory)!, "restart.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=on", "start");
    }

    /// <summary>As <see cref="PostgresServer"/> runs its tools: as the postgres user when running as root.</summary>
    private static async Task RunAsPostgresAsync(string program, params string[] args)
    {
        var root = Environment.UserName == "root";
        var info = new ProcessStartInfo(root ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in root ? ["-u", "postgres", "--", program, .. args] : args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr} {await stdout}");
    }
}
