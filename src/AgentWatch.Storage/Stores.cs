namespace AgentWatch.Storage;

/// <summary>
/// The event logs of event-sourced grains (the company, filer and market timelines), one row per event. Orleans'
/// event-sourcing providers either rewrite a whole log on every write or keep only a snapshot; a timeline of thousands
/// of signals needs appends, so the grains keep their journal here, through Orleans' custom-storage hook.
/// </summary>
public interface IJournalStore
{
    /// <summary>Every event of the grain's journal, oldest first.</summary>
    Task<IReadOnlyList<byte[]>> ReadAsync(string grainType, string grainKey, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the events if the journal still holds exactly <paramref name="expectedVersion"/> events; false (and nothing
    /// written) when another writer appended first, or when the journal is shorter. A returned true is durable. With no
    /// events it only checks the version.
    /// </summary>
    Task<bool> AppendAsync(string grainType, string grainKey, int expectedVersion, IReadOnlyList<byte[]> events, CancellationToken cancellationToken);
}

/// <summary>One entry of an ordered log: its place, its id, when it was appended, and what it holds.</summary>
public sealed record LogEntry(long Sequence, string EventId, DateTimeOffset Timestamp, byte[] Payload);

/// <summary>The place an append got, and whether it was new or its event id was already in the log.</summary>
public readonly record struct LogAppend(long Sequence, bool IsNew);

/// <summary>
/// Ordered, gap-free logs (the alert log, the explanations of alerts, the agent runs): per log an append-only sequence
/// starting at 1, each event id once. A sequence becomes visible only once every lower one is, so a reader that resumes
/// after N never skips an entry, whichever silo appended it. Orleans' streams cannot replay from a position; this can.
/// </summary>
public interface ILogStore
{
    /// <summary>Appends once: an event id already in the log returns its sequence and adds nothing. A returned append is durable.</summary>
    Task<LogAppend> AppendAsync(string log, string eventId, DateTimeOffset timestamp, byte[] payload, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> entries after <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<LogEntry>> ReadAsync(string log, long afterSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>The entry with this event id, or null.</summary>
    Task<LogEntry?> FindAsync(string log, string eventId, CancellationToken cancellationToken);

    Task<long> GetLastSequenceAsync(string log, CancellationToken cancellationToken);
}

/// <summary>
/// A signal id as the index holds it: where the signal went (its home grain), its content, and when. The time is kept to
/// the database's precision (SQLite: .NET ticks, 100 ns; PostgreSQL: microseconds) and read back as UTC.
/// </summary>
public sealed record IndexedSignal(string Id, string Home, byte[] Payload, DateTimeOffset RecordedAt);

/// <summary>What claiming an id gave: whether this claim stored it, and what is stored under the id now.</summary>
public sealed record SignalIdClaim(bool IsNew, IndexedSignal Stored);

/// <summary>
/// Every signal id in the store, claimed once: the one place that knows them all, so the same id can never land twice,
/// even about two different companies. A table with a unique key claims a batch of ids in one statement; a grain per id
/// would cost an activation and a storage write per signal.
/// </summary>
public interface ISignalIndex
{
    /// <summary>
    /// Stores each entry whose id is free; answers, in order, what each id holds afterwards (as stored: a new claim's
    /// time at the database's precision). An id given twice in one call is claimed by its first entry. Returned claims
    /// are durable.
    /// </summary>
    Task<IReadOnlyList<SignalIdClaim>> ClaimAsync(IReadOnlyList<IndexedSignal> entries, CancellationToken cancellationToken);

    Task<IndexedSignal?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Every entry whose payload holds these bytes: a scan of the table, for rare look-ups the caller then checks (the
    /// signals read from a file, for a retraction by file), not for ingestion's path.
    /// </summary>
    Task<IReadOnlyList<IndexedSignal>> ContainingAsync(byte[] fragment, CancellationToken cancellationToken);
}
