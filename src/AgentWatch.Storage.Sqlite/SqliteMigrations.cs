using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Storage.Sqlite;

/// <summary>
/// Versioned schema changes. Each runs once, in its own transaction, recorded in <c>schema_migrations</c>; applying
/// them again is a no-op, and a database from a newer version is refused rather than guessed at.
/// </summary>
internal static class SqliteMigrations
{
    private static readonly (int Version, string Name, string Sql)[] Migrations =
    [
        (1, "grain state, event logs, reminders, streams", """
            CREATE TABLE grain_state (
                grain_type TEXT NOT NULL,
                grain_key  TEXT NOT NULL,
                state_name TEXT NOT NULL,
                payload    BLOB NOT NULL,
                version    INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key, state_name)
            ) WITHOUT ROWID;

            CREATE TABLE grain_events (
                grain_type TEXT NOT NULL,
                grain_key  TEXT NOT NULL,
                log_name   TEXT NOT NULL,
                version    INTEGER NOT NULL,
                payload    BLOB NOT NULL,
                written_at INTEGER NOT NULL,
                PRIMARY KEY (grain_type, grain_key, log_name, version)
            ) WITHOUT ROWID;

            CREATE TABLE reminders (
                grain_type    TEXT NOT NULL,
                grain_key     TEXT NOT NULL,
                name          TEXT NOT NULL,
                start_at      INTEGER NOT NULL,
                period_ticks  INTEGER NOT NULL,
                last_fired_at INTEGER NULL,
                PRIMARY KEY (grain_type, grain_key, name)
            ) WITHOUT ROWID;

            CREATE TABLE stream_events (
                stream   TEXT NOT NULL,
                seq      INTEGER NOT NULL,
                event_id TEXT NOT NULL,
                ts       INTEGER NOT NULL,
                payload  BLOB NOT NULL,
                PRIMARY KEY (stream, seq)
            ) WITHOUT ROWID;
            CREATE UNIQUE INDEX ux_stream_events_event_id ON stream_events (stream, event_id);
            """),
        (2, "cluster membership, grain directory, reminder leases", """
            CREATE TABLE silos (
                address      TEXT PRIMARY KEY,
                host         TEXT NOT NULL,
                port         INTEGER NOT NULL,
                generation   INTEGER NOT NULL,
                status       TEXT NOT NULL,
                started_at   REAL NOT NULL,
                heartbeat_at REAL NOT NULL,
                api_url      TEXT NULL,
                activations  INTEGER NOT NULL DEFAULT 0
            );

            CREATE TABLE grain_directory (
                grain_type    TEXT NOT NULL,
                grain_key     TEXT NOT NULL,
                silo          TEXT NOT NULL,
                registered_at REAL NOT NULL,
                PRIMARY KEY (grain_type, grain_key)
            ) WITHOUT ROWID;
            CREATE INDEX ix_grain_directory_silo ON grain_directory (silo);

            ALTER TABLE reminders ADD COLUMN lease_owner TEXT NULL;
            ALTER TABLE reminders ADD COLUMN lease_until INTEGER NULL;
            """),
    ];

    public static int LatestVersion => Migrations[^1].Version;

    public static void Apply(SqliteConnection connection, ILogger logger)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);";
            create.ExecuteNonQuery();
        }
        foreach (var (version, name, sql) in Migrations)
        {
            using var tx = connection.BeginTransaction(deferred: false);
            using var check = connection.CreateCommand();
            check.Transaction = tx;
            check.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = $v;";
            check.Parameters.AddWithValue("$v", version);
            if ((long)check.ExecuteScalar()! > 0)
            {
                tx.Commit();
                continue;
            }
            using var apply = connection.CreateCommand();
            apply.Transaction = tx;
            apply.CommandText = sql;
            apply.ExecuteNonQuery();
            using var record = connection.CreateCommand();
            record.Transaction = tx;
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t);";
            record.Parameters.AddWithValue("$v", version);
            record.Parameters.AddWithValue("$n", name);
            record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O"));
            record.ExecuteNonQuery();
            tx.Commit();
            logger.LogInformation("Applied storage migration {Version}: {Name}", version, name);
        }

        using var max = connection.CreateCommand();
        max.CommandText = "SELECT MAX(version) FROM schema_migrations;";
        var current = Convert.ToInt32(max.ExecuteScalar());
        if (current > LatestVersion)
            throw new InvalidOperationException(
                $"The database {connection.DataSource} has schema version {current}, newer than this build knows ({LatestVersion}). Use a newer AgentWatch.");
    }
}
