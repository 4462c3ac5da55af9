using Npgsql;

namespace AgentWatch.Storage.PostgreSql;

/// <summary>
/// Journals: one row per event keyed by version. An append inserts only if the journal still ends at the version the
/// writer read; a concurrent append of the same versions collides on the key and writes nothing.
/// </summary>
public sealed class PostgresJournalStore(PostgresStore store) : IJournalStore
{
    public Task<IReadOnlyList<byte[]>> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken) =>
        store.Reads.RunAsync<IReadOnlyList<byte[]>>(
            new PgStatement("SELECT payload FROM journal_events WHERE grain_type = $1 AND grain_key = $2 ORDER BY version;", grainType, grainKey),
            r => r.Rows.Select(row => (byte[])row[0]!).ToList(), cancellationToken);

    public async Task<bool> AppendAsync(string grainType, string grainKey, int expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken)
    {
        var versions = Enumerable.Range(1, events.Count).Select(i => (long)expectedVersion + i).ToArray();
        try
        {
            // The journal's length is read once (cur) and decides both whether to insert and the answer, so an empty
            // append at a stale version is refused too, as on SQLite (-1 never equals a count).
            return await store.Writes.RunAsync(new PgStatement("""
                WITH cur AS (SELECT COALESCE(MAX(version), 0) AS version FROM journal_events WHERE grain_type = $1 AND grain_key = $2),
                ins AS (
                    INSERT INTO journal_events (grain_type, grain_key, version, payload)
                    SELECT $1, $2, e.v, e.p FROM unnest($3::bigint[], $4::bytea[]) AS e(v, p), cur
                    WHERE cur.version = $5
                    RETURNING 1)
                SELECT CASE WHEN (SELECT version FROM cur) = $5 THEN (SELECT count(*) FROM ins) ELSE -1 END;
                """, grainType, grainKey, versions, events.ToArray(), (long)expectedVersion),
                r => r.Count == events.Count, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another writer appended the same versions at the same moment.
            return false;
        }
    }
}

/// <summary>
/// Ordered logs: the log's head row is locked while its sequence is taken, so appenders queue behind each other and
/// sequences commit in order with no gaps.
/// </summary>
public sealed class PostgresLogStore(PostgresStore store) : ILogStore
{
    public async Task<LogAppend> AppendAsync(string log, string eventId, DateTimeOffset timestamp, byte[] payload, CancellationToken cancellationToken)
    {
        if (await FindAsync(log, eventId, cancellationToken).ConfigureAwait(false) is { } existing) return new LogAppend(existing.Sequence, false);
        long? appended;
        await using (var connection = await store.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var head = Command(connection, transaction, "INSERT INTO log_heads (log, last_seq) VALUES ($1, 1) ON CONFLICT (log) DO UPDATE SET last_seq = log_heads.last_seq + 1 RETURNING last_seq;", log);
            var next = (long)(await head.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            await using var insert = Command(connection, transaction, "INSERT INTO log_events (log, seq, event_id, ts, payload) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (log, event_id) DO NOTHING;",
                log, next, eventId, timestamp.UtcTicks, payload);
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                // Someone appended this id first (after the look-up above): undo the sequence taken, so there is no gap.
                // The transaction is over then; committing it as well would throw.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                appended = null;
            }
            else
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                appended = next;
            }
        }
        if (appended is { } seq) return new LogAppend(seq, true);
        return new LogAppend((await FindAsync(log, eventId, cancellationToken).ConfigureAwait(false))!.Sequence, false);
    }

    public Task<IReadOnlyList<LogEntry>> ReadAsync(string log, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        store.Reads.RunAsync<IReadOnlyList<LogEntry>>(
            new PgStatement("SELECT seq, event_id, ts, payload FROM log_events WHERE log = $1 AND seq > $2 ORDER BY seq LIMIT $3;", log, afterSequence, maxCount),
            r => r.Rows.Select(Entry).ToList(), cancellationToken);

    public Task<LogEntry?> FindAsync(string log, string eventId, CancellationToken cancellationToken) =>
        store.Reads.RunAsync(
            new PgStatement("SELECT seq, event_id, ts, payload FROM log_events WHERE log = $1 AND event_id = $2;", log, eventId),
            r => r.Rows.Count == 0 ? null : Entry(r.Rows[0]), cancellationToken);

    public Task<long> GetLastSequenceAsync(string log, CancellationToken cancellationToken) =>
        store.Reads.RunAsync(new PgStatement("SELECT COALESCE(MAX(seq), 0) FROM log_events WHERE log = $1;", log), r => (long)r.Scalar!, cancellationToken);

    private static LogEntry Entry(object?[] row) =>
        new((long)row[0]!, (string)row[1]!, new DateTimeOffset((long)row[2]!, TimeSpan.Zero), (byte[])row[3]!);

    private static NpgsqlCommand Command(NpgsqlConnection c, NpgsqlTransaction t, string sql, params object?[] args)
    {
        var command = new NpgsqlCommand(sql, c, t);
        foreach (var a in args) command.Parameters.Add(new NpgsqlParameter { Value = a ?? DBNull.Value });
        return command;
    }
}

/// <summary>
/// The signal index: one statement per claim inserts the id unless it is there and reads what the id held before, so a
/// claim never fails its batch and a race for the same id is settled by the primary key.
/// </summary>
public sealed class PostgresSignalIndex(PostgresStore store) : ISignalIndex
{
    public async Task<IReadOnlyList<SignalIdClaim>> ClaimAsync(IReadOnlyList<IndexedSignal> entries, CancellationToken cancellationToken)
    {
        // The ids are claimed in id order (stably, so a repeated id is still claimed by its first entry), whatever order
        // the caller gave: two silos claiming overlapping ids then take their locks in the same order and cannot deadlock.
        var order = Enumerable.Range(0, entries.Count).OrderBy(i => entries[i].Id, StringComparer.Ordinal).ToArray();
        // The outer query's snapshot is taken before the CTE inserts, so it sees the row only when the id was there before.
        // A new claim answers with the time as stored (RETURNING): timestamptz keeps microseconds, not .NET's 100 ns
        // ticks, and a claim must answer what the id holds, as every later claim and read of it will.
        var claims = await store.Writes.RunAsync(
            order.Select(i => entries[i]).Select(e => new PgStatement("""
                WITH ins AS (INSERT INTO signals (id, home, payload, recorded_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING recorded_at)
                SELECT (SELECT recorded_at FROM ins), s.id, s.home, s.payload, s.recorded_at FROM (SELECT 1) AS one LEFT JOIN signals s ON s.id = $1;
                """, e.Id, e.Home, e.Payload, e.RecordedAt.UtcDateTime)).ToArray(),
            results =>
            {
                var answered = new SignalIdClaim?[entries.Count];
                for (var k = 0; k < order.Length; k++)
                {
                    var row = results[k].Rows[0];
                    var i = order[k];
                    answered[i] = row[0] is DateTime recorded ? new SignalIdClaim(true, entries[i] with { RecordedAt = Utc(recorded) })
                        : row[1] is string ? new SignalIdClaim(false, Indexed(row)) : null;
                }
                return answered;
            },
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < claims.Length; i++)
        {
            // Lost a race to a writer that committed after this statement's snapshot was taken: read what it wrote.
            claims[i] ??= new SignalIdClaim(false, await GetAsync(entries[i].Id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Signal id '{entries[i].Id}' was neither stored nor found."));
        }
        return claims!;
    }

    public Task<IndexedSignal?> GetAsync(string id, CancellationToken cancellationToken) =>
        store.Reads.RunAsync(new PgStatement("SELECT 0, id, home, payload, recorded_at FROM signals WHERE id = $1;", id),
            r => r.Rows.Count == 0 ? null : Indexed(r.Rows[0]), cancellationToken);

    public Task<IReadOnlyList<IndexedSignal>> ContainingAsync(byte[] fragment, CancellationToken cancellationToken) =>
        store.Reads.RunAsync<IReadOnlyList<IndexedSignal>>(
            new PgStatement("SELECT 0, id, home, payload, recorded_at FROM signals WHERE position($1::bytea IN payload) > 0 ORDER BY id;", fragment),
            r => r.Rows.Select(Indexed).ToList(), cancellationToken);

    private static IndexedSignal Indexed(object?[] row) =>
        new((string)row[1]!, (string)row[2]!, (byte[])row[3]!, Utc((DateTime)row[4]!));

    private static DateTimeOffset Utc(DateTime recorded) => new(DateTime.SpecifyKind(recorded, DateTimeKind.Utc));
}
