using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// A change asked since a year ("How much has the Nasdaq gained since 2020?") is not answered by a move over a window
/// that opens after that year: the answer says it has no such change, and shows the moves it has as context.
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex ChangeSinceYear = new(@"\b(?:since|seit)\s+(?:(?:the\s+)?(?:start|beginning|end)\s+of\s+|anfang\s+|ende\s+)?(?<y>(?:19|20)\d\d)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ChangeAsked = new(@"\b(gain\w*|rise|risen|rose|ris\w*|climb\w*|fall\w*|fell|drop\w*|declin\w*|chang\w*|up|down|perform\w*|returns?|returned|grow\w*|grew|lost|los[et]\w*|moved?|done|doing|fared|zugelegt|gewonnen|verloren|gestiegen|gefallen|entwickelt)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithSinceNotCoveredAsync(Answer answer, string question, FiguresInView inView, CancellationToken cancellationToken)
    {
        if (!answer.Answered || ChangeSinceYear.Match(question) is not { Success: true } since || !ChangeAsked.IsMatch(question)) return answer;
        var year = int.Parse(since.Groups["y"].Value, CultureInfo.InvariantCulture);
        var shown = await inView.ShownAsync(answer, cancellationToken);
        // (Only moves over a window of days or months are judged: a figure of a year or a span of years says nothing of when
        // its change began.)
        if (shown.Count == 0 || !shown.All(s => (s is PriceMove or MarketCapMove || s is Metric { Unit: "percent" }) && s.Period.Start is { } start && start.Year > year))
            return answer;
        return NotAnswered(question, answer.Companies, answer.AsOf,
            $"I have no change since {year}{AsOfClause(answer.AsOf)}: what I have covers only later, shorter windows:\n{answer.Text.Trim()}");
    }
}
