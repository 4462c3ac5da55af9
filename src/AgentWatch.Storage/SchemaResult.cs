namespace AgentWatch.Storage;

/// <summary>What applying the schema did: the version the database had before and the version it has now.</summary>
/// <param name="FromVersion">The highest schema version recorded before this run; 0 for a database without our schema.</param>
/// <param name="ToVersion">The highest schema version recorded after this run.</param>
public sealed record SchemaResult(int FromVersion, int ToVersion)
{
    /// <summary>
    /// True when this run created the store, so a caller can tell a first start (announce it, seed it) from a restart.
    /// When several processes race on a new database exactly one of them sees this.
    /// </summary>
    public bool CreatedStore => FromVersion == 0;

    /// <summary>True when this run applied at least one script.</summary>
    public bool Upgraded => ToVersion > FromVersion;
}
