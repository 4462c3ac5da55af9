using AgentWatch.Abstractions;
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
