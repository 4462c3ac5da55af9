using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>What the question's time words and direction leave of a list of signals.</summary>
public sealed partial class OfflineEngine
{
    /// <summary>
    /// The signals the question's time words and direction leave: years (fiscal years by their name, or calendar years
    /// when it says "calendar"), a quarter, a month or a week of one, and a fall or a rise for moves.
    /// </summary>
    private List<Signal> Filter(IReadOnlyList<Signal> signals, ParsedQuestion q, DateOnly? asOf)
    {
        var found = Filter(signals, q, q.Month?.Resolve(Today(asOf)));
        // A quarter asked for, and figures for that quarter there: the year's figures answer another question.
        // A quarter asked of figures (not of events), with one year or none: a year's figure answers another question
        // ("Amazon's actual capex in Q4 2025" is not its 2025 total).
        // "q4 25 guide, fy25 actual": a year asked beside the quarter keeps the year's figures.
        // "Quarterly, not annual": a year named only to be set aside is not asked.
        // ("Before it gave a full-year number, what had it guided for Q4 and Q1?": the year only dates the quarters asked.)
        var text = System.Text.RegularExpressions.Regex.Replace(q.Text, @"\b(not|nicht|rather than|instead of|statt|anstatt)\s+(the\s+|das\s+|the\s+whole\s+)?(full[- ]year|annual|whole year|jahr|year|fy)\b", " ", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        text = QuestionParser.YearOnlyDates().Replace(text, " ");
        var quarterWords = QuestionParser.MentionsAny(text, "quarter", "quarters", "quarterly", "quartal", "quartale", "q1", "q2", "q3", "q4");
        var yearToo = QuestionParser.MentionsAny(text, "fy", "full year", "annual", "whole year") || System.Text.RegularExpressions.Regex.IsMatch(text, @"\bfy ?'?\d", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        // "Q4 2025 and Q1 2026 taken together": quarters named with their years are asked, not the years around them.
        if (q.Quarters.Count > 1 && !yearToo)
            found = found.Where(s => s.Period.Kind is not (PeriodKind.FiscalYear or PeriodKind.FiscalYears)).ToList();
        else if (q.Quarter is not null && !q.Versus && !yearToo && found.Any(s => s.Period.Kind == PeriodKind.FiscalQuarter))
            found = found.Where(s => s.Period.Kind is not (PeriodKind.FiscalYear or PeriodKind.FiscalYears)).ToList();
        // ("TSMC revenue for Q4 2025 and Nvidia's Q3 fiscal 2026 revenue?": every year named dates a quarter.)
        else if (q.Quarter is not null && !q.Versus && !yearToo
            && (q.Years.Count <= 1 || q.Years.All(y => System.Text.RegularExpressions.Regex.IsMatch(text, $@"\bq[1-4]\s+(?:of\s+)?(?:fiscal\s+|fy\s?)?(?:20)?{y % 100:D2}\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)))
            // ("Q3 fiscal 2026": "fiscal" that only dates a quarter asks for no year.)
            && !QuestionParser.MentionsAny(System.Text.RegularExpressions.Regex.Replace(text, @"\b(q[1-4])\s+(?:of\s+)?fiscal\b", "$1", System.Text.RegularExpressions.RegexOptions.IgnoreCase),
                "announce", "announced", "alongside", "with its results", "after", "fiscal", "year"))
            found = found.Where(s => !(s.Period.Kind == PeriodKind.FiscalYear && s.Kind is SignalKind.Capex or SignalKind.CapexGuidance or SignalKind.Revenue or SignalKind.Eps
                or SignalKind.OperatingCashFlow or SignalKind.FreeCashFlow or SignalKind.InvestmentPlan)).ToList();
        // "What were they planning to spend in 2025?": a year asked, and figures for the whole year there: a quarter's
        // figure is part of it, not its answer.
        else if (q.Quarter is null && q.Month is null && q.Years.Count == 1 && !quarterWords
            && found.Any(s => s.Period.Kind is PeriodKind.FiscalYear) && found.Any(s => s.Period.Kind is PeriodKind.FiscalQuarter))
            found = found.Where(s => s.Period.Kind is not PeriodKind.FiscalQuarter).ToList();
        // ("Does Amazon's 2025 guide beat Meta's 2026 low end?": of several years asked of several companies, a company's
        // quarter of a year it has the whole year's figure of, of the same kind, is part of that figure, not its answer.)
        else if (q.Quarter is null && q.Month is null && q.Years.Count > 1 && q.Companies.Count > 1 && !quarterWords)
            found = found.Where(s => !(s.Period.Kind is PeriodKind.FiscalQuarter && s.Company is not null && q.Years.Contains(s.Period.Year ?? 0)
                && found.Any(o => o.Period.Kind is PeriodKind.FiscalYear && o.Company == s.Company && o.Kind == s.Kind && o.Period.Year == s.Period.Year))).ToList();
        // "more than some amount per quarter around the turn of 2025/26": a quarter's own figure is asked, not the year's
        // it sits in, unless the year's figure is to be spread over its quarters ("its 2026 guide per quarter": one year
        // named is spread unless a quarter's own figure is there; of years named across a turn, "2025/26", the quarters are asked).
        if (q.Quarter is null && q.Quarters.Count == 0 && PerQuarter().IsMatch(q.Text) && !SpreadWords().IsMatch(q.Text)
            // ("quarterly guidance in line with its full-year plan?", "plan and quarterly guide": the year's asked too.)
            && !System.Text.RegularExpressions.Regex.IsMatch(q.Text, @"\b(full[- ]?year|annual|yearly|whole year|years?|jahr\w*|plans?|fy)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            // ("How much more per quarter will Amazon spend in 2026 than in 2025?": two years set against each other a quarter at a time.)
            && !(q.Years.Count > 1 && (q.Versus || QuestionParser.AsksDifference(q.Text) || QuestionParser.AsksRatio(q.Text) || QuestionParser.AsksPercentChange(q.Text))))
            found = found.Where(s => !(s.Period.Kind is PeriodKind.FiscalYear or PeriodKind.FiscalYears && s.Company is not null && PeriodicKinds.Contains(s.Kind)
                && (q.Years.Count > 1 || found.Any(o => o.Period.Kind is PeriodKind.FiscalQuarter && o.Company == s.Company && Family(o.Kind) == Family(s.Kind))))).ToList();
        // "Nvidia's revenue in its latest quarter": a year's figure is not a quarter's.
        if (q.LatestQuarter)
            found = found.Where(s => s.Period.Kind is not (PeriodKind.FiscalYear or PeriodKind.FiscalYears)
                || s.Kind is not (SignalKind.Capex or SignalKind.CapexGuidance or SignalKind.Revenue or SignalKind.Eps or SignalKind.OperatingCashFlow or SignalKind.FreeCashFlow)).ToList();
        // "in its fiscal year ending March 2026 alone": a span of years is not one year's figure.
        if (q.Years.Count == 1 && QuestionParser.AsksAlone(q.Text))
            found = found.Where(s => s.Period.Kind is not PeriodKind.FiscalYears || s.Company is null).ToList();
        // ("Between August and November 2025, what did Meta say about its capex?": a year written only with the months of a
        // window dates the window; what was said in it is asked, a span of years as much as the year's own figure.)
        var yearDatesWindow = q.Month is not null && q.Quarter is null && !q.FullYear && q.Years.Count == 1
            && !System.Text.RegularExpressions.Regex.IsMatch(System.Text.RegularExpressions.Regex.Replace(q.Text, $@"\b({TimeWords.MonthStems})[a-zäöü]*\.?\s+{q.Years[0]}\b", " ", System.Text.RegularExpressions.RegexOptions.IgnoreCase), $@"\b{q.Years[0]}\b");
        // "Meta's 2026 capex plan": the year's own figure, not a span of years that runs through it.
        // ("Meta vs Alphabet 2026 capex": two companies set side by side for one year too; only a span the question
        // itself reaches for, "its 2026 guide vs the plan through 2028", stays.)
        if (q.Years.Count == 1 && !yearDatesWindow)
            found = found.Where(s => s.Period.Kind is not PeriodKind.FiscalYears || s.Company is null || s.Kind is SignalKind.Metric
                || q.Versus && (q.Text.Contains($"{s.Period.EndYear}", StringComparison.Ordinal) || QuestionParser.MentionsAny(q.Text, SpanWords))
                // ("2025 capex, and what's the longer-run number?": a longer run asked beside the year.)
                || QuestionParser.MentionsAny(q.Text, LongRunWords)
                || !found.Any(o => o.Kind == s.Kind && o.Company == s.Company && o.Period.Kind is PeriodKind.FiscalYear)).ToList();
        // "spread evenly across the four years 2025–2028": a span named end to end asks for the span's figure, not for
        // the years' own inside it.
        if (q.Years.Count == 2 && found.Where(s => s.Period.Kind is PeriodKind.FiscalYears && s.Company is not null
                && System.Text.RegularExpressions.Regex.IsMatch(q.Text, $@"\b{s.Period.Year}\s*(–|-|—|to|through|thru|bis)\s*{s.Period.EndYear}\b")).ToList() is { Count: > 0 } spansNamed)
            found = found.Where(s => !(s.Period.Kind is PeriodKind.FiscalYear && spansNamed.Any(x => x.Company == s.Company && Family(x.Kind) == Family(s.Kind)
                && x.Period.Year <= s.Period.Year && s.Period.Year <= x.Period.EndYear))).ToList();
        // "META 26 guide midpoint vs 25 guide midpoint": two years, each with a figure of its own, are asked, not a span
        // running through both, unless the question reaches for the span.
        else if (q.Years.Count >= 2 && !QuestionParser.MentionsAny(q.Text, SpanWords) && !QuestionParser.MentionsAny(q.Text, LongRunWords))
            found = found.Where(s => !(s.Period.Kind is PeriodKind.FiscalYears && s.Company is not null && s.Period.EndYear is { } end && !q.Years.Contains(end)
                && q.Years.All(y => s.Period.Year <= y && y <= end && found.Any(o => o.Company == s.Company && Family(o.Kind) == Family(s.Kind) && o.Period.Kind is PeriodKind.FiscalYear && o.Period.Year == y)))).ToList();
        // "What capex range has Meta given for 2026?" before it gave one: a sum over 2025–2028 is no guide for 2026 alone,
        // unless the question reaches past the year ("through 2028", "over the next years").
        // (So is a capacity target for 2030 no answer for "by 2027".)
        if (q.Years.Count == 1 && !yearDatesWindow && !q.Versus && q.Kinds.Any(k => k is SignalKind.Capex or SignalKind.CapexGuidance or SignalKind.CapacityPlan) && !QuestionParser.MentionsAny(q.Text, SpanWords))
            found = found.Where(s => !(s.Kind is SignalKind.CapexGuidance or SignalKind.CapacityPlan && s.Company is not null && s.Period.Kind is PeriodKind.FiscalYears
                && s.Period.Year < q.Years[0] && q.Years[0] < s.Period.EndYear)).ToList();
        // "November" without a year: the latest November that has something, going back at most three years.
        foreach (var earlier in EarlierYearsOf(q, asOf))
        {
            if (found.Count > 0) break;
            found = Filter(signals, q, earlier);
        }
        return found;
    }

    /// <summary>
    /// The month a question names without a year ("November"), in each of the three years before the latest one, newest
    /// first: where to look when the latest has nothing. None when the question names a year, a count of months back or
    /// a span ending in a year.
    /// </summary>
    private IEnumerable<DateWindow> EarlierYearsOf(ParsedQuestion q, DateOnly? asOf)
    {
        if (q.Month is not { Year: null, MonthsBack: null } month || month.Through?.Year is not null) yield break;
        for (var back = 1; back <= 3; back++) yield return month.Resolve(Today(asOf).AddYears(-back));
    }

    /// <summary>Words that ask for the longer run beside a year ("and the longer-run number?").</summary>
    private static readonly string[] LongRunWords = ["longer run", "long run", "longer term", "long term", "langfristig"];

    /// <summary>Words that reach past one year to a span of them ("through 2028", "over the coming years").</summary>
    private static readonly string[] SpanWords = ["through", "thru", "till", "until", "bis", "coming years", "next years", "next few years", "kommenden jahre", "multi year", "cumulative", "cumulatively", "in total", "insgesamt", .. LongRunWords];


    private List<Signal> Filter(IReadOnlyList<Signal> signals, ParsedQuestion q, DateWindow? window)
    {
        // A calendar quarter asked ("Q3 2025"): a day's or a month's figure outside it is not of it.
        // (Not the market's reaction after the quarter's results: that comes later.)
        var quarter = q.Quarter is { } qn && q.Years.Count == 1 && !q.Reaction && !QuestionParser.MentionsAny(q.Text, "after", "nach", "following", "react", "reaction") ? QuarterWindow(q.Years[0], qn) : null;
        // "news from the last week of January 2026": a year written only with the month is the window's, which says it;
        // a twelve-month figure made known that week is of it, whatever year its period ends in.
        var yearOfWindowOnly = window is not null && !q.FullYear && window.End.DayNumber - window.Start.DayNumber < 62 && q.Years.Count == 1 && window.Start.Year == q.Years[0] && window.End.Year == q.Years[0]
            && System.Text.RegularExpressions.Regex.Matches(q.Text, $@"\b{q.Years[0]}\b").Count == 1 && q.Quarter is null;
        // ("Q3 2025 alone as a share of the full year 2025": a quarter named beside the full year is asked too.)
        var full = q.FullYear && (q.Quarter is null || !System.Text.RegularExpressions.Regex.IsMatch(q.Text, @"\bq[1-4]\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        var kept = signals.Where(s => (q.Years.Count == 0 || yearOfWindowOnly || (s.Company is { } own && q.CompanyYears.TryGetValue(own, out var ownYear) ? Covers(s, ownYear, q.Calendar, full) : q.Years.Any(y => Covers(s, y, q.Calendar, full))) || ReactsTo(s, q)) &&
                                  (q.Quarter is null || s.Period.Kind != PeriodKind.FiscalQuarter || (q.Quarters.Count > 1 ? q.Quarters.Contains((s.Period.Quarter!.Value, s.Period.Year!.Value)) : s.Period.Quarter == q.Quarter)) &&
                                  (quarter is null || s.Period.Kind is not (PeriodKind.Day or PeriodKind.Days or PeriodKind.Month) || quarter.Overlaps(s.Period.Start!.Value, s.Period.End!.Value)) &&
                                  (window is null || InWindow(s, window)) &&
                                  (q.Direction == 0 || Moves(s) is not { } change || Math.Sign(change) == q.Direction) &&
                                  (!q.OneDay || OneDay(s) is not false)).ToList();
        // ("Alibaba's per-year spend vs Tencent's 2024 capex", "über drei Jahre … pro Jahr als Tencents Capex 2024"): a
        // company that has nothing in the year another company's clause names, only a plan over several years, keeps that
        // plan when the question works a plan over years.
        if (q.Companies.Count > 1 && q.Years.Count > 0 && q.CompanyYears.Count == 0 && SpanWorked().IsMatch(q.Text))
            foreach (var company in q.Companies.Where(c => !kept.Any(s => s.Company == c)))
                kept.AddRange(signals.Where(s => s.Company == company && s.Period is { Kind: PeriodKind.FiscalYears, Year: { } first, EndYear: { } last } && last > first
                    && (q.Direction == 0 || Moves(s) is not { } change || Math.Sign(change) == q.Direction)));
        return kept;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b((per|a|each|every|pro|je)[ -](year|yr|annum|jahr)|yearly|annuali[sz]\w*|average|avg|durchschnitt\w*|jahres(durch)?schnitt\w*|spread|verteilt|(over|across|über) (the next )?(three|two|four|five|3|2|4|5|drei|zwei|vier|fünf) (years|jahre)|(three|two|four|five|multi)[- ]year)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SpanWorked();

    private int FiscalYearEndMonth(Signal s) => s.Company is { } c && tools.Directory.IsKnown(c) ? tools.Directory.Profile(c).FiscalYearEndMonth : 12;

    private bool Covers(Signal s, int year, bool calendar, bool full = false)
    {
        var p = s.Period;
        // "over the whole of calendar 2025": a gain to early November is not the year's.
        if (full && s is PriceMove { Session: "year-to-date" }) return false;
        if (calendar && p.Kind is PeriodKind.FiscalYear or PeriodKind.FiscalQuarter or PeriodKind.FiscalYears)
        {
            // A fiscal year counts for a calendar year when at least half of its months fall in that year (July to June
            // counts for both years it spans).
            var (start, end) = TimeWords.Span(p, FiscalYearEndMonth(s));
            var from = start > new DateOnly(year, 1, 1) ? start : new DateOnly(year, 1, 1);
            var to = end < new DateOnly(year, 12, 31) ? end : new DateOnly(year, 12, 31);
            static int Months(DateOnly a, DateOnly b) => (b.Year - a.Year) * 12 + b.Month - a.Month + 1;
            // "calendar 2025, January through December": a fiscal year running July to June is half of it, not it.
            if (full && p.Kind is PeriodKind.FiscalYear) return Months(from, to) >= 12;
            return to >= from && Months(from, to) * 2 >= Math.Min(12, Months(start, end));
        }
        // "fiscal 2025 as a whole, not just one quarter": a quarter of the year is not it.
        if (full && p.Kind is PeriodKind.FiscalQuarter) return false;
        // "the full calendar year 2025": twelve months to September are not it.
        if (full && p.Kind is not (PeriodKind.FiscalYear or PeriodKind.FiscalYears or PeriodKind.FiscalQuarter))
        {
            var (start, end) = TimeWords.Span(p, FiscalYearEndMonth(s));
            return start <= new DateOnly(year, 1, 1) && end >= new DateOnly(year, 12, 31);
        }
        return p.Kind switch
        {
            PeriodKind.FiscalYears => p.Year <= year && year <= p.EndYear,
            PeriodKind.FiscalYear or PeriodKind.FiscalQuarter => p.Year == year,
            _ => p.Start!.Value.Year <= year && year <= p.End!.Value.Year,
        };
    }

    /// <summary>
    /// Whether a signal falls in a month or week: an event (a move, a deal, news) when it happened then; a figure for a
    /// fiscal period or twelve months when it was made known then, or its period ended then.
    /// </summary>
    private bool InWindow(Signal s, DateWindow window)
    {
        var p = s.Period;
        if (p.Kind is PeriodKind.Day or PeriodKind.Days or PeriodKind.Month) return window.Overlaps(p.Start!.Value, p.End!.Value);
        var (_, end) = TimeWords.Span(p, FiscalYearEndMonth(s));
        return window.Overlaps(s.KnownOn, s.KnownOn) || window.Overlaps(end, end);
    }

    /// <summary>
    /// A move or news item in the weeks after the quarter asked about: the market's reaction to that quarter's report
    /// ("how hard did the stock tank after its Q4 2025 numbers" is answered by a move dated February 2026).
    /// </summary>
    private static bool ReactsTo(Signal s, ParsedQuestion q)
    {
        // ("How did Amazon stock react to the Q4 2025 earnings?": the quarter a reaction follows is named though not asked.)
        var (quarter, year) = q.Quarter is { } asked && q.Years.Count == 1 ? (asked, q.Years[0])
            : q.Reaction && System.Text.RegularExpressions.Regex.Match(q.Text, @"\bq([1-4])\s*'?(20\d\d)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } named
                ? (int.Parse(named.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(named.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) : (0, 0);
        if (quarter == 0) return false;
        var quarterEnd = new DateOnly(year, quarter * 3, 1).AddMonths(1).AddDays(-1);
        // "what did ASML announce alongside its Q4 2025 numbers": whatever was made known with that quarter's report.
        if (QuestionParser.MentionsAny(q.Text, "announce", "announced", "alongside", "unveiled", "with its results", "with the results", "angekundigt", "mit den zahlen"))
            return s.KnownOn > quarterEnd && s.KnownOn <= quarterEnd.AddDays(100);
        if (s.Period.Kind is not (PeriodKind.Day or PeriodKind.Days or PeriodKind.Month)) return false;
        return s.Period.Start!.Value > quarterEnd && s.Period.Start!.Value <= quarterEnd.AddDays(100);
    }

    /// <summary>Whether a move took one trading day; null for anything that is not a move.</summary>
    private static bool? OneDay(Signal s) => s switch
    {
        MarketCapMove m => m.TradingDays == 1,
        PriceMove p => p.TradingDays == 1 || p.Period.Kind == PeriodKind.Day,
        _ => null,
    };

    /// <summary>The direction of a move: the change of a market-cap or price move; null for anything else.</summary>
    private static decimal? Moves(Signal s) => s switch
    {
        MarketCapMove m => m.Change.Amount,
        PriceMove p => p.ChangePercent,
        _ => null,
    };

    /// <summary>"per quarter", "quarterly", "pro Quartal": a quarter's figure is asked ("a quarter of the market" is a share).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b((per|each|every|pro|je) (quarter|quater|qtr|quartal)|a (quarter|qtr)(?! of)|quarterly|quartalsweise)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PerQuarter();

    /// <summary>"spread evenly", "works out", "what's that": a whole to be divided over its parts.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\b(evenly|spread|split|average|on average|divided|roughly|broken down|works? out|comes? to|run.?rate|basis|gleichmaßig|gleichmassig|verteilt|durchschnittlich)\b|\b(that|this|das)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex SpreadWords();

    /// <summary>Kinds reported for a quarter as well as for a year.</summary>
    private static readonly HashSet<SignalKind> PeriodicKinds = [SignalKind.Capex, SignalKind.CapexGuidance, SignalKind.InvestmentPlan, SignalKind.Revenue,
        SignalKind.Eps, SignalKind.OperatingCashFlow, SignalKind.FreeCashFlow];
}
