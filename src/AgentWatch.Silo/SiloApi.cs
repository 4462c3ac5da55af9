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
using AgentWatch.Storage;
using Orleans.Runtime;

namespace AgentWatch.Silo;

/// <summary>
/// Who this silo is: its name ("machine:API port", Orleans' silo name, which tells the API port to whoever reads the
/// membership table), its Orleans address once started, and where it keeps its data.
/// </summary>
public sealed class SiloIdentity(string name, DateTimeOffset startedAt, string storage)
{
    public string Name { get; } = name;
    public string SiloId { get; internal set; } = name;
    public DateTimeOffset StartedAt { get; } = startedAt;
    public string Storage { get; } = storage;
}

/// <summary>The silo's side of <see cref="IAgentWatchApi"/>: every call goes to grains, the alert log or the agents.</summary>
public sealed class SiloApi(
    IGrainFactory grains,
    ILocalSiloDetails self,
    SignalIngestor ingestor,
    SignalRetractor retractor,
    ISignalIndex signalIndex,
    AlertLog alerts,
    CompanyDirectory directory,
    IQuestionAnswerer answerer,
    IBriefWriter briefs,
    SkepticAgent skeptic,
    RunLog runs,
    SiloIdentity identity,
    Microsoft.Extensions.Options.IOptions<WebhookOptions> webhooks,
    Microsoft.Extensions.Options.IOptionsMonitor<Grains.Rules.RulesOptions> rules,
    SiloPlan plan,
    TimeProvider time) : IAgentWatchApi
{
    public static string Version { get; } =
        typeof(SiloApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public async Task<StatusView> GetStatusAsync(CancellationToken cancellationToken = default) =>
        new(Version, identity.SiloId, identity.StartedAt, identity.Storage, await ActivationsHereAsync(),
            await alerts.GetLastSequenceAsync(cancellationToken), directory.Companies.Count);

    private IManagementGrain Management => grains.GetGrain<IManagementGrain>(0);

    private async Task<int> ActivationsHereAsync() => (await Management.GetRuntimeStatistics([self.SiloAddress])).Single().ActivationCount;

    public Task<IngestReport> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default) =>
        ingestor.IngestAsync(signals, cancellationToken);

    public Task<RetractReport> RetractAsync(RetractRequest request, CancellationToken cancellationToken = default) =>
        retractor.RetractAsync(request, cancellationToken);

    public Task<IReadOnlyList<Retraction>> GetRetractionsAsync(CancellationToken cancellationToken = default) =>
        retractor.ListAsync(cancellationToken);

    public async Task<IngestReport> SeedAsync(CancellationToken cancellationToken = default) =>
        await ingestor.IngestAsync(await BuiltInDataset.LoadAsync(cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        // A name, alias or ticker; one that fits no watched company is an error with the closest matches, never an empty list.
        if (query.Company is { } name) query = query with { Company = await ResolveCompanyAsync(name, watchedOnly: true) };
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
        if (await alerts.FindAsync(alertId, cancellationToken) is null) return null;
        await Desk.AcknowledgeAsync(new AlertAck(alertId, time.GetUtcNow(), string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
        return (await Desk.GetAsync(time.GetUtcNow())).Acks.Single(a => a.AlertId == alertId);
    }

    public async Task<AlertMute> MuteAsync(MuteScope scope, string value, TimeSpan duration, string? reason, CancellationToken cancellationToken = default)
    {
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromDays(366)) throw new ArgumentException($"a mute lasts more than nothing and at most a year, not {duration}");
        var key = scope == MuteScope.Company ? await ResolveCompanyAsync(value, watchedOnly: true) : value.Trim().ToLowerInvariant();
        if (scope == MuteScope.Rule && !Grains.Rules.RuleIds.All.Contains(key)) throw new ArgumentException($"no rule '{value}'; the rules are {string.Join(", ", Grains.Rules.RuleIds.All)}");
        var now = time.GetUtcNow();
        var mute = new AlertMute(scope, key, now + duration, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), now);
        await Desk.MuteAsync(mute);
        return mute;
    }

    public async Task<bool> UnmuteAsync(MuteScope scope, string value, CancellationToken cancellationToken = default) =>
        await Desk.UnmuteAsync(scope, scope == MuteScope.Company ? await ResolveCompanyAsync(value) : value.Trim().ToLowerInvariant(), time.GetUtcNow());

    public async Task<IReadOnlyList<AlertMute>> GetMutesAsync(CancellationToken cancellationToken = default) => (await Desk.GetAsync(time.GetUtcNow())).Mutes;

    public async Task<IReadOnlyList<RuleView>> GetRulesAsync(CancellationToken cancellationToken = default)
    {
        var fired = new Dictionary<string, (int Count, DateTimeOffset Last)>(StringComparer.Ordinal);
        // An update of an alert is not another firing.
        await foreach (var alert in alerts.ReadAllAsync(0, cancellationToken))
            if (alert is { Revision: 0, Event: AlertEvent.Raised }) fired[alert.Rule] = (fired.GetValueOrDefault(alert.Rule).Count + 1, alert.RaisedAt);
        var options = rules.CurrentValue;
        var limits = (await Desk.GetAsync(time.GetUtcNow())).Limits.ToDictionary(l => l.Rule, StringComparer.Ordinal);
        return typeof(Grains.Rules.RulesOptions).GetProperties()
            .Where(p => typeof(Grains.Rules.RuleOptions).IsAssignableFrom(p.PropertyType))
            .Select(p =>
            {
                var o = (Grains.Rules.RuleOptions)p.GetValue(options)!;
                var id = Grains.Rules.RulesOptions.IdOf(p.Name);
                var settings = p.PropertyType.GetProperties().Where(x => x.CanWrite && x.Name is not (nameof(Grains.Rules.RuleOptions.Enabled) or nameof(Grains.Rules.RuleOptions.Severity) or nameof(Grains.Rules.RuleOptions.Frequency) or nameof(Grains.Rules.RuleOptions.MaxPerHour)))
                    .ToDictionary(x => x.Name, x => x.GetValue(o) is System.Collections.IEnumerable list and not string
                        ? string.Join(", ", list.Cast<object>().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))
                        : Convert.ToString(x.GetValue(o), System.Globalization.CultureInfo.InvariantCulture) ?? "");
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
        await foreach (var alert in alerts.FollowAsync(afterSequence, cancellationToken)) yield return alert;
    }

    public Task<IReadOnlyList<CompanyProfile>> GetCompaniesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CompanyProfile>>(directory.Companies.OrderBy(c => c.Ticker, StringComparer.Ordinal).ToList());

    public async Task<CompanyView?> GetCompanyAsync(string nameOrTicker, DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var ticker = await ResolveCompanyAsync(nameOrTicker);
        var snapshot = await grains.GetGrain<ICompanyGrain>(ticker).GetSnapshotAsync(asOf);
        // A company's alerts as they stand: a slide that deepened is one alert, in its latest revision; a withdrawn one as
        // its withdrawal. A company on the watchlist but not watched raises none, and its figures are still to be seen
        // (the alerts query would refuse it, as following or muting it is refused).
        var about = directory.IsKnown(ticker) && !directory.IsWatched(ticker) ? []
            : AlertLog.Current(await GetAlertsAsync(new AlertQuery(0, int.MaxValue, ticker, asOf), cancellationToken));
        var positions = snapshot.Current.Where(s => s is OptionPosition or ShortPosition or Holding).ToList();
        return new CompanyView(snapshot, about, positions);
    }

    /// <summary>
    /// The ticker a name means: a company on the watchlist (ticker, name or alias), or one with signals in the data.
    /// Throws <see cref="AmbiguousNameException"/> when it fits several, <see cref="UnknownCompanyException"/> (with the
    /// closest matches) when it fits none, or, with <paramref name="watchedOnly"/> (alerts, mutes), when the company is
    /// not watched: a filter that can never match is an error, not an empty list.
    /// </summary>
    public async Task<string> ResolveCompanyAsync(string nameOrTicker, bool watchedOnly = false)
    {
        var text = nameOrTicker.Trim();
        if (text.Length == 0) throw new ArgumentException("the company name is empty");
        string? ticker = null;
        if (directory.IsKnown(text)) ticker = text.ToUpperInvariant();
        else
        {
            var candidates = directory.Resolve(text);
            if (candidates.Count > 1) throw new AmbiguousNameException(text, candidates);
            if (candidates.Count == 1) ticker = candidates[0];
        }
        if (ticker is null)
        {
            // A company off the watchlist that signals were ingested for is in the data, and raises alerts.
            var key = text.ToUpperInvariant();
            if (SignalRules.IsCompanyKey(key) && (await grains.GetGrain<ICompanyGrain>(key).GetSnapshotAsync(null)).SignalCount > 0) return key;
            throw UnknownCompanyException.NotFound(text, directory.Closest(text));
        }
        if (watchedOnly && !directory.IsWatched(ticker)) throw UnknownCompanyException.NotWatched(text, directory.Profile(ticker));
        return ticker;
    }

    public async Task<SignalPage> GetSignalPageAsync(SignalQuery query, PageRequest page, CancellationToken cancellationToken = default)
    {
        if (page.Limit is < 1 or > PageRequest.MaxLimit)
            throw new ArgumentOutOfRangeException(nameof(page), page.Limit, $"limit must be 1 to {PageRequest.MaxLimit}, not {page.Limit}.");
        var (timeline, grain) = await TimelineOfAsync(query);
        var from = page.Cursor is null ? 0 : SignalCursor.Decode(page.Cursor, timeline, query).Position;
        if (grain is null) return new SignalPage([], 0, null);
        var found = await grain.GetSignalPageAsync(new SignalFilter(query.Kind, query.Year, query.AsOf), from, page.Limit);
        // A timeline only grows, so a position past its end was never given out for it.
        if (from > found.Length)
            throw new ArgumentException("cursor points past the end of this list, so it was not given out by this silo's data: leave cursor out to start at the first page.", nameof(page));
        return new SignalPage(found.Signals, found.Total, found.Next is { } next ? new SignalCursor(timeline, SignalCursor.FiltersOf(query), next).Encode() : null);
    }

    /// <summary>The timeline a query reads: the filer's, the company's (none for a name that is no company), or the market's.</summary>
    private async Task<(string Name, ISignalTimelineGrain? Grain)> TimelineOfAsync(SignalQuery query)
    {
        if (query.Filer is not null)
        {
            var key = directory.Filer(query.Filer)?.Key ?? query.Filer;
            return ($"filer/{key}", grains.GetGrain<IFilerGrain>(key));
        }
        if (query.Company is not null)
        {
            var ticker = await ResolveCompanyAsync(query.Company);
            return ($"company/{ticker}", grains.GetGrain<ICompanyGrain>(ticker));
        }
        return ("market", grains.GetGrain<IMarketGrain>(IMarketGrain.Key));
    }

    public async Task<SignalRecord?> GetSignalAsync(string id, CancellationToken cancellationToken = default) =>
        await signalIndex.GetAsync(id, cancellationToken) is { } stored
            ? new SignalRecord(Abstractions.AgentWatchJson.Deserialize<Signal>(stored.Payload), stored.Home, stored.RecordedAt)
            : null;

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

    public IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        answerer.AnswerStreamingAsync(question, asOf, cancellationToken);

    public Task<Brief> GetBriefAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        briefs.WriteAsync(period, asOf, cancellationToken);

    public async Task<BubbleRisk> GetBubbleRiskAsync(DateOnly? asOf, CancellationToken cancellationToken = default)
    {
        var risk = await skeptic.AssessAsync(asOf, cancellationToken);
        return asOf is null ? risk with { Recorded = await grains.GetGrain<IBubbleRiskGrain>(IBubbleRiskGrain.Key).GetHistoryAsync() } : risk;
    }

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

    public async Task<ClusterView> GetClusterAsync(bool includeHistory = false, CancellationToken cancellationToken = default)
    {
        var mode = plan.Mode.Kind switch { Client.ClusterKind.Postgres => "postgres", Client.ClusterKind.Local => "local", _ => plan.Ports is null ? "embedded" : "standalone" };
        var hosts = await Management.GetDetailedHosts(onlyActive: false);
        // Silos dead for more than a day are history; Orleans keeps their rows a while longer.
        var now = time.GetUtcNow();
        var shown = hosts.Where(h => includeHistory || h.Status != Orleans.Runtime.SiloStatus.Dead || now - new DateTimeOffset(h.IAmAliveTime, TimeSpan.Zero) < TimeSpan.FromDays(1)).ToList();
        var active = shown.Where(h => h.Status == Orleans.Runtime.SiloStatus.Active).Select(h => h.SiloAddress).ToArray();
        var statistics = active.Length == 0 ? [] : await Management.GetRuntimeStatistics(active);
        var activations = active.Zip(statistics).ToDictionary(p => p.First, p => p.Second.ActivationCount);
        return new ClusterView(mode, shown.Select(h => new SiloView(
            h.SiloAddress.ToParsableString(),
            h.Status.ToString().ToLowerInvariant(),
            ApiUrlOf(h),
            new DateTimeOffset(h.StartTime, TimeSpan.Zero),
            new DateTimeOffset(h.IAmAliveTime, TimeSpan.Zero),
            Math.Round(Math.Max(0, (now - new DateTimeOffset(h.IAmAliveTime, TimeSpan.Zero)).TotalSeconds), 1),
            activations.GetValueOrDefault(h.SiloAddress),
            h.SiloAddress.Equals(self.SiloAddress))).ToList());
    }

    /// <summary>A silo's API address: its advertised address and the port its name ends with ("machine:5081").</summary>
    private static string? ApiUrlOf(MembershipEntry entry) =>
        entry.SiloName is { } name && name.LastIndexOf(':') is var colon and > 0 && int.TryParse(name[(colon + 1)..], out var port)
            ? $"http://{(entry.SiloAddress.Endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{entry.SiloAddress.Endpoint.Address}]" : entry.SiloAddress.Endpoint.Address.ToString())}:{port}"
            : null;

    public async Task<GrainLocation> LocateGrainAsync(string grainType, string key, CancellationToken cancellationToken = default)
    {
        var id = GrainId.Create(grainType, key);
        var owner = await Management.GetActivationAddress(grains.GetGrain(id));
        return new GrainLocation(id.ToString(), owner?.ToParsableString(), owner is not null && owner.Equals(self.SiloAddress), self.SiloAddress.ToParsableString());
    }
}
