using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// A level in percent the question says went from one figure to another ("The average US extra tariff on Chinese goods
/// was cut from 57% to 47%. By how many percentage points, and by what percentage in relative terms?"): the change in
/// points and relative to where it started, worked from the two levels stated, with the data's figure that carries them
/// cited. Runs only when a figure of the data carries one of the levels.
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex FromToPercent = new(
        @"\bfrom\s+(?:about\s+|over\s+|roughly\s+|around\s+|~\s*)?(?<a>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per\s+cent\b)\s+(?:down\s+|up\s+)?to\s+(?:about\s+|roughly\s+|around\s+|~\s*)?(?<b>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|per\s+cent\b)"
        + @"|\bvon\s+(?:rund\s+|etwa\s+|über\s+)?(?<a>\d+(?:[.,]\d+)?)\s?(?:%|prozent\b)\s+auf\s+(?:rund\s+|etwa\s+)?(?<b>\d+(?:[.,]\d+)?)\s?(?:%|prozent\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex PointsAsked = new(@"\b(?:percentage[\s-]points?|how\s+many\s+points|in\s+points|by\s+how\s+many\s+points|prozentpunkt\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex RelativeAsked = new(
        @"\b(?:relative|relativ\w*|in\s+percent(?:age)?\s+terms|by\s+what\s+percent(?:age)?|what\s+percent(?:age)?\s+(?:cut|drop|fall|decline|rise|increase|reduction|change)|(?:share|fraction|percent(?:age)?)\s+of\s+(?:its|their|the)\s+(?:old|previous|former|starting|original)|um\s+wie\s+viel\s+prozent)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithQuotedLevelsAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        if (FromToPercent.Match(question) is not { Success: true } said) return answer;
        var (points, relative) = (PointsAsked.IsMatch(question), RelativeAsked.IsMatch(question));
        if (!points && !relative) return answer;
        var from = decimal.Parse(said.Groups["a"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
        var to = decimal.Parse(said.Groups["b"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
        if (from <= 0 || from == to) return answer;
        // (A first line already working these two levels out stands.)
        if (WorkedLead.IsMatch(firstLine) && firstLine.Contains(Percent(Plain(from)), StringComparison.Ordinal) && firstLine.Contains(Percent(Plain(to)), StringComparison.Ordinal)) return answer;
        cancellationToken.ThrowIfCancellationRequested();
        var companies = parser.Parse(question).Companies;
        var pool = (await Task.WhenAll(companies.Select(c => tools.SignalsAsync(c, null, null, answer.AsOf, latestOnly: true)).Append(tools.MarketSignalsAsync(null, null, answer.AsOf))))
            .SelectMany(x => x).DistinctBy(s => s.Id).ToList();
        Quoted Level(decimal value) => new(Percent(Plain(value)), QuotedUnit.Percent, value, null, said.Index);
        var carriers = pool.Where(s => Carries(s, Level(to), answer.AsOf) || Carries(s, Level(from), answer.AsOf)).ToList();
        // (Of several, the one that carries both levels, in its value or its note.)
        if (carriers.Count > 1) carriers = carriers.Where(s => Carries(s, Level(to), answer.AsOf) && ($"{s.DescribeValue()} {s.Note}").Contains(Plain(from).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
        if (carriers is not [var carrier]) return answer;
        var change = Plain(Math.Round(to - from, 1));
        var relativeExact = (to - from) / from * 100;
        var relativeChange = Plain(Math.Round(relativeExact, 1));
        Derived = [.. Derived, new { computed = "change in points", of = new[] { carrier.Id }, points = change, relative = relativeChange }];
        var direction = change < 0 ? "Down" : "Up";
        var parts = new List<string>();
        if (points || !relative) parts.Add($"{Plain(Math.Abs(change)).ToString(CultureInfo.InvariantCulture)} percentage points");
        if (relative) parts.Add($"{PercentRecorded(Math.Abs(relativeChange), Math.Abs(relativeExact))} in relative terms");
        var lead = $"{direction} {string.Join(", or ", parts)} (worked out: from {Percent(Plain(from))} to {Percent(Plain(to))}, as the question says; "
            + $"{(carrier.Company is { } c ? $"{Label(c)} " : "")}{KindLabel(carrier)} {carrier.DescribeValue()}, {When(carrier, answer.AsOf)})";
        return WithWorkedLead(answer, declined: WorkedLead.IsMatch(firstLine), lead, [carrier], answer.AsOf);
    }
}
