using System.Text.Json.Serialization;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using Orleans.Serialization.Cloning;
using Values = AgentWatch.Abstractions.Values;

namespace AgentWatch.Grains.Timeline;

/// <summary>
/// What a timeline grain's journal records: signals it took in and alerts it raised. Stored as AgentWatch's JSON, one row
/// per event; Orleans never carries them between silos.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(SignalRecorded), "signal-recorded")]
[JsonDerivedType(typeof(AlertRaised), "alert-raised")]
[JsonDerivedType(typeof(SignalsRetracted), "signals-retracted")]
[JsonDerivedType(typeof(AlertWithdrawn), "alert-withdrawn")]
[JsonDerivedType(typeof(AlertUpdated), "alert-updated")]
public abstract record TimelineEvent;

public sealed record SignalRecorded(Signal Signal, DateTimeOffset RecordedAt) : TimelineEvent;

/// <summary>
/// The grain's decision to raise an alert, stored in the same append as the signals that caused it, so a crash between
/// storing and publishing cannot lose it: it is published again on the next activation (the stream keeps it once).
/// </summary>
public sealed record AlertRaised(Alert Alert) : TimelineEvent;

/// <summary>Signals taken back (<c>agentwatch retract</c>): they leave the timeline until recorded again.</summary>
public sealed record SignalsRetracted(IReadOnlyList<string> SignalIds, AlertWithdrawal Withdrawal) : TimelineEvent;

/// <summary>An alert that rested on retracted signals, withdrawn in the same append as their retraction; <see cref="Revision"/>
/// is the withdrawal's revision of the alert (each change to an alert is the next revision, an entry of its own in the log).</summary>
public sealed record AlertWithdrawn(string AlertId, AlertWithdrawal Withdrawal, int Revision = 0) : TimelineEvent;

/// <summary>A later revision of an alert already raised (the episode deepened): it replaces the earlier one in the timeline.</summary>
public sealed record AlertUpdated(Alert Alert) : TimelineEvent;

/// <summary>
/// A timeline: every signal in arrival order, indexed by id, and the alerts raised. Queries take an as-of day and see
/// only signals known by then; where several signals speak of the same series, the one known last is current.
/// </summary>
public sealed class TimelineState
{
    private readonly List<Signal> _signals = [];

    // Each signal's place in the order of arrival, counting retracted ones: pages resume by it, and a retraction must not
    // move the signals after it.
    private readonly List<int> _positions = [];
    private int _recorded;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<Alert> _alerts = [];
    private readonly Dictionary<string, int> _alertIds = new(StringComparer.Ordinal);

    // The newest date (Lookback.DateOf) per kind of signal: what a rule's lookback is measured from, kept as signals
    // arrive so a check does not scan the history.
    private readonly Dictionary<SignalKind, DateOnly> _newest = [];

    // Retracted signals (by id), kept so one recorded again comes back. A withdrawn alert is its entry in _alerts, as withdrawn.
    private readonly Dictionary<string, Signal> _retracted = new(StringComparer.Ordinal);

    // Daily US-dollar market caps per company, kept sorted as they arrive: a drawdown check looks at a few neighbours
    // instead of re-sorting the whole history for every new day.
    private readonly Dictionary<string, SortedList<DateOnly, MarketCap>> _marketCaps = new(StringComparer.Ordinal);

    public IReadOnlyList<Signal> Signals => _signals;

    /// <summary>The place of <see cref="Signals"/>[<paramref name="index"/>] in the order of arrival (retracted signals keep theirs).</summary>
    public int Position(int index) => _positions[index];

    /// <summary>How many signals were ever recorded: the next one's place.</summary>
    public int Recorded => _recorded;

    /// <summary>Every alert the grain raised, each in its latest revision (withdrawn ones as their withdrawal).</summary>
    public IReadOnlyList<Alert> Alerts => _alerts;

    /// <summary>The alerts that stand: raised and not withdrawn.</summary>
    public IEnumerable<Alert> StandingAlerts => _alerts.Where(a => a.Event != AlertEvent.Withdrawn);

    /// <summary>Whether the alert is withdrawn now (its latest revision is its withdrawal).</summary>
    public bool IsWithdrawn(string alertId) => FindAlert(alertId) is { Event: AlertEvent.Withdrawn };

    public bool IsRetracted(string signalId) => _retracted.ContainsKey(signalId);

    /// <summary>
    /// A copy to apply tentative events to: new collections holding the same signals and alerts, which are immutable.
    /// Orleans copies the confirmed state this way before a grain reads its tentative state.
    /// </summary>
    public TimelineState Clone()
    {
        var copy = new TimelineState();
        copy._signals.AddRange(_signals);
        copy._positions.AddRange(_positions);
        copy._recorded = _recorded;
        foreach (var (id, i) in _index) copy._index[id] = i;
        copy._alerts.AddRange(_alerts);
        foreach (var (id, i) in _alertIds) copy._alertIds[id] = i;
        foreach (var (kind, day) in _newest) copy._newest[kind] = day;
        foreach (var (id, signal) in _retracted) copy._retracted[id] = signal;
        foreach (var (company, series) in _marketCaps) copy._marketCaps[company] = new SortedList<DateOnly, MarketCap>(series);
        return copy;
    }

    public void Apply(TimelineEvent @event)
    {
        switch (@event)
        {
            case SignalRecorded r:
                _retracted.Remove(r.Signal.Id);
                _index[r.Signal.Id] = _signals.Count;
                _signals.Add(r.Signal);
                _positions.Add(_recorded++);
                NoteNewest(r.Signal);
                IndexMarketCap(r.Signal);
                break;
            case AlertRaised a:
                if (_alertIds.TryAdd(a.Alert.Id, _alerts.Count)) _alerts.Add(a.Alert);
                else if (IsWithdrawn(a.Alert.Id))
                {
                    // Raised again after a withdrawal: the new raising (its evidence, its time, its revision) is the one that stands.
                    _alerts[_alertIds[a.Alert.Id]] = a.Alert;
                }
                break;
            case AlertUpdated u:
                if (_alertIds.TryGetValue(u.Alert.Id, out var at)) _alerts[at] = u.Alert;
                else if (_alertIds.TryAdd(u.Alert.Id, _alerts.Count)) _alerts.Add(u.Alert);
                break;
            case SignalsRetracted r:
                Retract(r.SignalIds);
                break;
            case AlertWithdrawn w:
                if (_alertIds.TryGetValue(w.AlertId, out var withdrawnAt) && _alerts[withdrawnAt].Event != AlertEvent.Withdrawn)
                {
                    // The alert as it now stands is its withdrawal: the entry the log holds last for it.
                    var alert = _alerts[withdrawnAt];
                    _alerts[withdrawnAt] = alert with { Event = AlertEvent.Withdrawn, Withdrawn = w.Withdrawal, Revision = Math.Max(w.Revision, alert.Revision + 1), Explanation = null };
                }
                break;
        }
    }

    private void NoteNewest(Signal signal)
    {
        var date = Rules.Lookback.DateOf(signal);
        if (!_newest.TryGetValue(signal.Kind, out var newest) || date > newest) _newest[signal.Kind] = date;
    }

    private void IndexMarketCap(Signal signal)
    {
        if (signal is MarketCap { Company: { } company, Period.Kind: Values.PeriodKind.Day, Amount.Currency: "USD" } cap)
        {
            if (!_marketCaps.TryGetValue(company, out var series)) _marketCaps[company] = series = new SortedList<DateOnly, MarketCap>();
            series[cap.Period.Start!.Value] = cap;
        }
    }

    /// <summary>Removes the signals from the timeline, keeping them aside; the index and the market-cap series are rebuilt
    /// once per retraction, which is rare, rather than made slower for every signal recorded.</summary>
    private void Retract(IReadOnlyList<string> ids)
    {
        var gone = new HashSet<string>(ids.Where(_index.ContainsKey), StringComparer.Ordinal);
        if (gone.Count == 0) return;
        foreach (var id in gone) _retracted[id] = _signals[_index[id]];
        for (var i = _signals.Count - 1; i >= 0; i--)
        {
            if (!gone.Contains(_signals[i].Id)) continue;
            _signals.RemoveAt(i);
            _positions.RemoveAt(i);
        }
        _index.Clear();
        for (var i = 0; i < _signals.Count; i++) _index[_signals[i].Id] = i;
        _marketCaps.Clear();
        _newest.Clear();
        foreach (var s in _signals)
        {
            IndexMarketCap(s);
            NoteNewest(s);
        }
    }

    public bool TryGet(string id, out Signal signal)
    {
        if (_index.TryGetValue(id, out var i))
        {
            signal = _signals[i];
            return true;
        }
        signal = null!;
        return false;
    }

    /// <summary>Whether the alert stands (raised and not withdrawn): a withdrawn alert may be raised again.</summary>
    public bool HasAlert(string id) => _alertIds.ContainsKey(id) && !IsWithdrawn(id);

    /// <summary>The alert with this id in its latest revision, or null.</summary>
    public Alert? FindAlert(string id) => _alertIds.TryGetValue(id, out var i) ? _alerts[i] : null;

    /// <summary>The newest date among signals of these kinds, or null when there are none.</summary>
    public DateOnly? NewestOf(IEnumerable<SignalKind> kinds)
    {
        DateOnly? newest = null;
        foreach (var kind in kinds)
            if (_newest.TryGetValue(kind, out var d) && (newest is null || d > newest)) newest = d;
        return newest;
    }

    /// <summary>A company's daily US-dollar market caps in date order (the last one recorded for a day wins).</summary>
    public SortedList<DateOnly, MarketCap>? MarketCapSeries(string company) => _marketCaps.GetValueOrDefault(company);

    public IEnumerable<Signal> KnownBy(DateOnly? asOf) => asOf is { } d ? _signals.Where(s => s.KnownOn <= d) : _signals;

    public IEnumerable<T> KnownBy<T>(DateOnly? asOf) where T : Signal => KnownBy(asOf).OfType<T>();

    /// <summary>
    /// The current signal of every series: latest known day wins, and on the same day the one that arrived last.
    /// A document does not revise itself: two statements of one source file made known the same day at different places
    /// in it (line 13 and line 63 of one article disagreeing) both stand, each with its note.
    /// </summary>
    public IReadOnlyList<Signal> Current(DateOnly? asOf) =>
        KnownBy(asOf)
            .Select((s, i) => (Signal: s, Order: i))
            .GroupBy(x => (x.Signal.Company, x.Signal.Kind, Period: x.Signal.Period.ToString(), x.Signal.SeriesKey))
            .SelectMany(g =>
            {
                var last = g.MaxBy(x => (x.Signal.KnownOn, x.Order)).Signal;
                return g.Select(x => x.Signal).Where(s => ReferenceEquals(s, last) || SameSourceElsewhere(s, last))
                    // Of one place in the source read twice, the later reading.
                    .GroupBy(s => s.Source.Item, StringComparer.Ordinal).Select(p => p.Last());
            })
            .ToList();

    private static bool SameSourceElsewhere(Signal s, Signal last) =>
        s.KnownOn == last.KnownOn && s.Source.Item is not null && last.Source.Item is not null
        && string.Equals(s.Source.File, last.Source.File, StringComparison.Ordinal)
        && !string.Equals(s.Source.Item, last.Source.Item, StringComparison.Ordinal);

    /// <summary>The current signal of one series that matches, or null.</summary>
    public T? Latest<T>(Func<T, bool> match, DateOnly? asOf) where T : Signal
    {
        T? best = null;
        foreach (var s in KnownBy<T>(asOf))
        {
            if (match(s) && (best is null || s.KnownOn >= best.KnownOn)) best = s;
        }
        return best;
    }
}

/// <summary>Orleans' copier for a timeline (see <see cref="TimelineState.Clone"/>): its signals and alerts are immutable records.</summary>
[RegisterCopier]
public sealed class TimelineStateCopier : IDeepCopier<TimelineState>
{
    public TimelineState? DeepCopy(TimelineState? input, CopyContext context) => input?.Clone();
}
