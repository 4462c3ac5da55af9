using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// A price of one thing the data holds no amount for: "What does a Blackwell chip cost?", "How many Project Kuiper
/// satellites will Amazon's 2026 budget pay for?". The budget or the chip's news is there, but no amount names one
/// chip or one satellite, so the answer says that plainly instead of offering the budget as if it answered.
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex OneOfItPriced = new(
        @"\b(?:what\s+(?:does|do|did|would|will)\s+(?:a|an|one|each|a\s+single)\s+(?<thing>[^?]{1,40}?)\s+cost|(?:price|cost)\s+(?:of|for|per)\s+(?:a|an|one|each|a\s+single)\s+(?<thing>[^?]{1,40}?)(?=\s*(?:\?|$|,|\bin\b|\bis\b|\bwas\b))|how\s+much\s+(?:does|do|is|are|would)\s+(?:a|an|one|each|a\s+single)\s+(?<thing>[^?]{1,40}?)\s+(?:cost|go\s+for|sell\s+for))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ManyPaidFor = new(
        @"\bhow\s+many\s+(?<thing>(?:[\w'’-]+\s+){0,3}?(?<noun>[a-z-]+s))\s+(?:would|could|can|will|might|does|do)\b[^?]*\b(?:pay\s+for|fund|finance|buy|cover|afford)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // (Counted in years, budgets, plans or deals, the other side is a figure the data may hold: that is a multiple.)
    private static readonly Regex CountedFigure = new(@"^(?:years|quarters|months|weeks|days|times|budgets|plans|deals|investments|rounds|stakes|bills|payments|programs|programmes|campuses|builds|buildouts|guidances|ones)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithUnpricedAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        if (WorkedLead.IsMatch(firstLine) || !answer.Answered) return answer;
        string? thing = null, noun = null;
        if (ManyPaidFor.Match(question) is { Success: true } many && !CountedFigure.IsMatch(many.Groups["noun"].Value))
            (thing, noun) = (many.Groups["thing"].Value.Trim(), many.Groups["noun"].Value);
        else if (OneOfItPriced.Match(question) is { Success: true } one && (ChipsIn(one.Groups["thing"].Value).Count > 0 || Regex.IsMatch(one.Groups["thing"].Value, @"\b(?:chip|gpu|accelerator|satellite|server|rack|fab|data[\s-]?cent(?:er|re))s?\b", RegexOptions.IgnoreCase)))
            (thing, noun) = (one.Groups["thing"].Value.Trim(), Regex.Match(one.Groups["thing"].Value, @"[\w-]+$").Value);
        if (thing is null || noun is null || noun.Length < 3) return answer;
        // ("fabs" is a "fab", "H20 chips" an "h20"; an amount whose words name one is the price asked.)
        var stem = noun.ToLowerInvariant() is var n && n.EndsWith("ies", StringComparison.Ordinal) ? n[..^3] + "y" : n.TrimEnd('s');
        var names = ChipsIn(thing) is { Count: > 0 } chips ? chips.ToList() : [stem];
        cancellationToken.ThrowIfCancellationRequested();
        var companies = parser.Parse(question).Companies;
        var pool = (await Task.WhenAll(companies.Select(c => tools.SignalsAsync(c, null, null, answer.AsOf)).Append(tools.MarketSignalsAsync(null, null, answer.AsOf))))
            .SelectMany(x => x).ToList();
        if (pool.Any(s => IsMoney(s) && Regex.IsMatch($"{s.DescribeValue()} {s.Note}", $@"\b{Regex.Escape(stem)}", RegexOptions.IgnoreCase) && names.All(name => $"{s.DescribeValue()} {s.Note}".Contains(name, StringComparison.OrdinalIgnoreCase)))) return answer;
        return NotAnswered(question, answer.Companies, answer.AsOf,
            $"I have no price for one {Regex.Replace(Regex.Replace(thing, @"^(?:single|individual)\s+", "", RegexOptions.IgnoreCase), @"[\w-]+$", stem)}{AsOfClause(answer.AsOf)}, so I cannot say what one costs or count how many an amount would pay for. What I have on it: "
            + firstLine.TrimEnd('.') + ".") with { Evidence = answer.Evidence };
    }
}
