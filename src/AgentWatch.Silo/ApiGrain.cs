using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using Orleans.Concurrency;

namespace AgentWatch.Silo;

/// <summary>
/// Serves a client's calls in the silo that receives them: each goes to the silo's <see cref="SiloApi"/>, the same
/// code the HTTP API and an embedded command use, so a command behaves the same whichever way it reaches a silo. It
/// holds no state, so every silo runs as many as it needs and calls run side by side.
/// </summary>
[StatelessWorker, Reentrant, GrainType("api")]
public sealed class ApiGrain(SiloApi api) : Grain, IApiGrain
{
    public Task<StatusView> GetStatusAsync(CancellationToken cancellationToken) => api.GetStatusAsync(cancellationToken);
    public Task<IngestReport> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken) => api.IngestAsync(signals, cancellationToken);
    public Task<IngestReport> SeedAsync(CancellationToken cancellationToken) => api.SeedAsync(cancellationToken);
    public Task<RetractReport> RetractAsync(RetractRequest request, CancellationToken cancellationToken) => api.RetractAsync(request, cancellationToken);
    public Task<IReadOnlyList<Retraction>> GetRetractionsAsync(CancellationToken cancellationToken) => api.GetRetractionsAsync(cancellationToken);
    public Task<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken) => api.GetAlertsAsync(query, cancellationToken);
    public Task<IReadOnlyList<CompanyProfile>> GetCompaniesAsync(CancellationToken cancellationToken) => api.GetCompaniesAsync(cancellationToken);
    public Task<CompanyView?> GetCompanyAsync(string nameOrTicker, DateOnly? asOf, CancellationToken cancellationToken) => api.GetCompanyAsync(nameOrTicker, asOf, cancellationToken);
    public Task<SignalPage> GetSignalPageAsync(SignalQuery query, PageRequest page, CancellationToken cancellationToken) => api.GetSignalPageAsync(query, page, cancellationToken);
    public Task<SignalRecord?> GetSignalAsync(string id, CancellationToken cancellationToken) => api.GetSignalAsync(id, cancellationToken);
    public Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf, CancellationToken cancellationToken) => api.GetCapexLeaderboardAsync(year, asOf, cancellationToken);
    public Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf, CancellationToken cancellationToken) => api.GetFinancingGraphAsync(asOf, cancellationToken);
    public Task<FilerSnapshot?> GetFilerAsync(string filer, DateOnly? asOf, CancellationToken cancellationToken) => api.GetFilerAsync(filer, asOf, cancellationToken);
    public Task<Answer> AskAsync(string question, DateOnly? asOf, CancellationToken cancellationToken) => api.AskAsync(question, asOf, cancellationToken);

    public IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, DateOnly? asOf, CancellationToken cancellationToken) =>
        api.AskStreamingAsync(question, asOf, cancellationToken);
    public Task<Brief> GetBriefAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken) => api.GetBriefAsync(period, asOf, cancellationToken);
    public Task<BubbleRisk> GetBubbleRiskAsync(DateOnly? asOf, CancellationToken cancellationToken) => api.GetBubbleRiskAsync(asOf, cancellationToken);
    public Task<IReadOnlyList<AgentRunSummary>> GetRunsAsync(RunQuery query, CancellationToken cancellationToken) => api.GetRunsAsync(query, cancellationToken);
    public Task<AgentRun?> GetRunAsync(string id, CancellationToken cancellationToken) => api.GetRunAsync(id, cancellationToken);
    public Task<AlertAck?> AcknowledgeAsync(string alertId, string? note, CancellationToken cancellationToken) => api.AcknowledgeAsync(alertId, note, cancellationToken);
    public Task<AlertMute> MuteAsync(MuteScope scope, string value, TimeSpan duration, string? reason, CancellationToken cancellationToken) => api.MuteAsync(scope, value, duration, reason, cancellationToken);
    public Task<bool> UnmuteAsync(MuteScope scope, string value, CancellationToken cancellationToken) => api.UnmuteAsync(scope, value, cancellationToken);
    public Task<IReadOnlyList<AlertMute>> GetMutesAsync(CancellationToken cancellationToken) => api.GetMutesAsync(cancellationToken);
    public Task<IReadOnlyList<RuleView>> GetRulesAsync(CancellationToken cancellationToken) => api.GetRulesAsync(cancellationToken);
    public Task<RuleView> SetRuleLimitAsync(string rule, AlertFrequency frequency, int maxPerHour, CancellationToken cancellationToken) => api.SetRuleLimitAsync(rule, frequency, maxPerHour, cancellationToken);
    public Task<IReadOnlyList<WebhookStatus>> GetWebhooksAsync(CancellationToken cancellationToken) => api.GetWebhooksAsync(cancellationToken);
    public Task<ClusterView> GetClusterAsync(bool includeHistory, CancellationToken cancellationToken) => api.GetClusterAsync(includeHistory, cancellationToken);
    public Task<GrainLocation> LocateGrainAsync(string grainType, string key, CancellationToken cancellationToken) => api.LocateGrainAsync(grainType, key, cancellationToken);
}
