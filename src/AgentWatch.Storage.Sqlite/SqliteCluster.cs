using AgentWatch.Runtime;
using AgentWatch.Runtime.Cluster;

namespace AgentWatch.Storage.Sqlite;

/// <summary>
/// Membership in a SQLite file shared by the silos of one machine. Times are SQLite's own clock
/// (<c>unixepoch('subsec')</c>), the same for every silo on the machine; every status change is a conditional update.
/// </summary>
public sealed class SqliteMembershipTable(SqliteStore store) : IMembershipTable
{
    public Task JoinAsync(SiloAddress silo, string? apiUrl, CancellationToken cancellationToken) =>
        store.WriteAsync(w => w.Command("""
            INSERT INTO silos (address, host, port, generation, status, started_at, heartbeat_at, api_url, activations)
            VALUES ($a, $h, $p, $g, 'active', unixepoch('subsec'), unixepoch('subsec'), $u, 0);
            """, ("$a", silo.ToString()), ("$h", silo.Host), ("$p", silo.Port), ("$g", silo.Generation), ("$u", apiUrl)).ExecuteNonQuery(), cancellationToken);

    public Task<SiloStatus> HeartbeatAsync(SiloAddress silo, int activations, CancellationToken cancellationToken) =>
        store.WriteAsync(w =>
        {
            var status = w.Command("UPDATE silos SET heartbeat_at = unixepoch('subsec'), activations = $n WHERE address = $a RETURNING status;",
                ("$a", silo.ToString()), ("$n", activations)).ExecuteScalar() as string;
            return status is null ? SiloStatus.Dead : SiloStatusText.Parse(status);
        }, cancellationToken);

    public Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<SiloEntry>>(c =>
        {
            using var r = c.Command("SELECT host, port, generation, status, started_at, heartbeat_at, unixepoch('subsec') - heartbeat_at, api_url, activations FROM silos ORDER BY started_at;").ExecuteReader();
            var rows = new List<SiloEntry>();
            while (r.Read())
            {
                rows.Add(new SiloEntry(new SiloAddress(r.GetString(0), r.GetInt32(1), r.GetInt64(2)), SiloStatusText.Parse(r.GetString(3)),
                    FromUnix(r.GetDouble(4)), FromUnix(r.GetDouble(5)), TimeSpan.FromSeconds(Math.Max(0, r.GetDouble(6))),
                    r.IsDBNull(7) ? null : r.GetString(7), r.GetInt32(8)));
            }
            return rows;
        }, cancellationToken);

    public Task<bool> TryDeclareDeadAsync(SiloAddress silo, TimeSpan staleAfter, CancellationToken cancellationToken) =>
        store.WriteAsync(w => w.Command(
            "UPDATE silos SET status = 'dead' WHERE address = $a AND status <> 'dead' AND heartbeat_at < unixepoch('subsec') - $s;",
            ("$a", silo.ToString()), ("$s", staleAfter.TotalSeconds)).ExecuteNonQuery() == 1, cancellationToken);

    public Task SetStatusAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken) =>
        // A dead row stays dead: a silo that comes back is a new generation with a row of its own.
        store.WriteAsync(w => w.Command("UPDATE silos SET status = $s WHERE address = $a AND status <> 'dead';",
            ("$a", silo.ToString()), ("$s", SiloStatusText.Format(status))).ExecuteNonQuery(), cancellationToken);

    private static DateTimeOffset FromUnix(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
}

/// <summary>The grain directory in the shared SQLite file: first writer wins, replacement only by compare-and-swap.</summary>
public sealed class SqliteGrainDirectory(SqliteStore store) : IGrainDirectory
{
    public Task<SiloAddress> RegisterAsync(GrainId grain, SiloAddress silo, SiloAddress? replacing, CancellationToken cancellationToken) =>
        store.WriteAsync(w =>
        {
            var inserted = w.Command("INSERT INTO grain_directory (grain_type, grain_key, silo, registered_at) VALUES ($t, $k, $s, unixepoch('subsec')) ON CONFLICT DO NOTHING;",
                ("$t", grain.Type), ("$k", grain.Key), ("$s", silo.ToString())).ExecuteNonQuery();
            if (inserted == 1) return silo;
            if (replacing is not null)
            {
                w.Command("UPDATE grain_directory SET silo = $s, registered_at = unixepoch('subsec') WHERE grain_type = $t AND grain_key = $k AND silo = $r;",
                    ("$t", grain.Type), ("$k", grain.Key), ("$s", silo.ToString()), ("$r", replacing.ToString())).ExecuteNonQuery();
            }
            var owner = (string)w.Command("SELECT silo FROM grain_directory WHERE grain_type = $t AND grain_key = $k;", ("$t", grain.Type), ("$k", grain.Key)).ExecuteScalar()!;
            return SiloAddress.Parse(owner);
        }, cancellationToken);

    public Task<SiloAddress?> LookupAsync(GrainId grain, CancellationToken cancellationToken) =>
        store.ReadAsync(c => c.Command("SELECT silo FROM grain_directory WHERE grain_type = $t AND grain_key = $k;", ("$t", grain.Type), ("$k", grain.Key)).ExecuteScalar() is string s
            ? SiloAddress.Parse(s) : null, cancellationToken);

    public Task UnregisterAsync(GrainId grain, SiloAddress silo, CancellationToken cancellationToken) =>
        store.WriteAsync(w => w.Command("DELETE FROM grain_directory WHERE grain_type = $t AND grain_key = $k AND silo = $s;",
            ("$t", grain.Type), ("$k", grain.Key), ("$s", silo.ToString())).ExecuteNonQuery(), cancellationToken);

    public Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken) =>
        store.WriteAsync(w => w.Command("DELETE FROM grain_directory WHERE silo = $s;", ("$s", silo.ToString())).ExecuteNonQuery(), cancellationToken);
}
