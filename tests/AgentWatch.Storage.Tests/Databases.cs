using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using AgentWatch.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AgentWatch.Storage.Tests;

/// <summary>One empty database of the kind under test, plus the raw access the tests need to look behind Orleans' back.</summary>
public abstract class TestDatabase
{
    /// <summary>The ADO.NET invariant Orleans' providers get.</summary>
    public abstract string Invariant { get; }

    /// <summary>The connection string Orleans' providers get.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>How the installer names this database in its messages.</summary>
    public abstract string Description { get; }

    public abstract Task<SchemaResult> ApplySchemaAsync(CancellationToken ct = default);

    public abstract DbConnection CreateConnection();

    /// <summary>The names of the user tables, lower-cased.</summary>
    public abstract Task<IReadOnlyList<string>> TableNamesAsync();

    /// <summary>The definitions of tables, indexes and triggers, as the database reports them.</summary>
    public abstract Task<string> SchemaTextAsync();

    /// <summary>Creates the two tables by which the earlier AgentWatch runtime's store is recognised, with a row each.</summary>
    public abstract Task CreateLegacyStoreAsync();

    /// <summary>Records a schema version in agentwatch_schema by hand, as a newer AgentWatch would have.</summary>
    public abstract Task RecordSchemaVersionAsync(int version, string name);

    /// <summary>Changes whenever the schema or any row of any table does.</summary>
    public async Task<string> FingerprintAsync()
    {
        var text = new StringBuilder(await SchemaTextAsync());
        foreach (var table in await TableNamesAsync())
        {
            var rows = (await RowsAsync($"SELECT * FROM \"{table}\";"))
                .Select(r => string.Join("|", r.Select(v => v is byte[] b ? Convert.ToHexString(b) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))))
                .Order(StringComparer.Ordinal);
            text.Append('\n').Append(table).Append(':').AppendJoin(';', rows);
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Like <see cref="FingerprintAsync"/>, or stricter where the database allows (the file's bytes for SQLite).</summary>
    public virtual Task<string> RawFingerprintAsync() => FingerprintAsync();

    public async Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    public async Task<long> CountAsync(string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64(await ScalarAsync(sql, parameters));

    public async Task<List<object?[]>> RowsAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}

public sealed class SqliteTestDatabase(string path) : TestDatabase
{
    public string Path { get; } = path;

    public override string Invariant => DatabaseInvariants.SqliteInvariant;

    public override string ConnectionString => SqliteDatabase.ConnectionString(Path);

    public override string Description => System.IO.Path.GetFullPath(Path);

    public override Task<SchemaResult> ApplySchemaAsync(CancellationToken ct = default) =>
        new SchemaInstaller().ApplySqliteAsync(Path, NullLogger.Instance, ct);

    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    public override async Task<IReadOnlyList<string>> TableNamesAsync() =>
        (await RowsAsync("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;"))
        .Select(r => ((string)r[0]!).ToLowerInvariant()).ToList();

    public override async Task<string> SchemaTextAsync() =>
        string.Join('\n', (await RowsAsync("SELECT type, name, sql FROM sqlite_master ORDER BY type, name;")).Select(r => string.Join(' ', r)));

    public override async Task CreateLegacyStoreAsync()
    {
        await ExecuteAsync("""
            CREATE TABLE grain_state (grain_type TEXT NOT NULL, grain_key TEXT NOT NULL, state_name TEXT NOT NULL,
                payload BLOB NOT NULL, version INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)) WITHOUT ROWID;
            CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
            INSERT INTO grain_state VALUES ('agent', 'a1', 'state', x'0102', 3, 638000000000000000);
            INSERT INTO schema_migrations VALUES (1, 'grain state, event logs, reminders, streams', '2025-01-01T00:00:00Z');
            """);
        // The earlier runtime's connections are gone by the time the new one starts; so are this one's.
        SqliteConnection.ClearAllPools();
    }

    public override Task RecordSchemaVersionAsync(int version, string name) =>
        ExecuteAsync("INSERT INTO agentwatch_schema (version, name, applied_at) VALUES (@v, @n, @t);",
            ("v", version), ("n", name), ("t", DateTime.UtcNow.ToString("O")));

    /// <summary>The bytes of the file and of any journal beside it: for SQLite, "unchanged" means exactly that.</summary>
    public override async Task<string> RawFingerprintAsync()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { Path, Path + "-wal", Path + "-journal" })
        {
            hash.AppendData(Encoding.UTF8.GetBytes(System.IO.Path.GetFileName(file)));
            if (File.Exists(file)) hash.AppendData(await File.ReadAllBytesAsync(file));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

public sealed class PostgresTestDatabase(string connectionString) : TestDatabase
{
    public override string Invariant => DatabaseInvariants.PostgresInvariant;

    public override string ConnectionString { get; } = connectionString;

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    public override Task<SchemaResult> ApplySchemaAsync(CancellationToken ct = default) =>
        new SchemaInstaller().ApplyPostgresAsync(ConnectionString, NullLogger.Instance, ct);

    public override DbConnection CreateConnection() => new NpgsqlConnection(ConnectionString);

    public override async Task<IReadOnlyList<string>> TableNamesAsync() =>
        (await RowsAsync("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1;"))
        .Select(r => ((string)r[0]!).ToLowerInvariant()).ToList();

    public override async Task<string> SchemaTextAsync()
    {
        var columns = await RowsAsync("""
            SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1, ordinal_position;
            """);
        var indexes = await RowsAsync("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1;");
        return string.Join('\n', columns.Concat(indexes).Select(r => string.Join(' ', r)));
    }

    public override Task CreateLegacyStoreAsync() => ExecuteAsync("""
        CREATE TABLE grain_state (grain_type text NOT NULL, grain_key text NOT NULL, state_name text NOT NULL,
            payload bytea NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (grain_type, grain_key, state_name));
        CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
        INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version) VALUES ('agent', 'a1', 'state', '\x0102', 3);
        INSERT INTO schema_migrations (version, name) VALUES (1, 'grain state, event logs, reminders, streams, membership, directory');
        """);

    public override Task RecordSchemaVersionAsync(int version, string name) =>
        ExecuteAsync("INSERT INTO agentwatch_schema (version, name) VALUES (@v, @n);", ("v", version), ("n", name));
}

/// <summary>Where the databases of one test class come from; disposed with the test class.</summary>
public interface IDatabaseTarget : IAsyncDisposable
{
    /// <summary>A new, empty database (no schema).</summary>
    Task<TestDatabase> CreateDatabaseAsync();
}

/// <summary>SQLite files in a temporary folder of their own, deleted afterwards.</summary>
public sealed class SqliteTarget : IDatabaseTarget
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"agentwatch-storage-tests-{Guid.NewGuid():N}");

    public SqliteTarget() => Directory.CreateDirectory(_folder);

    public Task<TestDatabase> CreateDatabaseAsync() =>
        Task.FromResult<TestDatabase>(new SqliteTestDatabase(Path.Combine(_folder, $"{Guid.NewGuid():N}.db")));

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the files open; let them go before deleting.
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>Fresh databases on the PostgreSQL server of the test class's fixture.</summary>
public sealed class PostgresTarget(PostgresFixture server) : IDatabaseTarget
{
    /// <summary>
    /// The database's sessions run in a time zone far from UTC (+14:00), so that a time stored or read as local time
    /// rather than UTC anywhere on the way shows up as a wrong value instead of passing by luck on a UTC machine.
    /// </summary>
    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        // Unpooled: a pooled session opened before the change would keep the old zone for whoever reuses it.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"ALTER DATABASE \"{builder.Database}\" SET timezone TO 'Pacific/Kiritimati';", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new PostgresTestDatabase(connectionString);
    }

    /// <summary>The databases go with the server, which the fixture stops.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

