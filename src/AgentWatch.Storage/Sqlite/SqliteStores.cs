namespace AgentWatch.Storage.Sqlite;

/// <summary>Journals: one row per event, keyed by version, so an append at a stale version cannot slip in.</summary>
public sealed class SqliteJournalStore(SqliteStore store, TimeProvider time) : IJournalStore
{
    public Task<IReadOnlyList<byte[]>> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<byte[]>>(c =>
        {
            using var r = c.Command("SELECT payload FROM journal_events WHERE grain_type = $t AND grain_key = $k ORDER BY version;",
                ("$t", grainType), ("$k", grainKey)).ExecuteReader();
            var rows = new List<byte[]>();
            while (r.Read()) rows.Add((byte[])r[0]);
            return rows;
        }, cancellationToken);

    public Task<bool> AppendAsync(string grainType, string grainKey, int expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken) =>
        store.WriteAsync(w =>
        {
            // The writer holds SQLite's write lock for the whole batch, across processes too: nobody appends in between.
            var current = (long)w.Command("SELECT COALESCE(MAX(version), 0) FROM journal_events WHERE grain_type = $t AND grain_key = $k;",
                ("$t", grainType), ("$k", grainKey)).ExecuteScalar()!;
            if (current != expectedVersion) return false;
            var now = time.GetUtcNow().UtcTicks;
            for (var i = 0; i < events.Count; i++)
            {
                w.Command("INSERT INTO journal_events (grain_type, grain_key, version, payload, written_at) VALUES ($t, $k, $v, $p, $w);",
                    ("$t", grainType), ("$k", grainKey), ("$v", expectedVersion + i + 1L), ("$p", events[i]), ("$w", now)).ExecuteNonQuery();
            }
            return true;
        }, cancellationToken);
}

/// <summary>
/// Ordered logs: the writer assigns MAX(seq)+1 inside the group-commit transaction, and SQLite admits one writer at a
/// time (also across processes), so sequences are gap-free and become visible in order.
/// </summary>
public sealed class SqliteLogStore(SqliteStore store) : ILogStore
{
    public Task<LogAppend> AppendAsync(string log, string eventId, DateTimeOffset timestamp, byte[] payload, CancellationToken cancellationToken) =>
        store.WriteAsync(w =>
        {
            if (w.Command("SELECT seq FROM log_events WHERE log = $l AND event_id = $e;", ("$l", log), ("$e", eventId)).ExecuteScalar() is long existing)
                return new LogAppend(existing, false);
            var seq = (long)w.Command("SELECT COALESCE(MAX(seq), 0) + 1 FROM log_events WHERE log = $l;", ("$l", log)).ExecuteScalar()!;
            w.Command("INSERT INTO log_events (log, seq, event_id, ts, payload) VALUES ($l, $q, $e, $t, $p);",
                ("$l", log), ("$q", seq), ("$e", eventId), ("$t", timestamp.UtcTicks), ("$p", payload)).ExecuteNonQuery();
            return new LogAppend(seq, true);
        }, cancellationToken);

    public Task<IReadOnlyList<LogEntry>> ReadAsync(string log, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<LogEntry>>(c =>
        {
            using var r = c.Command("SELECT seq, event_id, ts, payload FROM log_events WHERE log = $l AND seq > $a ORDER BY seq LIMIT $m;",
                ("$l", log), ("$a", afterSequence), ("$m", maxCount)).ExecuteReader();
            var rows = new List<LogEntry>();
            while (r.Read()) rows.Add(Entry(r));
            return rows;
        }, cancellationToken);

    public Task<LogEntry?> FindAsync(string log, string eventId, CancellationToken cancellationToken) =>
        store.ReadAsync(c =>
        {
            using var r = c.Command("SELECT seq, event_id, ts, payload FROM log_events WHERE log = $l AND event_id = $e;", ("$l", log), ("$e", eventId)).ExecuteReader();
            return r.Read() ? Entry(r) : null;
        }, cancellationToken);

    public Task<long> GetLastSequenceAsync(string log, CancellationToken cancellationToken) =>
        store.ReadAsync(c => (long)c.Command("SELECT COALESCE(MAX(seq), 0) FROM log_events WHERE log = $l;", ("$l", log)).ExecuteScalar()!, cancellationToken);

    private static LogEntry Entry(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), new DateTimeOffset(r.GetInt64(2), TimeSpan.Zero), (byte[])r[3]);
}

/// <summary>The signal index: a claim inserts the id unless it is there, then reads what the id holds, in one transaction.</summary>
public sealed class SqliteSignalIndex(SqliteStore store) : ISignalIndex
{
    public Task<IReadOnlyList<SignalIdClaim>> ClaimAsync(IReadOnlyList<IndexedSignal> entries, CancellationToken cancellationToken) =>
        store.WriteAsync<IReadOnlyList<SignalIdClaim>>(w =>
        {
            var claims = new List<SignalIdClaim>(entries.Count);
            foreach (var e in entries)
            {
                var inserted = w.Command("INSERT INTO signals (id, home, payload, recorded_at) VALUES ($i, $h, $p, $r) ON CONFLICT (id) DO NOTHING;",
                    ("$i", e.Id), ("$h", e.Home), ("$p", e.Payload), ("$r", e.RecordedAt.UtcTicks)).ExecuteNonQuery() == 1;
                if (inserted)
                {
                    claims.Add(new SignalIdClaim(true, e));
                    continue;
                }
                using var r = w.Command("SELECT id, home, payload, recorded_at FROM signals WHERE id = $i;", ("$i", e.Id)).ExecuteReader();
                r.Read();
                claims.Add(new SignalIdClaim(false, Indexed(r)));
            }
            return claims;
        }, cancellationToken);

    public Task<IndexedSignal?> GetAsync(string id, CancellationToken cancellationToken) =>
        store.ReadAsync(c =>
        {
            using var r = c.Command("SELECT id, home, payload, recorded_at FROM signals WHERE id = $i;", ("$i", id)).ExecuteReader();
            return r.Read() ? Indexed(r) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<IndexedSignal>> ContainingAsync(byte[] fragment, CancellationToken cancellationToken) =>
        store.ReadAsync<IReadOnlyList<IndexedSignal>>(c =>
        {
            // instr on two blobs compares bytes, whatever the payload holds.
            using var r = c.Command("SELECT id, home, payload, recorded_at FROM signals WHERE instr(payload, $f) > 0 ORDER BY id;", ("$f", fragment)).ExecuteReader();
            var found = new List<IndexedSignal>();
            while (r.Read()) found.Add(Indexed(r));
            return found;
        }, cancellationToken);

    private static IndexedSignal Indexed(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), (byte[])r[2], new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero));
}
