using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// An amount asked of a part of a company's spending the data holds only as a share ("How much of ByteDance's 2025 capex
/// was spent outside China, in yuan?"): the share the company states of that year's spending, times the spending.
/// </summary>
public sealed partial class OfflineEngine
{
    // Words for spending beyond a company's home market, as the source's "spent abroad" says it.
    private static readonly Regex AbroadAsked = new(@"\b(abroad|overseas|outside\s+(of\s+)?(china|the\s+us|the\s+u\.s\.|its\s+home\s+\w+|home)|internationally|foreign|im\s+ausland|ausland\w*|außerhalb\s+chinas?|ausserhalb\s+chinas?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // A share stated of the company's spending spent beyond its home market ("share of 2025 capex spent abroad").
    private static readonly Regex ShareSpentAbroad = new(@"\bshare of\b.*\b(capex|spending|investment\w*)\b.*\babroad\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex SpendingNamed = new(@"\b(capex|capital\s+(expenditure|spending)\w*|investitionen|investitionsausgaben)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex ShareItselfAsked = new(@"\b(what|which|welche\w*)\s+(share|percent\w*|portion|proportion|fraction|anteil)\b|%|\bwie viel prozent\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithShareAmountAsync(Answer answer, string question, FiguresInView inView, CancellationToken cancellationToken)
    {
        // (Of the spending itself: "How much did ByteDance set aside for buying chips abroad?" is a plan of its own.)
        if (!answer.Answered || !AbroadAsked.IsMatch(question) || !AmountAsked.IsMatch(question) || ShareItselfAsked.IsMatch(question) || !SpendingNamed.IsMatch(question)
            || WorkedLead.IsMatch(answer.Text.Split('\n', 2)[0]))
            return answer;
        var pool = await inView.ReadAsync(answer, cancellationToken);
        if (pool.OfType<Metric>().Where(m => m is { Unit: "percent", Company: not null, Value: > 0 and <= 100 } && ShareSpentAbroad.IsMatch(m.Name)).ToList() is not [var share]
            || pool.Where(s => s.Company == share.Company && s.Kind is SignalKind.Capex or SignalKind.CapexGuidance && s.Period == share.Period && MoneySpan(s) is not null).ToList() is not [var whole])
            return answer;
        var (low, high) = MoneySpan(whole)!.Value;
        var fraction = share.Value / 100;
        Computed("share of", [share.Id, whole.Id], low * fraction, high * fraction);
        // (A share "about" half of "more than" an amount is about so much: the rougher word says how far to trust it.)
        var roughly = share.Qualifier is not Qualifier.Exact ? "about " : whole.Qualifier is Qualifier.AtLeast ? "more than " : "";
        var amount = low == high ? (low * fraction).ToHuman() : $"{(low * fraction).ToHuman()} to {(high * fraction).ToHuman()}";
        var inDollars = low.Currency != "USD" && InDollars.IsMatch(question) && StatedConversion(whole, "USD") is { } converted
            ? $"; about {(converted * fraction).ToHuman()} by the source's own conversion of {whole.DescribeValue()} to about {converted.ToHuman()}"
            : "";
        var lead = $"{Capitalise(roughly)}{amount} spent abroad (worked out: {share.DescribeValue()} of {KindLabel(whole)} {whole.DescribeValue()}, {When(whole, answer.AsOf)}){inDollars}";
        return WithWorkedLead(answer, declined: false, lead, [share, whole], answer.AsOf);
    }
}
