using AgentWatch.Runtime;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Reminders;
using AgentWatch.Runtime.Streams;
using Npgsql;
using NpgsqlTypes;

namespace AgentWatch.Storage.PostgreSql;

internal static class Sql
{
    public static NpgsqlCommand Command(NpgsqlConnection c, string sql, params object?[] args) => Command(c, null, sql, args);

    public static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction? t, string sql, params object?[] args)
    {
        var command = new NpgsqlCommand(sql, c, t);
        foreach (var a in args) command.Parameters.Add(a is NpgsqlParameter p ? p : new NpgsqlParameter { Value = a ?? DBNull.Value });
        return command;
    }

    public static bool IsUniqueViolation(Exception ex) => ex is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}

/// <summary>
/// Grain state rows with an integer version as the ETag. Reads and writes go through the store's pipelines; each write
/// is one conditional statement that also reports the version it found, so a conflict is answered without a second
/// round trip and never fails the batch it travels in.
/// </summary>
public sealed class PostgresGrainStorage(PostgresStore store) : IGrainStorage
{
    private const string Key = "grain_type = $1 AND grain_key = $2 AND state_name = $3";

    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) =>
        store.ReadAsync(new PgStatement($"SELECT payload, version FROM grain_state WHERE {Key};", key.GrainType, key.GrainKey, key.StateName),
            r => r.Rows.Count == 0 ? null : new StoredState((byte[])r.Rows[0][0]!, ((long)r.Rows[0][1]!).ToString()), cancellationToken);

    public Task<string> WriteAsync(GrainStateKey key, byte[] payload, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            return store.WriteAsync([new PgStatement($"""
                WITH i AS (INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version) VALUES ($1, $2, $3, $4, 1) ON CONFLICT DO NOTHING RETURNING version)
                SELECT (SELECT version FROM i), (SELECT version FROM grain_state WHERE {Key});
                """, key.GrainType, key.GrainKey, key.StateName, payload)], r => Written(key, expectedEtag, r[0]), cancellationToken);
        }
        var expected = ParseEtag(key, expectedEtag);
        return store.WriteAsync([new PgStatement($"""
            WITH u AS (UPDATE grain_state SET payload = $4, version = version + 1, updated_at = now() WHERE {Key} AND version = $5 RETURNING version)
            SELECT (SELECT version FROM u), (SELECT version FROM grain_state WHERE {Key});
            """, key.GrainType, key.GrainKey, key.StateName, payload, expected)], r => Written(key, expectedEtag, r[0]), cancellationToken);
    }

    public async Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken)
    {
        if (expectedEtag is null)
        {
            // Nothing to clear when nothing was written; a row someone else wrote meanwhile is a conflict.
            if (await ReadAsync(key, cancellationToken).ConfigureAwait(false) is { } found)
                throw new InconsistentStateException(StorageErrors.Conflict(key, expectedEtag, found.Etag));
            return;
        }
        var expected = ParseEtag(key, expectedEtag);
        await store.WriteAsync([new PgStatement($"""
            WITH d AS (DELETE FROM grain_state WHERE {Key} AND version = $4 RETURNING version)
            SELECT (SELECT version FROM d), (SELECT version FROM grain_state WHERE {Key});
            """, key.GrainType, key.GrainKey, key.StateName, expected)], r => Written(key, expectedEtag, r[0]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The new version, or the conflict: the statement's first column is what it wrote, the second what was there.</summary>
    private static string Written(GrainStateKey key, string? expectedEtag, PgResult result)
    {
        var row = result.Rows[0];
        if (row[0] is long written) return written.ToString();
        throw new InconsistentStateException(StorageErrors.Conflict(key, expectedEtag, row[1] is long current ? current.ToString() : null));
    }

    private static long ParseEtag(GrainStateKey key, string etag) =>
        long.TryParse(etag, out var v) ? v : throw new InconsistentStateException($"State {key}: '{etag}' is not an ETag this store issued.");
}

/// <summary>
/// Event logs: one row per event keyed by version. An append inserts only if the log still ends at the version the
/// writer read; a concurrent append of the same versions collides on the key and writes nothing.
/// </summary>
public sealed class PostgresEventLogStorage(PostgresStore store) : IEventLogStorage
{
    public Task<IReadOnlyList<byte[]>> ReadAsync(GrainStateKey key, long afterVersion, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<byte[]>>(
            new PgStatement("SELECT payload FROM grain_events WHERE grain_type = $1 AND grain_key = $2 AND log_name = $3 AND version > $4 ORDER BY version;",
                key.GrainType, key.GrainKey, key.StateName, afterVersion),
            r => r.Rows.Select(row => (byte[])row[0]!).ToList(), cancellationToken);

    public async Task AppendAsync(GrainStateKey key, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
    {
        var versions = Enumerable.Range(1, events.Count).Select(i => expectedVersion + i).ToArray();
        bool appended;
        try
        {
            appended = await store.WriteAsync([new PgStatement("""
                WITH ins AS (
                    INSERT INTO grain_events (grain_type, grain_key, log_name, version, payload)
                    SELECT $1, $2, $3, v, p FROM unnest($4::bigint[], $5::bytea[]) AS e(v, p)
                    WHERE (SELECT COALESCE(MAX(version), 0) FROM grain_events WHERE grain_type = $1 AND grain_key = $2 AND log_name = $3) = $6
                    RETURNING 1)
                SELECT count(*) FROM ins;
                """, key.GrainType, key.GrainKey, key.StateName, versions, events.ToArray(), expectedVersion)],
                r => r[0].Count == events.Count, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Sql.IsUniqueViolation(ex))
        {
            // Another writer appended the same versions at the same moment.
            appended = false;
        }
        if (!appended) throw new InconsistentStateException(StorageErrors.LogConflict(key, expectedVersion));
    }
}

/// <summary>Reminders; a tick is claimed with a lease timed by the database's clock, so one silo delivers it.</summary>
public sealed class PostgresReminderTable(PostgresStore store) : IReminderTable
{
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        store.ExecuteAsync<IReadOnlyList<ReminderEntry>>(async c =>
        {
            await using var cmd = Sql.Command(c, "SELECT grain_type, grain_key, name, start_at, period_ticks, last_fired_at FROM reminders;");
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
            var rows = new List<ReminderEntry>();
            while (await r.ReadAsync(cancellationToken))
            {
                rows.Add(new ReminderEntry(new GrainId(r.GetString(0), r.GetString(1)), r.GetString(2), new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero),
                    TimeSpan.FromTicks(r.GetInt64(4)), r.IsDBNull(5) ? null : new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero)));
            }
            return rows;
        }, cancellationToken);

    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, """
                INSERT INTO reminders (grain_type, grain_key, name, start_at, period_ticks, last_fired_at) VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET start_at = excluded.start_at, period_ticks = excluded.period_ticks,
                    last_fired_at = excluded.last_fired_at, lease_owner = NULL, lease_until = NULL;
                """, entry.GrainId.Type, entry.GrainId.Key, entry.Name, entry.StartAt.UtcTicks, entry.Period.Ticks, entry.LastFiredAt?.UtcTicks);
            return await cmd.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "DELETE FROM reminders WHERE grain_type = $1 AND grain_key = $2 AND name = $3;", grainId.Type, grainId.Key, name);
            return await cmd.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task MarkFiredAsync(GrainId grainId, string name, DateTimeOffset tick, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "UPDATE reminders SET last_fired_at = $4, lease_owner = NULL, lease_until = NULL WHERE grain_type = $1 AND grain_key = $2 AND name = $3;",
                grainId.Type, grainId.Key, name, tick.UtcTicks);
            return await cmd.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<bool> TryClaimTickAsync(GrainId grainId, string name, DateTimeOffset tick, string claimant, TimeSpan lease, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, """
                UPDATE reminders SET lease_owner = $4, lease_until = clock_timestamp() + make_interval(secs => $6)
                WHERE grain_type = $1 AND grain_key = $2 AND name = $3
                  AND (last_fired_at IS NULL OR last_fired_at < $5)
                  AND (lease_until IS NULL OR lease_until < clock_timestamp());
                """, grainId.Type, grainId.Key, name, claimant, tick.UtcTicks, lease.TotalSeconds);
            return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
}

/// <summary>
/// Streams: the stream's head row is locked while its sequence is taken, so appenders queue behind each other and
/// sequences commit in order with no gaps. Each append notifies listening silos (LISTEN/NOTIFY) on commit.
/// </summary>
public sealed class PostgresStreamStorage(PostgresStore store) : IStreamStorage
{
    public const string Channel = "agentwatch_streams";

    public async Task<StreamAppendResult> AppendAsync(string stream, string eventId, DateTimeOffset timestamp, byte[] payload, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(stream, eventId, cancellationToken);
        if (existing is { } seq) return new StreamAppendResult(seq, false);
        var appended = await store.InTransactionAsync<long?>(async (c, t) =>
        {
            await using var head = Sql.Command(c, t, "INSERT INTO stream_heads (stream, last_seq) VALUES ($1, 1) ON CONFLICT (stream) DO UPDATE SET last_seq = stream_heads.last_seq + 1 RETURNING last_seq;", stream);
            var next = (long)(await head.ExecuteScalarAsync(cancellationToken))!;
            await using var insert = Sql.Command(c, t, "INSERT INTO stream_events (stream, seq, event_id, ts, payload) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (stream, event_id) DO NOTHING;",
                stream, next, eventId, timestamp.UtcTicks, payload);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                // Someone appended this id first: undo the sequence taken, so there is no gap.
                await t.RollbackAsync(cancellationToken);
                return null;
            }
            await using var notify = Sql.Command(c, t, "SELECT pg_notify($1, $2);", Channel, stream);
            await notify.ExecuteNonQueryAsync(cancellationToken);
            return next;
        }, cancellationToken).ConfigureAwait(false);
        if (appended is { } s) return new StreamAppendResult(s, true);
        return new StreamAppendResult((await FindAsync(stream, eventId, cancellationToken))!.Value, false);
    }

    private Task<long?> FindAsync(string stream, string eventId, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "SELECT seq FROM stream_events WHERE stream = $1 AND event_id = $2;", stream, eventId);
            return await cmd.ExecuteScalarAsync(cancellationToken) is long seq ? seq : (long?)null;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        store.ExecuteAsync<IReadOnlyList<StoredStreamEvent>>(async c =>
        {
            await using var cmd = Sql.Command(c, "SELECT seq, event_id, ts, payload FROM stream_events WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3;", stream, afterSequence, maxCount);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
            var rows = new List<StoredStreamEvent>();
            while (await r.ReadAsync(cancellationToken))
                rows.Add(new StoredStreamEvent(r.GetInt64(0), r.GetString(1), new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero), (byte[])r[3]));
            return rows;
        }, cancellationToken);

    public Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "SELECT COALESCE(MAX(seq), 0) FROM stream_events WHERE stream = $1;", stream);
            return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
}

/// <summary>Membership, timed by the database's clock so that silos on machines with skewed clocks agree on who is stale.</summary>
public sealed class PostgresMembershipTable(PostgresStore store) : IMembershipTable
{
    public Task JoinAsync(SiloAddress silo, string? apiUrl, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "INSERT INTO silos (address, host, port, generation, status, started_at, heartbeat_at, api_url) VALUES ($1, $2, $3, $4, 'active', clock_timestamp(), clock_timestamp(), $5);",
                silo.ToString(), silo.Host, silo.Port, silo.Generation, apiUrl);
            return await cmd.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<SiloStatus> HeartbeatAsync(SiloAddress silo, int activations, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "UPDATE silos SET heartbeat_at = clock_timestamp(), activations = $2 WHERE address = $1 RETURNING status;", silo.ToString(), activations);
            return await cmd.ExecuteScalarAsync(cancellationToken) is string s ? SiloStatusText.Parse(s) : SiloStatus.Dead;
        }, cancellationToken);

    public Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        store.ExecuteAsync<IReadOnlyList<SiloEntry>>(async c =>
        {
            await using var cmd = Sql.Command(c, "SELECT host, port, generation, status, started_at, heartbeat_at, EXTRACT(EPOCH FROM clock_timestamp() - heartbeat_at)::float8, api_url, activations FROM silos ORDER BY started_at;");
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
            var rows = new List<SiloEntry>();
            while (await r.ReadAsync(cancellationToken))
            {
                rows.Add(new SiloEntry(new SiloAddress(r.GetString(0), r.GetInt32(1), r.GetInt64(2)), SiloStatusText.Parse(r.GetString(3)),
                    r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5), TimeSpan.FromSeconds(Math.Max(0, r.GetDouble(6))),
                    r.IsDBNull(7) ? null : r.GetString(7), r.GetInt32(8)));
            }
            return rows;
        }, cancellationToken);

    public Task<bool> TryDeclareDeadAsync(SiloAddress silo, TimeSpan staleAfter, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "UPDATE silos SET status = 'dead' WHERE address = $1 AND status <> 'dead' AND heartbeat_at < clock_timestamp() - make_interval(secs => $2);",
                silo.ToString(), staleAfter.TotalSeconds);
            return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task SetStatusAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "UPDATE silos SET status = $2 WHERE address = $1 AND status <> 'dead';", silo.ToString(), SiloStatusText.Format(status));
            return await cmd.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}

/// <summary>
/// The grain directory: first writer wins, replacement only by compare-and-swap on the owner it replaces. Registrations
/// travel in the write pipeline (one is made before every activation), lookups in the read pipeline.
/// </summary>
public sealed class PostgresGrainDirectory(PostgresStore store) : IGrainDirectory
{
    private const string Key = "grain_type = $1 AND grain_key = $2";

    public async Task<SiloAddress> RegisterAsync(GrainId grain, SiloAddress silo, SiloAddress? replacing, CancellationToken cancellationToken)
    {
        var statements = new List<PgStatement> { new("WITH i AS (INSERT INTO grain_directory (grain_type, grain_key, silo) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1) SELECT count(*) FROM i;", grain.Type, grain.Key, silo.ToString()) };
        if (replacing is not null)
            statements.Add(new($"WITH u AS (UPDATE grain_directory SET silo = $3, registered_at = now() WHERE {Key} AND silo = $4 RETURNING 1) SELECT count(*) FROM u;", grain.Type, grain.Key, silo.ToString(), replacing.ToString()));
        // A statement of its own, so it reads with a fresh snapshot: it sees a registration another silo committed
        // while the insert waited for it.
        statements.Add(new($"SELECT silo FROM grain_directory WHERE {Key};", grain.Type, grain.Key));
        while (true)
        {
            var owner = await store.WriteAsync(statements.ToArray(), r => r[^1].Scalar as string, cancellationToken).ConfigureAwait(false);
            // The entry can vanish between the insert and the read (its owner unregistered): register again.
            if (owner is not null) return SiloAddress.Parse(owner);
        }
    }

    public Task<SiloAddress?> LookupAsync(GrainId grain, CancellationToken cancellationToken) =>
        store.ReadAsync(new PgStatement($"SELECT silo FROM grain_directory WHERE {Key};", grain.Type, grain.Key),
            r => r.Scalar is string s ? SiloAddress.Parse(s) : null, cancellationToken);

    public Task UnregisterAsync(GrainId grain, SiloAddress silo, CancellationToken cancellationToken) =>
        store.WriteAsync([new PgStatement($"WITH d AS (DELETE FROM grain_directory WHERE {Key} AND silo = $3 RETURNING 1) SELECT count(*) FROM d;", grain.Type, grain.Key, silo.ToString())], r => r[0].Count, cancellationToken);

    public Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken) =>
        store.WriteAsync([new PgStatement("WITH d AS (DELETE FROM grain_directory WHERE silo = $1 RETURNING 1) SELECT count(*) FROM d;", silo.ToString())], r => (int)r[0].Count, cancellationToken);
}
