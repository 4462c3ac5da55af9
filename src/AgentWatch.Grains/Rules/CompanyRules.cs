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
            $"{company} guides {y} capex at {guidedText}, +{Format.Percent(increase)} on {y - 1} {basis} of {Format.Approx(baseline, prior)} (threshold {Format.Percent(threshold)}).",
            guidance, baseline);
    }
}

/// <summary>Capex at least N % of operating cash flow: from a stated ratio, or from capex and cash flow of the same period.</summary>
public sealed class CapexVsCashFlowRule : IRule
{
    public string Id => RuleIds.CapexVsCashFlow;
    public bool Enabled(RulesOptions options) => options.CapexVsCashFlow.Enabled;

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
                    $"{company} reinvests {(ratio.Qualifier == Qualifier.About ? "about " : "")}{Format.Percent(ratio.Percent)} of its operating cash flow in capex ({ratio.Period.ToHuman()}; threshold {Format.Percent(threshold)}).",
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
/// observations (one per trading day). A drawdown is one alert, keyed by the peak it fell from.
/// </summary>
public sealed class MarketCapDrawdownRule : IRule
{
    public string Id => RuleIds.MarketCapDrawdown;
    public bool Enabled(RulesOptions options) => options.MarketCapDrawdown.Enabled;

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        var o = c.Options.MarketCapDrawdown;
        var minLoss = Money.Usd(o.MinLossUsd);
        if (added.Company is not { } company) yield break;

        if (added is MarketCapMove move)
        {
            if (move.Change.Currency == "USD" && -move.Change >= minLoss && move.TradingDays <= o.WindowTradingDays)
            {
                yield return c.Alert(Id, $"{Id}:{company}:{move.Period}", company, o.Severity,
                    $"{company} lost {Format.Approx(move, -move.Change)} of market value in {move.TradingDays} trading day{(move.TradingDays == 1 ? "" : "s")} ({move.Period.ToHuman()}; threshold {minLoss.ToHuman()} within {o.WindowTradingDays} days).",
                    move);
            }
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
        yield return c.Alert(Id, $"{Id}:{company}:peak-{peak.Period}", company, o.Severity,
            $"{company} market value fell {loss.ToHuman()} in {days} trading day{(days == 1 ? "" : "s")}, from {peak.Amount.ToHuman()} on {peak.Period.ToHuman()} to {current.Amount.ToHuman()} on {current.Period.ToHuman()} (threshold {minLoss.ToHuman()} within {o.WindowTradingDays} days).",
            peak, current);
    }
}

/// <summary>A price/earnings ratio at or above N.</summary>
public sealed class ExtremeValuationRule : IRule
{
    public string Id => RuleIds.ExtremeValuation;
    public bool Enabled(RulesOptions options) => options.ExtremeValuation.Enabled;

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        var threshold = c.Options.ExtremeValuation.MinPeRatio;
        if (added is not Valuation { PeRatio: { } pe } v || v.Company is not { } company || pe < threshold) yield break;
        yield return c.Alert(Id, $"{Id}:{company}:{v.Period}", company, c.Options.ExtremeValuation.Severity,
            $"{company} trades at {Format.Number(pe)} times earnings ({v.Period.ToHuman()}; threshold {Format.Number(threshold)}).", v);
    }
}
