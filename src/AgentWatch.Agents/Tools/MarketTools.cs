using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains;

namespace AgentWatch.Agents.Tools;

/// <summary>
/// The read-only view agents have of the market: every method reads grain state or the alert stream, none writes. As-of
/// days hide what was not yet known. A copy made with <see cref="RecordingTo"/> writes each call, its arguments and its
/// result to a run's <see cref="ToolCallLog"/>.
/// </summary>
public sealed class MarketTools(IGrainFactory grains, AlertLog alerts, CompanyDirectory directory)
{
    private ToolCallLog? _log;

    public CompanyDirectory Directory => directory;

    /// <summary>The same tools, recording every call in <paramref name="log"/>.</summary>
    public MarketTools RecordingTo(ToolCallLog log) => new(grains, alerts, directory) { _log = log };

    public Task<CompanySnapshot> CompanySnapshotAsync(string ticker, DateOnly? asOf) =>
        Call("company_snapshot", new { company = ticker, asOf }, () => grains.GetGrain<ICompanyGrain>(ticker).GetSnapshotAsync(asOf));

    /// <summary>A company's signals, optionally of one kind and year; <paramref name="latestOnly"/> keeps the current one per series.</summary>
    public Task<IReadOnlyList<Signal>> SignalsAsync(string ticker, SignalKind? kind, int? year, DateOnly? asOf, bool latestOnly = true) =>
        Call("signals", new { company = ticker, kind, year, asOf, latestOnly },
            () => grains.GetGrain<ICompanyGrain>(ticker).GetSignalsAsync(new SignalFilter(kind, year, asOf, latestOnly)));

    /// <summary>Market-wide signals (no single company), and copies of deals and capex figures.</summary>
    public Task<IReadOnlyList<Signal>> MarketSignalsAsync(SignalKind? kind, int? year, DateOnly? asOf) =>
        Call("market_signals", new { kind, year, asOf },
            () => grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetSignalsAsync(new SignalFilter(kind, year, asOf, LatestOnly: true)));

    /// <summary>Signals of one kind across every company on the watchlist.</summary>
    public Task<IReadOnlyList<Signal>> SignalsOfKindAsync(SignalKind kind, int? year, DateOnly? asOf) =>
        Call("signals_of_kind", new { kind, year, asOf }, async () =>
        {
            var perCompany = await Task.WhenAll(directory.Companies.Select(c =>
                grains.GetGrain<ICompanyGrain>(c.Ticker).GetSignalsAsync(new SignalFilter(kind, year, asOf, LatestOnly: true))));
            return (IReadOnlyList<Signal>)perCompany.SelectMany(s => s).Where(s => s.Kind == kind).DistinctBy(s => s.Id).ToList();
        });

    public Task<CapexLeaderboard> CapexLeagueTableAsync(int year, DateOnly? asOf) =>
        Call("capex_league_table", new { year, asOf }, () => grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetCapexLeaderboardAsync(year, asOf));

    public Task<FinancingGraph> FinancingGraphAsync(DateOnly? asOf) =>
        Call("financing_graph", new { asOf }, () => grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetFinancingGraphAsync(asOf));

    public Task<FilerSnapshot> PositionsByFilerAsync(string filer, DateOnly? asOf) =>
        Call("positions_by_filer", new { filer, asOf }, () => grains.GetGrain<IFilerGrain>(directory.Filer(filer)?.Key ?? filer).GetSnapshotAsync(asOf));

    /// <summary>Disclosed option, short and share positions on a company, by any filer.</summary>
    public Task<IReadOnlyList<Signal>> PositionsOnAsync(string ticker, DateOnly? asOf) =>
        Call("positions_on", new { company = ticker, asOf }, async () =>
            (IReadOnlyList<Signal>)(await grains.GetGrain<ICompanyGrain>(ticker).GetSignalsAsync(new SignalFilter(null, null, asOf, LatestOnly: true)))
                .Where(s => s is OptionPosition or ShortPosition or Holding).ToList());

    /// <summary>Alerts after a sequence, optionally about one company, known by a day.</summary>
    public Task<IReadOnlyList<Alert>> AlertsSinceAsync(long afterSequence, DateOnly? asOf, string? company = null) =>
        Call("alerts_since", new { afterSequence, asOf, company }, async () =>
        {
            var found = new List<Alert>();
            await foreach (var alert in alerts.ReadAllAsync(afterSequence))
            {
                if ((asOf is null || alert.KnownOn <= asOf) && (company is null || alert.Company == company)) found.Add(alert);
            }
            return (IReadOnlyList<Alert>)found;
        });

    /// <summary>The current figures of one kind for several companies, side by side.</summary>
    public Task<IReadOnlyList<CompanySignals>> CompareAsync(IReadOnlyList<string> tickers, SignalKind kind, int? year, DateOnly? asOf) =>
        Call("compare_companies", new { companies = tickers, kind, year, asOf }, async () =>
        {
            var rows = await Task.WhenAll(tickers.Select(async t =>
                new CompanySignals(t, await grains.GetGrain<ICompanyGrain>(t).GetSignalsAsync(new SignalFilter(kind, year, asOf, LatestOnly: true)))));
            return (IReadOnlyList<CompanySignals>)rows;
        });

    private async Task<T> Call<T>(string tool, object arguments, Func<Task<T>> read)
    {
        if (_log is null) return await read().ConfigureAwait(false);
        using var activity = Running.AgentTelemetry.Source.StartActivity($"tool {tool}");
        activity?.SetTag("tool", tool);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var result = await read().ConfigureAwait(false);
            _log.Add(tool, arguments, result, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception ex)
        {
            _log.AddFailure(tool, arguments, ex, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            throw;
        }
    }
}

/// <summary>One company's signals, for a comparison.</summary>
public sealed record CompanySignals(string Company, IReadOnlyList<Signal> Signals);
