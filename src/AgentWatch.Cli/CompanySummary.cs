using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Cli;

/// <summary>What <c>agentwatch company</c> shows: which kind, since when, how many lines per section, or everything.</summary>
public sealed record CompanySummaryOptions(SignalKind? Kind = null, DateOnly? Since = null, int Limit = 5, bool All = false);

/// <summary>One section of a company's summary: the signals shown, and how many more there are.</summary>
public sealed record SummarySection<T>(IReadOnlyList<T> Shown, int More);

/// <summary>A company's market figures: its last close with the range of closes before it (from a price file) and the
/// market cap at that close where shares outstanding are known; its latest stated market cap with the range of those
/// known in the weeks before it; and its latest moves, each in its own unit (a share-price move in per cent, a
/// market-cap move in money).</summary>
public sealed record MarketSummary(
    Signal? MarketCap, Money? RangeLow, Money? RangeHigh, int RangeDays, Signal? LastPriceMove, Signal? LastMarketCapMove,
    SharePrice? LastClose = null, MarketCapAtClose? MarketCapAtClose = null);

/// <summary>
/// The market cap at a close: the close times the shares outstanding nearest before it (or, with none before, the first
/// after), each with where it comes from: an XBRL share count's signal, or the watchlist.
/// </summary>
public sealed record MarketCapAtClose(Money Amount, DateOnly On, decimal Shares, DateOnly? SharesOn, string SharesSource, string? SharesSignalId);

/// <summary>
/// A company as one screen: the latest figure of each kind, guidance, positions and bets against it, deals, news,
/// recent alerts and its market figures, each section cut to a few lines with a count of the rest. A company with years
/// of price history has hundreds of signals; this shows what matters and says how to see the rest.
/// </summary>
public sealed record CompanySummary(
    CompanyProfile Profile,
    DateOnly? AsOf,
    int SignalCount,
    SignalKind? Kind,
    DateOnly? Since,
    SummarySection<Signal> Figures,
    SummarySection<Signal> Guidance,
    SummarySection<Signal> Positions,
    SummarySection<Signal> Deals,
    SummarySection<Signal> News,
    SummarySection<Alert> Alerts,
    MarketSummary? Market)
{
    /// <summary>How far back the market-cap range looks from the latest market cap.</summary>
    public const int RangeDays = 90;

    private static readonly SignalKind[] OwnSections =
    [
        SignalKind.CapexGuidance, SignalKind.OptionPosition, SignalKind.ShortPosition, SignalKind.Holding, SignalKind.FinancingDeal,
        SignalKind.News, SignalKind.ExportControl, SignalKind.MarketCap, SignalKind.PriceMove, SignalKind.MarketCapMove, SignalKind.Filing,
        SignalKind.SharePrice,
    ];

    /// <summary>Newest first: by the period a figure is about, then by when it became known.</summary>
    private static IOrderedEnumerable<T> Newest<T>(IEnumerable<T> list) where T : Signal =>
        list.OrderByDescending(s => s.Period.ApproximateEnd).ThenByDescending(s => s.KnownOn).ThenBy(s => s.Id, StringComparer.Ordinal);

    /// <param name="directory">The watchlist, whose shares outstanding count where no XBRL share count is stored.</param>
    public static CompanySummary From(CompanyView view, CompanySummaryOptions options, CompanyDirectory? directory = null)
    {
        var limit = options.All ? int.MaxValue : options.Limit;
        var signals = view.Snapshot.Current
            .Where(s => options.Since is not { } since || s.KnownOn >= since)
            .Where(s => options.Kind is not { } kind || s.Kind == kind)
            .ToList();
        SummarySection<T> Cut<T>(IReadOnlyList<T> all) => new(all.Take(limit).ToList(), Math.Max(0, all.Count - limit));

        // With a --kind, that kind's figures are the summary, newest first, whatever section they would go in.
        if (options.Kind is not null)
            return new CompanySummary(view.Snapshot.Profile, view.Snapshot.AsOf, view.Snapshot.SignalCount, options.Kind, options.Since,
                Cut(Newest(signals).ToList()), Cut<Signal>([]), Cut<Signal>([]), Cut<Signal>([]), Cut<Signal>([]), Cut<Alert>([]), null);
        var others = signals.Where(s => !OwnSections.Contains(s.Kind)).ToList();
        // Without --all, one line per kind (and series): its latest figure.
        var figures = options.All
            ? Newest(others).ToList()
            : others.GroupBy(s => (s.Kind, s.SeriesKey)).Select(g => Newest(g).First()).OrderBy(s => s.Kind).ThenBy(s => s.SeriesKey, StringComparer.Ordinal).ToList();
        var positions = signals.Where(s => s is OptionPosition or ShortPosition or Holding)
            // Bets against it first: puts and short positions, then holdings.
            .OrderBy(s => s is OptionPosition { IsBearish: true } or ShortPosition ? 0 : 1)
            .ThenByDescending(s => s.Period.ApproximateEnd).ThenByDescending(s => s.KnownOn).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        // Standing alerts: a withdrawn one rested on retracted signals (agentwatch alerts lists it, marked).
        var alerts = view.Alerts
            .Where(a => a.Stands && (options.Since is not { } since || a.KnownOn >= since))
            .OrderByDescending(a => a.Sequence).ToList();

        return new CompanySummary(
            view.Snapshot.Profile, view.Snapshot.AsOf, view.Snapshot.SignalCount, options.Kind, options.Since,
            Cut(figures),
            Cut(Newest(signals.Where(s => s.Kind == SignalKind.CapexGuidance)).ToList()),
            Cut(positions),
            Cut(Newest(signals.Where(s => s.Kind == SignalKind.FinancingDeal)).ToList()),
            Cut(Newest(signals.Where(s => s.Kind is SignalKind.News or SignalKind.ExportControl or SignalKind.Filing)).ToList()),
            Cut(alerts),
            // Share counts from every current signal: one stated before --since still holds at a close after it.
            MarketOf(signals, view.Snapshot.Current, directory?.SharesOutstanding(view.Snapshot.Profile.Ticker)));
    }

    private static MarketSummary? MarketOf(IReadOnlyList<Signal> signals, IReadOnlyList<Signal> current, decimal? watchlistShares)
    {
        var caps = Newest(signals.OfType<MarketCap>()).ToList();
        var lastMove = Newest(signals.OfType<PriceMove>()).FirstOrDefault();
        var lastCapMove = Newest(signals.OfType<MarketCapMove>()).FirstOrDefault();
        var lastClose = Newest(signals.OfType<SharePrice>()).FirstOrDefault();
        if (caps.Count == 0 && lastMove is null && lastCapMove is null && lastClose is null) return null;
        var last = caps.FirstOrDefault();
        Money? low = null, high = null;
        if (last is not null)
        {
            // One currency on one scale: the range is of the market caps in the latest one's currency only.
            var from = last.Period.ApproximateEnd.AddDays(-RangeDays);
            var window = caps.Where(c => c.Amount.Currency == last.Amount.Currency && c.Period.ApproximateEnd >= from).Select(c => c.Amount).ToList();
            if (window.Count > 1)
            {
                low = window.MinBy(m => m.Amount);
                high = window.MaxBy(m => m.Amount);
            }
        }
        return new MarketSummary(last, low, high, RangeDays, lastMove, lastCapMove, lastClose, lastClose is null ? null : CapAt(lastClose, current, watchlistShares));
    }

    /// <summary>XBRL's share counts (dei:EntityCommonStockSharesOutstanding, as the XBRL format stores them).</summary>
    private static bool IsShareCount(Signal s) =>
        s is Metric { Unit: "shares", Name: "shares outstanding", Period.Kind: PeriodKind.Day, Value: > 0 };

    private static MarketCapAtClose? CapAt(SharePrice close, IReadOnlyList<Signal> signals, decimal? watchlistShares)
    {
        var day = close.Period.Start!.Value;
        var counts = signals.Where(IsShareCount).Cast<Metric>().OrderBy(m => m.Period.Start).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        // A count stated on or before the close's day holds at it; a later one only when there is none before.
        var count = counts.LastOrDefault(m => m.Period.Start <= day) ?? counts.FirstOrDefault();
        if (count is not null)
            return new MarketCapAtClose(close.Close * count.Value, day, count.Value, count.Period.Start, count.Source.ToShortString(), count.Id);
        return watchlistShares is { } shares ? new MarketCapAtClose(close.Close * shares, day, shares, null, "the watchlist", null) : null;
    }
}
