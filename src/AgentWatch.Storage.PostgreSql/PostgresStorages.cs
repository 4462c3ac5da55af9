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

/// <summary>Grain state rows with an integer version as the ETag.</summary>
public sealed class PostgresGrainStorage(PostgresStore store) : IGrainStorage
{
    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "SELECT payload, version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3;", key.GrainType, key.GrainKey, key.StateName);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
            return await r.ReadAsync(cancellationToken) ? new StoredState((byte[])r[0], r.GetInt64(1).ToString()) : null;
        }, cancellationToken);

    public Task<string> WriteAsync(GrainStateKey key, byte[] payload, string? expectedEtag, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            if (expectedEtag is null)
            {
                await using var insert = Sql.Command(c, "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version) VALUES ($1, $2, $3, $4, 1) ON CONFLICT DO NOTHING;",
                    key.GrainType, key.GrainKey, key.StateName, payload);
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1) return "1";
                throw await ConflictAsync(c, key, expectedEtag, cancellationToken);
            }
            var expected = long.TryParse(expectedEtag, out var v) ? v : throw new InconsistentStateException($"State {key}: '{expectedEtag}' is not an ETag this store issued.");
            await using var update = Sql.Command(c, "UPDATE grain_state SET payload = $4, version = version + 1, updated_at = now() WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5;",
                key.GrainType, key.GrainKey, key.StateName, payload, expected);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 1) return (expected + 1).ToString();
            throw await ConflictAsync(c, key, expectedEtag, cancellationToken);
        }, cancellationToken);

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            if (expectedEtag is null)
            {
                if (await CurrentVersionAsync(c, key, cancellationToken) is not null) throw await ConflictAsync(c, key, expectedEtag, cancellationToken);
                return 0;
            }
            await using var delete = Sql.Command(c, "DELETE FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4;",
                key.GrainType, key.GrainKey, key.StateName, long.Parse(expectedEtag));
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 1) return 1;
            throw await ConflictAsync(c, key, expectedEtag, cancellationToken);
        }, cancellationToken);

    private static async Task<long?> CurrentVersionAsync(NpgsqlConnection c, GrainStateKey key, CancellationToken ct)
    {
        await using var cmd = Sql.Command(c, "SELECT version FROM grain_state WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3;", key.GrainType, key.GrainKey, key.StateName);
        return await cmd.ExecuteScalarAsync(ct) is long v ? v : null;
    }

    private static async Task<InconsistentStateException> ConflictAsync(NpgsqlConnection c, GrainStateKey key, string? expected, CancellationToken ct) =>
        new(StorageErrors.Conflict(key, expected, (await CurrentVersionAsync(c, key, ct))?.ToString()));
}

/// <summary>Event logs: one row per event keyed by version; a stale append collides on the key and writes nothing.</summary>
public sealed class PostgresEventLogStorage(PostgresStore store) : IEventLogStorage
{
    public Task<IReadOnlyList<byte[]>> ReadAsync(GrainStateKey key, long afterVersion, CancellationToken cancellationToken) =>
        store.ExecuteAsync<IReadOnlyList<byte[]>>(async c =>
        {
            await using var cmd = Sql.Command(c, "SELECT payload FROM grain_events WHERE grain_type = $1 AND grain_key = $2 AND log_name = $3 AND version > $4 ORDER BY version;",
                key.GrainType, key.GrainKey, key.StateName, afterVersion);
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken);
            var rows = new List<byte[]>();
            while (await r.ReadAsync(cancellationToken)) rows.Add((byte[])r[0]);
            return rows;
        }, cancellationToken);

    public async Task AppendAsync(GrainStateKey key, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
    {
        try
        {
            await store.InTransactionAsync(async (c, t) =>
            {
                await using var max = Sql.Command(c, t, "SELECT COALESCE(MAX(version), 0) FROM grain_events WHERE grain_type = $1 AND grain_key = $2 AND log_name = $3;",
                    key.GrainType, key.GrainKey, key.StateName);
                if ((long)(await max.ExecuteScalarAsync(cancellationToken))! != expectedVersion)
                    throw new InconsistentStateException(StorageErrors.LogConflict(key, expectedVersion));
                var versions = Enumerable.Range(1, events.Count).Select(i => expectedVersion + i).ToArray();
                await using var insert = Sql.Command(c, t,
                    "INSERT INTO grain_events (grain_type, grain_key, log_name, version, payload) SELECT $1, $2, $3, v, p FROM unnest($4::bigint[], $5::bytea[]) AS e(v, p);",
                    key.GrainType, key.GrainKey, key.StateName, versions, events.ToArray());
                await insert.ExecuteNonQueryAsync(cancellationToken);
                return 0;
            }, cancellationToken);
        }
        catch (Exception ex) when (Sql.IsUniqueViolation(ex))
        {
            // Another writer appended the same versions first.
            throw new InconsistentStateException(StorageErrors.LogConflict(key, expectedVersion));
        }
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

/// <summary>The grain directory: first writer wins, replacement only by compare-and-swap on the owner it replaces.</summary>
public sealed class PostgresGrainDirectory(PostgresStore store) : IGrainDirectory
{
    public Task<SiloAddress> RegisterAsync(GrainId grain, SiloAddress silo, SiloAddress? replacing, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using (var insert = Sql.Command(c, "INSERT INTO grain_directory (grain_type, grain_key, silo) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING;", grain.Type, grain.Key, silo.ToString()))
            {
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1) return silo;
            }
            if (replacing is not null)
            {
                await using var swap = Sql.Command(c, "UPDATE grain_directory SET silo = $3, registered_at = now() WHERE grain_type = $1 AND grain_key = $2 AND silo = $4;",
                    grain.Type, grain.Key, silo.ToString(), replacing.ToString());
                await swap.ExecuteNonQueryAsync(cancellationToken);
            }
            await using var read = Sql.Command(c, "SELECT silo FROM grain_directory WHERE grain_type = $1 AND grain_key = $2;", grain.Type, grain.Key);
            // The entry can vanish between the insert and the read (its owner unregistered): register again.
            return await read.ExecuteScalarAsync(cancellationToken) is string owner ? SiloAddress.Parse(owner) : await RegisterAsync(grain, silo, null, cancellationToken);
        }, cancellationToken);

    public Task<SiloAddress?> LookupAsync(GrainId grain, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "SELECT silo FROM grain_directory WHERE grain_type = $1 AND grain_key = $2;", grain.Type, grain.Key);
            return await cmd.ExecuteScalarAsync(cancellationToken) is string s ? SiloAddress.Parse(s) : null;
        }, cancellationToken);

    public Task UnregisterAsync(GrainId grain, SiloAddress silo, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "DELETE FROM grain_directory WHERE grain_type = $1 AND grain_key = $2 AND silo = $3;", grain.Type, grain.Key, silo.ToString());
            return await cmd.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken) =>
        store.ExecuteAsync(async c =>
        {
            await using var cmd = Sql.Command(c, "DELETE FROM grain_directory WHERE silo = $1;", silo.ToString());
            return await cmd.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
}
