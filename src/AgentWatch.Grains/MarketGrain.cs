using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains.Rules;
using AgentWatch.Grains.Timeline;

namespace AgentWatch.Grains;

/// <summary>
/// The market as a whole: copies of every company's capex signals (for the league table), every financing deal (for
/// the graph and its loops) and market-wide figures.
/// </summary>
[GrainType("market")]
public sealed class MarketGrain(TimelineServices services) : SignalTimelineGrain(services), IMarketGrain
{
    private static readonly IReadOnlyList<IRule> MarketRules = [new CircularFinancingRule()];

    protected override IReadOnlyList<IRule> ActiveRules => MarketRules;
    protected override string JournalName => "market";

    public Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf)
    {
        var current = Timeline.Current(asOf).Where(s => s.Company is not null && s.Period.IsFiscalYear(year)).ToList();
        var rows = current
            .Where(s => s is CapexGuidance or Capex)
            .GroupBy(s => s.Company!)
            .Select(g =>
            {
                var guidance = g.OfType<CapexGuidance>().MaxBy(s => s.KnownOn);
                var actual = g.OfType<Capex>().MaxBy(s => s.KnownOn);
                return new CapexRow(g.Key, guidance?.Midpoint, guidance?.Low, guidance?.High, guidance?.Uncapped == true, actual?.Amount,
                    new Signal?[] { guidance, actual }.Where(s => s is not null).Select(s => s!.Id).ToList())
                {
                    GuidanceQualifier = guidance?.Qualifier ?? Qualifier.Exact,
                    ActualQualifier = actual?.Qualifier ?? Qualifier.Exact,
                };
            })
            .OrderByDescending(r => r.RankingAmount is { Currency: "USD" } m ? m.Amount : -1)
            .ThenBy(r => r.Company, StringComparer.Ordinal)
            .ToList();
        var usd = rows.Select(r => r.RankingAmount).Where(m => m is { Currency: "USD" }).Select(m => m!.Value).ToList();
        return Task.FromResult(new CapexLeaderboard(year, asOf, rows, usd.Count == 0 ? null : usd.Aggregate((a, b) => a + b)));
    }

    public Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf)
    {
        var deals = Timeline.KnownBy<FinancingDeal>(asOf).ToList();
        return Task.FromResult(new FinancingGraph(asOf, deals.Select(FinancingLoops.Edge).ToList(),
            FinancingLoops.All(deals, Rules.CircularFinancing.MaxChainLength)));
    }
}
