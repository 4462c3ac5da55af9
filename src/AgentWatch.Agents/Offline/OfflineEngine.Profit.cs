using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// The profit a margin makes on a revenue ("With its stated profit margin, how much does Nvidia's data-center business
/// earn at the very least?", "more than 70 % on $20bn of revenue: roughly how much profit is that?"): the company's one
/// margin times its one revenue of the same period, in that revenue's currency.
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex ProfitAsked = new(@"\b(?:profit\w*|earn\w*|make|makes|gewinn\w*|verdien\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // (An amount is asked, not the margin itself: "how much", "how many dollars", "in dollars", "what profit".)
    private static readonly Regex AmountAsked = new(@"\b(?:how\s+much|how\s+many\s+dollars|in\s+dollars|dollars?\s+(?:of|in)|dollar\s+(?:amount|figure|terms)|wie\s+viel|what\s+(?:(?:annual|yearly|dollar|operating)\s+)?profit(?!\s+margin))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithMarginProfitAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        if (WorkedLead.IsMatch(firstLine) || !ProfitAsked.IsMatch(question) || !AmountAsked.IsMatch(question) || parser.Parse(question).Companies is not [var company]) return answer;
        cancellationToken.ThrowIfCancellationRequested();
        var signals = await tools.SignalsAsync(company, null, null, answer.AsOf);
        if (signals.OfType<Metric>().Where(m => m.Unit == "percent" && m.Value is > 0 and < 100 && Regex.IsMatch(m.Name, @"\bmargin\b", RegexOptions.IgnoreCase)).DistinctBy(m => m.Id).ToList() is not [var margin]
            || signals.OfType<Revenue>().Where(r => r.Amount is { Amount: > 0 } && r.Period == margin.Period).DistinctBy(r => r.Id).ToList() is not [var revenue])
            return answer;
        var profit = Hundredth(new Money(revenue.Amount!.Value.Amount * margin.Value / 100, revenue.Amount.Value.Currency));
        Computed("profit", [margin.Id, revenue.Id], profit, profit);
        var bound = margin.Qualifier switch { Qualifier.AtLeast => "at least ", Qualifier.AtMost => "at most ", Qualifier.About => "about ", _ => "" };
        var lead = $"{Capitalise(bound)}{profit.ToHuman()} of profit (worked out: {Plain(margin.Value).ToString(CultureInfo.InvariantCulture)} % of {revenue.Amount.Value.ToHuman()}; "
            + $"{Label(company)} {KindLabel(margin)} {margin.DescribeValue()}, {When(margin, answer.AsOf)}; {KindLabel(revenue)} {revenue.DescribeValue()}, {When(revenue, answer.AsOf)})";
        return WithWorkedLead(answer, declined: false, lead, [margin, revenue], answer.AsOf);
    }
}
