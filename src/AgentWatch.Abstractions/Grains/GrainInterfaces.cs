using AgentWatch.Abstractions.Signals;
using Orleans.Concurrency;

namespace AgentWatch.Abstractions.Grains;

/// <summary>
/// A grain that keeps a timeline of signals: it stores each signal once (by id), evaluates its rules on new ones and
/// raises alerts. Company, filer and market grains are timelines.
/// </summary>
[Alias("agentwatch.timeline-grain")]
public interface ISignalTimelineGrain : IGrainWithStringKey
{
    /// <summary>Stores the signals it does not have yet, evaluates rules on them and publishes the alerts they raise.</summary>
    [Alias("record")]
    Task<RecordResult> RecordAsync(IReadOnlyList<Signal> signals);

    /// <summary>
    /// Stores and evaluates like <see cref="RecordAsync"/>, but leaves logging the alerts to the caller, which logs the
    /// alerts of all the grains it fed in one stable order. Whatever the caller has not logged a while later (its silo
    /// died), the grain logs itself.
    /// </summary>
    [Alias("record-unpublished")]
    Task<RecordResult> RecordUnpublishedAsync(IReadOnlyList<Signal> signals);

    /// <summary>Logs the alerts handed out by <see cref="RecordUnpublishedAsync"/> that the log still lacks: the caller could not.</summary>
    [Alias("log-unpublished")]
    Task LogUnpublishedAsync();

    [ReadOnly, Alias("signals")]
    Task<IReadOnlyList<Signal>> GetSignalsAsync(SignalFilter filter);

    /// <summary>
    /// Takes back those of the signals it holds: they leave its timeline (journaled, so a restart keeps them out), and each
    /// of its standing alerts that rested on them is withdrawn unless its rule still finds it in what is left. With
    /// <paramref name="dryRun"/> it changes nothing and says what it would do. Recording a retracted signal again brings it back.
    /// </summary>
    [Alias("retract")]
    Task<RetractResult> RetractAsync(IReadOnlyList<string> signalIds, AlertWithdrawal withdrawal, bool dryRun);

    /// <summary>
    /// The signals that match, in the order stored, from position <paramref name="from"/> of the timeline (every signal
    /// counts, matching or not), at most <paramref name="limit"/> of them. Positions never change: they are of arrival, and a retracted signal keeps its place empty.
    /// </summary>
    [ReadOnly, Alias("signal-page")]
    Task<TimelinePage> GetSignalPageAsync(SignalFilter filter, int from, int limit);

    /// <summary>
    /// Raises an alert an agent judged worth raising about this grain's subject, under the same checks as a rule's:
    /// once per id, only for watched companies, only while its rule is enabled, within its frequency and throttle.
    /// It is journaled, then logged and published like a rule's. True when it was raised now.
    /// </summary>
    [Alias("raise")]
    Task<bool> RaiseAsync(Alert alert);
}

/// <summary>One company, keyed by ticker (or slug for a private company).</summary>
[Alias("agentwatch.company-grain")]
public interface ICompanyGrain : ISignalTimelineGrain
{
    [ReadOnly, Alias("snapshot")]
    Task<CompanySnapshot> GetSnapshotAsync(DateOnly? asOf);
}

/// <summary>One filer (investment manager), keyed by its watchlist key.</summary>
[Alias("agentwatch.filer-grain")]
public interface IFilerGrain : ISignalTimelineGrain
{
    [ReadOnly, Alias("snapshot")]
    Task<FilerSnapshot> GetSnapshotAsync(DateOnly? asOf);
}

/// <summary>The market as a whole (one grain, key <see cref="Key"/>): capex league table, totals and the financing graph.</summary>
[Alias("agentwatch.market-grain")]
public interface IMarketGrain : ISignalTimelineGrain
{
    public const string Key = "global";

    [ReadOnly, Alias("capex")]
    Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf);

    [ReadOnly, Alias("financing")]
    Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf);
}

/// <summary>The daily brief, written on a durable reminder (key <see cref="Key"/>).</summary>
[Alias("agentwatch.brief-grain")]
public interface IBriefGrain : IGrainWithStringKey
{
    public const string Key = "daily";

    /// <summary>Registers the daily reminder unless it exists; it survives restarts.</summary>
    [Alias("schedule")]
    Task EnsureScheduledAsync();

    [ReadOnly, Alias("latest")]
    Task<BriefRecord?> GetLatestAsync();
}

/// <summary>
/// Remembers, durably, that the built-in dataset is being loaded into a new store (key <see cref="Key"/>), so that a
/// first start stopped halfway through loading finishes the load on the next start instead of leaving half a dataset.
/// </summary>
[Alias("agentwatch.dataset-grain")]
public interface IDatasetGrain : IGrainWithStringKey
{
    public const string Key = "built-in";

    [ReadOnly, Alias("get")]
    Task<DatasetLoad> GetAsync();

    [Alias("begin")]
    Task BeginAsync();

    [Alias("complete")]
    Task CompleteAsync(int signals);
}

/// <summary>
/// An agent's place in a durable log it works through (the sentinel in the alert log, key <see cref="Sentinel"/>; the
/// newsdesk in the log of items to review, key <see cref="Newsdesk"/>), so each entry is handled once, in order,
/// whichever silo does it. A silo claims the next entry, handles it outside any grain turn (a model may take a while),
/// and completes it; a claim lapses after its lease, so a silo that died while working is replaced.
/// </summary>
[Alias("agentwatch.agent-cursor-grain")]
public interface IAgentCursorGrain : IGrainWithStringKey
{
    public const string Sentinel = "alerts";
    public const string Newsdesk = "news-review";

    /// <summary>The next entry to handle, up to <paramref name="upTo"/>, now leased to <paramref name="claimant"/>; null when
    /// all are handled or another silo holds the lease.</summary>
    [Alias("claim")]
    Task<long?> ClaimNextAsync(long upTo, string claimant, TimeSpan lease);

    /// <summary>Records the entry as handled (or given up on), moving the position past it.</summary>
    [Alias("complete")]
    Task CompleteAsync(long sequence, string claimant);

    /// <summary>The sequence of the last entry handled.</summary>
    [ReadOnly, Alias("position")]
    Task<long> GetPositionAsync();
}

/// <summary>
/// The skeptic's bubble-risk score over time (one grain, key <see cref="Key"/>). Ingestion tells it when new signals
/// arrive; a silo claims the change, has the skeptic assess it (outside any grain turn), and reports the reading. A
/// reading that crosses a configured level or moves the configured number of points from the last alerted score raises a
/// <c>bubble-risk</c> alert, through the market grain, with the factors as its evidence and the skeptic's run.
/// </summary>
[Alias("agentwatch.bubble-risk-grain")]
public interface IBubbleRiskGrain : IGrainWithStringKey
{
    public const string Key = "market";

    /// <summary>
    /// New signals were stored: the score is to be assessed again. One-way, so ingestion never waits on this grain (a
    /// frozen or dying silo holding it must not hold up storing signals); a lost message leaves the score stale until
    /// the next ingestion that stores something new.
    /// </summary>
    [OneWay, Alias("changed")]
    Task DataChangedAsync();

    /// <summary>The change to assess, now leased to <paramref name="claimant"/>: null when the readings are current, the
    /// last change is younger than <paramref name="quiet"/> (more may be on the way; but a change is never held back more
    /// than 30 s), or another silo holds the lease.</summary>
    [Alias("claim")]
    Task<long?> ClaimAsync(string claimant, TimeSpan lease, TimeSpan quiet);

    /// <summary>The skeptic's reading for <paramref name="change"/>: stored, compared with the levels, and the alert it raises
    /// (or null).</summary>
    [Alias("report")]
    Task<Alert?> ReportAsync(long change, Api.RiskReading reading, string claimant);

    [ReadOnly, Alias("history")]
    Task<Api.RiskHistory> GetHistoryAsync();
}

/// <summary>
/// Deliveries of alerts to one webhook subscription (keyed by its name): its position in the alert log, in order,
/// and its failures. Like the sentinel, it leases the next alert to one silo at a time, so an alert goes out once.
/// </summary>
[Alias("agentwatch.webhook-grain")]
public interface IWebhookGrain : IGrainWithStringKey
{
    /// <summary>The next alert to deliver, up to <paramref name="upTo"/>, now leased to <paramref name="claimant"/>;
    /// null when all are delivered, another silo holds the lease, or the next attempt is not due yet.</summary>
    [Alias("claim")]
    Task<long?> ClaimNextAsync(long upTo, string claimant, TimeSpan lease);

    /// <summary>The alert went out (or did not match the filters): the position moves past it.</summary>
    [Alias("complete")]
    Task CompleteAsync(long sequence, string claimant, bool delivered);

    /// <summary>For a subscription never used before: start after <paramref name="sequence"/> (the alerts already raised are
    /// not news to a new receiver). Does nothing once the subscription has a history.</summary>
    [Alias("start-after")]
    Task StartAfterAsync(long sequence);

    /// <summary>The receiver failed: recorded, and the alert is tried again at <paramref name="retryAt"/>.</summary>
    [Alias("fail")]
    Task FailAsync(long sequence, string claimant, string error, DateTimeOffset retryAt);

    [ReadOnly, Alias("status")]
    Task<Api.WebhookStatus> GetStatusAsync();
}

/// <summary>The alert desk (one grain, key <see cref="Key"/>): acknowledgements and mutes, stored durably.</summary>
[Alias("agentwatch.alert-desk-grain")]
public interface IAlertDeskGrain : IGrainWithStringKey
{
    public const string Key = "desk";

    [Alias("ack")]
    Task AcknowledgeAsync(Api.AlertAck ack);

    [Alias("mute")]
    Task MuteAsync(Api.AlertMute mute);

    [Alias("unmute")]
    Task<bool> UnmuteAsync(Api.MuteScope scope, string value, DateTimeOffset now);

    [Alias("set-limit")]
    Task SetLimitAsync(Api.RuleLimit limit);

    /// <summary>Every acknowledgement, and the mutes in force at <paramref name="now"/>.</summary>
    [ReadOnly, Alias("get")]
    Task<Api.AlertDeskView> GetAsync(DateTimeOffset now);
}

/// <summary>
/// Told of each alert as soon as it is in the alert log. Pushes can be lost (a silo dies, a subscription lapses); a
/// subscriber treats one as a wake-up and reads the log from the last sequence it has, which never skips anything.
/// </summary>
[Alias("agentwatch.alert-observer")]
public interface IAlertObserver : IGrainObserver
{
    [OneWay, Alias("alert")]
    Task OnAlertAsync(Alert alert);
}

/// <summary>
/// The live alert feed (one grain, key <see cref="Key"/>): whoever wants new alerts at once (every silo, every following
/// client) subscribes an observer here and renews it before it expires; grains publish each alert after logging it.
/// It holds nothing durable: after it moves to another silo, subscribers renew and catch up from the log.
/// </summary>
[Alias("agentwatch.alert-feed-grain")]
public interface IAlertFeedGrain : IGrainWithStringKey
{
    public const string Key = "alerts";

    [Alias("subscribe")]
    Task SubscribeAsync(IAlertObserver observer);

    [Alias("unsubscribe")]
    Task UnsubscribeAsync(IAlertObserver observer);

    [OneWay, Alias("publish")]
    Task PublishAsync(Alert alert);
}
