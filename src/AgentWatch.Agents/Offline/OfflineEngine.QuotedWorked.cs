using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// An amount the question brings itself, set against one figure of the data ("Micron's $24bn fab would be what
/// percentage of Amazon's 2026 capex budget?", "Stargate is $500bn. How many years of OpenAI's 2025 revenue is that?",
/// "If Microsoft spent $100bn in fiscal 2026, how much more than fiscal 2025 would that be, in percent?"): the user gave
/// one side, the data has the other, and the answer is the share, the multiple or the change between them.
/// </summary>
public sealed partial class OfflineEngine
{
    private enum QuotedWork { Share, Times, Change, Sum, Rest, Gap }

    // ("Amazon guided more than $30bn of capex per quarter", "AWS brought in $35.6bn in Q4 2025", "pro Quartal mehr als
    // 30 Milliarden Dollar": a quarter's amount.)
    private static readonly Regex QuarterAfterQuoted = new(@"^[^.?!;:]{0,40}?\b(?:(?:per|a|each|every|pro|je)\s+(?:quarter|quartal|qtr)|for\s+each\s+of\s+the\s+(?:next|coming|following)\s+\w+\s+quarters|(?:in|for)\s+(?:the\s+)?(?:Q[1-4]|(?:first|second|third|fourth|last)\s+quarter)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex QuarterBeforeQuoted = new(@"\b(?:pro|per|je)\s+(?:quartal|quarter)\s+(?:\w+\s+){0,3}$|\bquarterly\s+(?:\w+\s+){0,4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("What's that per year?", "as an annual run rate", "Aufs Jahr hochgerechnet": the quarter's amount kept up for a year.)
    private static readonly Regex PerYearAsked = new(@"\bper\s+(?:year|annum)\b|\b(?:that|this|it)\s+(?:is\s+|comes\s+to\s+|works\s+out\s+to\s+)?(?:per|a)\s+year\b|\bpro\s+jahr\b|\bfor\s+a\s+(?:full|whole)\s+year\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("… compare it with the 2026 budget: how big is the gap?", "how far short of its 2026 plan is it?", "by how much does
    // Amazon's 2026 capex plan exceed it?": the gap between the quoted amount and the figure the words after it name.)
    private static readonly Regex QuotedGapAsked = new(
        @"\b(?:compar\w*\s+(?:it|that|this|them)\s+(?:with|to|against)\s+|(?:set|put)\s+(?:it|that|this)\s+(?:against|next\s+to)\s+|how\s+far\s+(?:short|off|below|above|behind)\s+(?:of\s+)?|by\s+how\s+much\s+(?:does|do|would|will|is|are)\s+|(?:fall|falls|fell)\s+short\s+of\s+|(?:would|does|will|could)\s+(?:it|that|this)\s+(?:top|exceed|beat|surpass|outstrip|be\s+(?:above|bigger\s+than|more\s+than|larger\s+than|higher\s+than))\s+)(?<tail>.*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex GapWords = new(@"\b(?:gap|short|shortfall|exceed\w*|top|beat|surpass|outstrip|difference|more|less|bigger|smaller|higher|lower|above|below|off)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // ("12.0" is said "12".)
    private static decimal Plain(decimal value) => value / 1.000000000000000000000000000000000m;

    /// <summary>
    /// The answer led by a worked line: its body without a declined first line and, since one answer works a figure
    /// out once, without another multiple or share worked below from figures the question did not set against each
    /// other ("About 50 times: Nvidia's OpenAI stake against its CoreWeave stake"); the figures the line uses that the
    /// answer did not show yet are added to its evidence.
    /// </summary>
    private Answer WithWorkedLead(Answer answer, bool declined, string lead, IEnumerable<Signal> used, DateOnly? asOf)
    {
        var body = declined ? answer.Text.Split('\n', 2).ElementAtOrDefault(1) ?? "" : answer.Text;
        var rest = string.Join('\n', body.Split('\n').Where(line => !OtherWorked.IsMatch(line)));
        var shownToo = new AnswerBuilder(asOf);
        foreach (var s in used.Where(s => !answer.Evidence.Any(e => e.SignalId == s.Id))) shownToo.Line(s, Described(s, asOf));
        return answer with
        {
            Text = string.Join(Environment.NewLine, new[] { lead.TrimEnd('.') + ".", rest.Trim('\n', '\r').TrimEnd(), shownToo.Text.TrimEnd() }.Where(part => part.Length > 0)),
            Answered = true,
            Evidence = [.. answer.Evidence, .. shownToo.Evidence],
        };
    }

    // What is asked of the quoted amount, and where the words naming the other side begin. "of that" or "of it" points
    // back at the quoted amount itself: then it is the whole, and the part is named after it.
    private static readonly Regex QuotedShareAsked = new(
        @"\b(?:(?:what|which)\s+(?:share|percentage|percent|proportion|portion|fraction|part|%)(?:\s+(?:is|was|would\s+be)\s+(?:that|this|it))?|how\s+much(?=\s+of\s+(?:that|this|it)\b[^?]*\b(?:percent|per cent|%|share)\b)|as\s+an?\s+(?:share|percentage|percent|fraction|proportion)|wie\s+viel(?:e)?\s+prozent|welche[nrs]?\s+anteil)\s+(?<tail>(?:of|an|von|vom|der|des)\b.*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex QuotedTimesAsked = new(
        @"\b(?:how\s+many\s+(?:times|years(?:['’]?\s+worth)?|(?<per>months|quarters|weeks|days)(?:['’]?\s+worth)?)\s+(?:of\s+)?|(?:what|which)\s+multiple\s+of\s+|as\s+a\s+multiple\s+of\s+|how\s+many\s+(?=(?-i:[A-Z])\w+s\b))(?<tail>.*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex QuotedChangeAsked = new(@"^\W*(?:if|suppose|say)\b.*\bthan\s+(?<tail>.*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("If Nvidia added another $5bn to its CoreWeave stake, what would it come to in total?": an amount added to one.)
    private static readonly Regex QuotedAdded = new(@"\b(?:add(?:s|ed)?|put(?:s)?|invest(?:s|ed)?|commit(?:s|ted)?|pour(?:s|ed)?|spen[dt]s?)\s+(?:in\s+)?(?:another|an\s+(?:extra|additional)|a\s+further|further)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("Dell'Oro puts 2025 data-centre capex at $500bn. How much of that is not Amazon?", "Bain sees about $500bn a year
    // by 2030. Minus Amazon's 2026 plan, how much is left for everyone else?": the quoted amount is the whole, and what
    // is left of it once the figure named after it is taken out is asked.)
    private static readonly Regex QuotedRestAsked = new(
        @"(?:\bhow\s+much\s+of\s+(?:that|this|it)\s+(?:is|was|would\s+be|comes?\s+from|came\s+from)\s+not\s+(?:from\s+)?|\bwie\s+viel\s+davon\s+(?:entfiel|entfällt|kam|kommt|war|ist)\s+nicht\s+(?:auf\s+|von\s+)?|\b(?:minus|excluding|not\s+counting|leaving\s+out|after\s+(?:subtracting|taking\s+out)|strip(?:ping)?\s+out|tak(?:e|ing)\s+(?:out|away|off)|remov(?:e|ing)|subtract(?:ing)?|abzüglich|ohne)\s+(?=[^?]*\b(?:left|remains?|remaining|rest|everyone\s+else|the\s+others?|übrig|bleibt)\b))(?<tail>.*)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex TotalAsked = new(@"\b(?:total|in all|altogether|combined|come to|comes to|add up to|bring (?:it|that|the \w+) to)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex OtherWorked = new(@"^(About )?[\d.]+ (times \([\d.]+×\)|% \(worked out\))", RegexOptions.CultureInvariant);
    // A first line that declined to work a figure out ("Not worked out: I have no amount for 2026") is what a worked line
    // replaces; one that already works a figure out ("About 2.5 times (2.5×) …", "Difference: …") is left as it is.
    private static readonly Regex DeclinedLead = new(@"^(Not worked out\b|I have no (percentage|ratio|multiple) for that\b)", RegexOptions.CultureInvariant);
    private static readonly Regex WorkedLead = new(@"worked out|×|^(?:(?:Yes|No|Not clearly: the ranges overlap)\. )?(Difference|Together|Gap)( between the midpoints)?:", RegexOptions.CultureInvariant);
    private static readonly Regex PointsBack = new(@"^\W*(?:of\s+|an\s+|von\s+)?(?:that|this|it|them|those|these|das|dies|davon)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex PlanSaid = new(@"\b(plan\w*|guid\w*|budget\w*|forecast\w*|outlook|expects?|expected)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The answer led by the quoted amount worked against the one figure the question names beside it; the answer as it
    /// was when the question quotes no single amount, asks no share, multiple or change of it, already works something
    /// out, or names no one figure to set it against.
    /// </summary>
    private async Task<Answer> WithQuotedWorkedAsync(Answer answer, string question, string? foundAbove, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        var declined = DeclinedLead.IsMatch(firstLine);
        var amounts = QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Money).ToList();
        // ("Amazon guided more than $30bn for Q4 2025. Annualise that, then what share of Dell'Oro's ~$500bn would it be?":
        // a quarter's amount kept up for a year, set against a second amount the question quotes after it, which is the
        // data's figure that carries it.)
        // ("Nvidia put $2bn into CoreWeave. What percentage is that of the $25bn CoreWeave raised?", "Stargate is a $500bn
        // plan. What fraction of it would Nvidia's $100bn commitment cover?": two amounts quoted, one a share of the other.)
        Quoted? secondQuoted = null;
        if (amounts is [var a, var b] && a.Value != b.Value
            && (QuarterlyQuoted(question, a) && !QuarterlyQuoted(question, b) && (AnnualisedAsked.IsMatch(question) || PerYearAsked.IsMatch(question))
                || !QuarterlyQuoted(question, a) && !QuarterlyQuoted(question, b) && (QuotedShareAsked.IsMatch(question) || QuotedTimesAsked.IsMatch(question))))
            (secondQuoted, amounts) = (b, [a]);
        // ("Amazon guided more than $30bn a quarter. What's that per year, and how far short of its 2026 plan is it?": the
        // quarter's amount taken four times is the side set against the other; a first line giving the yearly pace alone
        // answers half of it.)
        var yearly = amounts.Count > 0 && amounts.DistinctBy(f => f.Value).Count() == 1 && QuarterlyQuoted(question, amounts[0])
            && (AnnualisedAsked.IsMatch(question) || PerYearAsked.IsMatch(question));
        // (Nor does a line worked from other figures: "Amazon's $131 billion is 26.2 % of the $500 billion".)
        var replacesWorked = yearly && WorkedLead.IsMatch(firstLine);
        if (!declined && !replacesWorked && WorkedLead.IsMatch(firstLine)) return answer;
        if (RiseAsMultiple(question) is { } multiple) return WithWorkedLead(answer, declined, multiple, [], answer.AsOf);
        if (amounts.DistinctBy(f => f.Value).Count() != 1 || amounts[0] is not { Currency: { } currency } asWritten) return answer;
        var quoted = yearly ? asWritten with { Value = asWritten.Value * 4 } : asWritten;
        var (work, asked) = QuotedShareAsked.Match(question) is { Success: true } share ? (QuotedWork.Share, share)
            : QuotedTimesAsked.Match(question) is { Success: true } times ? (QuotedWork.Times, times)
            : QuestionParser.AsksPercentChange(question) && QuotedChangeAsked.Match(question) is { Success: true } change ? (QuotedWork.Change, change)
            : QuotedAdded.IsMatch(question[..quoted.At]) && TotalAsked.IsMatch(question) && Regex.Match(question[(quoted.At + quoted.Written.Length)..], @"(?<tail>.*)") is var added ? (QuotedWork.Sum, added)
            : QuotedRestAsked.Match(question) is { Success: true } rest && rest.Index > quoted.At ? (QuotedWork.Rest, rest)
            : yearly && QuotedGapAsked.Match(question) is { Success: true } gap && gap.Index > quoted.At && GapWords.IsMatch(question[gap.Index..]) ? (QuotedWork.Gap, gap)
            : (default(QuotedWork), Match.Empty);
        if (!asked.Success) return answer;
        if (secondQuoted is not null)
        {
            // (The second amount is the whole named after the ask, or, when the ask points back at the first, the part.)
            var wholeAt = asked.Groups["tail"].Index;
            var pointsBack = work == QuotedWork.Share && !yearly && PointsBack.IsMatch(asked.Groups["tail"].Value);
            return work is QuotedWork.Share or QuotedWork.Times && asked.Index > quoted.At && secondQuoted.At > wholeAt
                && await QuotedCarrierAsync(secondQuoted, question[wholeAt..], answer.AsOf, cancellationToken) is { } given
                ? WithQuotedAgainst(answer, declined || replacesWorked, question, work, asked, quoted, asWritten, given, reversed: pointsBack, yearly, [], foundAbove)
                : answer;
        }
        var tail = asked.Groups["tail"].Value;
        var tailAt = work == QuotedWork.Sum ? quoted.At + quoted.Written.Length + asked.Groups["tail"].Index : asked.Groups["tail"].Index;
        // ("Burry's short is about $1bn. What percentage of that is the Palantir put notional?": "that" is the quoted
        // amount, the whole; the part is named after it.)
        var reversed = false;
        if (PointsBack.Match(tail) is { Success: true } back)
        {
            if (work != QuotedWork.Share) return answer;
            reversed = true;
            tail = tail[back.Length..];
        }
        // (The quoted amount is the one side; the words after the question's ask, without it, name the other.)
        var quotedAt = quoted.At - tailAt - (asked.Groups["tail"].Length - tail.Length);
        if (quotedAt >= 0 && quotedAt < tail.Length)
        {
            // ("What share of Scion's roughly $1bn short does the notional of its Nvidia puts make up?": the quoted amount
            // is the whole, named in the share's own words; the part is the clause after it.)
            if (work == QuotedWork.Share && !reversed && parser.Parse(tail[..quotedAt]).Kinds.Count == 0
                && Regex.Match(tail[(quotedAt + quoted.Written.Length)..], @"\b(?:does|do|did|would|will|is|are)\s+(?<part>.+)", RegexOptions.IgnoreCase) is { Success: true } clause)
            {
                reversed = true;
                tail = clause.Groups["part"].Value;
            }
            // ("Amazon's 2026 capex budget as a share of the almost $1 trillion data-centre forecast?": an amount right after
            // the ask is the whole; the part is named before the ask.)
            else if (work == QuotedWork.Share && !reversed && asked.Index > 0
                && Regex.IsMatch(tail[..quotedAt], @"^\W*((of|the|an?|von|vom|der|des|almost|nearly|about|around|roughly|some|approximately|approx\.?|just under|just over|over|more than|under|less than|~)\s*)*$", RegexOptions.IgnoreCase)
                && Regex.Matches(question[..asked.Index], @"[\p{L}\d]+").Count >= 2)
            {
                reversed = true;
                tail = question[..asked.Index];
            }
            else tail = tail[..quotedAt];
        }
        // ("How many OpenAIs is that?": a company counted in the plural.)
        var whole = parser.Parse(work == QuotedWork.Times ? Regex.Replace(tail, @"^(\w{3,}?)s\b", "$1") : tail);
        var q = parser.Parse(question);
        var companies = whole.Companies.Count > 0 ? whole.Companies : q.Companies;
        // ("the midpoint of its 2026 guidance": words of no kind of their own are of the kind the question is about.)
        var kinds = whole.Kinds.Count > 0 ? whole.Kinds : whole.Companies.Count == 0 ? q.Kinds : [];
        var years = whole.Years.Count > 0 ? whole.Years : q.Years;
        // ("What share of that do the big four's 2025 capex plans make up?": a group's side is the market's figure adding
        // its companies up, found below.)
        if (companies.Count == 0 && whole.Group.Count == 0 || kinds.Count == 0 && whole.Companies.Count == 0 && whole.Years.Count == 0) return answer;
        var asOf = answer.AsOf;
        var pool = (await Task.WhenAll(companies.Select(c => tools.SignalsAsync(c, null, null, asOf, latestOnly: false)))).SelectMany(x => x).DistinctBy(s => s.Id).ToList();
        var planSaid = PlanSaid.IsMatch(tail);
        // ("Nvidia's $100bn OpenAI commitment as a share of 2025 global data-centre capex?", "pro Quartal … Welchen Anteil
        // an den weltweiten Rechenzentrumsinvestitionen 2025?": a whole of the market's, found as the question's own words
        // would find it. Words that name no company but the market's whole look there first; otherwise the market is
        // looked at when the companies' own figures hold no candidate. Its figures are fetched once.)
        IReadOnlyList<Signal>? market = null;
        async Task<List<Signal>> MarketWholeAsync()
        {
            var found = await AnswerOneAsync(Regex.Replace(tail, @"^\W*(of|an|von|vom)\s+", "", RegexOptions.IgnoreCase), asOf, cancellationToken);
            return (market ??= await tools.MarketSignalsAsync(null, null, asOf))
                .Where(s => s.Company is null && found.Evidence.Any(e => e.SignalId == s.Id) && QuotedSpan(s) is { } x && x.Low.Amount > 0 && x.Low.Currency == currency && !Carries(s, asWritten, asOf)).ToList();
        }
        var marketWhole = whole.Companies.Count == 0 && MarketWhole.IsMatch(tail);
        var marketFirst = marketWhole && !Regex.IsMatch(tail, @"\b(?:its|their|seine\w*|ihre\w*)\b", RegexOptions.IgnoreCase);
        var candidates = marketFirst ? await MarketWholeAsync() : [];
        if (candidates.Count == 0) candidates = pool.Where(s => QuotedSpan(s) is { } x && x.Low.Amount > 0 && x.Low.Currency == currency && !Carries(s, asWritten, asOf)
                && s.Subjects().Any(companies.Contains) && companies.All(c => s.Subjects().Contains(c) || s.Company == c || companies.Count == 1)
                && (kinds.Count == 0 || SameKindFamily(s.Kind, kinds))
                && (years.Count == 0 || years.Any(y => Covers(s, y, q.Calendar))))
            .ToList();
        // ("Meta's 2025 capex" when both the plan and what was spent are there: what was spent, unless a plan is said.)
        if (candidates.Any(s => s.Kind == SignalKind.Capex) && candidates.Any(s => s.Kind == SignalKind.CapexGuidance))
            candidates = candidates.Where(s => s.Kind == (planSaid ? SignalKind.CapexGuidance : SignalKind.Capex)).ToList();
        // Of a series updated over time, the newest known; of what is left, the one the answer already shows.
        candidates = candidates.GroupBy(s => (s.Kind, s.SeriesKey, s.Period.ToHuman())).Select(g => g.OrderByDescending(s => s.KnownOn).First()).ToList();
        if (candidates.Count > 1 && candidates.Where(s => answer.Evidence.Any(e => e.SignalId == s.Id)).ToList() is { Count: 1 } shown) candidates = shown;
        // ("Amazon's 2026 capex budget": a year named without a quarter is the whole year's figure, not a quarter's.)
        if (candidates.Count > 1 && whole.Quarter is null && q.Quarter is null && candidates.Where(s => s.Period.Kind is not PeriodKind.FiscalQuarter).ToList() is [var wholeYear])
            candidates = [wholeYear];
        // ("CoreWeave raised $25bn. How many times Nvidia's equity stake is that?": of Nvidia's stakes, the one in the
        // company the question is about.)
        if (candidates.Count > 1 && q.Companies.Except(companies).ToList() is { Count: > 0 } others
            && candidates.Where(s => s.Subjects().Any(others.Contains)).ToList() is { Count: 1 } between) candidates = between;
        if (candidates.Count == 0 && marketWhole && !marketFirst) candidates = await MarketWholeAsync();
        // ("$500bn … Once you strip out the combined plans of Amazon, Meta, Google and Microsoft, how much is left?": a
        // figure of the market's that the companies named make up, found as its own words asked alone would find it.)
        if (candidates.Count == 0 && work is QuotedWork.Rest or QuotedWork.Share
            && await NamedFiguresAsync(Regex.Split(tail, @"[,;:]\s*(?=(?:how|what|which|wie|was|is|are)\b)", RegexOptions.IgnoreCase)[0], market ??= await tools.MarketSignalsAsync(null, null, asOf), asOf, cancellationToken) is [{ Signal: var named }]
            && named.Company is null && QuotedSpan(named) is { } namedSpan && namedSpan.Low.Currency == currency && !Carries(named, asWritten, asOf))
            candidates = [named];
        // ("Oracle sold $18bn of bonds. What share of Oracle's 2025 capex does that cover?": a whole the data does not hold
        // for the company named is said to be missing, not passed over; a company with figures of its own naming
        // ("DeepSeek's model development cost") may hold it among them, and is left to the steps after.)
        if (candidates.Count == 0 && work is QuotedWork.Share or QuotedWork.Times && !marketWhole && whole.Companies is [var lacking] && whole.Kinds.Count > 0
            && !pool.Any(s => s.Subjects().Contains(lacking) && (s.Kind == SignalKind.Metric || SameKindFamily(s.Kind, whole.Kinds) && (years.Count == 0 || years.Any(y => Covers(s, y, q.Calendar))))))
            return NotAnswered(question, answer.Companies, asOf,
                $"I cannot work out the {(work == QuotedWork.Share ? "share" : "multiple")}: {await NothingOfKindAsync(lacking, whole with { Years = years }, pool.Where(s => s.Subjects().Contains(lacking)).ToList(), asOf)}. What I have:\n{answer.Text.Trim()}");
        return candidates is [var other] ? WithQuotedAgainst(answer, declined || replacesWorked, question, work, asked, quoted, asWritten, other, reversed, yearly, pool, foundAbove) : answer;
    }

    /// <summary>The data's one figure that carries an amount the question quotes, of those its words would find.</summary>
    private async Task<Signal?> QuotedCarrierAsync(Quoted amount, string words, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var companies = parser.Parse(words).Companies;
        var pool = (await Task.WhenAll(companies.Select(c => tools.SignalsAsync(c, null, null, asOf, latestOnly: true)).Append(tools.MarketSignalsAsync(null, null, asOf))))
            .SelectMany(x => x).DistinctBy(s => s.Id).Where(s => Carries(s, amount, asOf) && QuotedSpan(s) is not null).ToList();
        if (pool.Count > 1)
        {
            var found = await AnswerOneAsync(words, asOf, cancellationToken);
            pool = pool.Where(s => found.Evidence.Any(e => e.SignalId == s.Id)).ToList();
        }
        return pool is [var one] ? one : null;
    }

    // (A company's value counts as an amount here, as a whole to set a deal against.)
    private static (Money Low, Money High)? QuotedSpan(Signal s) => MoneySpan(s) ?? (s is Valuation { Value: { } v } ? (v, v) : null);

    /// <summary>Where an amount in the question came from, as an answer says it: the user's, or an earlier answer's.</summary>
    private static string QuotedOrigin(Quoted amount, string? foundAbove) => amount.Written == foundAbove ? "found above" : "in the question";

    /// <summary>The answer led by the quoted amount worked against the data's figure <paramref name="other"/>.</summary>
    private Answer WithQuotedAgainst(Answer answer, bool declined, string question, QuotedWork work, Match asked, Quoted quoted, Quoted asWritten, Signal other, bool reversed, bool yearly, IReadOnlyList<Signal> pool, string? foundAbove)
    {
        var currency = quoted.Currency!;
        var asOf = answer.AsOf;
        var (low, high) = QuotedSpan(other)!.Value;
        var against = (low.Amount + high.Amount) / 2;
        var midpoint = low != high ? $"the midpoint, {new Money(against, currency).ToHuman()}, of " : "";
        // (A share or multiple that rounds to nothing says nothing: "0 times", "0 %".)
        if ((reversed ? against / quoted.Value : quoted.Value / against) < 0.001m) return answer;
        if (work == QuotedWork.Times && Math.Round(quoted.Value / against, 1) == 0 && (asked.Groups["per"].Success || reversed)) return answer;
        var carrier = pool.FirstOrDefault(s => Carries(s, asWritten, asOf));
        // ("more than $30bn a quarter … what share of $500bn": a floor worked out is a floor, when the other side is exact.)
        var about = work is QuotedWork.Share or QuotedWork.Times or QuotedWork.Sum && !reversed && other.Qualifier is Qualifier.Exact && midpoint.Length == 0
                && Bound(question) is { Above: true } floor && floor.Figure == asWritten ? "more than "
            : midpoint.Length > 0 || other.Qualifier is not Qualifier.Exact || carrier?.Qualifier is { } cq && cq is not Qualifier.Exact ? "about " : "";
        // (A quarter's amount kept up for a year is said as what the question gave and what it comes to.)
        if (yearly) Computed("quarter taken four times", [], new Money(quoted.Value, currency), new Money(quoted.Value, currency));
        var theQuoted = yearly ? $"the {asWritten.Written} a quarter {QuotedOrigin(asWritten, foundAbove)} taken four times, {new Money(quoted.Value, currency).ToHuman()} a year" : $"the {quoted.Written} {QuotedOrigin(quoted, foundAbove)}";
        var said = $"{theQuoted} against {midpoint}{(other.Company is { } co ? Label(co) + " " : "")}{KindLabel(other)} {other.DescribeValue()} ({When(other, asOf)})";
        string lead;
        switch (work)
        {
            case QuotedWork.Share:
                var percentExact = (reversed ? against / quoted.Value : quoted.Value / against) * 100;
                var percent = Plain(Math.Round(percentExact, 1));
                Derived = [.. Derived, new { computed = "share", of = new[] { other.Id }, quoted = quoted.Written, percent }];
                lead = reversed
                    ? $"{Capitalise(about)}{PercentRecorded(percent, percentExact)} (worked out): {(other.Company is { } part ? Label(part) + " " : "")}{KindLabel(other)} {other.DescribeValue()} ({When(other, asOf)}){(low != high ? $", midpoint {new Money(against, currency).ToHuman()}," : "")} out of {theQuoted}"
                    : $"{Capitalise(about)}{PercentRecorded(percent, percentExact)} (worked out): {said}";
                break;
            case QuotedWork.Times:
                // ("How many months of OpenAI's Oracle payments would that cover?": a year's figure counted a month at a time.)
                var (per, perSaid) = ("", "");
                if (asked.Groups["per"].Success)
                {
                    per = asked.Groups["per"].Value.ToLowerInvariant().TrimEnd('s');
                    if (Parts(other.Period, per, question) is not decimal parts || parts <= 1) return answer;
                    against /= parts;
                    perSaid = $" ({new Money(against, currency).ToHuman()} a {per})";
                }
                // ("FCF is down to $14.8bn. How many times over would the 2026 capex budget swallow that?": a multiple below one
                // is asked the other way round, the larger over the smaller, and said so.)
                var flipped = per.Length == 0 && quoted.Value < against;
                // (To a tenth, however large: "$2tn is 153.8 times OpenAI's revenue".)
                var exact = flipped ? against / quoted.Value : quoted.Value / against;
                var ratio = Math.Round(exact, 1);
                Derived = [.. Derived, new { computed = "ratio", of = new[] { other.Id }, quoted = quoted.Written, times = ratio }];
                if (flipped)
                {
                    lead = $"{Capitalise(about)}{TimesRecorded(ratio, exact)} (worked out): {midpoint}{(other.Company is { } larger ? Label(larger) + " " : "")}{KindLabel(other)} {other.DescribeValue()} ({When(other, asOf)}) against {theQuoted}";
                    break;
                }
                // ("How many years of OpenAI's revenue would that eat up?": a yearly figure counted in years.)
                lead = Regex.IsMatch(asked.Value, @"^how\s+many\s+years", RegexOptions.IgnoreCase) || per.Length > 0
                    ? $"{Capitalise(about)}{Plain(ratio).ToString(CultureInfo.InvariantCulture)} {(per.Length > 0 ? per : "year")}s' worth ({Plain(ratio).ToString(CultureInfo.InvariantCulture)}×, worked out): {said}{perSaid}"
                    : $"{Capitalise(about)}{TimesRecorded(ratio, exact)} (worked out): {said}";
                break;
            case QuotedWork.Sum:
                var sum = new Money(quoted.Value + against, currency);
                Computed("sum", [other.Id], sum, sum);
                lead = $"{Capitalise(about)}{sum.ToHuman()} in all (worked out): {theQuoted} added to {midpoint}{(other.Company is { } owner ? Label(owner) + " " : "")}{KindLabel(other)} {other.DescribeValue()} ({When(other, asOf)})";
                break;
            case QuotedWork.Rest:
                var left = quoted.Value - against;
                if (left <= 0) return answer;
                var leftOver = new Money(left, currency);
                Computed("rest", [other.Id], leftOver, leftOver);
                lead = $"{Capitalise(about)}{leftOver.ToHuman()} left (worked out): {theQuoted} less {midpoint}{(other.Company is { } taken ? Label(taken) + " " : "")}{KindLabel(other)} {other.DescribeValue()} ({When(other, asOf)})";
                break;
            case QuotedWork.Gap:
                var gapValue = Math.Abs(quoted.Value - against);
                var gapMoney = new Money(gapValue, currency);
                Computed("difference", [other.Id], gapMoney, gapMoney);
                lead = $"{Capitalise(about)}{gapMoney.ToHuman()} {(quoted.Value < against ? "short of" : "above")} it (worked out): {said}";
                break;
            default:
                var changedExact = (quoted.Value - against) / against * 100;
                var changed = Plain(Math.Round(changedExact, 1));
                Derived = [.. Derived, new { computed = "percent change", of = new[] { other.Id }, quoted = quoted.Written, percent = changed }];
                lead = $"{Capitalise(about)}{PercentRecorded(Math.Abs(changed), Math.Abs(changedExact))} {(changed >= 0 ? "more" : "less")} (worked out): {said}";
                break;
        }
        return WithWorkedLead(answer, declined, lead, [other], asOf);
    }

    // "more than $30bn per quarter", "$35.6bn in Q4 2025", "pro Quartal mehr als 30 Milliarden Dollar".
    private static bool QuarterlyQuoted(string question, Quoted quoted) =>
        QuarterAfterQuoted.IsMatch(question[(quoted.At + quoted.Written.Length)..]) || QuarterBeforeQuoted.IsMatch(question[..quoted.At]);

    // "Palantir was up 374 % this year: what multiple of its starting price is that?": a rise of p % is (100 + p) % of
    // where it started.
    private static string? RiseAsMultiple(string question)
    {
        var percents = QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Percent).ToList();
        if (percents is not [var rise] || QuotedFigures(question).Any(f => f.Unit == QuotedUnit.Money)
            || !Regex.IsMatch(question, @"\b(how many times|what multiple|which multiple|as a multiple|multiple of)\b", RegexOptions.IgnoreCase)
            || !Regex.IsMatch(question[..rise.At], @"\b(up|gained|gain(ed|s)? of|rose|risen|climbed|jumped|rallied|soared)\s*(by\s*)?(about\s*|roughly\s*|~\s*)?$", RegexOptions.IgnoreCase))
            return null;
        var times = Plain(Math.Round((100 + rise.Value) / 100, 2));
        var said = times.ToString(CultureInfo.InvariantCulture);
        return $"{said} times ({said}×, worked out): up {Plain(rise.Value).ToString(CultureInfo.InvariantCulture)} % is {Plain(100 + rise.Value).ToString(CultureInfo.InvariantCulture)} % of the starting level.";
    }
}
