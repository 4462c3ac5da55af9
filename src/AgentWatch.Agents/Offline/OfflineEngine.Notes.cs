using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// What a reading's own note says of it, worked out when the question asks: against the forecast the note states
/// ("Michigan consumer sentiment in November 2025 vs the forecast: how big was the miss?"), with the reading before it
/// when the note says how far it moved since; and the other figure the note puts it a multiple of ("more than 15 times
/// the US addition": the US at most). (An amount a metric of its own says is a multiple of expectations is worked back
/// where one figure is worked out, in <see cref="OneFigureWorked"/>.)
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex ExpectationAsked = new(@"\b(?:expect\w*|forecast\w*|consensus|estimates?|predicted|prognos\w*|erwart\w*|analysts?\s+(?:were\s+)?(?:looking|hoping)\s+for)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("Down about 6 % from October, lowest in three years; forecasts expected 53.2.")
    private static readonly Regex ExpectedInNote = new(@"\b(?:forecasts?|forecasters|analysts?|economists?|consensus)\s+(?:had\s+)?expected\s+(?<n>\d+(?:\.\d+)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex MovedSinceInNote = new(@"\b(?<dir>down|up)\s+(?:about\s+|roughly\s+|some\s+)?(?<p>\d+(?:\.\d+)?)\s?%\s+from\s+(?<when>January|February|March|April|May|June|July|August|September|October|November|December)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // ("More than 15 times the US addition, to meet AI energy demand.")
    private static readonly Regex MultipleOfOtherInNote = new(@"\b(?<bound>(?i:more than|over|about|roughly|nearly|almost|at least))?\s*(?<n>\d+(?:\.\d+)?)\s+times\s+the\s+(?<other>U\.?S\.?|[A-Z]\w+)\s+(?<what>addition|figure|amount|level|total)\b", RegexOptions.CultureInvariant);

    private static readonly Regex MultipleAsked = new(@"\b(times|multiple|fold|at most|upper bound|ceiling)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// A reading the first line shows, worked from what its note says when the question asks: the miss against the
    /// forecast, else the other figure it is a multiple of.
    /// </summary>
    private async Task<Answer> WithNoteWorkedAsync(Answer answer, string question, FiguresInView inView, CancellationToken cancellationToken)
    {
        // (Only a question that speaks of an expectation, a multiple or a bound looks in the notes: reading them costs
        // tool calls, made once for both.)
        var expectation = ExpectationAsked.IsMatch(question);
        var multiple = MultipleAsked.IsMatch(question);
        if (WorkedLead.IsMatch(answer.Text.Split('\n', 2)[0]) || !expectation && !multiple) return answer;
        var pool = await inView.ReadAsync(answer, cancellationToken);
        if (expectation && OneAmountShown(answer, question, pool, s => s is Metric { Note: { } note } && ExpectedInNote.IsMatch(note)) is Metric { Note: { } expected } reading)
            return WithWorkedLead(answer, declined: false, MissedForecast(reading, expected, ExpectedInNote.Match(expected), question, answer.AsOf), [reading], answer.AsOf);
        return multiple ? WithOtherOfNoteMultiple(answer, question, pool) : answer;
    }

    /// <summary>
    /// "China connected 429 GW in 2024, more than 15 times the US addition. At most how much did the US add?": the other
    /// figure a reading's note puts it a multiple of, worked back, with the bound the multiple carries.
    /// </summary>
    private Answer WithOtherOfNoteMultiple(Answer answer, string question, IEnumerable<Signal> pool)
    {
        if (OneAmountShown(answer, question, pool, s => s is Metric { Note: { } note, Value: > 0 } && MultipleOfOtherInNote.IsMatch(note)) is not Metric { Note: { } note } reading)
            return answer;
        var said = MultipleOfOtherInNote.Match(note);
        var other = NamePattern(said.Groups["other"].Value);
        // (Asked of the other, in the sentence that asks: "the US addition", "did the US add", "what does that put the US
        // at"; not "… more than 15 times what the US added. How many gigawatts was it?")
        var asking = Regex.Split(question.Trim(), @"(?<=[.!])\s+").Last();
        if (!Regex.IsMatch(asking, $@"\b{other}\b\s*(?:['’]s\s+)?(?:{said.Groups["what"].Value}|add\w*|connect\w*|figure|number)|\b(?:did|does|has)\s+the\s+{other}\s+(?:add|connect|build)|\bput\s+the\s+{other}\b", RegexOptions.IgnoreCase))
            return answer;
        var times = decimal.Parse(said.Groups["n"].Value, CultureInfo.InvariantCulture);
        var worked = Math.Round(reading.Value / times, 1);
        Derived = [.. Derived, new { computed = "worked back from a multiple", of = new[] { reading.Id }, times, value = worked }];
        var bound = said.Groups["bound"].Value.ToLowerInvariant() switch
        {
            "more than" or "over" or "at least" => "less than ",
            "" => "",
            _ => "about ",
        };
        string Said(decimal v) => $"{Plain(v).ToString(CultureInfo.InvariantCulture)}{(reading.Unit.Length > 0 ? " " + reading.Unit : "")}";
        var lead = $"{Capitalise(bound)}{Said(worked)} for the {said.Groups["other"].Value} {said.Groups["what"].Value} (worked out: {Said(reading.Value)} is {char.ToLowerInvariant(said.Value.Trim()[0])}{said.Value.Trim()[1..]}, "
            + $"and {Said(reading.Value)} ÷ {Plain(times).ToString(CultureInfo.InvariantCulture)} = {Said(worked)}; {reading.DescribeValue()}, {When(reading, answer.AsOf)})";
        return WithWorkedLead(answer, declined: false, lead, [reading], answer.AsOf);
    }

    /// <summary>"U.S." or "US" as either is written; any other name as it is.</summary>
    private static string NamePattern(string name)
    {
        var letters = name.Replace(".", "");
        return letters.Length is > 1 and <= 4 && letters.All(char.IsUpper) ? string.Join(@"\.?", letters.Select(c => c.ToString())) + @"\.?" : Regex.Escape(letters);
    }

    /// <summary>"50.3 points, 2.9 points below the 53.2 forecasters expected", and the month before when asked.</summary>
    private string MissedForecast(Metric reading, string note, Match said, string question, DateOnly? asOf)
    {
        var expected = decimal.Parse(said.Groups["n"].Value, CultureInfo.InvariantCulture);
        var gap = reading.Value - expected;
        Derived = [.. Derived, new { computed = "against what was expected", of = new[] { reading.Id }, expected, gap }];
        string Said(decimal v) => $"{Plain(v).ToString(CultureInfo.InvariantCulture)}{(reading.Unit is "percent" ? " %" : reading.Unit.Length > 0 ? " " + reading.Unit : "")}";
        var lead = gap == 0 ? $"{Said(reading.Value)}, as expected ({Said(expected)})"
            : $"{Said(reading.Value)}, {Said(Math.Abs(gap))} {(gap < 0 ? "below" : "above")} the {Said(expected)} expected (worked out from {reading.DescribeValue()}, {When(reading, asOf)}; the source: \"{said.Value}\")";
        // ("… and given the roughly 6 % drop, about what was October's reading?": the reading before, backed out of the move.)
        if (MovedSinceInNote.Match(note) is { Success: true } moved
            && (question.Contains(moved.Groups["when"].Value, StringComparison.OrdinalIgnoreCase) || Regex.IsMatch(question, @"\b(previous|prior|last|preceding|month before|vormonat\w*)\b", RegexOptions.IgnoreCase)))
        {
            var change = decimal.Parse(moved.Groups["p"].Value, CultureInfo.InvariantCulture) / 100 * (moved.Groups["dir"].Value.Equals("down", StringComparison.OrdinalIgnoreCase) ? -1 : 1);
            var before = Math.Round(reading.Value / (1 + change), 1);
            Derived = [.. Derived, new { computed = "reading before the move", of = new[] { reading.Id }, before }];
            lead += $"; {moved.Groups["when"].Value}'s reading was about {Said(before)} (worked out: {Said(reading.Value)} after a move of about {moved.Groups["dir"].Value.ToLowerInvariant()} {moved.Groups["p"].Value} %)";
        }
        return lead;
    }
}
