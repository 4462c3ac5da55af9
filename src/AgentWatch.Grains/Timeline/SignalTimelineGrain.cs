using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Rules;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Serialization;
using Microsoft.Extensions.Options;

namespace AgentWatch.Grains.Timeline;

/// <summary>
/// What company, filer and market grains share: a journaled timeline of signals, stored once by id, with rules
/// evaluated on new signals and their alerts recorded in the same append and then published to the alert stream.
/// </summary>
public abstract class SignalTimelineGrain(
    IJournaledState<TimelineState, TimelineEvent> journal,
    AlertStream alerts,
    GrainSerializer serializer,
    CompanyDirectory directory,
    IOptionsMonitor<RulesOptions> rules,
    TimeProvider time) : Grain, ISignalTimelineGrain
{
    protected TimelineState Timeline => journal.State;
    protected CompanyDirectory Directory => directory;
    protected RulesOptions Rules => rules.CurrentValue;

    /// <summary>The rules this kind of grain evaluates.</summary>
    protected abstract IReadOnlyList<IRule> ActiveRules { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Alerts recorded before a crash may not have reached the stream; the stream keeps each id once.
        foreach (var alert in Timeline.Alerts) await alerts.PublishAsync(alert, cancellationToken);
    }

    public async Task<RecordResult> RecordAsync(IReadOnlyList<Signal> signals)
    {
        var outcomes = new List<RecordOutcome>(signals.Count);
        var added = new List<Signal>();
        var batch = new Dictionary<string, Signal>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
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
            var context = new RuleContext(Timeline, GrainKey, directory, Rules, now);
            foreach (var signal in added)
            {
                foreach (var rule in ActiveRules)
                {
                    if (!rule.Enabled(context.Options)) continue;
                    foreach (var alert in rule.Evaluate(context, signal))
                    {
                        if (Timeline.HasAlert(alert.Id) || (directory.IsKnown(alert.Company) && !directory.IsWatched(alert.Company))) continue;
                        journal.RaiseEvent(new AlertRaised(alert));
                        raised.Add(alert);
                    }
                }
            }
            await journal.ConfirmEventsAsync();
        }

        foreach (var alert in raised) await alerts.PublishAsync(alert);
        return new RecordResult(outcomes, raised.Select(a => a.Id).ToList());
    }

    public Task<IReadOnlyList<Signal>> GetSignalsAsync(SignalFilter filter)
    {
        IEnumerable<Signal> source = filter.LatestOnly ? Timeline.Current(filter.AsOf) : Timeline.KnownBy(filter.AsOf);
        return Task.FromResult<IReadOnlyList<Signal>>(source.Where(filter.Matches).ToList());
    }

    protected IReadOnlyList<string> AlertIds(DateOnly? asOf) =>
        Timeline.Alerts.Where(a => asOf is null || a.KnownOn <= asOf).Select(a => a.Id).ToList();

    private bool SameContent(Signal a, Signal b) =>
        a.GetType() == b.GetType() && serializer.Serialize<Signal>(a).AsSpan().SequenceEqual(serializer.Serialize<Signal>(b));
}
