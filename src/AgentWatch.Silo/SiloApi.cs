using System.Reflection;
using System.Runtime.CompilerServices;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Skeptic;
using AgentWatch.Grains;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Ingestion;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Core;

namespace AgentWatch.Silo;

/// <summary>Who this silo is. The id names the port actually bound, known only once the server started.</summary>
public sealed class SiloIdentity(string siloId, DateTimeOffset startedAt, string storage)
{
    public string SiloId { get; internal set; } = siloId;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public string Storage { get; } = storage;
}

/// <summary>The silo's side of <see cref="IAgentWatchApi"/>: every call goes to grains, the alert stream or the agents.</summary>
public sealed class SiloApi(
    IGrainFactory grains,
    GrainRuntime runtime,
    SignalIngestor ingestor,
    AlertStream alerts,
    CompanyDirectory directory,
    IQuestionAnswerer answerer,
    IBriefWriter briefs,
    SkepticAgent skeptic,
    RunLog runs,
    SiloIdentity identity,
    Microsoft.Extensions.Options.IOptions<WebhookOptions> webhooks,
    Microsoft.Extensions.Options.IOptionsMonitor<Grains.Rules.RulesOptions> rules,
    TimeProvider time,
    IServiceProvider services) : IAgentWatchApi
{
    public static string Version { get; } =
        typeof(SiloApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<SiloStatus> GetStatusAsync(CancellationToken cancellationToken = default) =>
        new(Version, identity.SiloId, identity.StartedAt, identity.Storage, runtime.ActivationCount,
            await alerts.GetLastSequenceAsync(cancellationToken), directory.Companies.Count);

    public Task<IngestReport> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default) =>
        ingestor.IngestAsync(signals, cancellationToken);

    public async Task<IngestReport> SeedAsync(CancellationToken cancellationToken = default) =>
        await ingestor.IngestAsync(await BuiltInDataset.LoadAsync(cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        var found = new List<Alert>();
        var desk = await Desk.GetAsync(time.GetUtcNow());
        var acks = desk.Acks.ToDictionary(a => a.AlertId, StringComparer.Ordinal);
        await foreach (var alert in alerts.ReadAllAsync(query.AfterSequence, cancellationToken))
        {
            if (query.Company is not null && !string.Equals(alert.Company, query.Company, StringComparison.OrdinalIgnoreCase)) continue;
            if (query.AsOf is { } asOf && alert.KnownOn > asOf) continue;
            found.Add(alert with { Acknowledged = acks.GetValueOrDefault(alert.Id), Muted = desk.IsMuted(alert, time.GetUtcNow()) });
            if (found.Count >= query.Limit) break;
        }
        return found;
    }

    private IAlertDeskGrain Desk => grains.GetGrain<IAlertDeskGrain>(IAlertDeskGrain.Key);

    public async Task<AlertAck?> AcknowledgeAsync(string alertId, string? note, CancellationToken cancellationToken = default)
    {
        if (note?.Length > 1000) throw new ArgumentException("the note is longer than 1000 characters");
        var exists = false;
        await foreach (var alert in alerts.ReadAllAsync(0, cancellationToken))
            if (alert.Id == alertId) { exists = true; break; }
        if (!exists) return null;
        await Desk.AcknowledgeAsync(new AlertAck(alertId, time.GetUtcNow(), string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
        return (await Desk.GetAsync(time.GetUtcNow())).Acks.Single(a => a.AlertId == alertId);
    }

    public async Task<AlertMute> MuteAsync(MuteScope scope, string value, TimeSpan duration, string? reason, CancellationToken cancellationToken = default)
    {
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(366)) throw new ArgumentException($"a mute lasts more than nothing and at most a year, not {duration}");
        var key = scope == MuteScope.Company ? ResolveCompany(value) ?? throw new ArgumentException($"no company '{value}' on the watchlist") : value.Trim().ToLowerInvariant();
        if (scope == MuteScope.Rule && !Grains.Rules.RuleIds.All.Contains(key)) throw new ArgumentException($"no rule '{value}'; the rules are {string.Join(", ", Grains.Rules.RuleIds.All)}");
        var now = time.GetUtcNow();
        var mute = new AlertMute(scope, key, now + duration, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now);
        await Desk.MuteAsync(mute);
        return mute;
    }

    public async Task<bool> UnmuteAsync(MuteScope scope, string value, CancellationToken cancellationToken = default) =>
        await Desk.UnmuteAsync(scope, scope == MuteScope.Company ? ResolveCompany(value) ?? value : value.Trim().ToLowerInvariant(), time.GetUtcNow());

    public async Task<IReadOnlyList<AlertMute>> GetMutesAsync(CancellationToken cancellationToken = default) => (await Desk.GetAsync(time.GetUtcNow())).Mutes;

    public async Task<IReadOnlyList<RuleView>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        var fired = new Dictionary<string, (int Count, DateTimeOffset Last)>(StringComparer.Ordinal);
        await foreach (var alert in alerts.ReadAllAsync(0, cancellationToken))
            fired[alert.Rule] = (fired.GetValueOrDefault(alert.Rule).Count + 1, alert.RaisedAt);
        var options = rules.CurrentValue;
        var limits = (await Desk.GetAsync(time.GetUtcNow())).Limits.ToDictionary(l => l.Rule, StringComparer.Ordinal);
        return typeof(Grains.Rules.RulesOptions).GetProperties()
            .Where(p => typeof(Grains.Rules.RuleOptions).IsAssignableFrom(p.PropertyType))
            .Select(p =>
            {
                var o = (Grains.Rules.RuleOptions)p.GetValue(options)!;
                var id = Grains.Rules.RulesOptions.IdOf(p.Name);
                var settings = p.PropertyType.GetProperties().Where(x => x.Name is not (nameof(Grains.Rules.RuleOptions.Enabled) or nameof(Grains.Rules.RuleOptions.Severity) or nameof(Grains.Rules.RuleOptions.Frequency) or nameof(Grains.Rules.RuleOptions.MaxPerHour)))
                    .ToDictionary(x => x.Name, x => Convert.ToString(x.GetValue(o), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                var (count, last) = fired.GetValueOrDefault(id);
                var set = limits.GetValueOrDefault(id);
                return new RuleView(id, o.Enabled, o.Severity, settings, count, count == 0 ? null : last)
                {
                    Frequency = set?.Frequency ?? o.Frequency,
                    MaxPerHour = set?.MaxPerHour ?? o.MaxPerHour,
                };
            }).ToList();
    }

    public async Task<RuleView> SetRuleLimitAsync(string rule, AlertFrequency frequency, int maxPerHour, CancellationToken cancellationToken = default)
    {
        var id = rule.Trim().ToLowerInvariant();
        if (!Grains.Rules.RuleIds.All.Contains(id)) throw new ArgumentException($"no rule '{rule}'; the rules are {string.Join(", ", Grains.Rules.RuleIds.All)}");
        if (maxPerHour is < 0 or > 100_000) throw new ArgumentException($"maxPerHour must be 0 (no limit) to 100000, not {maxPerHour}");
        if (!Enum.IsDefined(frequency)) throw new ArgumentException($"frequency must be PerPeriod or Daily");
        await Desk.SetLimitAsync(new RuleLimit(id, frequency, maxPerHour, time.GetUtcNow()));
        return (await GetRulesAsync(cancellationToken)).Single(r => r.Id == id);
    }

    public async IAsyncEnumerable<Alert> FollowAlertsAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var alert in alerts.SubscribeAsync(afterSequence, cancellationToken)) yield return alert;
    }

    public Task<IReadOnlyList<CompanyProfile>> GetCompaniesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CompanyProfile>>(directory.Companies.OrderBy(c => c.Ticker, StringComparer.Ordinal).ToList());

    public async Task<CompanyView?> GetCompanyAsync(string nameOrTicker, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var ticker = ResolveCompany(nameOrTicker);
        if (ticker is null) return null;
        var snapshot = await grains.GetGrain<ICompanyGrain>(ticker).GetSnapshotAsync(asOf);
        if (!directory.IsKnown(ticker) && snapshot.SignalCount == 0) return null;
        var about = await GetAlertsAsync(new AlertQuery(0, int.MaxValue, ticker, asOf), cancellationToken);
        var positions = snapshot.Current.Where(s => s is OptionPosition or ShortPosition or Holding).ToList();
        return new CompanyView(snapshot, about, positions);
    }

    /// <summary>A ticker from a ticker, name or alias; null when unknown; throws when ambiguous.</summary>
    public string? ResolveCompany(string nameOrTicker)
    {
        var text = nameOrTicker.Trim();
        if (directory.IsKnown(text)) return text.ToUpperInvariant();
        var candidates = directory.Resolve(text);
        if (candidates.Count > 1) throw new AmbiguousNameException(text, candidates);
        if (candidates.Count == 1) return candidates[0];
        return SignalRules.IsCompanyKey(text.ToUpperInvariant()) ? text.ToUpperInvariant() : null;
    }

    public async Task<IReadOnlyList<Signal>> GetSignalsAsync(SignalQuery query, CancellationToken cancellationToken = default)
    {
        var filter = new SignalFilter(query.Kind, query.Year, query.AsOf);
        if (query.Filer is not null) return await grains.GetGrain<IFilerGrain>(directory.Filer(query.Filer)?.Key ?? query.Filer).GetSignalsAsync(filter);
        if (query.Company is not null)
        {
            var ticker = ResolveCompany(query.Company);
            return ticker is null ? [] : await grains.GetGrain<ICompanyGrain>(ticker).GetSignalsAsync(filter);
        }
        return await grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetSignalsAsync(filter);
    }

    public Task<SignalRecord?> GetSignalAsync(string id, CancellationToken cancellationToken = default) =>
        grains.GetGrain<ISignalGrain>(id).GetAsync();

    public Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetCapexLeaderboardAsync(year, asOf);

    public Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf, CancellationToken cancellationToken = default) =>
        grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetFinancingGraphAsync(asOf);

    public async Task<FilerSnapshot?> GetFilerAsync(string filer, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var profile = directory.Filer(filer);
        var snapshot = await grains.GetGrain<IFilerGrain>(profile?.Key ?? filer).GetSnapshotAsync(asOf);
        return profile is null && snapshot.Positions.Count == 0 ? null : snapshot;
    }

    public Task<Answer> AskAsync(string question, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        answerer.AnswerAsync(question, asOf, cancellationToken);

    public Task<Brief> GetBriefAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        briefs.WriteAsync(period, asOf, cancellationToken);

    public Task<BubbleRisk> GetBubbleRiskAsync(DateOnly? asOf, CancellationToken cancellationToken = default) =>
        skeptic.AssessAsync(asOf, cancellationToken);

    public Task<IReadOnlyList<AgentRunSummary>> GetRunsAsync(RunQuery query, CancellationToken cancellationToken = default) =>
        runs.ListAsync(query, cancellationToken);

    public async Task<IReadOnlyList<WebhookStatus>> GetWebhooksAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<WebhookStatus>();
        foreach (var s in webhooks.Value.Subscriptions)
            list.Add(await grains.GetGrain<IWebhookGrain>(s.Name).GetStatusAsync() with { Name = s.Name, Url = s.Url });
        return list;
    }

    public Task<AgentRun?> GetRunAsync(string id, CancellationToken cancellationToken = default) =>
        runs.GetAsync(id, cancellationToken);

    public async Task<ClusterView> GetClusterAsync(CancellationToken cancellationToken = default)
    {
        if (services.GetService(typeof(Runtime.Cluster.ClusterMembership)) is not Runtime.Cluster.ClusterMembership membership)
        {
            var now = DateTimeOffset.UtcNow;
            return new ClusterView("standalone", [new SiloView(identity.SiloId, "active", null, identity.StartedAt, now, 0, runtime.ActivationCount, true)]);
        }
        var table = (Runtime.Cluster.IMembershipTable)services.GetService(typeof(Runtime.Cluster.IMembershipTable))!;
        var rows = await table.ReadAllAsync(cancellationToken);
        var plan = (SiloPlan)services.GetService(typeof(SiloPlan))!;
        return new ClusterView(plan.Mode.Kind == ClusterKind.Postgres ? "postgres" : "local", rows.Select(r => new SiloView(
            r.Address.ToString(), Runtime.Cluster.SiloStatusText.Format(r.Status), r.ApiUrl, r.StartedAt, r.HeartbeatAt,
            Math.Round(r.HeartbeatAge.TotalSeconds, 1), r.Address == membership.Self ? runtime.ActivationCount : r.Activations, r.Address == membership.Self)).ToList());
    }

    public async Task<GrainLocation> LocateGrainAsync(string grainType, string key, CancellationToken cancellationToken = default)
    {
        var id = new GrainId(grainType, key);
        var active = runtime.IsActive(id);
        if (services.GetService(typeof(Runtime.Cluster.ClusterContext)) is not Runtime.Cluster.ClusterContext cluster)
            return new GrainLocation(id.ToString(), active ? identity.SiloId : null, active, identity.SiloId);
        var owner = await cluster.Directory.LookupAsync(id, cancellationToken);
        return new GrainLocation(id.ToString(), owner?.ToString(), active, cluster.Self.ToString());
    }
}
