using System.Globalization;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Grains.Rules;
using Microsoft.Extensions.Options;

namespace AgentWatch.Grains;

[GenerateSerializer, Alias("agentwatch.bubble-risk-state")]
public sealed class BubbleRiskState
{
    /// <summary>How many times ingestion stored new signals.</summary>
    [Id(0)] public long Changes { get; set; }

    /// <summary>The change the last reading covered.</summary>
    [Id(1)] public long Assessed { get; set; }

    /// <summary>The last <see cref="RiskHistory.Kept"/> readings, oldest first.</summary>
    [Id(2)] public List<RiskReading> Readings { get; set; } = [];

    /// <summary>The score of the last bubble-risk alert; before any, 0 (an empty store scores 0).</summary>
    [Id(3)] public int AlertedScore { get; set; }

    /// <summary>Readings ever taken: numbers the alerts, so the same reading reported twice is one alert.</summary>
    [Id(4)] public long ReadingCount { get; set; }
}

/// <summary>
/// The bubble-risk score over time. The score itself comes from the skeptic (in the agents, outside any grain turn);
/// this grain decides whether a reading is news: a configured level crossed either way since the last reading, or a
/// move of the configured points from the score of the last alert. The alert is raised through the market grain, so it
/// is journaled, muted, throttled and delivered like every other.
/// </summary>
[GrainType("bubble-risk")]
public sealed class BubbleRiskGrain(
    [PersistentState("risk")] IPersistentState<BubbleRiskState> state,
    IOptionsMonitor<RulesOptions> rules,
    TimeProvider time) : Grain, IBubbleRiskGrain
{
    public const string Company = "market";

    /// <summary>Longest a change waits for ingestion to fall quiet: a feed polled without pause is still assessed.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private DateTimeOffset _lastChangeAt = DateTimeOffset.MinValue;
    private DateTimeOffset? _pendingSince;
    private (long Change, string Claimant, DateTimeOffset Until)? _lease;

    public async Task DataChangedAsync()
    {
        var alreadyPending = state.State.Changes > state.State.Assessed;
        state.State.Changes++;
        _lastChangeAt = time.GetUtcNow();
        _pendingSince ??= _lastChangeAt;
        // Only the first change of a pending period is written: one durable mark is enough for an assessment to follow
        // (after a restart too), and ingesting one signal at a time does not pay a commit here for every call.
        if (!alreadyPending) await state.WriteStateAsync();
    }

    public Task<long?> ClaimAsync(string claimant, TimeSpan lease, TimeSpan quiet)
    {
        var now = time.GetUtcNow();
        var s = state.State;
        if (s.Changes <= s.Assessed) return Task.FromResult<long?>(null);
        if (now - _lastChangeAt < quiet && now - (_pendingSince ?? now) < MaxWait) return Task.FromResult<long?>(null);
        if (_lease is { } held && held.Claimant != claimant && held.Until > now && held.Change == s.Changes) return Task.FromResult<long?>(null);
        _lease = (s.Changes, claimant, now + lease);
        return Task.FromResult<long?>(s.Changes);
    }

    public async Task<Alert?> ReportAsync(long change, RiskReading reading, string claimant)
    {
        var s = state.State;
        if (change <= s.Assessed) return null;
        var options = rules.CurrentValue.BubbleRisk;
        var previous = s.Readings.Count > 0 ? s.Readings[^1].Score : 0;
        var crossed = options.LevelsOrDefault.Where(l => (previous < l) != (reading.Score < l)).ToList();
        var moved = options.MinMovePoints > 0 && Math.Abs(reading.Score - s.AlertedScore) >= options.MinMovePoints;
        Alert? raised = null;
        if (crossed.Count > 0 || moved)
        {
            var alert = AlertFor(s.ReadingCount + 1, previous, reading, crossed, options.Severity);
            if (await GrainFactory.GetGrain<IMarketGrain>(IMarketGrain.Key).RaiseAsync(alert))
            {
                raised = alert;
                s.AlertedScore = reading.Score;
            }
        }
        s.ReadingCount++;
        s.Readings.Add(reading with { AlertId = raised?.Id });
        if (s.Readings.Count > RiskHistory.Kept) s.Readings.RemoveRange(0, s.Readings.Count - RiskHistory.Kept);
        s.Assessed = Math.Max(s.Assessed, change);
        if (s.Changes <= s.Assessed) _pendingSince = null;
        await state.WriteStateAsync();
        if (_lease is { } held && held.Claimant == claimant) _lease = null;
        return raised;
    }

    public Task<RiskHistory> GetHistoryAsync() =>
        Task.FromResult(new RiskHistory(state.State.Readings.ToList(), state.State.AlertedScore, state.State.Changes, state.State.Assessed));

    private Alert AlertFor(long number, int previous, RiskReading reading, IReadOnlyList<int> crossed, AlertSeverity severity)
    {
        var direction = reading.Score > previous ? "rose" : reading.Score < previous ? "fell" : "stands";
        var levels = crossed.Select(l => l.ToString(CultureInfo.InvariantCulture)).ToList();
        var crossing = levels.Count == 0 ? "" : $", crossing {(levels.Count == 1 ? levels[0] : string.Join(", ", levels[..^1]) + " and " + levels[^1])}";
        var weighing = reading.Factors.Where(f => f.Points > 0).OrderByDescending(f => f.Points).Take(3).Select(f => $"{f.Name} {f.Points} of {f.MaxPoints}").ToList();
        var evidence = reading.Factors.Where(f => f.Points > 0).SelectMany(f => f.Evidence).DistinctBy(e => e.SignalId).ToList();
        return new Alert
        {
            Id = $"{RuleIds.BubbleRisk}:{this.GetPrimaryKeyString()}:{number}:{previous}-{reading.Score}",
            RaisedAt = reading.AssessedAt,
            KnownOn = evidence.Count > 0 ? evidence.Max(e => e.KnownOn) : DateOnly.FromDateTime(reading.AssessedAt.UtcDateTime),
            Severity = severity,
            Company = Company,
            Rule = RuleIds.BubbleRisk,
            Rationale = $"Bubble risk {direction} from {previous} to {reading.Score} of 100 ({reading.Level}){crossing}"
                + (weighing.Count > 0 ? $"; weighing most: {string.Join(", ", weighing)}." : "."),
            Evidence = evidence,
            Agent = "skeptic",
            RunId = reading.RunId,
        };
    }
}
