using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Positions;
using AgentWatch.Grains.Rules;
using AgentWatch.Grains.Timeline;

namespace AgentWatch.Grains;

/// <summary>One company: its signals over time and the company-level rules (capex, cash flow, export news, drawdowns, valuation).</summary>
[GrainType("company")]
public sealed class CompanyGrain(TimelineServices services) : SignalTimelineGrain(services), ICompanyGrain
{
    private static readonly IReadOnlyList<IRule> CompanyRules =
        [new CapexGuidanceJumpRule(), new CapexVsCashFlowRule(), new ExportControlRule(), new MarketCapDrawdownRule(), new ExtremeValuationRule()];

    protected override IReadOnlyList<IRule> ActiveRules => CompanyRules;
    protected override string JournalName => "company";

    public Task<CompanySnapshot> GetSnapshotAsync(DateOnly? asOf) => Task.FromResult(new CompanySnapshot(
        Directory.Profile(Key),
        asOf,
        Timeline.Current(asOf),
        Timeline.KnownBy(asOf).Count(),
        AlertIds(asOf)));
}

/// <summary>One filer: the positions its filings disclose, and the rule for new bearish bets.</summary>
[GrainType("filer")]
public sealed class FilerGrain(TimelineServices services) : SignalTimelineGrain(services), IFilerGrain
{
    private static readonly IReadOnlyList<IRule> FilerRules = [new FilerBearishPositionRule(), new FilerPositionChangeRule()];

    protected override IReadOnlyList<IRule> ActiveRules => FilerRules;
    protected override string JournalName => "filer";

    public Task<FilerSnapshot> GetSnapshotAsync(DateOnly? asOf)
    {
        var profile = Directory.Filer(Key) ?? new FilerProfile(Key, Key, null, [], false);
        // Its disclosed short positions too (a summed bet against companies), which the quarter-on-quarter changes leave out.
        var positions = Timeline.Current(asOf).Where(s => PositionChanges.IsPosition(s) || s is Abstractions.Signals.ShortPosition).OrderByDescending(s => s.Period.ApproximateEnd).ThenBy(s => s.Company).ToList();
        return Task.FromResult(new FilerSnapshot(profile, asOf, positions, AlertIds(asOf))
        {
            Changes = PositionChanges.Latest(Timeline.KnownBy(asOf).ToList(), Rules.FilerPositionChange.MinChangePercent),
        });
    }
}
