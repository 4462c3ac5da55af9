namespace AgentWatch.Storage;

/// <summary>
/// The database was written by the earlier AgentWatch runtime. Its tables mean something else and the new runtime
/// cannot read them, so the installer refuses to add anything to it: an operator decides what happens to that data.
/// </summary>
public sealed class LegacyStoreException : Exception
{
    public LegacyStoreException(string database, IReadOnlyList<string> legacyTables)
        : base($"The database {database} was written by the earlier AgentWatch runtime (it has the table(s) "
            + $"{string.Join(", ", legacyTables)} and no agentwatch_schema table). It has been left untouched.")
    {
        Database = database;
        LegacyTables = legacyTables;
    }

    /// <summary>The SQLite file path, or host:port/database for PostgreSQL.</summary>
    public string Database { get; }

    /// <summary>The tables of the earlier runtime that were found.</summary>
    public IReadOnlyList<string> LegacyTables { get; }
}
