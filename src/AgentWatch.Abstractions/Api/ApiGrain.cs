using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using Orleans.Concurrency;

namespace AgentWatch.Abstractions.Api;

/// <summary>
/// The silo's side of <see cref="IAgentWatchApi"/> for a client connected to the cluster (the CLI in another terminal):
/// each call runs in the silo that receives it, where the watchlist, the rules, the agents and the alert log are.
/// Following alerts is not here: a client subscribes to <see cref="IAlertFeedGrain"/> and reads the log with
/// <see cref="GetAlertsAsync"/>. The grain holds no state and runs calls side by side (stateless worker, reentrant);
/// [ReadOnly] marks the calls that change nothing, which are sent again when a silo dies under them.
/// </summary>
[Alias("agentwatch.api-grain")]
public interface IApiGrain : IGrainWithIntegerKey
{
    [ReadOnly, Alias("status")]
    Task<StatusView> GetStatusAsync(CancellationToken cancellationToken);

    // Ingestion, asking and writing can run for minutes (a large file, a slow model); the default 30 s would cut them off.
    [Alias("ingest"), ResponseTimeout("00:30:00")]
    Task<IngestReport> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken);

    [Alias("retract"), ResponseTimeout("00:30:00")]
    Task<RetractReport> RetractAsync(RetractRequest request, CancellationToken cancellationToken);

    [ReadOnly, Alias("retractions")]
    Task<IReadOnlyList<Retraction>> GetRetractionsAsync(CancellationToken cancellationToken);

    [Alias("seed"), ResponseTimeout("00:10:00")]
    Task<IngestReport> SeedAsync(CancellationToken cancellationToken);

    [ReadOnly, Alias("alerts")]
    Task<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken);

    [ReadOnly, Alias("companies")]
    Task<IReadOnlyList<CompanyProfile>> GetCompaniesAsync(CancellationToken cancellationToken);

    [ReadOnly, Alias("company")]
    Task<CompanyView?> GetCompanyAsync(string nameOrTicker, DateOnly? asOf, CancellationToken cancellationToken);

    [ReadOnly, Alias("signal-page")]
    Task<SignalPage> GetSignalPageAsync(SignalQuery query, PageRequest page, CancellationToken cancellationToken);

    [ReadOnly, Alias("signal")]
    Task<SignalRecord?> GetSignalAsync(string id, CancellationToken cancellationToken);

    [ReadOnly, Alias("capex")]
    Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf, CancellationToken cancellationToken);

    [ReadOnly, Alias("financing")]
    Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf, CancellationToken cancellationToken);

    [ReadOnly, Alias("filer")]
    Task<FilerSnapshot?> GetFilerAsync(string filer, DateOnly? asOf, CancellationToken cancellationToken);

    [Alias("ask"), ResponseTimeout("00:10:00")]
    Task<Answer> AskAsync(string question, DateOnly? asOf, CancellationToken cancellationToken);

    [Alias("ask-streaming")]
    IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, DateOnly? asOf, CancellationToken cancellationToken);

    [Alias("brief"), ResponseTimeout("00:10:00")]
    Task<Brief> GetBriefAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken);

    [Alias("risk"), ResponseTimeout("00:10:00")]
    Task<BubbleRisk> GetBubbleRiskAsync(DateOnly? asOf, CancellationToken cancellationToken);

    [ReadOnly, Alias("runs")]
    Task<IReadOnlyList<AgentRunSummary>> GetRunsAsync(RunQuery query, CancellationToken cancellationToken);

    [ReadOnly, Alias("run")]
    Task<AgentRun?> GetRunAsync(string id, CancellationToken cancellationToken);

    [Alias("ack")]
    Task<AlertAck?> AcknowledgeAsync(string alertId, string? note, CancellationToken cancellationToken);

    [Alias("mute")]
    Task<AlertMute> MuteAsync(MuteScope scope, string value, TimeSpan duration, string? reason, CancellationToken cancellationToken);

    [Alias("unmute")]
    Task<bool> UnmuteAsync(MuteScope scope, string value, CancellationToken cancellationToken);

    [ReadOnly, Alias("mutes")]
    Task<IReadOnlyList<AlertMute>> GetMutesAsync(CancellationToken cancellationToken);

    [ReadOnly, Alias("rules")]
    Task<IReadOnlyList<RuleView>> GetRulesAsync(CancellationToken cancellationToken);

    [Alias("set-rule-limit")]
    Task<RuleView> SetRuleLimitAsync(string rule, AlertFrequency frequency, int maxPerHour, CancellationToken cancellationToken);

    [ReadOnly, Alias("webhooks")]
    Task<IReadOnlyList<WebhookStatus>> GetWebhooksAsync(CancellationToken cancellationToken);

    [ReadOnly, Alias("cluster")]
    Task<ClusterView> GetClusterAsync(bool includeHistory, CancellationToken cancellationToken);

    [ReadOnly, Alias("locate")]
    Task<GrainLocation> LocateGrainAsync(string grainType, string key, CancellationToken cancellationToken);
}
