using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// The rest of a share ("What share of S&amp;P 500 capex growth came from companies that aren't AI-related?", "Welcher
/// Anteil … entfällt nicht auf KI-Aktien?", "what portion of US venture capital went to startups outside AI?"): the data
/// holds the share of the group the question sets aside, and what is asked is the hundred per cent less it.
/// </summary>
public sealed partial class OfflineEngine
{
    // The words after a negation name the group set aside: "aren't AI-related", "nicht auf KI-Aktien", "outside AI".
    private static readonly Regex SetAsideGroup = new(
        @"(?:\bnot|n['’]t|\bnon-|\boutside(?:\s+of)?|\bother\s+than|\bnicht(?:\s+(?:auf|von|in|an|aus))?|\baußerhalb(?:\s+von)?|\bausserhalb(?:\s+von)?)\s*(?<group>(?:[\w-]+\s+){0,2}[\w-]+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex EverythingElse = new(@"\b(?:everything|everyone|everybody|anything)\s+else\b|\ball\s+(?:the\s+)?other\s+(?:stocks|companies|firms|sectors|startups|areas)\b|\bthe\s+rest\s+of\s+the\s+(?:market|index)\b|\bdem\s+rest\b|\bdie\s+übrigen\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ShareWords = new(@"\b(?:share|percent(?:age)?|portion|proportion|fraction|anteil|prozent)\b|%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // ("ChatGPT and Gemini together: what share is that, and what's left for all the rest?")
    private static readonly Regex RestOfMarketAsked = new(@"\b(?:left|remain(?:s|ing|der)?|the\s+rest|everyone\s+else|everybody\s+else|the\s+others|all\s+the\s+other\s+\w+|übrig\w*|der\s+rest|den\s+rest)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex SharesTogether = new(@"^Together: (?<about>about )?(?<sum>\d+(?:\.\d+)?) % of (?<market>[^,]+), adding ", RegexOptions.CultureInvariant);

    private async Task<Answer> WithRestOfShareAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        // (Shares of one market added up, and what they leave of it asked too: the hundred per cent less their sum.)
        if (SharesTogether.Match(firstLine) is { Success: true } together && RestOfMarketAsked.IsMatch(question)
            && decimal.Parse(together.Groups["sum"].Value, CultureInfo.InvariantCulture) is > 0 and < 100 and var sum)
        {
            var left = $"{together.Groups["about"].Value}{Plain(100 - sum).ToString(CultureInfo.InvariantCulture)} %";
            Derived = [.. Derived, new { computed = "rest of shares", percent = 100 - sum }];
            var at = together.Index + together.Length - ", adding ".Length;
            return answer with { Text = $"{answer.Text[..at]}; that leaves {left} for the rest (worked out){answer.Text[at..]}" };
        }
        if (WorkedLead.IsMatch(firstLine)) return answer;
        // ("ChatGPT holds 68 % of the chatbot market and Gemini about a fifth. What is left for all the other chatbots?":
        // the shares of one market the first line gives for each company named, and the hundred per cent less their sum.)
        if (RestOfMarketAsked.IsMatch(question) && parser.Parse(question).Companies is { Count: >= 2 } named)
        {
            var held = (await Task.WhenAll(named.Select(c => tools.SignalsAsync(c, SignalKind.MarketShare, null, answer.AsOf)))).SelectMany(x => x).OfType<MarketShare>()
                .Where(m => answer.Evidence.Any(e => e.SignalId == m.Id) && firstLine.Contains(m.DescribeValue(), StringComparison.Ordinal)).DistinctBy(m => m.Id).ToList();
            if (held.GroupBy(m => m.Market ?? "").ToList() is [var one] && one.Count() == named.Count && one.Select(m => m.Company).Distinct().Count() == named.Count
                && one.Sum(m => m.Percent) is > 0 and < 100 and var taken)
            {
                var roughly = one.Any(m => m.Qualifier is not Qualifier.Exact) ? "about " : "";
                Derived = [.. Derived, new { computed = "rest of shares", of = one.Select(m => m.Id).ToList(), percent = 100 - taken }];
                var restLead = $"{Capitalise(roughly)}{Plain(100 - taken).ToString(CultureInfo.InvariantCulture)} % of {(one.Key.Length > 0 ? one.Key : "the market")} is left for the rest (worked out): 100 % less "
                    + string.Join(" and ", one.Select(m => $"{m.DescribeValue()} ({When(m, answer.AsOf)})"));
                return WithWorkedLead(answer, declined: false, restLead, one, answer.AsOf);
            }
        }
        if (!ShareWords.IsMatch(question)) return answer;
        // ("… what share came from everything else?": the rest of the one share the first line gives.)
        var negation = SetAsideGroup.Match(question);
        if (!negation.Success && !EverythingElse.IsMatch(question)) return answer;
        cancellationToken.ThrowIfCancellationRequested();
        // (Of the market's shares the first line gives, the one whose own name holds the group set aside; of several,
        // the one it gives first, as what the question is most about.)
        var words = negation.Groups["group"].Value.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Equals("KI", StringComparison.OrdinalIgnoreCase) ? "AI" : w).Where(w => w.Length >= 2 && !Regex.IsMatch(w, @"^(?:the|a|an|der|die|das|den|from|to|in|on|of)$", RegexOptions.IgnoreCase)).ToList();
        var shares = (await tools.MarketSignalsAsync(null, null, answer.AsOf)).OfType<Metric>()
            .Where(m => m.Unit == "percent" && m.Value is > 0 and < 100 && Regex.IsMatch(m.Name, @"\bshare\b", RegexOptions.IgnoreCase)
                && answer.Evidence.Any(e => e.SignalId == m.Id) && firstLine.Contains(m.DescribeValue(), StringComparison.OrdinalIgnoreCase)
                && (!negation.Success || words.Any(w => Regex.IsMatch(m.Name, $@"(?<![\w-]){Regex.Escape(w)}(?![\w])", RegexOptions.IgnoreCase))))
            .DistinctBy(m => m.Id).OrderBy(m => firstLine.IndexOf(m.DescribeValue(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (shares is not [var share, ..] || !negation.Success && shares.Count > 1) return answer;
        var rest = Plain(100 - share.Value);
        Derived = [.. Derived, new { computed = "rest of share", of = new[] { share.Id }, percent = rest }];
        var about = share.Qualifier is Qualifier.Exact ? "" : "about ";
        var lead = $"{Capitalise(about)}{rest.ToString(CultureInfo.InvariantCulture)} % (worked out): 100 % less {KindLabel(share)} {share.DescribeValue()} ({When(share, answer.AsOf)})";
        return WithWorkedLead(answer, declined: false, lead, [share], answer.AsOf);
    }
}
