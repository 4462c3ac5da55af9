using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains;
using AgentWatch.Runtime;

namespace AgentWatch.Agents.Tools;

/// <summary>
/// The read-only view agents have of the market: every method reads grain state or the alert stream, none writes. As-of
/// days hide what was not yet known.
/// </summary>
public sealed class MarketTools(IGrainFactory grains, AlertStream alerts, CompanyDirectory directory)
{
    public CompanyDirectory Directory => directory;

    public Task<CompanySnapshot> CompanySnapshotAsync(string ticker, DateOnly? asOf) =>
        grains.GetGrain<ICompanyGrain>(ticker).GetSnapshotAsync(asOf);

    /// <summary>A company's signals, optionally of one kind and year; <paramref name="latestOnly"/> keeps the current one per series.</summary>
    public Task<IReadOnlyList<Signal>> SignalsAsync(string ticker, SignalKind? kind, int? year, DateOnly? asOf, bool latestOnly = true) =>
        grains.GetGrain<ICompanyGrain>(ticker).GetSignalsAsync(new SignalFilter(kind, year, asOf, latestOnly));

    /// <summary>Market-wide signals (no single company), and copies of deals and capex figures.</summary>
    public Task<IReadOnlyList<Signal>> MarketSignalsAsync(SignalKind? kind, int? year, DateOnly? asOf) =>
        grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetSignalsAsync(new SignalFilter(kind, year, asOf, LatestOnly: true));

    /// <summary>Signals of one kind across every company on the watchlist.</summary>
    public async Task<IReadOnlyList<Signal>> SignalsOfKindAsync(SignalKind kind, int? year, DateOnly? asOf)
    {
        var perCompany = await Task.WhenAll(directory.Companies.Select(c => SignalsAsync(c.Ticker, kind, year, asOf)));
        return perCompany.SelectMany(s => s).Where(s => s.Kind == kind).DistinctBy(s => s.Id).ToList();
    }

    public Task<CapexLeaderboard> CapexLeagueTableAsync(int year, DateOnly? asOf) =>
        grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetCapexLeaderboardAsync(year, asOf);

    public Task<FinancingGraph> FinancingGraphAsync(DateOnly? asOf) =>
        grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetFinancingGraphAsync(asOf);

    public async Task<FilerSnapshot> PositionsByFilerAsync(string filer, DateOnly? asOf) =>
        await grains.GetGrain<IFilerGrain>(directory.Filer(filer)?.Key ?? filer).GetSnapshotAsync(asOf);

    /// <summary>Disclosed option, short and share positions on a company, by any filer.</summary>
    public async Task<IReadOnlyList<Signal>> PositionsOnAsync(string ticker, DateOnly? asOf) =>
        (await SignalsAsync(ticker, null, null, asOf)).Where(s => s is OptionPosition or ShortPosition or Holding).ToList();

    /// <summary>Alerts after a sequence, optionally about one company, known by a day.</summary>
    public async Task<IReadOnlyList<Alert>> AlertsSinceAsync(long afterSequence, DateOnly? asOf, string? company = null)
    {
        var found = new List<Alert>();
        await foreach (var alert in alerts.ReadAllAsync(afterSequence))
        {
            if ((asOf is null || alert.KnownOn <= asOf) && (company is null || alert.Company == company)) found.Add(alert);
        }
        return found;
    }

    /// <summary>The current figures of one kind for several companies, side by side.</summary>
    public async Task<IReadOnlyList<(string Company, IReadOnlyList<Signal> Signals)>> CompareAsync(IReadOnlyList<string> tickers, SignalKind kind, int? year, DateOnly? asOf)
    {
        var rows = await Task.WhenAll(tickers.Select(async t => (t, await SignalsAsync(t, kind, year, asOf))));
        return rows.Select(r => (r.t, r.Item2)).ToList();
    }
}
