using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Positions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Grains.Rules;

/// <summary>
/// A watched filer's new bearish position (puts, or a stated short) with at least $N notional. New means the filer
/// disclosed no bearish position on that company for an earlier report period; a second description of the same
/// period's bet (the puts and the "short" they amount to) is the same alert.
/// </summary>
public sealed class FilerBearishPositionRule : IRule
{
    public string Id => RuleIds.FilerBearishPosition;
    public bool Enabled(RulesOptions options) => options.FilerBearishPosition.Enabled;
    public IReadOnlySet<SignalKind> Series { get; } = FilerSeries.Kinds;

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        var o = c.Options.FilerBearishPosition;
        var (filer, notional, underlyings) = added switch
        {
            OptionPosition { IsBearish: true } p when p.Company is not null => (p.Filer, (Money?)p.Notional, (IReadOnlyList<string>)[p.Company]),
            ShortPosition s => (s.Filer, s.Notional, s.Underlyings),
            _ => (null, null, []),
        };
        if (filer is null || notional is not { Currency: "USD" } n || n.Amount < o.MinNotionalUsd || !c.Directory.IsWatchedFiler(filer)) yield break;

        var name = c.Directory.Filer(filer)?.Name ?? filer;
        var periodEnd = added.Period.ApproximateEnd;
        foreach (var company in underlyings)
        {
            var earlier = c.Timeline.Signals.FirstOrDefault(s => IsBearishOn(s, filer, company) && s.Period.ApproximateEnd < periodEnd);
            if (earlier is not null) continue;
            var what = added is OptionPosition p
                ? $"puts on {Format.Number(p.Shares)} {company} shares, notional {Format.Approx(p, p.Notional)}"
                : $"a short position against {string.Join(" and ", underlyings)} of {Format.Approx(added, n)}";
            yield return c.Alert(Id, $"{Id}:{filer}:{company}:{added.Period}", company, o.Severity,
                $"{name} disclosed {what} for {added.Period.ToHuman()}; no bearish {company} position in earlier reports (threshold {Money.Usd(o.MinNotionalUsd).ToHuman()}).",
                added);
        }
    }

    private static bool IsBearishOn(Signal s, string filer, string company) => s switch
    {
        OptionPosition { IsBearish: true } p => p.Filer == filer && p.Company == company,
        ShortPosition sp => sp.Filer == filer && sp.Underlyings.Contains(company),
        _ => false,
    };
}

/// <summary>
/// Quarter over quarter, a filer's position in a watched company was opened, increased, reduced or closed. New,
/// increased and reduced are raised as each row of the later quarter lands; closed once that quarter's table is
/// known whole (its filing event counts the positions). A filer's first quarter has nothing to compare with and
/// raises nothing. Filings that arrive older than what is stored are compared with the quarter before them only.
/// </summary>
public sealed class FilerPositionChangeRule : IRule
{
    public string Id => RuleIds.FilerPositionChange;
    public bool Enabled(RulesOptions options) => options.FilerPositionChange.Enabled;
    public IReadOnlySet<SignalKind> Series { get; } = FilerSeries.Kinds;

    public IEnumerable<Alert> Evaluate(RuleContext c, Signal added)
    {
        var o = c.Options.FilerPositionChange;
        if (o.WatchedFilersOnly && !c.Directory.IsWatchedFiler(c.GrainKey)) return [];
        if (!PositionChanges.IsPosition(added) && added is not Filing { Positions: not null }) return [];
        var end = added.Period.ApproximateEnd;
        var signals = c.Timeline.Signals;
        if (PositionChanges.PreviousPeriodEnd(signals, end) is not { } before) return [];
        var previous = PositionChanges.PositionsAt(signals, before);
        var changes = new List<PositionChange>();
        if (PositionChanges.IsPosition(added) && added.Company is not null && PositionChanges.ChangeOf(added, previous, previous.Values.First().Period, o.MinChangePercent) is { } change)
            changes.Add(change);
        // Whichever signal completes the quarter (the filing event or its last row) lets the closed positions be named.
        if (PositionChanges.IsComplete(signals, end))
        {
            var current = PositionChanges.PositionsAt(signals, end);
            if (current.Count > 0) changes.AddRange(PositionChanges.Closed(current, previous, current.Values.First().Period));
        }
        // The larger side counts: a $400 million position cut to $10 million matters as much as one built the other way.
        return changes.Where(x => x.Company is not null && Math.Max(x.Value?.Amount ?? 0, x.PreviousValue?.Amount ?? 0) >= o.MinValueUsd).Select(x => AlertFor(c, x));
    }

    private Alert AlertFor(RuleContext c, PositionChange x)
    {
        var o = c.Options.FilerPositionChange;
        var name = c.Directory.Filer(x.Filer)?.Name ?? x.Filer;
        var text = x.Kind switch
        {
            PositionChangeKind.New => $"{name} opened a position in {x.What} for {x.Period.ToHuman()}: {Format.Number(x.Shares ?? 0)} shares, {x.Value?.ToHuman()}; none in {x.PreviousPeriod?.ToHuman()}.",
            PositionChangeKind.Closed => $"{name} no longer reports {x.What} for {x.Period.ToHuman()}; it held {Format.Number(x.PreviousShares ?? 0)} shares, {x.PreviousValue?.ToHuman()}, for {x.PreviousPeriod?.ToHuman()}.",
            _ => $"{name} {(x.Kind == PositionChangeKind.Increased ? "increased" : "reduced")} {x.What} by {Format.Percent(Math.Abs(x.ChangePercent ?? 0))} for {x.Period.ToHuman()}: " +
                 $"{Format.Number(x.PreviousShares ?? 0)} → {Format.Number(x.Shares ?? 0)} shares ({x.PreviousValue?.ToHuman()} → {x.Value?.ToHuman()}).",
        };
        var key = $"{Id}:{x.Filer}:{x.Company}:{x.PutCall?.ToString().ToLowerInvariant() ?? "sh"}:{x.Period}";
        return c.Alert(Id, key, x.Company!, o.Severity, text, [.. x.Evidence]);
    }
}

/// <summary>A filer's reports: the positions and filing events of its 13Fs.</summary>
internal static class FilerSeries
{
    public static readonly IReadOnlySet<SignalKind> Kinds = new HashSet<SignalKind> { SignalKind.OptionPosition, SignalKind.ShortPosition, SignalKind.Holding, SignalKind.Filing };
}
