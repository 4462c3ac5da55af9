using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AgentWatch.Storage;

/// <summary>
/// Brings a SQLite file or a PostgreSQL database to the schema these binaries know, before anything else opens it.
/// </summary>
/// <remarks>
/// <para>
/// The scripts are versioned and recorded in <c>agentwatch_schema(version, name, applied_at)</c>; each runs once, in
/// the same transaction as its record, so a failure leaves neither half a script nor a record of one. Running again is
/// a no-op. A database recording a version newer than these binaries is refused (<see cref="NewerSchemaException"/>),
/// and a database of the earlier AgentWatch runtime is refused without being touched (<see cref="LegacyStoreException"/>).
/// </para>
/// <para>
/// Several silo processes may start together on one new database, so the whole check-and-apply runs under a lock that
/// also excludes other processes: SQLite's write lock taken up front (<c>BEGIN IMMEDIATE</c>, so that two installers
/// cannot both read "version 0" and then race to upgrade), and a transaction-scoped advisory lock on PostgreSQL (DDL
/// there takes no lock that would stop a second installer from reading the version first). The loser waits, then finds
/// the work done.
/// </para>
/// <para>
/// Scripts are sent whole: Microsoft.Data.Sqlite and Npgsql both execute a multi-statement text statement by statement
/// themselves (and keep a trigger's <c>BEGIN ... END</c> or a dollar-quoted string intact), so no splitting is done here.
/// </para>
/// </remarks>
public sealed partial class SchemaInstaller
{
    /// <summary>Tables only the earlier runtime created; their presence without <c>agentwatch_schema</c> marks its store.</summary>
    private static readonly IReadOnlyList<string> LegacyTableNames = ["grain_state", "schema_migrations"];

    private const string SchemaTable = "agentwatch_schema";

    /// <summary>An arbitrary, fixed key ("AGWSCHEM") that every AgentWatch installer locks on PostgreSQL.</summary>
    private const long PostgresLockKey = 0x4147_5753_4348_454D;

    /// <summary>The highest schema version these binaries carry (the same for both databases).</summary>
    public static int KnownVersion => SchemaScripts.Load(SchemaScripts.SqliteFolder)[^1].Version;

    /// <summary>
    /// Applies the SQLite schema to the file at <paramref name="databasePath"/>, creating the file (and its folder) if
    /// needed, and switches it to WAL so that readers never wait for the writer.
    /// </summary>
    public async Task<SchemaResult> ApplySqliteAsync(string databasePath, ILogger logger, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        ArgumentNullException.ThrowIfNull(logger);
        var path = Path.GetFullPath(databasePath);
        var scripts = SchemaScripts.Load(SchemaScripts.SqliteFolder);
        var folder = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);

        await using var connection = new SqliteConnection(SqliteDatabase.ConnectionString(path));
        await connection.OpenAsync(ct).ConfigureAwait(false);

        // Look before touching anything: on a legacy store even the journal mode switch below would change the file.
        ThrowIfLegacy(path, await ReadTableNamesAsync(connection, null,
            "SELECT name FROM sqlite_master WHERE type = 'table';", ct).ConfigureAwait(false));

        // WAL is a property of the file and must be set outside a transaction. The busy timeout makes SQLite itself wait
        // for a lock another process holds, on top of Microsoft.Data.Sqlite's retries within the command timeout.
        await ExecuteAsync(connection, null, $"PRAGMA busy_timeout = {SqliteDatabase.BusyTimeoutSeconds * 1000};", ct).ConfigureAwait(false);
        var journalMode = Convert.ToString(await ScalarAsync(connection, null, "PRAGMA journal_mode = WAL;", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            LogNoWal(logger, path, journalMode ?? "");

        // BEGIN IMMEDIATE: the write lock is taken now, not at the first write, so the version read below cannot go stale.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {SchemaTable} (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", ct).ConfigureAwait(false);
        var from = Convert.ToInt32(await ScalarAsync(connection, transaction,
            $"SELECT COALESCE(MAX(version), 0) FROM {SchemaTable};", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var to = await ApplyPendingAsync(connection, transaction, scripts, from, path, logger,
            "INSERT INTO agentwatch_schema (version, name, applied_at) VALUES (@version, @name, @applied_at);",
            static (command, script) =>
            {
                command.Parameters.Add(new SqliteParameter("@version", script.Version));
                command.Parameters.Add(new SqliteParameter("@name", script.Name));
                command.Parameters.Add(new SqliteParameter("@applied_at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            }, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return Finish(logger, path, from, to);
    }

    /// <summary>
    /// Applies the PostgreSQL schema to the database named by <paramref name="connectionString"/>, which must exist
    /// (creating a database needs rights a service account should not have).
    /// </summary>
    public async Task<SchemaResult> ApplyPostgresAsync(string connectionString, ILogger logger, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);
        var database = DescribePostgres(connectionString);
        var scripts = SchemaScripts.Load(SchemaScripts.PostgresFolder);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({PostgresLockKey});", ct).ConfigureAwait(false);

        // Checked under the lock; if it throws, disposing the transaction rolls back and nothing was written.
        ThrowIfLegacy(database, await ReadTableNamesAsync(connection, transaction,
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema();", ct).ConfigureAwait(false));

        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {SchemaTable} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());", ct).ConfigureAwait(false);
        var from = Convert.ToInt32(await ScalarAsync(connection, transaction,
            $"SELECT COALESCE(MAX(version), 0) FROM {SchemaTable};", ct).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var to = await ApplyPendingAsync(connection, transaction, scripts, from, database, logger,
            "INSERT INTO agentwatch_schema (version, name) VALUES (@version, @name);",
            static (command, script) =>
            {
                command.Parameters.Add(new NpgsqlParameter<int>("version", script.Version));
                command.Parameters.Add(new NpgsqlParameter<string>("name", script.Name));
            }, ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
        return Finish(logger, database, from, to);
    }

    private static async Task<int> ApplyPendingAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<SchemaScript> scripts, int from, string database, ILogger logger, string recordSql,
        Action<DbCommand, SchemaScript> bindRecord, CancellationToken ct)
    {
        var known = scripts[^1].Version;
        if (from > known) throw new NewerSchemaException(database, from, known);
        foreach (var script in scripts.Where(s => s.Version > from))
        {
            await ExecuteAsync(connection, transaction, script.Sql, ct).ConfigureAwait(false);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = recordSql;
            bindRecord(record, script);
            await record.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            LogApplied(logger, script.Version, script.Name, database);
        }
        return Math.Max(from, known);
    }

    private static SchemaResult Finish(ILogger logger, string database, int from, int to)
    {
        if (from == to) LogUpToDate(logger, database, to);
        return new SchemaResult(from, to);
    }

    private static void ThrowIfLegacy(string database, IReadOnlyCollection<string> tables)
    {
        if (tables.Contains(SchemaTable, StringComparer.OrdinalIgnoreCase)) return;
        var legacy = LegacyTableNames.Where(t => tables.Contains(t, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (legacy.Length > 0) throw new LegacyStoreException(database, legacy);
    }

    private static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";
    }

    private static async Task<IReadOnlyCollection<string>> ReadTableNamesAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false)) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema version {Version} ({Name}) to {Database}")]
    private static partial void LogApplied(ILogger logger, int version, string name, string database);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The schema of {Database} is at version {Version}; nothing to apply")]
    private static partial void LogUpToDate(ILogger logger, string database, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite kept journal mode '{JournalMode}' for {Database} instead of WAL (a file system without shared memory?); readers will wait for writers")]
    private static partial void LogNoWal(ILogger logger, string database, string journalMode);
}
