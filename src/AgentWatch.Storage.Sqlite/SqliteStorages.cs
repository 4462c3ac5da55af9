using AgentWatch.Runtime;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Reminders;
using AgentWatch.Runtime.Streams;
using Microsoft.Data.Sqlite;

namespace AgentWatch.Storage.Sqlite;

/// <summary>Grain state rows with an integer version as the ETag.</summary>
public sealed class SqliteGrainStorage(SqliteStore store, TimeProvider time) : IGrainStorage
{
    public Task<StoredState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken) =>
        store.ReadAsync(c =>
        {
            using var r = c.Command("SELECT payload, version FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n;",
                ("$t", key.GrainType), ("$k", key.GrainKey), ("$n", key.StateName)).ExecuteReader();
            return r.Read() ? new StoredState((byte[])r[0], r.GetInt64(1).ToString()) : null;
        }, cancellationToken);

    public Task<string> WriteAsync(GrainStateKey key, byte[] payload, string? expectedEtag, CancellationToken cancellationToken) =>
        store.WriteAsync(w =>
        {
            var now = time.GetUtcNow().UtcTicks;
            if (expectedEtag is null)
            {
                var inserted = w.Command(
                    "INSERT INTO grain_state (grain_type, grain_key, state_name, payload, version, updated_at) VALUES ($t, $k, $n, $p, 1, $u) ON CONFLICT DO NOTHING;",
                    ("$t", key.GrainType), ("$k", key.GrainKey), ("$n", key.StateName), ("$p", payload), ("$u", now)).ExecuteNonQuery();
                if (inserted == 0) throw Conflict(w, key, expectedEtag);
                return "1";
            }
            var expected = ParseEtag(key, expectedEtag);
            var updated = w.Command(
                "UPDATE grain_state SET payload = $p, version = version + 1, updated_at = $u WHERE grain_type = $t AND grain_key = $k AND state_name = $n AND version = $v;",
                ("$t", key.GrainType), ("$k", key.GrainKey), ("$n", key.StateName), ("$p", payload), ("$u", now), ("$v", expected)).ExecuteNonQuery();
            if (updated == 0) throw Conflict(w, key, expectedEtag);
            return (expected + 1).ToString();
        }, cancellationToken);

    public Task ClearAsync(GrainStateKey key, string? expectedEtag, CancellationToken cancellationToken) =>
        store.WriteAsync(w =>
        {
            if (expectedEtag is null)
            {
                if (CurrentVersion(w, key) is not null) throw Conflict(w, key, expectedEtag);
                return 0;
            }
            var deleted = w.Command(
                "DELETE FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n AND version = $v;",
                ("$t", key.GrainType), ("$k", key.GrainKey), ("$n", key.StateName), ("$v", ParseEtag(key, expectedEtag))).ExecuteNonQuery();
            if (deleted == 0) throw Conflict(w, key, expectedEtag);
            return deleted;
        }, cancellationToken);

    private static long ParseEtag(GrainStateKey key, string etag) =>
        long.TryParse(etag, out var v) ? v : throw new InconsistentStateException($"State {key}: '{etag}' is not an ETag this store issued.");

    private static long? CurrentVersion(SqliteWriteContext w, GrainStateKey key) =>
        w.Command("SELECT version FROM grain_state WHERE grain_type = $t AND grain_key = $k AND state_name = $n;",
            ("$t", key.GrainType), ("$k", key.GrainKey), ("$n", key.StateName)).ExecuteScalar() is long v ? v : null;

    private static InconsistentStateException Conflict(SqliteWriteContext w, GrainStateKey key, string? expected) =>
        new(StorageErrors.Conflict(key, expected, CurrentVersion(w, key)?.ToString()));

}

/// <summary>Event logs: one row per event, keyed by version, so an append at a stale version cannot slip in.</summary>
public sealed class SqliteEventLogStorage(SqliteStore store, TimeProvider time) : IEventLogStorage
{
    public Task<IReadOnlyList<byte[]>> ReadAsync(GrainStateKey key, long afterVersion, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<byte[]>>(c =>
        {
            using var r = c.Command("SELECT payload FROM grain_events WHERE grain_type = $t AND grain_key = $k AND log_name = $n AND version > $v ORDER BY version;",
                ("$t", key.GrainType), ("$k", key.GrainKey), ("$n", key.StateName), ("$v", afterVersion)).ExecuteReader();
            var rows = new List<byte[]>();
            while (r.Read()) rows.Add((byte[])r[0]);
            return rows;
        }, cancellationToken);

    public Task AppendAsync(GrainStateKey key, long expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken) =>
        store.WriteAsync(w =>
        {
            var current = (long)w.Command(
                "SELECT COALESCE(MAX(version), 0) FROM grain_events WHERE grain_type = $t AND grain_key = $k AND log_name = $n;",
                ("$t", key.GrainType), ("$k", key.GrainKey), ("$n", key.StateName)).ExecuteScalar()!;
            if (current != expectedVersion) throw new InconsistentStateException(StorageErrors.LogConflict(key, expectedVersion));
            var now = time.GetUtcNow().UtcTicks;
            for (var i = 0; i < events.Count; i++)
            {
                w.Command("INSERT INTO grain_events (grain_type, grain_key, log_name, version, payload, written_at) VALUES ($t, $k, $n, $v, $p, $w);",
                    ("$t", key.GrainType), ("$k", key.GrainKey), ("$n", key.StateName), ("$v", expectedVersion + i + 1), ("$p", events[i]), ("$w", now)).ExecuteNonQuery();
            }
            return events.Count;
        }, cancellationToken);
}

public sealed class SqliteReminderTable(SqliteStore store) : IReminderTable
{
    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<ReminderEntry>>(c =>
        {
            using var r = c.Command("SELECT grain_type, grain_key, name, start_at, period_ticks, last_fired_at FROM reminders;").ExecuteReader();
            var rows = new List<ReminderEntry>();
            while (r.Read())
            {
                rows.Add(new ReminderEntry(new GrainId(r.GetString(0), r.GetString(1)), r.GetString(2),
                    new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero), TimeSpan.FromTicks(r.GetInt64(4)),
                    r.IsDBNull(5) ? null : new DateTimeOffset(r.GetInt64(5), TimeSpan.Zero)));
            }
            return rows;
        }, cancellationToken);

    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken) =>
        store.WriteAsync(w => w.Command("""
            INSERT INTO reminders (grain_type, grain_key, name, start_at, period_ticks, last_fired_at) VALUES ($t, $k, $n, $s, $p, $l)
            ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET start_at = excluded.start_at, period_ticks = excluded.period_ticks, last_fired_at = excluded.last_fired_at, lease_owner = NULL, lease_until = NULL;
            """,
            ("$t", entry.GrainId.Type), ("$k", entry.GrainId.Key), ("$n", entry.Name), ("$s", entry.StartAt.UtcTicks),
            ("$p", entry.Period.Ticks), ("$l", entry.LastFiredAt?.UtcTicks)).ExecuteNonQuery(), cancellationToken);

    public Task RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken) =>
        store.WriteAsync(w => w.Command("DELETE FROM reminders WHERE grain_type = $t AND grain_key = $k AND name = $n;",
            ("$t", grainId.Type), ("$k", grainId.Key), ("$n", name)).ExecuteNonQuery(), cancellationToken);

    public Task MarkFiredAsync(GrainId grainId, string name, DateTimeOffset tick, CancellationToken cancellationToken) =>
        store.WriteAsync(w => w.Command("UPDATE reminders SET last_fired_at = $l, lease_owner = NULL, lease_until = NULL WHERE grain_type = $t AND grain_key = $k AND name = $n;",
            ("$t", grainId.Type), ("$k", grainId.Key), ("$n", name), ("$l", tick.UtcTicks)).ExecuteNonQuery(), cancellationToken);

    public Task<bool> TryClaimTickAsync(GrainId grainId, string name, DateTimeOffset tick, string claimant, TimeSpan lease, CancellationToken cancellationToken) =>
        // The silos sharing this file share the machine's clock, so the lease can be timed by it.
        store.WriteAsync(w => w.Command("""
            UPDATE reminders SET lease_owner = $o, lease_until = $u
            WHERE grain_type = $t AND grain_key = $k AND name = $n
              AND (last_fired_at IS NULL OR last_fired_at < $tick)
              AND (lease_until IS NULL OR lease_until < $now);
            """,
            ("$t", grainId.Type), ("$k", grainId.Key), ("$n", name), ("$o", claimant), ("$tick", tick.UtcTicks),
            ("$now", DateTimeOffset.UtcNow.UtcTicks), ("$u", (DateTimeOffset.UtcNow + lease).UtcTicks)).ExecuteNonQuery() == 1, cancellationToken);
}

/// <summary>
/// Streams: the writer assigns MAX(seq)+1 inside the group-commit transaction, and SQLite admits one writer at a time
/// (also across processes), so sequences are gap-free and become visible in order.
/// </summary>
public sealed class SqliteStreamStorage(SqliteStore store) : IStreamStorage
{
    public Task<StreamAppendResult> AppendAsync(string stream, string eventId, DateTimeOffset timestamp, byte[] payload, CancellationToken cancellationToken) =>
        store.WriteAsync(w =>
        {
            if (w.Command("SELECT seq FROM stream_events WHERE stream = $s AND event_id = $e;", ("$s", stream), ("$e", eventId)).ExecuteScalar() is long existing)
                return new StreamAppendResult(existing, false);
            var seq = (long)w.Command("SELECT COALESCE(MAX(seq), 0) + 1 FROM stream_events WHERE stream = $s;", ("$s", stream)).ExecuteScalar()!;
            w.Command("INSERT INTO stream_events (stream, seq, event_id, ts, payload) VALUES ($s, $q, $e, $t, $p);",
                ("$s", stream), ("$q", seq), ("$e", eventId), ("$t", timestamp.UtcTicks), ("$p", payload)).ExecuteNonQuery();
            return new StreamAppendResult(seq, true);
        }, cancellationToken);

    public Task<IReadOnlyList<StoredStreamEvent>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<StoredStreamEvent>>(c =>
        {
            using var r = c.Command("SELECT seq, event_id, ts, payload FROM stream_events WHERE stream = $s AND seq > $a ORDER BY seq LIMIT $m;",
                ("$s", stream), ("$a", afterSequence), ("$m", maxCount)).ExecuteReader();
            var rows = new List<StoredStreamEvent>();
            while (r.Read())
                rows.Add(new StoredStreamEvent(r.GetInt64(0), r.GetString(1), new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero), (byte[])r[3]));
            return rows;
        }, cancellationToken);

    public Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken) =>
        store.ReadAsync(c => (long)c.Command("SELECT COALESCE(MAX(seq), 0) FROM stream_events WHERE stream = $s;", ("$s", stream)).ExecuteScalar()!, cancellationToken);
}
