using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Positions;
using AgentWatch.Grains.Rules;
using AgentWatch.Grains.Timeline;
using AgentWatch.Runtime.Journaling;

namespace AgentWatch.Grains;

/// <summary>One company: its signals over time and the company-level rules (capex, cash flow, export news, drawdowns, valuation).</summary>
public sealed class CompanyGrain(
    [JournaledState("timeline")] IJournaledState<TimelineState, TimelineEvent> journal,
    TimelineServices services) : SignalTimelineGrain(journal, services), ICompanyGrain
{
    private static readonly IReadOnlyList<IRule> CompanyRules =
        [new CapexGuidanceJumpRule(), new CapexVsCashFlowRule(), new ExportControlRule(), new MarketCapDrawdownRule(), new ExtremeValuationRule()];

    protected override IReadOnlyList<IRule> ActiveRules => CompanyRules;

    public Task<CompanySnapshot> GetSnapshotAsync(DateOnly? asOf) => Task.FromResult(new CompanySnapshot(
        Directory.Profile(GrainKey),
        asOf,
        Timeline.Current(asOf),
        Timeline.KnownBy(asOf).Count(),
        AlertIds(asOf)));
}

/// <summary>One filer: the positions its filings disclose, and the rule for new bearish bets.</summary>
public sealed class FilerGrain(
    [JournaledState("timeline")] IJournaledState<TimelineState, TimelineEvent> journal,
    TimelineServices services) : SignalTimelineGrain(journal, services), IFilerGrain
{
    private static readonly IReadOnlyList<IRule> FilerRules = [new FilerBearishPositionRule(), new FilerPositionChangeRule()];

    protected override IReadOnlyList<IRule> ActiveRules => FilerRules;

    public Task<FilerSnapshot> GetSnapshotAsync(DateOnly? asOf)
    {
        var profile = Directory.Filer(GrainKey) ?? new FilerProfile(GrainKey, GrainKey, null, [], false);
        var positions = Timeline.Current(asOf).Where(PositionChanges.IsPosition).OrderByDescending(s => s.Period.ApproximateEnd).ThenBy(s => s.Company).ToList();
        return Task.FromResult(new FilerSnapshot(profile, asOf, positions, AlertIds(asOf))
        {
            Changes = PositionChanges.Latest(Timeline.KnownBy(asOf).ToList(), Rules.FilerPositionChange.MinChangePercent),
        });
    }
}
