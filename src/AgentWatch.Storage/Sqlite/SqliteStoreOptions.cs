namespace AgentWatch.Storage.Sqlite;

/// <summary>Settings of AgentWatch's writer on the SQLite file (configuration section <c>Storage:Sqlite</c>).</summary>
public sealed class SqliteStoreOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The database file; the silo sets it to its data directory's <c>agentwatch.db</c>.</summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// SQLite's synchronous setting for AgentWatch's writer: <c>full</c> (default) fsyncs every commit, so an acknowledged
    /// write survives a power loss as well as a process crash; <c>normal</c> survives a process crash only, and is faster.
    /// Orleans' providers keep SQLite's own default, full.
    /// </summary>
    public string Synchronous { get; set; } = "full";

    /// <summary>How long a statement waits for another writer (another silo, an Orleans provider) before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most writes committed together in one transaction (group commit).</summary>
    public int MaxBatchSize { get; set; } = 2000;

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(DatabasePath)) yield return "Storage:Sqlite:DatabasePath is required.";
        if (Synchronous is not ("full" or "normal" or "extra"))
            yield return $"Storage:Sqlite:Synchronous must be 'full', 'normal' or 'extra', not '{Synchronous}'.";
        if (MaxBatchSize < 1) yield return "Storage:Sqlite:MaxBatchSize must be at least 1.";
        if (BusyTimeout <= TimeSpan.Zero) yield return "Storage:Sqlite:BusyTimeout must be positive.";
    }

    internal void Validate()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
    }
}
