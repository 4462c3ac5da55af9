using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AgentWatch.Storage.PostgreSql;

/// <summary>Settings of the PostgreSQL store (configuration section <c>Storage:Postgres</c>; <c>--cluster "Host=…"</c> sets it).</summary>
public sealed class PostgresStorageOptions
{
    public const string SectionName = "Storage:Postgres";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=agentwatch;Username=agentwatch;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";
}

/// <summary>
/// One PostgreSQL database shared by the silos of a cluster. The first silo to start creates the schema; migrations are
/// versioned, recorded in <c>schema_migrations</c>, and applied under an advisory lock so that silos starting at the
/// same time apply each one once. Every write returns only after its transaction committed.
/// </summary>
public sealed class PostgresStore : IAsyncDisposable
{
    private const long MigrationLock = 0x4147_5741_5443_48; // "AGWATCH"
    private readonly ILogger<PostgresStore> _logger;
    private readonly Lazy<Task> _initialized;

    public PostgresStore(IOptions<PostgresStorageOptions> options, ILogger<PostgresStore> logger)
    {
        if (string.IsNullOrWhiteSpace(options.Value.ConnectionString))
            throw new ArgumentException("Storage:Postgres:ConnectionString is required for a PostgreSQL cluster (--cluster \"Host=…;Database=…\").");
        _logger = logger;
        var builder = new NpgsqlDataSourceBuilder(options.Value.ConnectionString);
        var settings = builder.ConnectionStringBuilder;
        Describe = $"postgres:{settings.Host}:{settings.Port}/{settings.Database}";
        // The same few statements run all the time: prepared once per connection, they skip parsing and planning.
        if (settings.MaxAutoPrepare == 0) settings.MaxAutoPrepare = 64;
        DataSource = builder.Build();
        Writes = new PostgresPipeline(DataSource, "write", MaxBatch, logger);
        Reads = new PostgresPipeline(DataSource, "read", MaxBatch, logger);
        _initialized = new Lazy<Task>(InitializeAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Operations per batch: enough to amortise a round trip and a commit, few enough to keep a batch short.</summary>
    private const int MaxBatch = 256;

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Hot writes (grain state, event logs, directory), group-committed; see <see cref="PostgresPipeline"/>.</summary>
    internal PostgresPipeline Writes { get; }

    /// <summary>Hot reads (grain state, event logs, directory lookups), sent together.</summary>
    internal PostgresPipeline Reads { get; }

    internal async Task<T> WriteAsync<T>(PgStatement[] statements, Func<IReadOnlyList<PgResult>, T> read, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync().ConfigureAwait(false);
        return await Writes.RunAsync(statements, read, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<T> ReadAsync<T>(PgStatement statement, Func<PgResult, T> read, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync().ConfigureAwait(false);
        return await Reads.RunAsync(statement, read, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where the data is, without the credentials.</summary>
    public string Describe { get; }

    /// <summary>True when this process created the schema: the database was new.</summary>
    public bool CreatedSchema { get; private set; }

    public Task EnsureInitializedAsync() => _initialized.Value;

    public async Task<T> ExecuteAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync().ConfigureAwait(false);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync().ConfigureAwait(false);
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task InitializeAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await Exec(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock});");
        await Exec(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());");
        await using (var current = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_migrations;", connection, transaction))
        {
            var version = Convert.ToInt32(await current.ExecuteScalarAsync().ConfigureAwait(false));
            if (version > PostgresMigrations.Latest)
                throw new InvalidOperationException($"The database {Describe} has schema version {version}, newer than this build knows ({PostgresMigrations.Latest}). Use a newer AgentWatch.");
            foreach (var (v, name, sql) in PostgresMigrations.All.Where(m => m.Version > version))
            {
                await Exec(connection, transaction, sql);
                await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES ($1, $2);", connection, transaction)
                {
                    Parameters = { new() { Value = v }, new() { Value = name } },
                };
                await record.ExecuteNonQueryAsync().ConfigureAwait(false);
                if (v == 1) CreatedSchema = true;
                _logger.LogInformation("Applied storage migration {Version}: {Name} to {Database}", v, name, Describe);
            }
        }
        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private static async Task Exec(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Writes.DisposeAsync().ConfigureAwait(false);
        await Reads.DisposeAsync().ConfigureAwait(false);
        await DataSource.DisposeAsync().ConfigureAwait(false);
    }
}

internal static class PostgresMigrations
{
    public static readonly (int Version, string Name, string Sql)[] All =
    [
        (1, "grain state, event logs, reminders, streams, membership, directory", """
            CREATE TABLE grain_state (
                grain_type text NOT NULL, grain_key text NOT NULL, state_name text NOT NULL,
                payload bytea NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (grain_type, grain_key, state_name));
            CREATE TABLE grain_events (
                grain_type text NOT NULL, grain_key text NOT NULL, log_name text NOT NULL, version bigint NOT NULL,
                payload bytea NOT NULL, written_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (grain_type, grain_key, log_name, version));
            CREATE TABLE reminders (
                grain_type text NOT NULL, grain_key text NOT NULL, name text NOT NULL,
                start_at bigint NOT NULL, period_ticks bigint NOT NULL, last_fired_at bigint NULL,
                lease_owner text NULL, lease_until timestamptz NULL,
                PRIMARY KEY (grain_type, grain_key, name));
            CREATE TABLE stream_heads (stream text PRIMARY KEY, last_seq bigint NOT NULL);
            CREATE TABLE stream_events (
                stream text NOT NULL, seq bigint NOT NULL, event_id text NOT NULL, ts bigint NOT NULL, payload bytea NOT NULL,
                PRIMARY KEY (stream, seq), UNIQUE (stream, event_id));
            CREATE TABLE silos (
                address text PRIMARY KEY, host text NOT NULL, port int NOT NULL, generation bigint NOT NULL, status text NOT NULL,
                started_at timestamptz NOT NULL, heartbeat_at timestamptz NOT NULL, api_url text NULL, activations int NOT NULL DEFAULT 0);
            CREATE TABLE grain_directory (
                grain_type text NOT NULL, grain_key text NOT NULL, silo text NOT NULL, registered_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (grain_type, grain_key));
            CREATE INDEX ix_grain_directory_silo ON grain_directory (silo);
            """),
    ];

    public static int Latest => All[^1].Version;
}
