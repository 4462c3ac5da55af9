using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// An amount the question brings as someone's claim ("My spreadsheet has Amazon's trailing free cash flow at $20bn. How
/// far off am I?", "A client says Tencent spent $20bn on capex in 2024: how much lower is the real figure?"): the user
/// wants the data's figure and how far the claim is from it, and the claimed amount is no figure of the data to place.
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex ClaimSaid = new(
        @"\b(?:my\s+(?:spreadsheet|sheet|model|notes?|estimate|numbers?|forecast|figures?|records?|deck|memo)|(?:a|my|one|our)\s+(?:client|colleague|friend|analyst|broker|reader|boss|manager|source|co-?worker)|some(?:one|body)|(?:i|we)\s+(?:read|heard|saw|was\s+told|were\s+told|think|thought|had|assumed?|estimated?|pencil+ed|modell?ed)|(?:people|analysts?|a\s+(?:report|blog|article|tweet|post|newsletter))\s+(?:say|says|said|claim\w*)|claims?|claimed|told\s+me|according\s+to\s+(?:my|a|an|one))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ClaimGapAsked = new(
        @"\b(?:how\s+far\s+(?:off|out|away|below|above|short|under|over|apart)|how\s+much\s+(?:lower|higher|less|more|bigger|smaller|off|above|below|too\s+(?:high|low))|by\s+how\s+much|(?:under|over)(?:shoot|state|estimate)\w*|what(?:['’]s|\s+is)\s+the\s+(?:gap|difference)|wie\s+weit\s+(?:daneben|weg)|um\s+wie\s+viel)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The answer led by the gap between a claimed amount and the one amount its first line gives; the answer as it was
    /// when the question makes no claim, asks no gap, or the answer gives no single amount in the claim's currency.
    /// </summary>
    private async Task<Answer> WithClaimCheckedAsync(Answer answer, string question, FiguresInView inView, CancellationToken cancellationToken)
    {
        if (WorkedLead.IsMatch(answer.Text.Split('\n', 2)[0]) || !ClaimGapAsked.IsMatch(question)
            || ClaimSaid.Match(question) is not { Success: true } claimSaid
            || QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Money).ToList() is not [var claim] || claim.At < claimSaid.Index
            // (The claim and its words are one sentence: "My model has … at $150bn", not a claim, then a figure asked about.)
            || Regex.IsMatch(question[claimSaid.Index..claim.At], @"[.?!;]\s"))
            return answer;
        if (OneAmountShown(answer, question, await inView.ReadAsync(answer, cancellationToken), s => MoneySpan(s) is { } x && x.Low.Currency == x.High.Currency && (claim.Currency ?? "USD") == x.Low.Currency) is not { } figure
            || MoneySpan(figure) is not var (low, high))
            return answer;
        var currency = low.Currency;
        Func<Money, Money> rounded = figure.Qualifier is Qualifier.Exact ? Hundredth : Significant;
        var about = figure.Qualifier is Qualifier.Exact ? "" : "about ";
        var data = $"{(figure.Company is { } c ? $"{Label(c)} " : "")}{KindLabel(figure)} {figure.DescribeValue()} ({When(figure, answer.AsOf)})";
        string where;
        if (claim.Value >= low.Amount && claim.Value <= high.Amount)
        {
            where = low == high ? "the same as the data's figure"
                : $"within the range, {about}{rounded(new Money(claim.Value - low.Amount, currency)).ToHuman()} above its low end and {rounded(new Money(high.Amount - claim.Value, currency)).ToHuman()} below its top";
        }
        else
        {
            var above = claim.Value > high.Amount;
            var (near, far) = above ? (claim.Value - high.Amount, claim.Value - low.Amount) : (low.Amount - claim.Value, high.Amount - claim.Value);
            var (nearMoney, farMoney) = (rounded(new Money(near, currency)), rounded(new Money(far, currency)));
            Computed("difference", [figure.Id], nearMoney, farMoney);
            where = $"{about}{Span(nearMoney, farMoney)} {(above ? "above" : "below")} {(low == high ? "the data's figure" : $"the range ({(above ? "its top and its low end" : "its low end and its top")})")}";
        }
        return WithWorkedLead(answer, declined: false, $"The {claim.Written} in the question is {where} (worked out): {data}", [figure], answer.AsOf);
    }
}
