using Microsoft.Data.Sqlite;

namespace AgentWatch.Storage;

/// <summary>
/// The one way AgentWatch opens its SQLite file. Every component, Orleans' providers included, must use the same
/// connection string: Microsoft.Data.Sqlite pools connections per exact string, and the busy wait below is what lets
/// silo processes sharing the file queue for SQLite's single write lock instead of failing with "database is locked".
/// </summary>
public static class SqliteDatabase
{
    /// <summary>Seconds a command waits for the write lock (and retries a busy database) before it fails.</summary>
    public const int BusyTimeoutSeconds = 30;

    /// <summary>
    /// The connection string for the database file at <paramref name="databasePath"/>: an absolute path (a relative one
    /// would follow each process's working directory), pooling on (opening a SQLite connection re-reads the schema and
    /// Orleans opens one per query), and <c>Default Timeout</c> as the busy wait, because Microsoft.Data.Sqlite retries a
    /// locked database for as long as the command timeout allows.
    /// </summary>
    public static string ConnectionString(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(databasePath),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }
}
