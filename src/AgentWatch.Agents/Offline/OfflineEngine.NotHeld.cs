using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// Answers that show figures beside what is asked but not what is asked: each step says it has none of it, and shows
/// what it has as context, where the figures shown would otherwise stand as the answer.
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex TermAsked = new(@"\b(how many years|how long (does|will|is|did)|(contract |deal )?(term|duration|length)\b(?! sheet)|full term|over (its|the) (whole|entire|full) (life|term)|total (contract )?value|laufzeit\w*|wie lange|gesamtwert)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// The term of a deal asked ("How many years does OpenAI's contract with Oracle run?", "its total value over the full
    /// term") when every deal the answer shows is stated for one year or a year at a time. A yearly amount times a term
    /// nobody stated would be a figure made up.
    /// </summary>
    private async Task<Answer> WithTermNotHeldAsync(Answer answer, string question, FiguresInView inView, CancellationToken cancellationToken)
    {
        if (!answer.Answered || answer.Evidence.Count == 0 || !TermAsked.IsMatch(question)) return answer;
        var shown = await inView.ShownAsync(answer, cancellationToken);
        // (Only an answer made of deals, none of which runs over a span of years it states.)
        if (shown.Count == 0 || shown.Count != answer.Evidence.Count || !shown.All(s => s is FinancingDeal { PerYear: true } || s is FinancingDeal && s.Period.Kind != PeriodKind.FiscalYears)
            || !shown.Any(s => s is FinancingDeal { PerYear: true }) && !Regex.IsMatch(question, @"\b(contract|deal|agreement|vertrag\w*)\b", RegexOptions.IgnoreCase))
            return answer;
        return NotAnswered(question, answer.Companies, answer.AsOf,
            $"I have no term for {(shown.Count == 1 ? "that deal" : "those deals")}{AsOfClause(answer.AsOf)}: the source gives {(shown.Any(s => s is FinancingDeal { PerYear: true }) ? "a yearly amount and no length, so no total over the term either" : "no length")}. What I have:\n{answer.Text.Trim()}");
    }

    // ("exact $ number", "What's the dollar amount of …?": a sum in money asked in so many words; "how much is CoreWeave
    // paying?" is answered by the deal and what it says of its amount.)
    private static readonly Regex DealAmountAsked = new(@"(?:\$|\bdollar)\s*(?:number|figure|amount|sum|value)\b|\bexact\s+(?:\$\s*)?(?:amount|figure|number|sum)\b|\bhow many dollars\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// An amount asked of deals the answer shows, none of which has one ("No amount given"): the answer says so, rather than
    /// stand on the deals' other words or on other figures around them.
    /// </summary>
    private async Task<Answer> WithDealAmountNotHeldAsync(Answer answer, string question, FiguresInView inView, CancellationToken cancellationToken)
    {
        if (!answer.Answered || answer.Evidence.Count == 0 || !DealAmountAsked.IsMatch(question) || !parser.Parse(question).Kinds.Contains(SignalKind.FinancingDeal)) return answer;
        var deals = (await inView.ShownAsync(answer, cancellationToken)).OfType<FinancingDeal>().ToList();
        // ("the dollar value of CoreWeave's GPU purchase commitment with Nvidia": of the deals shown, those of the kind named;
        // Nvidia's equity stake beside it has an amount that is not the one asked.)
        if (DealKindsNamed(question) is { Count: > 0 } named && deals.Any(d => named.Contains(d.DealKind))) deals = deals.Where(d => named.Contains(d.DealKind)).ToList();
        if (deals.Count == 0 || deals.Any(d => d.Amount is not null)) return answer;
        return NotAnswered(question, answer.Companies, answer.AsOf,
            $"I have no amount for {(deals.Count == 1 ? "that deal" : "those deals")}{AsOfClause(answer.AsOf)}: the source gives none. What I have:\n{answer.Text.Trim()}");
    }
}
