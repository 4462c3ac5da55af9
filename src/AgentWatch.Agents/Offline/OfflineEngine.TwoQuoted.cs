using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// Both amounts quoted by the question itself, one set against the other ("Amazon is guiding $200bn for 2026. The roughly
/// $131bn it spent in 2025 is what percentage of that?", "Data-centre spending was $290bn in 2024 and is forecast to reach
/// nearly $1tn by 2030. How much is that increase?"): the user gave both sides, so the share or the gap is worked from
/// them, and the data's figures that carry them are shown as where they come from. Runs only when the answer worked
/// nothing out.
/// </summary>
public sealed partial class OfflineEngine
{
    // ("How much is that increase?", "What's the gap?": a rise or a gap asked of what the question said before.)
    private static readonly Regex ThatGapAsked = new(@"\b(?:how\s+(?:much|big|large)|what)(?:['’]s|\s+is|\s+was|\s+would\s+be)\s+(?:that|this|the)\s+(?:increase|rise|jump|gap|difference|step[- ]?up|climb|shortfall)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex RoughlyBefore = new(@"\b(?:about|around|roughly|nearly|almost|some|approximately|approx\.?|circa|ca\.|rund|etwa|knapp|fast|gut)\s*$|~\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The answer led by the share or the gap between the two amounts the question quotes; as it was otherwise.</summary>
    private async Task<Answer> WithTwoQuotedAsync(Answer answer, string question, string? foundAbove, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        var declined = DeclinedLead.IsMatch(firstLine);
        if (!declined && WorkedLead.IsMatch(firstLine)) return answer;
        var amounts = QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Money).ToList();
        // ("The Blackwell-China day cost Nvidia how much in market cap, and as a percentage of its ~$350bn loss in the
        // Nov 3-7 week, how big is that?": "that" is the amount the answer found, the one side the question did not quote.)
        var found = amounts.Count == 1 && AmountPointedAt(question, answer) is ({ } led, _) && led.Currency == amounts[0].Currency && led.Value != amounts[0].Value
            ? led : null;
        if (found is not null) amounts = [.. amounts, found];
        if (amounts is not [var first, var second] || first.Value == second.Value || first.Currency is not { } currency || second.Currency != currency
            || AnnualisedAsked.IsMatch(question) || PerYearAsked.IsMatch(question)) return answer;
        var sentences = Sentence.Matches(question).ToList();
        int SentenceOf(int at) => sentences.FindIndex(s => at >= s.Index && at < s.Index + s.Length);
        Quoted part, whole;
        bool share;
        int asking;
        // The words the sentence that asks must not name anything of its own in ("… How much more will Amazon spend in
        // 2026?" asks of a figure of the data's, not of the two quoted); null when both sides are placed by its grammar.
        string? ownWords = null;
        if (QuotedShareAsked.Match(question) is { Success: true } asked)
        {
            var tail = asked.Groups["tail"];
            asking = SentenceOf(asked.Index);
            var inAsk = amounts.Where(a => SentenceOf(a.At) == asking).ToList();
            // ("… is what percentage of that?": "that" is the amount said before; the part is the one beside the ask.)
            if (PointsBack.IsMatch(tail.Value) && inAsk is [var beside])
                (part, whole) = (beside, beside == first ? second : first);
            // ("As a share of the $500bn …, that single quarter is how much?", "What share of OpenAI's ~$100bn valuation is
            // that?": the amount in the words after the ask is the whole, and the part is the other, beside the ask or
            // pointed back at.)
            else if (amounts.Where(a => a.At >= tail.Index && SentenceOf(a.At) == asking).OrderBy(a => a.At).FirstOrDefault() is { } after
                && Regex.Matches(question[tail.Index..after.At], @"[\p{L}\d'’]+").Count <= 5)
            {
                (part, whole) = (after == first ? second : first, after);
                if (SentenceOf(part.At) != asking)
                {
                    var sentence = sentences[asking];
                    ownWords = question[sentence.Index..after.At] + question[(after.At + after.Written.Length)..(sentence.Index + sentence.Length)];
                    if (!Regex.IsMatch(ownWords, @"\b(that|this|it|those|these|das|dies|davon)\b", RegexOptions.IgnoreCase)) return answer;
                }
            }
            else return answer;
            share = true;
        }
        else if (ThatGapAsked.Match(question) is var gap && (gap.Success || QuestionParser.AsksDifference(question)))
        {
            asking = gap.Success ? SentenceOf(gap.Index) : sentences.Count - 1;
            (part, whole, share) = (first, second, false);
            if (asking < 0) return answer;
            if (SentenceOf(first.At) != asking || SentenceOf(second.At) != asking) ownWords = sentences[asking].Value;
        }
        else return answer;
        if (ownWords is not null)
        {
            var said = parser.Parse(string.Join(" ", sentences.Where((_, i) => i != asking).Select(s => s.Value)));
            var own = parser.Parse(ownWords);
            if (own.Companies.Except(said.Companies).Any() || own.Years.Except(said.Years).Any()) return answer;
        }

        var q = parser.Parse(question);
        var asOf = answer.AsOf;
        var pool = (await Task.WhenAll(q.Companies.Select(c => tools.SignalsAsync(c, null, null, asOf, latestOnly: true)).Append(tools.MarketSignalsAsync(null, null, asOf))))
            .SelectMany(x => x).DistinctBy(s => s.Id).ToList();
        Signal? CarrierOf(Quoted amount) =>
            pool.Where(s => Carries(s, amount, asOf) && (amount != found || answer.Evidence.Any(e => e.SignalId == s.Id))).ToList() is var carriers && carriers.Count > 1
                ? carriers.Where(s => answer.Evidence.Any(e => e.SignalId == s.Id)).ToList() is [var shown] ? shown : null
                : carriers.SingleOrDefault();
        var (partCarrier, wholeCarrier) = (CarrierOf(part), CarrierOf(whole));
        string Side(Quoted amount, Signal? carrier) =>
            $"the {amount.Written} {(amount == found ? "found" : QuotedOrigin(amount, foundAbove))}" + (carrier is null ? "" : $" ({(carrier.Company is { } co ? Label(co) + " " : "")}{KindLabel(carrier)} {carrier.DescribeValue()}, {When(carrier, asOf)})");
        var rough = amounts.Any(a => RoughlyBefore.IsMatch(question[..a.At])) || Bound(question) is not null
            || new[] { partCarrier, wholeCarrier }.Any(s => s is { Qualifier: not Qualifier.Exact });
        var about = rough ? "About " : "";
        var used = new[] { partCarrier, wholeCarrier }.OfType<Signal>().ToList();
        string lead;
        if (share)
        {
            var exact = part.Value / whole.Value * 100;
            var percent = Plain(Math.Round(exact, 1));
            if (percent == 0) return answer;
            Derived = [.. Derived, new { computed = "share", of = used.Select(s => s.Id).ToList(), quoted = new[] { part.Written, whole.Written }, percent }];
            lead = $"{about}{PercentRecorded(percent, exact)} (worked out): {Side(part, partCarrier)} out of {Side(whole, wholeCarrier)}";
        }
        else
        {
            var (from, to) = part.At < whole.At ? (part, whole) : (whole, part);
            var difference = new Money(Math.Abs(to.Value - from.Value), currency);
            Computed("difference", used.Select(s => s.Id), difference, difference);
            lead = $"Difference: {about.ToLowerInvariant()}{difference.ToHuman()} (worked out): {Side(to, to == part ? partCarrier : wholeCarrier)} against {Side(from, from == part ? partCarrier : wholeCarrier)}";
        }
        return WithWorkedLead(answer, declined, lead, used, asOf);
    }
}
