using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// One amount taken a part at a time ("Dell'Oro's 2025 global data-centre capex, per quarter?", "amzn capex 2026 per
/// week?", "Amazon's 2026 capex per trading day, assuming 250 trading days", "Average per trading day: how much value
/// did the eight AI leaders lose that week?"): the amount the first line gives, over the parts of its period. Runs only
/// when the answer worked nothing out and its first line gives exactly one amount.
/// </summary>
public sealed partial class OfflineEngine
{
    // "per quarter", "a month", "each week", "per trading day", "pro Woche", "daily average", "average per trading day".
    private static readonly Regex PerUnitAsked = new(
        @"(?<!\b(?:in|within|over|for|than|inside)\s)\b(?:per|a|each|every|pro|je)[ -](?<unit>quarter|quater|quartr|qaurter|qtr|quartal|month|monat|week|wek|woche|(?:trading|business|calendar|market)[ -]day|börsentag|handelstag|day|tag|half[ -]?year|halbjahr)\b|\b(?<unit>daily|weekly|monthly|quarterly)\s+(?:\w+\s+)?(?:average|pace|rate|run.?rate|loss|spend\w*|amount|bill|payments?|gap|difference)\b|\b(?:on\s+an?\s+)?(?<unit>daily|weekly|monthly|quarterly)\s+basis\b|\b(?<unit>monatlich|wöchentlich|täglich|vierteljährlich|quartalsweise)\b|\b(?:average|avg)\s+(?:\w+\s+)?(?:per\s+)?(?<unit>trading\s+day|day|week|month|quarter)\b|\b(?:average|avg|mean|durchschnittliche?\w*)\s+(?<unit>daily|weekly|monthly|quarterly)\b|\b(?:geteilt\s+durch|divided\s+(?:by|into)|(?<=\b(?:split|divide|break|cut)\b[^.?!;]{0,60})into|spread\s+(?:evenly\s+)?(?:over|across)|(?:auf|über)(?=\s+(?:vier|4|zwölf|12)\s+\w+\s+verteilt))\s+(?:vier|four|4|zwölf|twelve|12)\s+(?:equal\s+|gleiche\s+)?(?<unit>quarters|quartale|months|monate)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("assuming 250 trading days")
    private static readonly Regex TradingDaysSaid = new(@"\b(?<n>2[0-9]{2})\s+(?:trading|business|market)\s+days\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // ("How much is that per company?", "apiece", "pro Unternehmen")
    private static readonly Regex PerCompanyAsked = new(@"\b(?:per|each|for\s+each)\s+(?:company|firm|member|leader)\b|\bapiece\b|\bpro\s+(?:unternehmen|firma|konzern)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("market value lost by eight leading AI companies": a figure of a number of companies its own words count.)
    private static readonly Regex CompaniesCounted = new(@"\b(?<n>two|three|four|five|six|seven|eight|nine|ten|[2-9]|1[0-9])\s+(?:[\w-]+\s+){0,3}?(?:companies|firms|leaders|hyperscalers|groups)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithSpreadAsync(Answer answer, string question, FiguresInView inView, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        var per = PerUnitAsked.Match(question);
        var perCompany = PerCompanyAsked.IsMatch(question);
        if (!per.Success && !perCompany) return answer;
        if (per.Success && SummedSpread(answer, firstLine, UnitOf(per), question) is { } summed) return summed;
        if (WorkedLead.IsMatch(firstLine)) return answer;
        // (A spread set against something else, or two figures, is a question of two steps.)
        if (QuestionParser.AsksDifference(question) || QuestionParser.AsksRatio(question) || QuestionParser.AsksPercentChange(question) || QuestionParser.AsksTotal(question)) return answer;
        if (OneAmountShown(answer, question, await inView.ReadAsync(answer, cancellationToken), s => MoneySpan(s) is not null) is not { } figure) return answer;
        var lead = perCompany && figure.Company is null && CompaniesCounted.Match(figure.DescribeValue()) is { Success: true } counted
            ? PerCompanyLine(figure, counted.Groups["n"].Value, question, per.Success ? UnitOf(per) : null, answer.AsOf)
            : per.Success ? SpreadLines(figure, question, midpoint: MidpointAsked.IsMatch(question), answer.AsOf) : null;
        if (lead is not null && per.Success && UnitOf(per) == "quarter" && QuarterGapToQuoted(figure, question) is { } gap) lead = $"{lead}; {gap}";
        return lead is null ? answer : WithWorkedLead(answer, declined: false, lead, [figure], answer.AsOf);
    }

    /// <summary>
    /// "Split Amazon's 2026 plan into four quarters. How does one compare with the more than $30bn it guided for Q1?": a
    /// year's quarter set against the one quarter's amount the question quotes, the gap said.
    /// </summary>
    private string? QuarterGapToQuoted(Signal figure, string question)
    {
        if (!Regex.IsMatch(question, @"\b(?:compar\w*|vs\.?|versus|against|gap|difference|how\s+far|above|below|exceed\w*|vergleich\w*)\b", RegexOptions.IgnoreCase)
            || QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Money).ToList() is not [var quoted] || !QuarterlyQuoted(question, quoted)
            || MoneySpan(figure) is not var (low, high) || low != high || low.Amount <= 0 || (quoted.Currency ?? low.Currency) != low.Currency
            || Parts(figure.Period, "quarter", question) is not 4m)
            return null;
        var each = figure.Qualifier is Qualifier.Exact ? Hundredth(new Money(low.Amount / 4, low.Currency)) : Significant(new Money(low.Amount / 4, low.Currency));
        var gap = Hundredth(new Money(Math.Abs(each.Amount - quoted.Value), low.Currency));
        if (gap.Amount == 0) return $"the same as the {quoted.Written} a quarter in the question";
        Computed("difference", [figure.Id], gap, gap);
        var above = each.Amount > quoted.Value;
        // ("more than $30bn": $50 billion is at most $20 billion above such a floor.)
        var (about, said) = Bound(question) is { } bound && bound.Figure == quoted
            ? (bound.Above == above ? "at most " : "at least ", BoundPhrase(bound))
            : (figure.Qualifier is Qualifier.Exact ? "" : "about ", quoted.Written);
        return $"{about}{gap.ToHuman()} {(above ? "above" : "below")} the {said} a quarter in the question";
    }

    /// <summary>
    /// "About $100 billion per company on average (worked out: about $800 billion over 8 companies; …)": a figure of a
    /// number of companies over that number, and over the parts of its period when a part is asked too.
    /// </summary>
    private string? PerCompanyLine(Signal figure, string counted, string question, string? unit, DateOnly? asOf)
    {
        var n = CountWord(counted);
        if (MoneySpan(figure) is not var (low, high) || low != high) return null;
        // (A loss is shared out as a loss.)
        var loss = low.Amount < 0 || Regex.IsMatch(figure.DescribeValue(), @"\b(?:lost|loss(?:es)?|shed|wiped)\b", RegexOptions.IgnoreCase);
        var amount = Math.Abs(low.Amount);
        Func<Money, Money> rounded = figure.Qualifier is Qualifier.Exact ? Hundredth : Significant;
        var about = figure.Qualifier is Qualifier.Exact ? "" : "about ";
        var perCompany = WorkedSpan("per company", [figure.Id], new Money(amount / n, low.Currency), new Money(amount / n, low.Currency), figure.Qualifier is Qualifier.Exact);
        Derived = [.. Derived, new { computed = "companies counted", of = new[] { figure.Id }, companies = n }];
        var line = $"{Capitalise(about)}{perCompany} {(loss ? "lost " : "")}per company on average (worked out: {about}{new Money(amount, low.Currency).ToHuman()} over {n} companies; "
            + $"{KindLabel(figure)} {figure.DescribeValue()}, {When(figure, asOf)})";
        if (unit is null || Parts(figure.Period, unit, question) is not decimal parts || parts <= 1) return line;
        var eachPart = rounded(new Money(amount / n / parts, low.Currency));
        Computed($"per company per {unit}", [figure.Id], eachPart, eachPart);
        Derived = [.. Derived, new { computed = $"{unit}s counted", of = new[] { figure.Id }, parts }];
        // ("per trading day and per company": the whole a part at a time is asked too, not only each company's part.)
        var wholePart = "";
        if (!Regex.IsMatch(question, @"\b(?:per|each|for each)\s+(?:company|firm|member|leader)\s+(?:per|a|each)\b|\b(?:per|a|each)\s+(?:(?!and\b|or\b)[\w-]+\s+){1,2}(?:per|for each)\s+(?:company|firm|member|leader)\b", RegexOptions.IgnoreCase))
            wholePart = $"; {about}{WorkedSpan($"per {unit}", [figure.Id], new Money(amount / parts, low.Currency), new Money(amount / parts, low.Currency), figure.Qualifier is Qualifier.Exact)} {(loss ? "lost " : "")}a {unit} for all {n} together";
        return $"{line}; {about}{eachPart.ToHuman()} per company a {unit} (over {parts.ToString(CultureInfo.InvariantCulture)} {unit}s){wholePart}";
    }

    /// <summary>Every figure of the companies the question names, and the market's: what an answer's first line can show.</summary>
    private async Task<List<Signal>> SignalsInViewAsync(DateOnly? asOf, string question, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var companies = parser.Parse(question).Companies;
        return (await Task.WhenAll(companies.Select(c => tools.SignalsAsync(c, null, null, asOf, latestOnly: false)).Append(tools.MarketSignalsAsync(null, null, asOf))))
            .SelectMany(x => x).DistinctBy(s => s.Id).ToList();
    }

    /// <summary>
    /// The figures in view of one answer (<see cref="SignalsInViewAsync"/>), read when a step first looks and shared by
    /// the steps after it: they depend on the question and the date, never on what an earlier step wrote.
    /// </summary>
    private sealed class FiguresInView(DateOnly? asOf, Func<CancellationToken, Task<List<Signal>>> read)
    {
        private Task<List<Signal>>? reading;

        public Task<List<Signal>> ReadAsync(Answer answer, CancellationToken cancellationToken)
        {
            // (A step that moved the answer to another date would need other figures: none does, and this says so loudly.)
            if (answer.AsOf != asOf) throw new InvalidOperationException($"The figures in view were read as of {asOf:yyyy-MM-dd}, not {answer.AsOf:yyyy-MM-dd}.");
            return reading ??= read(cancellationToken);
        }

        /// <summary>The figures in view that the answer's evidence rests on.</summary>
        public async Task<List<Signal>> ShownAsync(Answer answer, CancellationToken cancellationToken) =>
            (await ReadAsync(answer, cancellationToken)).Where(s => answer.Evidence.Any(e => e.SignalId == s.Id)).ToList();
    }

    /// <summary>
    /// The one figure with an amount the answer's first line gives, of the companies the question names or the market's;
    /// null when it gives none or several. A campus inside a plan is not the plan.
    /// </summary>
    private Signal? OneAmountShown(Answer answer, string question, IEnumerable<Signal> pool, Func<Signal, bool> hasAmount)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        var shown = pool.Where(s => answer.Evidence.Any(e => e.SignalId == s.Id) && hasAmount(s) && firstLine.Contains(s.DescribeValue(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (shown.Count > 1 && shown.Any(s => s.Kind is SignalKind.Capex or SignalKind.CapexGuidance)) shown = shown.Where(s => s.Kind != SignalKind.InvestmentPlan).ToList();
        // ("avg quarterly capex at Amazon in 2025": what is spread over a year's parts is the year's figure, not a quarter's
        // guidance shown beside it.)
        if (shown.Count > 1 && PerUnitAsked.IsMatch(question) && parser.Parse(question).Quarter is null && shown.Count(s => s.Period.Kind == PeriodKind.FiscalYear) == 1
            && shown.All(s => s.Period.Kind is PeriodKind.FiscalYear or PeriodKind.FiscalQuarter))
            shown = shown.Where(s => s.Period.Kind == PeriodKind.FiscalYear).ToList();
        return shown is [var figure] ? figure : null;
    }

    // The words for a part of a figure FractionOf knows ("a fifth" is its default, so only "half of it" reads it).
    private const string FractionWords = @"half|a\s+third|one\s+third|two\s+thirds|a\s+quarter|one\s+quarter|three\s+quarters|die\s+hälfte|ein\s+drittel|zwei\s+drittel|ein\s+viertel";

    // ("Bain sees 200 GW of extra demand by 2030, half of it in the US. How many GW would that put in the US?")
    private static readonly Regex FractionOfIt = new(
        $@"\b(?<f>{FractionWords}|a\s+fifth|one\s+fifth)\s+(?:of\s+(?:it|that|this|them|which|the\s+total)|davon)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // ("about half its 2025 capex", "half of ByteDance's budget": a part of a figure the question says.)
    private static readonly Regex FractionOfFigure = new($@"\b(?<f>{FractionWords})\s+(?:of\s+)?(?:its|their|the|\w+['’]s|seine[rsn]?|ihre[rsn]?|de[rs])\s+(?:\d{{4}}\s+)?(?:\w+\s+)?(?:capex|budget|spending|investments?|investitionen|ausgaben)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The fraction a word for it names: "half" is 1/2, "zwei Drittel" 2/3; one the words do not know is a fifth.</summary>
    private static decimal FractionOf(string words) => Regex.Replace(words.ToLowerInvariant(), @"\s+", " ") switch
    {
        "half" or "die hälfte" => 1m / 2,
        "a third" or "one third" or "ein drittel" => 1m / 3,
        "two thirds" or "zwei drittel" => 2m / 3,
        "a quarter" or "one quarter" or "ein viertel" => 1m / 4,
        "three quarters" => 3m / 4,
        _ => 1m / 5,
    };

    private static readonly Regex AmountOfPartAsked = new(@"\b(?:how\s+(?:much|many)|what(?:['’]s|\s+is|\s+would)?|wie\s+viele?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// A fraction the question says of the one amount the first line gives ("half of it in the US"), or the figure's own
    /// note says of a place the question asks about, worked out.
    /// </summary>
    private async Task<Answer> WithFractionOfItAsync(Answer answer, string question, FiguresInView inView, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        if (WorkedLead.IsMatch(firstLine) || !AmountOfPartAsked.IsMatch(question)) return answer;
        Signal? figure = null;
        if (FractionOfIt.Match(question) is not { Success: true } said || !AmountOfPartAsked.IsMatch(question[(said.Index + said.Length)..]))
        {
            // ("Bain: how much extra compute power by 2030, and how much of it in the US?": the fraction the figure's own note
            // gives of the place the question names; only a question naming a place looks, as reading notes costs tool calls.)
            if (!Regex.IsMatch(question, @"\b(?:in|for|to)\s+(?:the\s+)?(?:US|U\.S\.|USA|China|Europe|EU)\b")) return answer;
            figure = OneAmountShown(answer, question, await inView.ReadAsync(answer, cancellationToken), s => PlainAmount(s) is not null);
            if (figure?.Note is not { } note || FractionOfIt.Match(note) is not { Success: true } inNote
                || Regex.Match(note[(inNote.Index + inNote.Length)..], @"^\s+in\s+(?:the\s+)?(?<place>[A-Z]\w*)") is not { Success: true } there
                || !Regex.IsMatch(question, $@"\b(?:in|for|to)\s+(?:the\s+)?{Regex.Escape(there.Groups["place"].Value)}\b"))
                return answer;
            said = inNote;
        }
        var fraction = FractionOf(said.Groups["f"].Value);
        figure ??= OneAmountShown(answer, question, await inView.ReadAsync(answer, cancellationToken), s => PlainAmount(s) is not null);
        if (figure is null || PlainAmount(figure) is not var (low, high, unit)) return answer;
        var exact = figure.Qualifier is Qualifier.Exact;
        string Part(decimal amount) => Regex.IsMatch(unit, "^[A-Z]{3}$")
            ? (exact ? Hundredth(new Money(amount * fraction, unit)) : Significant(new Money(amount * fraction, unit))).ToHuman()
            : $"{Plain(Math.Round(amount * fraction, exact ? 2 : 1)).ToString(CultureInfo.InvariantCulture)}{(unit == "count" ? "" : " " + unit)}";
        var (partLow, partHigh) = (Part(low), Part(high));
        Derived = [.. Derived, new { computed = "fraction", of = new[] { figure.Id }, fraction = said.Groups["f"].Value, low = partLow, high = partHigh }];
        var bound = figure.Qualifier switch { Qualifier.AtLeast => "more than ", Qualifier.AtMost => "up to ", Qualifier.About => "about ", _ => "" };
        var lead = $"{Capitalise(bound)}{(partLow == partHigh ? partLow : $"{partLow} to {partHigh}")} (worked out: {said.Groups["f"].Value.ToLowerInvariant()} of "
            + $"{(figure.Company is { } c ? $"{Label(c)} {KindLabel(figure)} " : "")}{bound}{figure.DescribeValue()}, {When(figure, answer.AsOf)})";
        return WithWorkedLead(answer, declined: false, lead, [figure], answer.AsOf);
    }

    private static readonly Regex SummedLead = new(@"^(?:Together|Lost together): (?<span>[^,;]+?)(?= \(midpoints\)|, adding )", RegexOptions.CultureInvariant);

    /// <summary>
    /// "Amazon, Alphabet and Meta 2026 capex combined - what is that per quarter?": the sum of a year's figures the first
    /// line worked out, spread over the year's parts, said beside it.
    /// </summary>
    private Answer? SummedSpread(Answer answer, string firstLine, string unit, string question)
    {
        if (SummedLead.Match(firstLine) is not { Success: true } sum || parser.Parse(question) is not { Years: [var year], Quarter: null }
            || Parts(Period.FiscalYear(year), unit, question) is not decimal parts || parts <= 1) return null;
        var amounts = PrintedMoney.Matches(sum.Groups["span"].Value).Select(PrintedAmount).ToList();
        if (amounts.Count is not (1 or 2) || amounts.Select(a => a.Currency).Distinct().Count() != 1) return null;
        var currency = amounts[0].Currency;
        var (each, eachHigh) = (Hundredth(new Money(amounts[0].Amount / parts, currency)), Hundredth(new Money(amounts[^1].Amount / parts, currency)));
        Derived = [.. Derived, new { computed = $"sum per {unit}", low = each.Amount, high = eachHigh.Amount, currency }];
        var at = sum.Index + sum.Length;
        var spread = $"; {(each == eachHigh ? each.ToHuman() : $"{each.ToHuman()} to {eachHigh.ToHuman()}")} a {unit} if spread evenly (worked out, over {parts.ToString(CultureInfo.InvariantCulture)} {unit}s)";
        return answer with { Text = answer.Text[..at] + spread + answer.Text[at..] };
    }

    /// <summary>The unit a part asked is counted in: "quarter", "month", "week", "half-year", "trading day" or "day".</summary>
    private static string UnitOf(Match per) => Regex.Replace(per.Groups["unit"].Value.ToLowerInvariant(), @"[\s-]+", " ") switch
    {
        "quarter" or "quarters" or "quartale" or "quater" or "quartr" or "qaurter" or "qtr" or "quartal" or "quarterly" or "vierteljährlich" or "quartalsweise" => "quarter",
        "month" or "months" or "monat" or "monate" or "monthly" or "monatlich" => "month",
        "week" or "wek" or "woche" or "weekly" or "wöchentlich" => "week",
        "half year" or "halfyear" or "halbjahr" => "half-year",
        "trading day" or "business day" or "market day" or "börsentag" or "handelstag" => "trading day",
        _ => "day",
    };

    /// <summary>
    /// "$50 billion a quarter if spread evenly (worked out: $200 billion over 4 quarters; Amazon (AMZN) capex guidance …)": a
    /// figure's amount over the parts of its period (a range at its midpoint when asked, a loss as a loss); null when its
    /// period has no such parts.
    /// </summary>
    private string? SpreadLine(Signal figure, string unit, string question, bool midpoint, DateOnly? asOf)
    {
        if (Parts(figure.Period, unit, question) is not decimal parts || parts <= 1 || MoneySpan(figure) is not var (low, high)) return null;
        // (A loss is spread as a loss: "lost about $350 billion" is about $70 billion a trading day.)
        var loss = low.Amount < 0 && high.Amount < 0;
        if (loss) (low, high) = (new Money(-high.Amount, high.Currency), new Money(-low.Amount, low.Currency));
        var atMidpoint = midpoint && low != high;
        if (atMidpoint) (low, high) = (new Money((low.Amount + high.Amount) / 2, low.Currency), new Money((low.Amount + high.Amount) / 2, low.Currency));
        // (No more precise than the figure spread: "about $131 billion" is about $32.8 billion a quarter, $115 billion is
        // $28.75 billion, and the midpoint of exact ends is exact: $125 billion, $31.25 billion.)
        var perPart = WorkedSpan($"per {unit}", [figure.Id], low / parts, high / parts, figure.Qualifier is Qualifier.Exact);
        // (The parts counted and the midpoint spread are figures of the answer's own working, and the figure check reads them.)
        Derived = [.. Derived, new { computed = $"{unit}s counted", of = new[] { figure.Id }, parts }];
        if (atMidpoint) Computed("midpoint", [figure.Id], low, high);
        var bound = figure.Qualifier switch { Qualifier.AtLeast => "more than ", Qualifier.AtMost => "up to ", Qualifier.About => "about ", _ => "" };
        var whole = Span(low, high);
        return $"{Capitalise(bound)}{perPart} {(loss ? $"lost a {unit} on average" : $"a {unit} if spread evenly")} (worked out: {(loss ? "a loss of " : "")}"
            + $"{(atMidpoint ? $"the midpoint, {bound}" : loss ? "" : bound)}{whole} over {parts.ToString(CultureInfo.InvariantCulture)} {unit}s; "
            + $"{(figure.Company is { } c ? Label(c) + " " : "")}{KindLabel(figure)} {figure.DescribeValue()}, {When(figure, asOf)})";
    }

    /// <summary>
    /// A figure spread over each part the question asks ("per month and per quarter"), one line each, in the order asked.
    /// </summary>
    private string? SpreadLines(Signal figure, string question, bool midpoint, DateOnly? asOf)
    {
        var lines = PerUnitAsked.Matches(question).Select(UnitOf).Distinct().Select(unit => SpreadLine(figure, unit, question, midpoint, asOf)).OfType<string>().ToList();
        return lines.Count == 0 ? null : string.Join(". ", lines);
    }

    /// <summary>How many of the unit a period holds: a year's quarters, months, weeks, trading days; a span of days' trading days.</summary>
    private static decimal? Parts(Period period, string unit, string question)
    {
        var tradingDays = TradingDaysSaid.Match(question) is { Success: true } said ? decimal.Parse(said.Groups["n"].Value, CultureInfo.InvariantCulture) : 252m;
        decimal? PerYear(int years, int? year) => unit switch
        {
            "quarter" => 4 * years,
            "month" => 12 * years,
            "week" => 52 * years,
            "half-year" => 2 * years,
            "trading day" => tradingDays * years,
            _ => years == 1 && year is { } y ? (DateTime.IsLeapYear(y) ? 366 : 365) : 365 * years,
        };
        return period.Kind switch
        {
            PeriodKind.FiscalYear or PeriodKind.TrailingTwelveMonths => PerYear(1, period.Kind == PeriodKind.FiscalYear ? period.Year : null),
            PeriodKind.FiscalYears when period is { Year: { } first, EndYear: { } last } => PerYear(last - first + 1, null),
            PeriodKind.FiscalQuarter => unit switch { "month" => 3, "week" => 13, _ => null },
            // (A week's move: its weekdays are its trading days.)
            PeriodKind.Days when period is { Start: { } start, End: { } end } && unit is "day" or "trading day" =>
                Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Count(d => start.AddDays(d).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)),
            _ => null,
        };
    }

    /// <summary>A worked-out amount to a hundredth of the unit it is said in ("$28.75 billion", "$793.65 million").</summary>
    private static Money Hundredth(Money money)
    {
        if (money.Amount == 0) return money;
        var digits = (int)Math.Floor(Math.Log10((double)Math.Abs(money.Amount)));
        var step = (decimal)Math.Pow(10, 3 * (digits / 3) - 2);
        return new Money(Math.Round(money.Amount / step, MidpointRounding.AwayFromZero) * step, money.Currency);
    }
}
