using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Api;
using AgentWatch.Grains.Rules;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Serialization;
using Microsoft.Extensions.Options;

namespace AgentWatch.Grains.Timeline;

/// <summary>The services every timeline grain needs, injected as one.</summary>
public sealed record TimelineServices(
    AlertStream Alerts,
    GrainSerializer Serializer,
    CompanyDirectory Directory,
    IOptionsMonitor<RulesOptions> Rules,
    TimeProvider Time);

/// <summary>
/// What company, filer and market grains share: a journaled timeline of signals, stored once by id, with rules
/// evaluated on new signals and their alerts recorded in the same append and then published to the alert stream.
/// </summary>
public abstract class SignalTimelineGrain(IJournaledState<TimelineState, TimelineEvent> journal, TimelineServices services)
    : Grain, ISignalTimelineGrain
{
    protected TimelineState Timeline => journal.State;
    protected CompanyDirectory Directory => services.Directory;
    protected RulesOptions Rules => services.Rules.CurrentValue;

    /// <summary>The rules this kind of grain evaluates.</summary>
    protected abstract IReadOnlyList<IRule> ActiveRules { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Alerts recorded before a crash may not have reached the stream; the stream keeps each id once.
        foreach (var alert in Timeline.Alerts) await services.Alerts.PublishAsync(alert, cancellationToken);
    }

    public async Task<RecordResult> RecordAsync(IReadOnlyList<Signal> signals)
    {
        var outcomes = new List<RecordOutcome>(signals.Count);
        var added = new List<Signal>();
        var batch = new Dictionary<string, Signal>(StringComparer.Ordinal);
        var now = services.Time.GetUtcNow();
        foreach (var signal in signals)
        {
            var existing = Timeline.TryGet(signal.Id, out var stored) ? stored : batch.GetValueOrDefault(signal.Id);
            if (existing is not null)
            {
                outcomes.Add(SameContent(existing, signal)
                    ? new RecordOutcome(signal.Id, RecordStatus.Duplicate)
                    : new RecordOutcome(signal.Id, RecordStatus.Conflict,
                        $"signal '{signal.Id}' is already stored with different content (known on {existing.KnownOn:yyyy-MM-dd}, from {existing.Source}); the stored one was kept"));
                continue;
            }
            journal.RaiseEvent(new SignalRecorded(signal, now));
            batch[signal.Id] = signal;
            added.Add(signal);
            outcomes.Add(new RecordOutcome(signal.Id, RecordStatus.New));
        }

        var raised = new List<Alert>();
        if (added.Count > 0)
        {
            var context = new RuleContext(Timeline, GrainKey, Directory, Rules, now);
            // Limits set at run time are read once per batch, and only when a rule has something to raise.
            IReadOnlyList<AgentWatch.Abstractions.Api.RuleLimit>? limits = null;
            foreach (var signal in added)
            {
                foreach (var rule in ActiveRules)
                {
                    if (!rule.Enabled(context.Options)) continue;
                    foreach (var alert in rule.Evaluate(context, signal))
                    {
                        if (Timeline.HasAlert(alert.Id) || (Directory.IsKnown(alert.Company) && !Directory.IsWatched(alert.Company))) continue;
                        limits ??= (await GrainFactory.GetGrain<IAlertDeskGrain>(IAlertDeskGrain.Key).GetAsync(now)).Limits;
                        if (Limited(alert, context.Options.For(alert.Rule), limits.FirstOrDefault(l => l.Rule == alert.Rule), now)) continue;
                        journal.RaiseEvent(new AlertRaised(alert));
                        raised.Add(alert);
                    }
                }
            }
            await journal.ConfirmEventsAsync();
        }

        foreach (var alert in raised) await services.Alerts.PublishAsync(alert);
        return new RecordResult(outcomes, raised.Select(a => a.Id).ToList());
    }

    /// <summary>Whether the rule's frequency or throttle keeps this alert from being raised: per company, over what this grain raised.</summary>
    private bool Limited(Alert alert, RuleOptions? options, AgentWatch.Abstractions.Api.RuleLimit? set, DateTimeOffset now)
    {
        var frequency = set?.Frequency ?? options?.Frequency ?? AlertFrequency.PerPeriod;
        var maxPerHour = set?.MaxPerHour ?? options?.MaxPerHour ?? 0;
        if (frequency == AlertFrequency.PerPeriod && maxPerHour == 0) return false;
        // The timeline holds this turn's alerts too: raising an event applies it at once.
        var earlier = Timeline.Alerts.Where(a => a.Rule == alert.Rule && a.Company == alert.Company).ToList();
        if (frequency == AlertFrequency.Daily && earlier.Any(a => a.RaisedAt.UtcDateTime.Date == now.UtcDateTime.Date)) return true;
        return maxPerHour > 0 && earlier.Count(a => now - a.RaisedAt < TimeSpan.FromHours(1)) >= maxPerHour;
    }

    public Task<IReadOnlyList<Signal>> GetSignalsAsync(SignalFilter filter)
    {
        IEnumerable<Signal> source = filter.LatestOnly ? Timeline.Current(filter.AsOf) : Timeline.KnownBy(filter.AsOf);
        return Task.FromResult<IReadOnlyList<Signal>>(source.Where(filter.Matches).ToList());
    }

    protected IReadOnlyList<string> AlertIds(DateOnly? asOf) =>
        Timeline.Alerts.Where(a => asOf is null || a.KnownOn <= asOf).Select(a => a.Id).ToList();

    private bool SameContent(Signal a, Signal b) =>
        a.GetType() == b.GetType() && services.Serializer.Serialize<Signal>(a).AsSpan().SequenceEqual(services.Serializer.Serialize<Signal>(b));
}
