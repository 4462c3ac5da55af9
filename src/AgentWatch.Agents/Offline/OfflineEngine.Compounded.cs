using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// Moves in percent one after another ("Palantir was up 374 % year to date. If it then fell 10 %, what is the gain
/// afterwards?"): each move applies to the price the one before it left, so the net move is their product, not their sum.
/// The moves are the ones the question states, in its order; a figure of the dataset it quotes is cited with them.
/// </summary>
public sealed partial class OfflineEngine
{
    // ("up 374 %", "rose by 20%", "fell exactly 10 %", "dropped another 5 %", "a 10 % fall")
    private static readonly Regex StatedMove = new(
        @"\b(?:(?<up>up|rose|rises|risen|gained|gains|climbed|climbs|jumped|jumps|rallied|rallies|stieg|gestiegen|plus)|(?<down>down|fell|falls|fallen|fall|dropped|drops|drop|lost|loses|lose|declined|declines|sank|sinks|slid|slides|tumbled|fiel|gefallen|verlor|minus))\s+(?:by\s+|um\s+)?(?:another\s+|a\s+further\s+|exactly\s+|about\s+|roughly\s+|weitere\s+)?(?<n>\d+(?:[.,]\d+)?)\s?(?:%|percent|per\s+cent|prozent)"
        + @"|\b(?:an?\s+|einen?\s+)?(?<n>\d+(?:[.,]\d+)?)\s?(?:%|percent|prozent)\s+(?:(?<up>gain|rise|jump|rally|anstieg)|(?<down>fall|drop|decline|loss|slide|rückgang|verlust))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // (What is asked is the net of them: "afterwards", "net", "overall", "where does that leave".)
    private static readonly Regex NetAsked = new(
        @"\b(?:afterwards|after\s+that|after\s+the\s+(?:fall|drop|decline|rise|gain)|net|overall|in\s+all|leave[sd]?|left|then\s+stand|now\s+stand|would\s+(?:it|the\s+\w+)\s+(?:be|stand)|danach|unterm\s+strich|insgesamt)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private Answer WithCompoundedMoves(Answer answer, string question)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        if (WorkedLead.IsMatch(firstLine) || !NetAsked.IsMatch(question)) return answer;
        var moves = StatedMove.Matches(question).Select(m => (m.Value, Percent: decimal.Parse(m.Groups["n"].Value.Replace(',', '.'), CultureInfo.InvariantCulture) * (m.Groups["down"].Success ? -1 : 1))).ToList();
        if (moves.Count < 2 || moves.Any(m => m.Percent <= -100)) return answer;
        var factor = moves.Aggregate(1m, (f, m) => f * (1 + m.Percent / 100));
        var netExact = (factor - 1) * 100;
        var net = Math.Round(netExact, 1);
        var product = $"{string.Join(" × ", moves.Select(m => Plain(1 + m.Percent / 100).ToString(CultureInfo.InvariantCulture)))} = {Plain(Math.Round(factor, 4)).ToString(CultureInfo.InvariantCulture)}";
        // (The product as text: the figure check reads a list of numbers "4.74,0.9" as one number with a thousands comma.)
        Derived = [.. Derived, new { computed = "compounded moves", product, percent = net }];
        var lead = $"{(net < 0 ? "Down" : "Up")} {PercentRecorded(Plain(Math.Abs(net)), Math.Abs(netExact))} in all (worked out: {string.Join(", then ", moves.Select(m => $"{(m.Percent < 0 ? "down" : "up")} {Percent(Math.Abs(m.Percent))}"))}, "
            + $"each on the price the one before left: {product} times the starting price)";
        return WithWorkedLead(answer, declined: false, lead, [], answer.AsOf);
    }
}
