using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains;

namespace AgentWatch.Agents.Tools;

/// <summary>The market read from the grains and the alert log: what the kernel functions call. Nothing here writes.</summary>
public sealed class MarketReader(IGrainFactory grains, AlertLog alerts, CompanyDirectory directory) : IMarketReader
{
    public CompanyDirectory Directory => directory;

    public async Task<CompanyView> CompanySnapshotAsync(string ticker, DateOnly? asOf)
    {
        var snapshot = grains.GetGrain<ICompanyGrain>(ticker).GetSnapshotAsync(asOf);
        var about = AlertsSinceAsync(0, asOf, ticker);
        return new CompanyView(await snapshot.ConfigureAwait(false), await about.ConfigureAwait(false));
    }

    public Task<IReadOnlyList<Signal>> SignalsAsync(string ticker, SignalKind? kind, int? year, DateOnly? asOf, bool latestOnly = true) =>
        grains.GetGrain<ICompanyGrain>(ticker).GetSignalsAsync(new SignalFilter(kind, year, asOf, latestOnly));

    public async Task<IReadOnlyList<CompanySignals>> CompareAsync(IReadOnlyList<string> tickers, SignalKind kind, int? year, DateOnly? asOf) =>
        await Task.WhenAll(tickers.Select(async t =>
            new CompanySignals(t, await grains.GetGrain<ICompanyGrain>(t).GetSignalsAsync(new SignalFilter(kind, year, asOf, LatestOnly: true)).ConfigureAwait(false)))).ConfigureAwait(false);

    public async Task<IReadOnlyList<Signal>> SignalsOfKindAsync(SignalKind kind, int? year, DateOnly? asOf)
    {
        var perCompany = await Task.WhenAll(directory.Companies.Select(c =>
            grains.GetGrain<ICompanyGrain>(c.Ticker).GetSignalsAsync(new SignalFilter(kind, year, asOf, LatestOnly: true)))).ConfigureAwait(false);
        return perCompany.SelectMany(s => s).Where(s => s.Kind == kind).DistinctBy(s => s.Id).ToList();
    }

    public Task<IReadOnlyList<Signal>> MarketSignalsAsync(SignalKind? kind, int? year, DateOnly? asOf) =>
        grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetSignalsAsync(new SignalFilter(kind, year, asOf, LatestOnly: true));

    public Task<FilerSnapshot> PositionsByFilerAsync(string filer, DateOnly? asOf) =>
        grains.GetGrain<IFilerGrain>(directory.Filer(filer)?.Key ?? filer).GetSnapshotAsync(asOf);

    public async Task<IReadOnlyList<Signal>> PositionsOnAsync(string ticker, DateOnly? asOf) =>
        (await grains.GetGrain<ICompanyGrain>(ticker).GetSignalsAsync(new SignalFilter(null, null, asOf, LatestOnly: true)).ConfigureAwait(false))
            .Where(s => s is OptionPosition or ShortPosition or Holding).ToList();

    public async Task<LeagueTable> CapexLeagueTableAsync(int year, DateOnly? asOf)
    {
        var table = await grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetCapexLeaderboardAsync(year, asOf).ConfigureAwait(false);
        var ids = table.Rows.SelectMany(r => r.SignalIds).ToHashSet(StringComparer.Ordinal);
        var signals = (await MarketSignalsAsync(null, year, asOf).ConfigureAwait(false)).Where(s => ids.Contains(s.Id)).ToList();
        return new LeagueTable(table, signals);
    }

    public async Task<FinancingView> FinancingGraphAsync(DateOnly? asOf)
    {
        var market = grains.GetGrain<IMarketGrain>(IMarketGrain.Key);
        var graph = market.GetFinancingGraphAsync(asOf);
        var deals = MarketSignalsAsync(SignalKind.FinancingDeal, null, asOf);
        return new FinancingView(await graph.ConfigureAwait(false), await deals.ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<Alert>> AlertsSinceAsync(long afterSequence, DateOnly? asOf, string? company = null)
    {
        var found = new List<Alert>();
        await foreach (var alert in alerts.ReadAllAsync(afterSequence).ConfigureAwait(false))
        {
            if ((asOf is null || alert.KnownOn <= asOf) && (company is null || alert.Company == company)) found.Add(alert);
        }
        // Each alert once, as it stood then: the latest revision known by the as-of day; a withdrawn one rested on
        // retracted signals and is not an alert any more.
        return AlertLog.Current(found).Where(a => a.Stands).ToList();
    }
}
