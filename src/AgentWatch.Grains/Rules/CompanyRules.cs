using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Grains.Rules;

/// <summary>
/// A year's capex guidance at least N % above the prior year: against the prior year's actual capex where known, else
/// against its guidance. Ranges count at their midpoint; an uncapped guidance has no figure to compare.
/// </summary>
public sealed class CapexGuidanceJumpRule : IRule
{
    public string Id => RuleIds.CapexGuidanceJump;
    public bool Enabled(RulesOptions options) => options.CapexGuidanceJump.Enabled;
    public IReadOnlySet<SignalKind> Series { get; } = CapexSeries.Kinds;

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        var year = added switch
        {
            CapexGuidance g when g.Period.Kind == PeriodKind.FiscalYear => g.Period.Year!.Value,
            Capex a when a.Period.Kind == PeriodKind.FiscalYear => a.Period.Year!.Value + 1,
            _ => (int?)null,
        };
        if (year is not { } y || added.Company is not { } company) yield break;

        var guidance = c.Timeline.Latest<CapexGuidance>(g => g.Company == company && g.Period.IsFiscalYear(y) && g.Midpoint is not null, null);
        if (guidance?.Midpoint is not { } guided) yield break;

        Signal? baseline = c.Timeline.Latest<Capex>(a => a.Company == company && a.Period.IsFiscalYear(y - 1), null);
        var baseAmount = (baseline as Capex)?.Amount;
        var basis = "capex";
        if (baseline is null)
        {
            var priorGuidance = c.Timeline.Latest<CapexGuidance>(g => g.Company == company && g.Period.IsFiscalYear(y - 1) && g.Midpoint is not null, null);
            baseline = priorGuidance;
            baseAmount = priorGuidance?.Midpoint;
            basis = priorGuidance?.Amount is null ? "guidance midpoint" : "guidance";
        }
        if (baseline is null || baseAmount is not { } prior || prior.Currency != guided.Currency || prior.Amount <= 0) yield break;

        var increase = (guided.Amount - prior.Amount) / prior.Amount * 100;
        var threshold = c.Options.CapexGuidanceJump.MinIncreasePercent;
        if (increase < threshold) yield break;

        var guidedText = guidance.Amount is null ? $"{guidance.DescribeValue()} (midpoint {guided.ToHuman()})" : Format.Approx(guidance, guided);
        yield return c.Alert(Id, $"{Id}:{company}:FY{y}", company, c.Options.CapexGuidanceJump.Severity,
            $"{company} guides {c.Human(guidance.Period, company)} capex at {guidedText}, +{Format.Percent(increase)} on {c.Human(baseline.Period, company)} {basis} of {Format.Approx(baseline, prior)} (threshold {Format.Percent(threshold)}).",
            guidance, baseline);
    }
}

/// <summary>Capex at least N % of operating cash flow: from a stated ratio, or from capex and cash flow of the same period.</summary>
public sealed class CapexVsCashFlowRule : IRule
{
    public string Id => RuleIds.CapexVsCashFlow;
    public bool Enabled(RulesOptions options) => options.CapexVsCashFlow.Enabled;
    public IReadOnlySet<SignalKind> Series { get; } = CapexSeries.Kinds;

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        if (added.Company is not { } company) yield break;
        var threshold = c.Options.CapexVsCashFlow.MinRatioPercent;
        var id = $"{Id}:{company}:{added.Period}";

        if (added is CapexCashFlowRatio ratio)
        {
            if (ratio.Percent >= threshold)
            {
                yield return c.Alert(Id, id, company, c.Options.CapexVsCashFlow.Severity,
                    $"{company} reinvests {(ratio.Qualifier == Qualifier.About ? "about " : "")}{Format.Percent(ratio.Percent)} of its operating cash flow in capex ({c.Human(ratio.Period, company)}; threshold {Format.Percent(threshold)}).",
                    ratio);
            }
            yield break;
        }
        if (added is not (Capex or OperatingCashFlow)) yield break;

        var period = added.Period.ToString();
        var capex = c.Timeline.Latest<Capex>(s => s.Company == company && s.Period.ToString() == period, null);
        var cash = c.Timeline.Latest<OperatingCashFlow>(s => s.Company == company && s.Period.ToString() == period, null);
        if (capex is null || cash is null || capex.Amount.Currency != cash.Amount.Currency) yield break;

        if (cash.Amount.Amount <= 0)
        {
            if (capex.Amount.Amount > 0)
            {
                yield return c.Alert(Id, id, company, c.Options.CapexVsCashFlow.Severity,
                    $"{company} spent {capex.Amount.ToHuman()} on capex in {capex.Period.ToHuman()} while operating cash flow was {cash.Amount.ToHuman()}.",
                    capex, cash);
            }
            yield break;
        }
        var percent = capex.Amount.Amount / cash.Amount.Amount * 100;
        if (percent < threshold) yield break;
        yield return c.Alert(Id, id, company, c.Options.CapexVsCashFlow.Severity,
            $"{company} capex of {capex.Amount.ToHuman()} is {Format.Percent(percent)} of operating cash flow of {cash.Amount.ToHuman()} in {capex.Period.ToHuman()} (threshold {Format.Percent(threshold)}).",
            capex, cash);
    }
}

/// <summary>Export-control news that names a watched company.</summary>
public sealed class ExportControlRule : IRule
{
    public string Id => RuleIds.ExportControl;
    public bool Enabled(RulesOptions options) => options.ExportControl.Enabled;
    public IReadOnlySet<SignalKind> Series { get; } = new HashSet<SignalKind> { SignalKind.ExportControl };

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        if (added is not ExportControl news || !c.Directory.IsWatched(c.GrainKey) || !news.Subjects().Contains(c.GrainKey)) yield break;
        var where = news.Region is null ? "" : $" ({news.Region}{(news.Products is { Count: > 0 } p ? ", " + string.Join(", ", p) : "")})";
        yield return c.Alert(Id, $"{Id}:{c.GrainKey}:{news.Id}", c.GrainKey, c.Options.ExportControl.Severity,
            $"Export-control news touching {c.GrainKey}{where}: {news.Headline}", news);
    }
}

/// <summary>
/// A market-cap loss of at least $N within W trading days: from a stated move, or from a series of market-cap
/// observations (one per trading day). One slide is one alert, however many windows measure it: windows that overlap
/// or follow one another within a window's length (price files cut a slide into consecutive windows; daily levels
/// measure it again every day) are one episode, and when the episode deepens its alert is raised again, same id, with
/// the larger figure and all its evidence, as an update. A slide that starts after a full window without a qualifying
/// loss is a new episode and a new alert.
/// </summary>
public sealed class MarketCapDrawdownRule : IRule
{
    public string Id => RuleIds.MarketCapDrawdown;
    public bool Enabled(RulesOptions options) => options.MarketCapDrawdown.Enabled;
    public IReadOnlySet<SignalKind> Series { get; } = new HashSet<SignalKind> { SignalKind.MarketCapMove, SignalKind.MarketCap, SignalKind.PriceMove };

    /// <summary>A loss measured over a span of days, and the signals it rests on.</summary>
    private sealed record Window(DateOnly Start, DateOnly End, Money Loss, Signal[] Evidence);

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        var o = c.Options.MarketCapDrawdown;
        var minLoss = Money.Usd(o.MinLossUsd);
        if (added.Company is not { } company) yield break;

        if (added is MarketCapMove move)
        {
            if (move.Change.Currency != "USD" || -move.Change < minLoss || move.TradingDays > o.WindowTradingDays) yield break;
            var alert = c.Alert(Id, $"{Id}:{company}:{move.Period}", company, o.Severity,
                $"{company} lost {Format.Approx(move, -move.Change)} of market value in {move.TradingDays} trading day{(move.TradingDays == 1 ? "" : "s")} ({move.Period.ToHuman()}; threshold {minLoss.ToHuman()} within {o.WindowTradingDays} days).",
                move);
            // A move dated only by its month cannot be placed beside another: it stays an episode of its own.
            yield return Placed(move, o) is { } window ? Episode(c, company, alert, window) : alert;
            yield break;
        }
        if (added is not MarketCap level || level.Period.Kind != PeriodKind.Day || level.Amount.Currency != "USD") yield break;

        // Observations are trading days: the window is the W observations before this one.
        var series = c.Timeline.MarketCapSeries(company);
        if (series is null) yield break;
        var at = series.IndexOfKey(level.Period.Start!.Value);
        if (at <= 0) yield break;
        var current = series.Values[at];
        var peakAt = at - 1;
        for (var i = Math.Max(0, at - o.WindowTradingDays); i < at; i++)
        {
            if (series.Values[i].Amount.Amount > series.Values[peakAt].Amount.Amount) peakAt = i;
        }
        var peak = series.Values[peakAt];
        var loss = peak.Amount - current.Amount;
        if (loss < minLoss) yield break;
        var days = at - peakAt;
        var first = c.Alert(Id, $"{Id}:{company}:peak-{peak.Period}", company, o.Severity,
            $"{company} market value fell {loss.ToHuman()} in {days} trading day{(days == 1 ? "" : "s")}, from {peak.Amount.ToHuman()} on {peak.Period.ToHuman()} to {current.Amount.ToHuman()} on {current.Period.ToHuman()} (threshold {minLoss.ToHuman()} within {o.WindowTradingDays} days).",
            peak, current);
        yield return Episode(c, company, first, new Window(series.Keys[peakAt], series.Keys[at], loss, [peak, current]));
    }

    /// <summary>
    /// The alert for the episode this window belongs to: <paramref name="alert"/> when it starts a new one; the
    /// episode's alert again, with the next revision, when the window deepens it; the episode's alert unchanged (which
    /// the grain drops as already raised) when it does not.
    /// </summary>
    private Alert Episode(RuleContext c, string company, Alert alert, Window window)
    {
        var o = c.Options.MarketCapDrawdown;
        var gap = Gap(o);
        var episode = c.Timeline.Alerts
            .Where(a => a.Rule == Id && a.Company == company)
            .Select(a => (Alert: a, Windows: WindowsOf(c, a, o)))
            .Where(e => e.Windows.Count > 0 && window.Start <= e.Windows.Max(w => w.End).AddDays(gap) && e.Windows.Min(w => w.Start) <= window.End.AddDays(gap))
            .OrderByDescending(e => e.Windows.Max(w => w.End))
            .FirstOrDefault();
        if (episode.Alert is null) return alert;

        var before = Describe(c, company, episode.Windows).Depth;
        var windows = episode.Windows.Concat([window]).DistinctBy(w => (w.Start, w.End, string.Join(",", w.Evidence.Select(s => s.Id)))).ToList();
        var (depth, text) = Describe(c, company, windows);
        if (depth.Amount <= before.Amount) return episode.Alert;
        var evidence = windows.SelectMany(w => w.Evidence).DistinctBy(s => s.Id).OrderBy(s => s.Period.Start ?? s.Period.ApproximateEnd).ThenBy(s => s.Id, StringComparer.Ordinal).ToArray();
        return c.Alert(Id, episode.Alert.Id, company, o.Severity, $"{text} Deepened from {before.ToHuman()}.", evidence) with { Revision = episode.Alert.Revision + 1 };
    }

    /// <summary>Calendar days that may separate two windows of one slide: a window's trading days, with their weekends.</summary>
    private static int Gap(MarketCapDrawdownOptions o) => (o.WindowTradingDays * 7 + 4) / 5;

    /// <summary>The span of a stated move, when its period places it (days, not a month) and it fits its trading days.</summary>
    private static Window? Placed(MarketCapMove move, MarketCapDrawdownOptions o) =>
        move.Period.Kind is PeriodKind.Day or PeriodKind.Days && move.Period.Start is { } start && move.Period.End is { } end
        && end.DayNumber - start.DayNumber <= Gap(o) + 3
            ? new Window(start, end, -move.Change, [move])
            : null;

    /// <summary>The windows an episode's alert rests on, read back from its evidence.</summary>
    private static List<Window> WindowsOf(RuleContext c, Alert alert, MarketCapDrawdownOptions o)
    {
        var windows = new List<Window>();
        var levels = new List<MarketCap>();
        foreach (var e in alert.Evidence)
        {
            if (!c.Timeline.TryGet(e.SignalId, out var s)) continue;
            if (s is MarketCapMove m && Placed(m, o) is { } w) windows.Add(w);
            else if (s is MarketCap { Period.Kind: PeriodKind.Day } l) levels.Add(l);
        }
        if (levels.Count >= 2)
        {
            var ordered = levels.OrderBy(l => l.Period.Start).ToList();
            windows.Add(new Window(ordered[0].Period.Start!.Value, ordered[^1].Period.Start!.Value, ordered[0].Amount - ordered[^1].Amount, [.. ordered]));
        }
        return windows;
    }

    /// <summary>
    /// How deep the episode is and its one line: the deepest fall of the daily levels over its span where there are
    /// levels; the sum of its largest non-overlapping stated moves, which for one file's consecutive windows is exactly
    /// the fall from the first close to the last.
    /// </summary>
    private (Money Depth, string Text) Describe(RuleContext c, string company, List<Window> windows)
    {
        var o = c.Options.MarketCapDrawdown;
        var (start, end) = (windows.Min(w => w.Start), windows.Max(w => w.End));
        var threshold = $"threshold {Money.Usd(o.MinLossUsd).ToHuman()} within {o.WindowTradingDays} days";

        var moves = new List<Window>();
        foreach (var w in windows.Where(w => w.Evidence is [MarketCapMove]).OrderByDescending(w => w.Loss.Amount))
            if (!moves.Any(t => w.Start <= t.End && t.Start <= w.End)) moves.Add(w);
        var moved = moves.Count == 0 ? Money.Usd(0) : moves.Select(w => w.Loss).Aggregate((a, b) => a + b);

        (Money Loss, MarketCap Peak, MarketCap Trough)? fall = null;
        var series = c.Timeline.MarketCapSeries(company);
        if (series is not null)
        {
            MarketCap? high = null;
            foreach (var (day, cap) in series)
            {
                if (day < start || day > end) continue;
                if (high is null || cap.Amount.Amount > high.Amount.Amount) high = cap;
                else if (high.Amount - cap.Amount is var drop && (fall is null || drop > fall.Value.Loss)) fall = (drop, high, cap);
            }
        }
        if (fall is { } f && series is not null && f.Loss.Amount >= moved.Amount)
        {
            var days = series.Keys.Count(d => d > f.Peak.Period.Start!.Value && d <= f.Trough.Period.Start!.Value);
            return (f.Loss, $"{company} market value fell {f.Loss.ToHuman()} in {days} trading day{(days == 1 ? "" : "s")}, from {f.Peak.Amount.ToHuman()} on {f.Peak.Period.ToHuman()} to {f.Trough.Amount.ToHuman()} on {f.Trough.Period.ToHuman()} ({threshold}).");
        }
        return (moved, $"{company} lost {moved.ToHuman()} of market value from {start:yyyy-MM-dd} to {end:yyyy-MM-dd}, over {moves.Count} window{(moves.Count == 1 ? "" : "s")} of up to {o.WindowTradingDays} trading days ({threshold}).");
    }
}

/// <summary>A price/earnings ratio at or above N.</summary>
public sealed class ExtremeValuationRule : IRule
{
    public string Id => RuleIds.ExtremeValuation;
    public bool Enabled(RulesOptions options) => options.ExtremeValuation.Enabled;
    public IReadOnlySet<SignalKind> Series { get; } = new HashSet<SignalKind> { SignalKind.Valuation };

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        var threshold = c.Options.ExtremeValuation.MinPeRatio;
        if (added is not Valuation { PeRatio: { } pe } v || v.Company is not { } company || pe < threshold) yield break;
        yield return c.Alert(Id, $"{Id}:{company}:{v.Period}", company, c.Options.ExtremeValuation.Severity,
            $"{company} trades at {Format.Number(pe)} times earnings ({v.Period.ToHuman()}; threshold {Format.Number(threshold)}).", v);
    }
}

/// <summary>A company's capex figures: guidance, actuals, operating cash flow and the ratios between them.</summary>
internal static class CapexSeries
{
    public static readonly IReadOnlySet<SignalKind> Kinds = new HashSet<SignalKind>
        { SignalKind.CapexGuidance, SignalKind.Capex, SignalKind.OperatingCashFlow, SignalKind.FreeCashFlow, SignalKind.CapexCashFlowRatio };
}
