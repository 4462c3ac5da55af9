using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// What a plan over several years leaves for its later years once the years named are taken out ("If Meta lands at the
/// midpoints of its 2025 and 2026 ranges, how much of the ~$600bn through 2028 is left for 2027 and 2028?"): the plan
/// the question quotes, less the company's own guidance for each year it names inside the plan (at the midpoint when a
/// midpoint is said), and that spread over the years left when a year at a time is asked.
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex LeftAsked = new(@"\b(?:left|remain\w*|rest|übrig\w*|bleib\w*|verbleib\w*|still to (?:come|go|be spent)|yet to (?:come|be spent))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex PerYearOfLeft = new(@"\b(?:per|a|each|every|pro|je)\s+(?:year|yr|jahr)\b|\bannual(?:ly)?\b|\bjährlich\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithLeftOfWholeAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        // (A midpoint or an even spread of the plan alone is only a step towards what is asked.)
        var stepOnly = answer.Text.StartsWith("The midpoint is ", StringComparison.Ordinal) || answer.Text.Split('\n', 2)[0].Contains("if spread evenly", StringComparison.Ordinal);
        if (WorkedLead.IsMatch(answer.Text.Split('\n', 2)[0]) && !stepOnly
            || !LeftAsked.IsMatch(question) || QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Money).ToList() is not [var quoted])
            return answer;
        var q = parser.Parse(question);
        if (q is not { Companies: [var company], Filers.Count: 0 } || q.Years.Count == 0) return answer;
        cancellationToken.ThrowIfCancellationRequested();
        var own = await tools.SignalsAsync(company, SignalKind.CapexGuidance, null, answer.AsOf, latestOnly: true);
        // The whole: the company's plan over several years that carries the amount quoted.
        if (own.Where(s => s.Period is { Kind: PeriodKind.FiscalYears, Year: not null, EndYear: not null } && Carries(s, quoted, answer.AsOf)).ToList() is not [var whole]
            || MoneySpan(whole) is not var (wholeLow, wholeHigh) || wholeLow != wholeHigh)
            return answer;
        var (first, last) = (whole.Period.Year!.Value, whole.Period.EndYear!.Value);
        var midpoint = Regex.IsMatch(question, @"\b(?:mid-?points?|middle|mitte\w*|mittelwert\w*)\b", RegexOptions.IgnoreCase);
        // The years taken out: those named inside the plan for which the company guided a year of its own, every year
        // written counting, since the parser keeps only those asked ("subtract … 2025 and 2026. What is left for 2027 and
        // 2028?"); "left after" a year takes out every year up to it ("left after its 2026 guidance").
        var written = Regex.Matches(question, @"\b20\d\d\b").Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
        var guided = (written.Count > 0 ? written : q.Years).Where(y => y >= first && y <= last && own.Any(s => s.Period.Kind == PeriodKind.FiscalYear && s.Period.Year == y)).Distinct().Order().ToList();
        if (guided.Count > 0 && Regex.IsMatch(question, $@"\b(after|nach)\s+(its\s+|the\s+|seine[mnr]?\s+)?(\w+\s+){{0,2}}?{guided[^1]}\b", RegexOptions.IgnoreCase))
            guided = Enumerable.Range(first, guided[^1] - first + 1).ToList();
        var taken = guided
            .Select(y => own.FirstOrDefault(s => s.Period.Kind == PeriodKind.FiscalYear && s.Period.Year == y && MoneySpan(s) is { } x && x.Low.Currency == wholeLow.Currency))
            .OfType<Signal>().ToList();
        if (taken.Count == 0 || taken.Count == last - first + 1) return answer;
        var spans = taken.Select(s => MoneySpan(s)!.Value).ToList();
        // (A range is taken at its midpoint when the question says so; otherwise its ends leave a range.)
        var middles = spans.Select(x => new Money((x.Low.Amount + x.High.Amount) / 2, x.Low.Currency)).ToList();
        if (midpoint)
            foreach (var (s, x, middle) in taken.Zip(spans, middles).Where(p => p.Second.Low != p.Second.High))
                Computed("midpoint", [s.Id], middle, middle);
        var takenLow = spans.Zip(middles, (x, middle) => midpoint ? middle.Amount : x.High.Amount).Sum();
        var takenHigh = spans.Zip(middles, (x, middle) => midpoint ? middle.Amount : x.Low.Amount).Sum();
        var (leftLow, leftHigh) = (new Money(wholeLow.Amount - takenLow, wholeLow.Currency), new Money(wholeLow.Amount - takenHigh, wholeLow.Currency));
        if (leftLow.Amount <= 0) return answer;
        Computed("left of the plan", [whole.Id, .. taken.Select(s => s.Id)], leftLow, leftHigh);
        var leftYears = Enumerable.Range(first, last - first + 1).Except(taken.Select(s => s.Period.Year!.Value)).ToList();
        var about = whole.Qualifier is Qualifier.Exact ? "" : "about ";
        var takenSaid = string.Join(" and ", taken.Zip(spans, middles).Select(t => midpoint && t.Second.Low != t.Second.High
            ? $"the midpoint {t.Third.ToHuman()} of {t.First.DescribeValue()} ({t.First.Period.ToHuman()})"
            : $"{t.First.DescribeValue()} ({t.First.Period.ToHuman()})"));
        var years = leftYears.Count == 1 ? leftYears[0].ToString(CultureInfo.InvariantCulture)
            : leftYears[^1] - leftYears[0] == leftYears.Count - 1 ? $"{leftYears[0]}–{leftYears[^1]}"
            : $"{string.Join(", ", leftYears.SkipLast(1))} and {leftYears[^1]}";
        var lead = $"{Capitalise(about)}{Span(leftLow, leftHigh)} left for {years} (worked out: {Label(company)} capex guidance {whole.DescribeValue()} ({whole.Period.ToHuman()}) less {takenSaid})";
        if (PerYearOfLeft.IsMatch(question) && leftYears.Count > 1)
        {
            lead += $"; {about}{WorkedSpan("left per year", [whole.Id, .. taken.Select(s => s.Id)], new Money(leftLow.Amount / leftYears.Count, leftLow.Currency), new Money(leftHigh.Amount / leftYears.Count, leftHigh.Currency), exact: false)} a year over those {leftYears.Count} years";
        }
        return WithWorkedLead(answer, declined: stepOnly, lead, [whole, .. taken], answer.AsOf);
    }
}
