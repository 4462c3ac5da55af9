using AgentWatch.Client;

namespace AgentWatch.Silo;

/// <summary>Settings of a silo (configuration section <c>Silo</c>; command-line options override them).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";

    /// <summary>Folder holding the database, the daily briefs and the silo lock.</summary>
    public string DataDirectory { get; set; } = "data";

    public int Port { get; set; } = 5080;

    /// <summary>Address the HTTP API binds to. Loopback unless told otherwise; any other address needs <see cref="ApiKey"/>.</summary>
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary>Key every API call must present (header <c>X-Api-Key</c>) when the silo is bound beyond loopback.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// "none" (default): a silo on its own. "local": one of several silos on this machine sharing the data directory's
    /// SQLite file. A PostgreSQL connection string ("Host=…;Database=…"): one of a cluster across machines.
    /// </summary>
    public string Cluster { get; set; } = "none";

    /// <summary>Load the built-in dataset when the data directory is new.</summary>
    public bool SeedOnFirstStart { get; set; } = true;

    /// <summary>Largest request body accepted, in bytes.</summary>
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    public string DatabasePath => Path.Combine(DataDirectory, "agentwatch.db");

    public ClusterMode ClusterMode => ClusterMode.Parse(Cluster);
    public string BriefDirectory => Path.Combine(DataDirectory, "briefs");
}
