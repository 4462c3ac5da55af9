namespace AgentWatch.Storage;

/// <summary>
/// The ADO.NET invariant names Orleans' providers take in their <c>Invariant</c> option. Orleans maps each name to a
/// provider factory that it loads by reflection, so a wrong or misspelt name only fails when a silo starts; naming them
/// once here keeps every silo, client and test on the same, known-good values.
/// </summary>
public static class DatabaseInvariants
{
    /// <summary>
    /// SQLite. The name is historical: Orleans 10.4.2 serves it with Microsoft.Data.Sqlite's <c>SqliteFactory</c>, not
    /// with the System.Data.SQLite package, so only Microsoft.Data.Sqlite needs to be deployed.
    /// </summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>PostgreSQL through Npgsql (not "Npgsql.PostgreSQL" or similar: Orleans knows only this spelling).</summary>
    public const string PostgresInvariant = "Npgsql";
}
