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
    private static readonly Regex ShareWords = new(@"\b(?:share|percent(?:age)?|portion|proportion|fraction|anteil|prozent)\b|%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithRestOfShareAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        if (WorkedLead.IsMatch(firstLine) || !ShareWords.IsMatch(question) || SetAsideGroup.Match(question) is not { Success: true } negation) return answer;
        cancellationToken.ThrowIfCancellationRequested();
        // (Of the market's shares the first line gives, the one whose own name holds the group set aside.)
        var words = negation.Groups["group"].Value.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Equals("KI", StringComparison.OrdinalIgnoreCase) ? "AI" : w).Where(w => w.Length >= 2 && !Regex.IsMatch(w, @"^(?:the|a|an|der|die|das|den|from|to|in|on|of)$", RegexOptions.IgnoreCase)).ToList();
        var shares = (await tools.MarketSignalsAsync(null, null, answer.AsOf)).OfType<Metric>()
            .Where(m => m.Unit == "percent" && m.Value is > 0 and < 100 && Regex.IsMatch(m.Name, @"\bshare\b", RegexOptions.IgnoreCase)
                && answer.Evidence.Any(e => e.SignalId == m.Id) && firstLine.Contains(m.DescribeValue(), StringComparison.OrdinalIgnoreCase)
                && words.Any(w => Regex.IsMatch(m.Name, $@"(?<![\w-]){Regex.Escape(w)}(?![\w])", RegexOptions.IgnoreCase)))
            .DistinctBy(m => m.Id).ToList();
        if (shares is not [var share]) return answer;
        var rest = Plain(100 - share.Value);
        Derived = [.. Derived, new { computed = "rest of share", of = new[] { share.Id }, percent = rest }];
        var about = share.Qualifier is Qualifier.Exact ? "" : "about ";
        var lead = $"{Capitalise(about)}{rest.ToString(CultureInfo.InvariantCulture)} % (worked out): 100 % less {KindLabel(share)} {share.DescribeValue()} ({When(share, answer.AsOf)})";
        return WithWorkedLead(answer, declined: false, lead, [share], answer.AsOf);
    }
}
