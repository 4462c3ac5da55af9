using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Rules;
using AgentWatch.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.EventSourcing;
using Orleans.EventSourcing.CustomStorage;
using Orleans.Providers;
using Orleans.Runtime;

namespace AgentWatch.Grains.Timeline;

/// <summary>The services every timeline grain needs, injected as one.</summary>
public sealed record TimelineServices(
    AlertLog Alerts,
    IJournalStore Journal,
    CompanyDirectory Directory,
    IOptionsMonitor<RulesOptions> Rules,
    TimeProvider Time,
    ILogger<SignalTimelineGrain> Logger)
{
    /// <summary>The log-consistency provider the timelines use: Orleans' custom storage, whose storage is the grain's own.</summary>
    public const string JournalProvider = "journal";
}

/// <summary>
/// What company, filer and market grains share: a journaled timeline of signals, stored once by id, with rules
/// evaluated on new signals and their alerts recorded in the same append, then logged and published.
/// </summary>
/// <remarks>
/// The journal is Orleans' <see cref="JournaledGrain{TState,TEvent}"/> on its custom-storage provider, over the
/// <c>journal_events</c> table: one row per event, so a long history costs an append per batch, not a rewrite.
/// </remarks>
[LogConsistencyProvider(ProviderName = TimelineServices.JournalProvider)]
public abstract class SignalTimelineGrain(TimelineServices services)
    : JournaledGrain<TimelineState, TimelineEvent>, ISignalTimelineGrain, ICustomStorageInterface<TimelineState, TimelineEvent>
{
    protected CompanyDirectory Directory => services.Directory;
    protected RulesOptions Rules => services.Rules.CurrentValue;
    protected string Key => this.GetPrimaryKeyString();

    /// <summary>The confirmed timeline: what the journal holds.</summary>
    protected TimelineState Timeline => State;

    /// <summary>The grain type in the journal table ("company", "filer", "market").</summary>
    protected abstract string JournalName { get; }

    /// <summary>The rules this kind of grain evaluates.</summary>
    protected abstract IReadOnlyList<IRule> ActiveRules { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Loads the journal (Orleans' JournaledGrain waits for it here).
        await base.OnActivateAsync(cancellationToken);
        // Alerts journaled before a crash may not have reached the alert log: log those it lacks (a read finds the others).
        // The timeline holds each alert's latest revision (an update, a withdrawal, a reinstatement), the entry that matters.
        await services.Alerts.EnsureLoggedAsync(State.Alerts, cancellationToken);
    }

    protected override void TransitionState(TimelineState state, TimelineEvent @event) => state.Apply(@event);

    public async Task<KeyValuePair<int, TimelineState>> ReadStateFromStorage()
    {
        var rows = await services.Journal.ReadAsync(JournalName, Key, CancellationToken.None);
        var state = new TimelineState();
        for (var i = 0; i < rows.Count; i++)
        {
            TimelineEvent e;
            try
            {
                e = AgentWatchJson.Deserialize<TimelineEvent>(rows[i]);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
            {
                throw new InvalidDataException($"Event {i + 1} of the journal of {JournalName} '{Key}' cannot be read: {ex.Message}", ex);
            }
            state.Apply(e);
        }
        return new KeyValuePair<int, TimelineState>(rows.Count, state);
    }

    public Task<bool> ApplyUpdatesToStorage(IReadOnlyList<TimelineEvent> updates, int expectedVersion) =>
        services.Journal.AppendAsync(JournalName, Key, expectedVersion, updates.Select(u => AgentWatchJson.Serialize(u)).ToList(), CancellationToken.None);

    public Task<RecordResult> RecordAsync(IReadOnlyList<Signal> signals) => RecordCoreAsync(signals, publish: true);

    public Task<RecordResult> RecordUnpublishedAsync(IReadOnlyList<Signal> signals) => RecordCoreAsync(signals, publish: false);

    private async Task<RecordResult> RecordCoreAsync(IReadOnlyList<Signal> signals, bool publish)
    {
        var outcomes = new List<RecordOutcome>(signals.Count);
        var added = new List<Signal>();
        var batch = new Dictionary<string, Signal>(StringComparer.Ordinal);
        var now = services.Time.GetUtcNow();
        foreach (var signal in signals)
        {
            var existing = State.TryGet(signal.Id, out var stored) ? stored : batch.GetValueOrDefault(signal.Id);
            if (existing is not null)
            {
                outcomes.Add(SignalContent.Same(existing, signal)
                    ? new RecordOutcome(signal.Id, RecordStatus.Duplicate)
                    : new RecordOutcome(signal.Id, RecordStatus.Conflict,
                        $"signal '{signal.Id}' is already stored with different content (known on {existing.KnownOn:yyyy-MM-dd}, from {existing.Source}); the stored one was kept"));
                continue;
            }
            batch[signal.Id] = signal;
            added.Add(signal);
            outcomes.Add(new RecordOutcome(signal.Id, RecordStatus.New));
        }
        if (added.Count == 0) return new RecordResult(outcomes, []);

        // Limits set at run time are read before anything is raised: from the first raised event to the confirmation there
        // must be no await, or Orleans' journal could write the signals before the alerts they raise (two appends, not
        // one) and move the tentative state out from under the rules.
        var limits = (await GrainFactory.GetGrain<IAlertDeskGrain>(IAlertDeskGrain.Key).GetAsync(now)).Limits;
        RaiseEvents(added.Select(s => (TimelineEvent)new SignalRecorded(s, now)));
        // Rules see the timeline with this batch in it: the tentative state, which Orleans keeps current as events are raised.
        var timeline = TentativeState;
        var context = new RuleContext(timeline, Key, Directory, Rules, now);
        // Each alert once, in its last revision of this turn: a slide that deepens within one file is one alert, not a
        // new one and its updates.
        var raised = new List<string>();
        var latest = new Dictionary<string, Alert>(StringComparer.Ordinal);
        // In the order things happened (stable for a tie), so an episode is built from its first window on, whatever order a
        // file lists them in (a price file lists its largest moves first).
        foreach (var signal in added.OrderBy(Lookback.DateOf))
        {
            foreach (var rule in ActiveRules)
            {
                if (!rule.Enabled(context.Options)) continue;
                foreach (var candidate in rule.Evaluate(context, signal))
                {
                    // History is recorded (the signals are in), but only episodes near the newest data page anyone.
                    if (!Lookback.Admits(timeline, rule, candidate, context.Options.For(rule.Id))) continue;
                    if (timeline.FindAlert(candidate.Id) is { } earlier)
                    {
                        if (timeline.IsWithdrawn(candidate.Id))
                        {
                            // Withdrawn with the signals it rested on, and found again now they are back: it stands again, as
                            // the alert's next revision (an entry of its own, so followers hear of it).
                            if (!Admits(timeline, candidate, context.Options, limits, now)) continue;
                            var again = candidate with { Event = AlertEvent.Reinstated, Revision = earlier.Revision + 1 };
                            RaiseEvent(new AlertRaised(again));
                            raised.Add(again.Id);
                            latest[again.Id] = again;
                            continue;
                        }
                        if (candidate.Revision <= earlier.Revision) continue;
                        // Numbered against what the journal held before this turn, so followers see one update per turn.
                        var alert = candidate with { Revision = State.FindAlert(candidate.Id) is { } confirmed ? confirmed.Revision + 1 : 0, RaisedAt = earlier.RaisedAt };
                        RaiseEvent(new AlertUpdated(alert));
                        latest[alert.Id] = alert;
                        continue;
                    }
                    if (!Admits(timeline, candidate, context.Options, limits, now)) continue;
                    RaiseEvent(new AlertRaised(candidate));
                    raised.Add(candidate.Id);
                    latest[candidate.Id] = candidate;
                }
            }
        }
        // An agent's alert withdrawn with the signals it rested on stands again once they are all back: the agent judged
        // them and is not asked again.
        foreach (var alert in timeline.Alerts.Where(a => a.Agent is not null && timeline.IsWithdrawn(a.Id)).ToList())
        {
            if (alert.Evidence.Count == 0 || !alert.Evidence.All(e => timeline.TryGet(e.SignalId, out _))) continue;
            var again = alert with { RaisedAt = now, Event = AlertEvent.Reinstated, Withdrawn = null, Revision = alert.Revision + 1 };
            RaiseEvent(new AlertRaised(again));
            raised.Add(again.Id);
            latest[again.Id] = again;
        }
        // The signals and the alerts they raised are one append: a crash cannot keep one without the other.
        await ConfirmEvents();
        var alerts = latest.Values.ToList();
        if (publish) await PublishAsync(alerts);
        else LogLater(alerts);
        return new RecordResult(outcomes, alerts.Select(a => a.Id).ToList()) { Alerts = alerts };
    }

    public async Task<RetractResult> RetractAsync(IReadOnlyList<string> signalIds, AlertWithdrawal withdrawal, bool dryRun)
    {
        var held = signalIds.Where(id => State.TryGet(id, out _)).Distinct(StringComparer.Ordinal).ToList();
        var already = signalIds.Where(State.IsRetracted).Distinct(StringComparer.Ordinal).ToList();
        if (held.Count == 0) return new RetractResult([], already, []);
        // The timeline without them, on a copy: a dry run changes nothing, and the rules look at what would be left.
        var after = State.Clone();
        after.Apply(new SignalsRetracted(held, withdrawal));
        var gone = held.ToHashSet(StringComparer.Ordinal);
        var withdrawn = after.StandingAlerts
            .Where(a => a.Evidence.Any(e => gone.Contains(e.SignalId)) && !StillFound(after, a))
            .Select(a => (Alert: a, Why: withdrawal with { SignalIds = a.Evidence.Select(e => e.SignalId).Where(gone.Contains).ToList() }))
            .ToList();
        if (dryRun) return new RetractResult(held, already, withdrawn.Select(w => w.Alert.Id).ToList());

        RaiseEvent(new SignalsRetracted(held, withdrawal));
        // Each withdrawal is the alert's next revision: an entry of its own in the log, after the alert and its updates.
        foreach (var (alert, why) in withdrawn) RaiseEvent(new AlertWithdrawn(alert.Id, why, alert.Revision + 1));
        // The retraction and the withdrawals are one append.
        await ConfirmEvents();
        await PublishAsync(withdrawn.Select(w => State.FindAlert(w.Alert.Id)!).ToList());
        return new RetractResult(held, already, withdrawn.Select(w => w.Alert.Id).ToList());
    }

    /// <summary>
    /// Whether an alert still holds without the retracted signals. A rule's alert holds when its rule, evaluated again on
    /// any of its evidence that is left, finds the same alert; an agent's alert holds while any of its evidence is left
    /// anywhere (the skeptic's rests on many companies' signals; it is assessed again anyway).
    /// </summary>
    private bool StillFound(TimelineState timeline, Alert alert)
    {
        var left = alert.Evidence.Where(e => !timeline.IsRetracted(e.SignalId)).ToList();
        if (alert.Agent is not null) return left.Count > 0;
        if (ActiveRules.FirstOrDefault(r => r.Id == alert.Rule) is not { } rule) return false;
        var context = new RuleContext(timeline, Key, Directory, Rules, services.Time.GetUtcNow());
        foreach (var e in left)
        {
            if (timeline.TryGet(e.SignalId, out var signal) && rule.Evaluate(context, signal).Any(a => a.Id == alert.Id)) return true;
        }
        return false;
    }

    /// <summary>
    /// The caller logs these in its own order; should it not (its silo died after this returned), this grain logs
    /// whatever the log still lacks a while later. Publishing is idempotent by event, so the second look costs a read.
    /// </summary>
    private void LogLater(IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0) return;
        _unlogged.AddRange(alerts);
        _logLater ??= this.RegisterGrainTimer((Func<CancellationToken, Task>)LogUnpublishedAsync, new GrainTimerCreationOptions { DueTime = UnloggedGrace, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    // A fresh activation has nothing here: activating logged whatever the journal holds that the log lacks.
    public Task LogUnpublishedAsync() => LogUnpublishedAsync(CancellationToken.None);

    private async Task LogUnpublishedAsync(CancellationToken cancellationToken)
    {
        var pending = _unlogged.ToList();
        _unlogged.Clear();
        _logLater?.Dispose();
        _logLater = null;
        try
        {
            await services.Alerts.EnsureLoggedAsync(pending, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The activation is going away (its silo stopping): the next one logs what the journal holds and the log lacks.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            services.Logger.LogWarning(ex, "{Grain} could not check that {Count} alerts reached the alert log; they are logged when it next activates", Key, pending.Count);
            this.DeactivateOnIdle();
        }
    }

    /// <summary>How long the caller has to log the alerts it was handed before the grain looks itself: far longer than logging takes.</summary>
    private static readonly TimeSpan UnloggedGrace = TimeSpan.FromSeconds(30);

    private readonly List<Alert> _unlogged = [];
    private IGrainTimer? _logLater;

    public async Task<bool> RaiseAsync(Alert alert)
    {
        var now = services.Time.GetUtcNow();
        var limits = (await GrainFactory.GetGrain<IAlertDeskGrain>(IAlertDeskGrain.Key).GetAsync(now)).Limits;
        var options = Rules;
        // Stamped here, like a rule's alert, so frequencies and throttles count it by when it was raised.
        alert = alert with { RaisedAt = now, Sequence = 0 };
        if (options.For(alert.Rule) is { Enabled: false } || !Admits(TentativeState, alert, options, limits, now)) return false;
        // An agent reads its items after they are stored, and one may be retracted in between: an alert that would rest
        // only on signals taken back is not raised (as it would be withdrawn at once had it been raised first).
        if (alert.Evidence.Count > 0 && alert.Evidence.All(e => TentativeState.IsRetracted(e.SignalId))) return false;
        RaiseEvent(new AlertRaised(alert));
        await ConfirmEvents();
        await PublishAsync([alert]);
        return true;
    }

    /// <summary>Whether an alert may be raised: not raised before, about a watched company (or none on the watchlist), and
    /// within its rule's frequency and throttle.</summary>
    private bool Admits(TimelineState timeline, Alert alert, RulesOptions options, IReadOnlyList<RuleLimit> limits, DateTimeOffset now) =>
        !timeline.HasAlert(alert.Id)
        && !(Directory.IsKnown(alert.Company) && !Directory.IsWatched(alert.Company))
        && !Limited(timeline, alert, options.For(alert.Rule), limits.FirstOrDefault(l => l.Rule == alert.Rule), now);

    /// <summary>Logs and publishes alerts (each revision: an update, a withdrawal, a reinstatement) the journal now holds.</summary>
    private async Task PublishAsync(IReadOnlyList<Alert> raised)
    {
        try
        {
            foreach (var alert in raised) await services.Alerts.PublishAsync(alert);
        }
        catch (Exception ex)
        {
            // The alerts are journaled: the call succeeded. The alert log could not take an alert just now, so this
            // activation goes, and the next one logs whatever the journal holds that the log lacks.
            services.Logger.LogWarning(ex, "{Grain} journaled {Count} alerts the alert log could not take yet; they are logged when it next activates", Key, raised.Count);
            this.DeactivateOnIdle();
        }
    }

    /// <summary>Whether the rule's frequency or throttle keeps this alert from being raised: per company, over what this grain raised.</summary>
    private static bool Limited(TimelineState timeline, Alert alert, RuleOptions? options, RuleLimit? set, DateTimeOffset now)
    {
        var frequency = set?.Frequency ?? options?.Frequency ?? AlertFrequency.PerPeriod;
        var maxPerHour = set?.MaxPerHour ?? options?.MaxPerHour ?? 0;
        if (frequency == AlertFrequency.PerPeriod && maxPerHour == 0) return false;
        // The tentative timeline holds this turn's alerts too: raising an event applies it to it at once.
        var earlier = timeline.Alerts.Where(a => a.Rule == alert.Rule && a.Company == alert.Company).ToList();
        if (frequency == AlertFrequency.Daily && earlier.Any(a => a.RaisedAt.UtcDateTime.Date == now.UtcDateTime.Date)) return true;
        return maxPerHour > 0 && earlier.Count(a => now - a.RaisedAt < TimeSpan.FromHours(1)) >= maxPerHour;
    }

    public Task<IReadOnlyList<Signal>> GetSignalsAsync(SignalFilter filter)
    {
        IEnumerable<Signal> source = filter.LatestOnly ? State.Current(filter.AsOf) : State.KnownBy(filter.AsOf);
        return Task.FromResult<IReadOnlyList<Signal>>(source.Where(filter.Matches).ToList());
    }

    public Task<TimelinePage> GetSignalPageAsync(SignalFilter filter, int from, int limit)
    {
        // "Current" signals are replaced as newer ones arrive, so positions would not hold: a page is of all signals.
        if (filter.LatestOnly) throw new ArgumentException("Pages list every stored signal, not only the current ones.", nameof(filter));
        if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "A page holds at least one signal.");
        var signals = State.Signals;
        var page = new List<Signal>(Math.Min(limit, signals.Count));
        int total = 0, last = -1;
        int? next = null;
        // Positions are of arrival, retracted signals included, so a retraction between two pages moves nothing.
        for (var i = 0; i < signals.Count; i++)
        {
            if (!filter.Matches(signals[i])) continue;
            total++;
            if (State.Position(i) < from) continue;
            if (page.Count < limit)
            {
                page.Add(signals[i]);
                last = State.Position(i);
            }
            else next ??= last + 1;
        }
        return Task.FromResult(new TimelinePage(page, total, next, State.Recorded));
    }

    protected IReadOnlyList<string> AlertIds(DateOnly? asOf) =>
        State.StandingAlerts.Where(a => asOf is null || a.KnownOn <= asOf).Select(a => a.Id).ToList();
}
