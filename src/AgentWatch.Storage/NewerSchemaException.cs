namespace AgentWatch.Storage;

/// <summary>
/// The database carries a schema version these binaries do not know: a newer AgentWatch has upgraded it. Running older
/// code on it could misread or damage data, so the installer refuses before anything else touches the database.
/// </summary>
public sealed class NewerSchemaException : InvalidOperationException
{
    public NewerSchemaException(string database, int databaseVersion, int knownVersion)
        : base($"The database {database} has schema version {databaseVersion}, but this AgentWatch knows versions up to "
            + $"{knownVersion} only. It was upgraded by a newer AgentWatch; run that version (or newer) against it.")
    {
        Database = database;
        DatabaseVersion = databaseVersion;
        KnownVersion = knownVersion;
    }

    /// <summary>The SQLite file path, or host:port/database for PostgreSQL.</summary>
    public string Database { get; }

    /// <summary>The highest version recorded in the database.</summary>
    public int DatabaseVersion { get; }

    /// <summary>The highest version these binaries carry.</summary>
    public int KnownVersion { get; }
}
