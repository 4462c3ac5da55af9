using AgentWatch.Abstractions.Signals;
using AgentWatch.Runtime;

namespace AgentWatch.Abstractions.Grains;

/// <summary>
/// A grain that keeps a timeline of signals: it stores each signal once (by id), evaluates its rules on new ones and
/// raises alerts. Company, filer and market grains are timelines.
/// </summary>
public interface ISignalTimelineGrain : IGrainWithStringKey
{
    /// <summary>Stores the signals it does not have yet, evaluates rules on them and publishes the alerts they raise.</summary>
    Task<RecordResult> RecordAsync(IReadOnlyList<Signal> signals);

    [ReadOnly]
    Task<IReadOnlyList<Signal>> GetSignalsAsync(SignalFilter filter);
}

/// <summary>One company, keyed by ticker (or slug for a private company).</summary>
public interface ICompanyGrain : ISignalTimelineGrain
{
    [ReadOnly]
    Task<CompanySnapshot> GetSnapshotAsync(DateOnly? asOf);
}

/// <summary>One filer (investment manager), keyed by its watchlist key.</summary>
public interface IFilerGrain : ISignalTimelineGrain
{
    [ReadOnly]
    Task<FilerSnapshot> GetSnapshotAsync(DateOnly? asOf);
}

/// <summary>The market as a whole (one grain, key <see cref="Key"/>): capex league table, totals and the financing graph.</summary>
public interface IMarketGrain : ISignalTimelineGrain
{
    public const string Key = "global";

    [ReadOnly]
    Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf);

    [ReadOnly]
    Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf);
}

/// <summary>The record of one signal, keyed by its id: what it said and where it went.</summary>
public sealed record SignalRecord(Signal Signal, string Home, DateTimeOffset RecordedAt);

/// <summary>What claiming a signal id gave: the outcome, and the record now stored under the id.</summary>
public sealed record SignalClaim(RecordStatus Status, SignalRecord Stored);

/// <summary>
/// One signal, keyed by signal id. It is the one place that knows every id in the silo, so ingestion claims the id here
/// before the signal goes to its home grain: the same id cannot land twice, even about two different companies.
/// </summary>
public interface ISignalGrain : IGrainWithStringKey
{
    /// <summary>
    /// New when the id was free (the record is stored); Duplicate when it holds the same signal for the same home;
    /// Conflict when it holds something else (the stored record is kept).
    /// </summary>
    Task<SignalClaim> ClaimAsync(SignalRecord record);

    [ReadOnly]
    Task<SignalRecord?> GetAsync();
}

/// <summary>A brief as it was written to the data directory.</summary>
public sealed record BriefRecord(DateOnly Date, string Period, string Path, DateTimeOffset WrittenAt);

/// <summary>The daily brief, written on a durable reminder (key <see cref="Key"/>).</summary>
public interface IBriefGrain : IGrainWithStringKey
{
    public const string Key = "daily";

    /// <summary>Registers the daily reminder unless it exists; it survives restarts.</summary>
    Task EnsureScheduledAsync();

    [ReadOnly]
    Task<BriefRecord?> GetLatestAsync();
}

/// <summary>How far loading the built-in dataset into this store got.</summary>
public enum DatasetLoadStatus
{
    /// <summary>Never started: an existing store, or one started with <c>Silo:SeedOnFirstStart</c> off.</summary>
    None,
    /// <summary>Started and not known to have finished; the next start loads it again (loading is idempotent).</summary>
    Loading,
    Loaded,
}

public sealed record DatasetLoad(DatasetLoadStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? LoadedAt, int Signals);

/// <summary>
/// Remembers, durably, that the built-in dataset is being loaded into a new store (key <see cref="Key"/>), so that a
/// first start stopped halfway through loading finishes the load on the next start instead of leaving half a dataset.
/// </summary>
public interface IDatasetGrain : IGrainWithStringKey
{
    public const string Key = "built-in";

    [ReadOnly]
    Task<DatasetLoad> GetAsync();

    Task BeginAsync();

    Task CompleteAsync(int signals);
}

/// <summary>
/// Keeps the sentinel's place in the alert stream (key <see cref="Key"/>), so each alert is explained once, in order,
/// whichever silo does it. A silo claims the next alert, explains it outside any grain turn (a model may take a while),
/// and completes it; a claim lapses after its lease, so a silo that died while explaining is replaced.
/// </summary>
public interface ISentinelGrain : IGrainWithStringKey
{
    public const string Key = "alerts";

    /// <summary>The next alert to explain, up to <paramref name="upTo"/>, now leased to <paramref name="claimant"/>; null when
    /// all are explained or another silo holds the lease.</summary>
    Task<long?> ClaimNextAsync(long upTo, string claimant, TimeSpan lease);

    /// <summary>Records the alert as explained (or given up on), moving the position past it.</summary>
    Task CompleteAsync(long sequence, string claimant);

    /// <summary>The sequence of the last alert explained.</summary>
    [ReadOnly]
    Task<long> GetPositionAsync();
}

/// <summary>
/// Deliveries of alerts to one webhook subscription (keyed by its name): its position in the alert stream, in order,
/// and its failures. Like the sentinel, it leases the next alert to one silo at a time, so an alert goes out once.
/// </summary>
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>The next alert to deliver, up to <paramref name="upTo"/>, now leased to <paramref name="claimant"/>;
    /// null when all are delivered, another silo holds the lease, or the next attempt is not due yet.</summary>
    Task<long?> ClaimNextAsync(long upTo, string claimant, TimeSpan lease);

    /// <summary>The alert went out (or did not match the filters): the position moves past it.</summary>
    Task CompleteAsync(long sequence, string claimant, bool delivered);

    /// <summary>For a subscription never used before: start after <paramref name="sequence"/> (the alerts already raised are
    /// not news to a new receiver). Does nothing once the subscription has a history.</summary>
    Task StartAfterAsync(long sequence);

    /// <summary>The receiver failed: recorded, and the alert is tried again at <paramref name="retryAt"/>.</summary>
    Task FailAsync(long sequence, string claimant, string error, DateTimeOffset retryAt);

    [ReadOnly]
    Task<Api.WebhookStatus> GetStatusAsync();
}

/// <summary>The alert desk (one grain, key <see cref="Key"/>): acknowledgements and mutes, stored durably.</summary>
public interface IAlertDeskGrain : IGrainWithStringKey
{
    public const string Key = "desk";

    Task AcknowledgeAsync(Api.AlertAck ack);

    Task MuteAsync(Api.AlertMute mute);

    Task<bool> UnmuteAsync(Api.MuteScope scope, string value, DateTimeOffset now);

    Task SetLimitAsync(Api.RuleLimit limit);

    /// <summary>Every acknowledgement, and the mutes in force at <paramref name="now"/>.</summary>
    [ReadOnly]
    Task<Api.AlertDeskView> GetAsync(DateTimeOffset now);
}
