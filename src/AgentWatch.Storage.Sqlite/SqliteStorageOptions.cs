namespace AgentWatch.Storage.Sqlite;

/// <summary>Settings of the SQLite store (configuration section <c>Storage:Sqlite</c>).</summary>
public sealed class SqliteStorageOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The database file. Its directory is created if missing.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// SQLite's synchronous setting for the writer: <c>full</c> (default) fsyncs every commit, so an acknowledged write
    /// survives a power loss as well as a process crash; <c>normal</c> survives a process crash only, and is faster.
    /// </summary>
    public string Synchronous { get; set; } = "full";

    /// <summary>How long a statement waits for another process's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most writes committed together in one transaction (group commit).</summary>
    public int MaxBatchSize { get; set; } = 2000;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath)) throw new ArgumentException("Storage:Sqlite:DatabasePath is required.");
        if (Synchronous is not ("full" or "normal" or "extra"))
            throw new ArgumentException($"Storage:Sqlite:Synchronous must be 'full', 'normal' or 'extra', not '{Synchronous}'.");
        if (MaxBatchSize < 1) throw new ArgumentException("Storage:Sqlite:MaxBatchSize must be at least 1.");
    }
}
