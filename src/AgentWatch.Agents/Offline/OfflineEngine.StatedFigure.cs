using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// A statement that quotes one of the data's figures, then a question about "that" ("Tencent spent $10.7bn in 2024. How
/// far below Alibaba's yearly average is that?"): the question is asked again with the figure named by its own words
/// ("… is Tencent's actual 2024 capex?"), so that what it is set against is found as a question naming both would find
/// it. Runs only when the answer worked nothing out, and keeps the answer as it was unless the question asked again is
/// worked out from that figure.
/// </summary>
public sealed partial class OfflineEngine
{
    private async Task<Answer> WithStatedFigureAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        if (WorkedLead.IsMatch(answer.Text.Split('\n', 2)[0])) return answer;
        var sentences = Sentence.Matches(question).ToList();
        if (sentences.Count < 2 || sentences[^1] is not { } asking || !AsksWhat.IsMatch(asking.Value)
            || PointerAtEnd.Match(asking.Value) is not { Success: true } pointer
            || QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Money).ToList() is not [var stated] || stated.At >= asking.Index)
            return answer;
        var statement = parser.Parse(question[..asking.Index]);
        var carriers = (await Task.WhenAll(statement.Companies.Select(c => tools.SignalsAsync(c, null, null, answer.AsOf, latestOnly: true))))
            .SelectMany(x => x).DistinctBy(s => s.Id).Where(s => Carries(s, stated, answer.AsOf)).ToList();
        if (carriers is not [{ Company: { } company, Period.Year: { } year } figure] || !tools.Directory.IsKnown(company)) return answer;
        // (What was spent is said so, that the plan for the same year is not taken for it.)
        var named = $"{Name(company)}'s {(figure.Kind == SignalKind.Capex ? $"actual {year} capex" : $"{year} {figure.Kind.Label()}")}";
        var again = await AnswerAsync(asking.Value[..pointer.Index] + named + asking.Value[(pointer.Index + pointer.Length)..], answer.AsOf, cancellationToken);
        // (Only a worked answer resting on the figure named: one worked from other figures answers another question.)
        return WorkedLead.IsMatch(again.Text.Split('\n', 2)[0]) && again.Evidence.Any(e => e.SignalId == figure.Id) ? again with { Question = answer.Question } : answer;
    }
}
