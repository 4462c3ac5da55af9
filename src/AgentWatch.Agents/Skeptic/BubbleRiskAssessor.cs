using System.Globalization;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Skeptic;

/// <summary>
/// Scores bubble risk from state, the same way every time: five factors of up to 20 points each, summed to 0–100.
/// <list type="bullet">
/// <item>capex outpacing revenue: the year's capex (guidance midpoint, or actual) against the year before, minus the
/// company's revenue growth, 2.5 points per percentage point of excess, for the company where it is largest;</item>
/// <item>capex eating cash flow: capex as a share of operating cash flow, from 60 % (0 points) to 100 % (20);</item>
/// <item>bets against: puts and shorts watched filers disclosed on watched companies, 2 points per $100 million (per
/// filer and report, puts or the short position they add up to, whichever is larger);</item>
/// <item>circular financing: 7 points per loop in the financing graph;</item>
/// <item>extreme valuations: 10 points per P/E of 100 or more, 3 per P/E of 50 to 100.</item>
/// </list>
/// Each factor's reason states the figures it used, with their signals as evidence; figures it computes (a growth
/// rate) are returned with it, for the run's tool log as a computation, so the figure check can trace them.
/// </summary>
public sealed class BubbleRiskAssessor
{
    public const int MaxPoints = 20;

    /// <summary>
    /// Scores from what <paramref name="tools"/> reads. Its reads go out together (every watched company, every watched
    /// filer, the financing graph), so the offline engine makes them in one round.
    /// </summary>
    public async Task<RiskAssessment> AssessAsync(IMarketReader tools, DateOnly? asOf)
    {
        var watched = tools.Directory.Companies.Where(c => c.Watched).Select(c => c.Ticker).Order(StringComparer.Ordinal).ToList();
        var signals = Task.WhenAll(watched.Select(t => tools.SignalsAsync(t, null, null, asOf)));
        var filers = Task.WhenAll(tools.Directory.Filers.Where(f => f.Watched).Select(f => tools.PositionsByFilerAsync(f.Key, asOf)));
        var financing = tools.FinancingGraphAsync(asOf);
        await Task.WhenAll(signals, filers, financing);
        var perCompany = watched.Zip(signals.Result).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var derived = new List<object>();

        var factors = new List<RiskFactor>
        {
            CapexOutpacingRevenue(perCompany, derived, tools.Directory),
            CapexEatingCashFlow(perCompany, derived, tools.Directory),
            BetsAgainst(filers.Result, watched, derived, tools.Directory),
            CircularFinancing(financing.Result, tools.Directory),
            ExtremeValuations(perCompany, tools.Directory),
        };
        var score = factors.Sum(f => f.Points);
        return new RiskAssessment(factors, score, Level(score), derived);
    }

    public static string Level(int score) => score switch
    {
        < 25 => "low",
        < 50 => "elevated",
        < 75 => "high",
        _ => "extreme",
    };

    private static RiskFactor CapexOutpacingRevenue(Dictionary<string, IReadOnlyList<Signal>> perCompany, List<object> derived, CompanyDirectory directory)
    {
        (decimal Excess, string Reason, List<Signal> Evidence)? worst = null;
        foreach (var (ticker, signals) in perCompany)
        {
            var yearly = signals.Where(s => s is CapexGuidance or Capex && s.Period.Kind == PeriodKind.FiscalYear).ToList();
            foreach (var current in yearly.Where(s => s is CapexGuidance))
            {
                var year = current.Period.Year!.Value;
                var previous = yearly.Where(s => s.Period.Year == year - 1).OrderBy(s => s is Capex ? 0 : 1).FirstOrDefault();
                if (previous is null || Amount(current) is not { } now || Amount(previous) is not { } before || before.Amount <= 0 || now.Currency != before.Currency) continue;
                var capexGrowth = Math.Round((now.Amount / before.Amount - 1) * 100, 0);
                var revenue = signals.OfType<Revenue>().Where(r => r.GrowthPercent is not null).OrderByDescending(r => r.Period.ApproximateEnd).FirstOrDefault();
                if (revenue is null) continue;
                var excess = capexGrowth - revenue.GrowthPercent!.Value;
                derived.Add(new { computed = "capex growth", company = ticker, year, percent = capexGrowth, excess_over_revenue_growth = excess });
                if (worst is null || excess > worst.Value.Excess)
                {
                    var reason = $"{ticker} plans {now.ToHuman()} of capex for {year}, {Pct(capexGrowth)} more than {(previous is Capex ? "it spent" : "it planned")} in {year - 1} ({before.ToHuman()}), while {(revenue.Segment is { } seg ? seg + " " : "")}revenue grew {Pct(revenue.GrowthPercent.Value)} ({revenue.Period.ToHuman()}).";
                    worst = (excess, reason, [current, previous, revenue]);
                }
            }
        }
        if (worst is not { } w)
            return new RiskFactor("capex outpacing revenue", 0, MaxPoints, "No company has both a capex plan against the year before and a revenue growth figure.", []);
        var points = Points(w.Excess / 2.5m);
        return new RiskFactor("capex outpacing revenue", points, MaxPoints, w.Reason, Evidence(w.Evidence, directory));
    }

    private static RiskFactor CapexEatingCashFlow(Dictionary<string, IReadOnlyList<Signal>> perCompany, List<object> derived, CompanyDirectory directory)
    {
        (decimal Percent, string Reason, List<Signal> Evidence)? worst = null;
        foreach (var (ticker, signals) in perCompany)
        {
            foreach (var ratio in signals.OfType<CapexCashFlowRatio>())
                Consider(ratio.Percent, $"{ticker} spends {(ratio.Qualifier == Qualifier.About ? "about " : "")}{Pct(ratio.Percent)} of its operating cash flow on capex ({ratio.Period.ToHuman()}).", [ratio]);
            foreach (var capex in signals.OfType<Capex>())
            {
                var ocf = signals.OfType<OperatingCashFlow>().FirstOrDefault(o => o.Period == capex.Period && o.Amount.Currency == capex.Amount.Currency && o.Amount.Amount > 0);
                if (ocf is null) continue;
                var percent = Math.Round(capex.Amount.Amount / ocf.Amount.Amount * 100, 0);
                derived.Add(new { computed = "capex as a share of operating cash flow", company = ticker, period = capex.Period.ToHuman(), percent });
                Consider(percent, $"{ticker} spent {capex.Amount.ToHuman()} on capex against {ocf.Amount.ToHuman()} of operating cash flow ({capex.Period.ToHuman()}): {Pct(percent)}.", [capex, ocf]);
            }
        }
        void Consider(decimal percent, string reason, List<Signal> evidence)
        {
            if (worst is null || percent > worst.Value.Percent) worst = (percent, reason, evidence);
        }
        if (worst is not { } w)
            return new RiskFactor("capex eating cash flow", 0, MaxPoints, "No capex and operating cash flow figures for the same period.", []);
        return new RiskFactor("capex eating cash flow", Points((w.Percent - 60) / 2), MaxPoints, w.Reason, Evidence(w.Evidence, directory));
    }

    private static RiskFactor BetsAgainst(IEnumerable<FilerSnapshot> filers, IReadOnlyList<string> watched, List<object> derived, CompanyDirectory directory)
    {
        var bets = filers.SelectMany(f => f.Positions).Where(p => p is OptionPosition { PutCall: PutCall.Put } or ShortPosition && p.Subjects().Any(watched.Contains)).ToList();
        if (bets.Count == 0) return new RiskFactor("bets against", 0, MaxPoints, "No watched filer disclosed puts or shorts on watched companies.", []);
        // A filer's report may state its puts and also sum them up as a short position: per filer and period, the
        // larger of the two counts, not both.
        var notional = bets.GroupBy(b => (Filer: b is OptionPosition o ? o.Filer : ((ShortPosition)b).Filer, b.Period)).Sum(g =>
        {
            var puts = g.OfType<OptionPosition>().Where(o => o.Notional.Currency == "USD").Sum(o => o.Notional.Amount);
            var shorts = g.OfType<ShortPosition>().Where(s => s.Notional is { Currency: "USD" }).Sum(s => s.Notional!.Value.Amount);
            return Math.Max(puts, shorts);
        });
        derived.Add(new { computed = "notional of disclosed puts and shorts", usd = notional, usd_human = Money.Usd(notional).ToHuman() });
        var reason = $"{string.Join("; ", bets.Select(b => b.Describe()))}. Together {Money.Usd(notional).ToHuman()} of disclosed bets against watched companies.";
        return new RiskFactor("bets against", Points(notional / 100_000_000m * 2), MaxPoints, reason, Evidence(bets, directory));
    }

    private static RiskFactor CircularFinancing(FinancingView financing, CompanyDirectory directory)
    {
        var graph = financing.Graph;
        if (graph.Loops.Count == 0) return new RiskFactor("circular financing", 0, MaxPoints, "No money flows back to where it came from in the financing graph.", []);
        var deals = financing.Deals.ToDictionary(s => s.Id);
        var evidence = graph.Loops.SelectMany(l => l.Edges).Select(e => deals.GetValueOrDefault(e.SignalId)).OfType<Signal>().DistinctBy(s => s.Id).ToList();
        var reason = $"{graph.Loops.Count} loop{(graph.Loops.Count == 1 ? "" : "s")} where money returns to where it came from: {string.Join("; ", graph.Loops.Select(l => l.ToString()))}.";
        return new RiskFactor("circular financing", Points(graph.Loops.Count * 7), MaxPoints, reason, Evidence(evidence, directory));
    }

    private static RiskFactor ExtremeValuations(Dictionary<string, IReadOnlyList<Signal>> perCompany, CompanyDirectory directory)
    {
        var rich = perCompany.Values.SelectMany(s => s).OfType<Valuation>().Where(v => v.PeRatio >= 50).DistinctBy(v => v.Id).OrderByDescending(v => v.PeRatio).ToList();
        if (rich.Count == 0) return new RiskFactor("extreme valuations", 0, MaxPoints, "No P/E of 50 or more.", []);
        var points = rich.Sum(v => v.PeRatio >= 100 ? 10 : 3);
        var reason = string.Join("; ", rich.Select(v => $"{v.Company} trades at a P/E of {v.PeRatio!.Value.ToString("0.#", CultureInfo.InvariantCulture)} ({v.Period.ToHuman()})")) + ".";
        return new RiskFactor("extreme valuations", Points(points), MaxPoints, reason, Evidence(rich, directory));
    }

    private static Money? Amount(Signal s) => s switch
    {
        CapexGuidance { Amount: { } a } => a,
        CapexGuidance { Low: { } low, High: { } high } when low.Currency == high.Currency => new Money((low.Amount + high.Amount) / 2, low.Currency),
        Capex c => c.Amount,
        _ => null,
    };

    private static int Points(decimal raw) => (int)Math.Clamp(Math.Round(raw, MidpointRounding.AwayFromZero), 0, MaxPoints);

    private static string Pct(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static IReadOnlyList<Evidence> Evidence(IEnumerable<Signal> signals, CompanyDirectory directory) =>
        signals.DistinctBy(s => s.Id).Select(s => new Evidence(s.Id, s.Source, s.Describe(directory), s.KnownOn)).ToList();
}

/// <summary>The score, its level, its factors, and the figures it computed (growth rates, sums) for the figure check.</summary>
public sealed record RiskAssessment(IReadOnlyList<RiskFactor> Factors, int Score, string Level, IReadOnlyList<object> Derived);
