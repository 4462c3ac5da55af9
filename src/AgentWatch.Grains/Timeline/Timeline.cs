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
[JsonDerivedType(typeof(AlertUpdated), "alert-updated")]
public abstract record TimelineEvent;

public sealed record SignalRecorded(Signal Signal, DateTimeOffset RecordedAt) : TimelineEvent;

/// <summary>
/// The grain's decision to raise an alert, stored in the same append as the signals that caused it, so a crash between
/// storing and publishing cannot lose it: it is published again on the next activation (the stream keeps it once).
/// </summary>
public sealed record AlertRaised(Alert Alert) : TimelineEvent;

/// <summary>A later revision of an alert already raised (the episode deepened): it replaces the earlier one in the timeline.</summary>
public sealed record AlertUpdated(Alert Alert) : TimelineEvent;

/// <summary>
/// A timeline: every signal in arrival order, indexed by id, and the alerts raised. Queries take an as-of day and see
/// only signals known by then; where several signals speak of the same series, the one known last is current.
/// </summary>
public sealed class TimelineState
{
    private readonly List<Signal> _signals = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<Alert> _alerts = [];
    private readonly Dictionary<string, int> _alertIds = new(StringComparer.Ordinal);

    // The newest date (Lookback.DateOf) per kind of signal: what a rule's lookback is measured from, kept as signals
    // arrive so a check does not scan the history.
    private readonly Dictionary<SignalKind, DateOnly> _newest = [];

    // Daily US-dollar market caps per company, kept sorted as they arrive: a drawdown check looks at a few neighbours
    // instead of re-sorting the whole history for every new day.
    private readonly Dictionary<string, SortedList<DateOnly, MarketCap>> _marketCaps = new(StringComparer.Ordinal);

    public IReadOnlyList<Signal> Signals => _signals;
    public IReadOnlyList<Alert> Alerts => _alerts;

    /// <summary>
    /// A copy to apply tentative events to: new collections holding the same signals and alerts, which are immutable.
    /// Orleans copies the confirmed state this way before a grain reads its tentative state.
    /// </summary>
    public TimelineState Clone()
    {
        var copy = new TimelineState();
        copy._signals.AddRange(_signals);
        foreach (var (id, i) in _index) copy._index[id] = i;
        copy._alerts.AddRange(_alerts);
        foreach (var (id, i) in _alertIds) copy._alertIds[id] = i;
        foreach (var (kind, day) in _newest) copy._newest[kind] = day;
        foreach (var (company, series) in _marketCaps) copy._marketCaps[company] = new SortedList<DateOnly, MarketCap>(series);
        return copy;
    }

    public void Apply(TimelineEvent @event)
    {
        switch (@event)
        {
            case SignalRecorded r:
                _index[r.Signal.Id] = _signals.Count;
                _signals.Add(r.Signal);
                var date = Rules.Lookback.DateOf(r.Signal);
                if (!_newest.TryGetValue(r.Signal.Kind, out var newest) || date > newest) _newest[r.Signal.Kind] = date;
                if (r.Signal is MarketCap { Company: { } company, Period.Kind: Values.PeriodKind.Day, Amount.Currency: "USD" } cap)
                {
                    if (!_marketCaps.TryGetValue(company, out var series)) _marketCaps[company] = series = new SortedList<DateOnly, MarketCap>();
                    series[cap.Period.Start!.Value] = cap;
                }
                break;
            case AlertRaised a:
                if (_alertIds.TryAdd(a.Alert.Id, _alerts.Count)) _alerts.Add(a.Alert);
                break;
            case AlertUpdated u:
                if (_alertIds.TryGetValue(u.Alert.Id, out var at)) _alerts[at] = u.Alert;
                else if (_alertIds.TryAdd(u.Alert.Id, _alerts.Count)) _alerts.Add(u.Alert);
                break;
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

    public bool HasAlert(string id) => _alertIds.ContainsKey(id);

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

    /// <summary>The current signal of every series: latest known day wins, and on the same day the one that arrived last.</summary>
    public IReadOnlyList<Signal> Current(DateOnly? asOf) =>
        KnownBy(asOf)
            .Select((s, i) => (Signal: s, Order: i))
            .GroupBy(x => (x.Signal.Company, x.Signal.Kind, Period: x.Signal.Period.ToString(), x.Signal.SeriesKey))
            .Select(g => g.MaxBy(x => (x.Signal.KnownOn, x.Order)).Signal)
            .ToList();

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
