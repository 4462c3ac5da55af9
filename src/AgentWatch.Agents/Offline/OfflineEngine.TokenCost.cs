using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// What a number of tokens the question gives would cost at the models' prices ("For 10 million output tokens, what would
/// R1 and o1 each cost, and how much would I save with R1?"): each model's price per million tokens of the kind asked,
/// times the millions, and the gap between two when a saving is asked.
/// </summary>
public sealed partial class OfflineEngine
{
    private const string TokenPriceUnit = "USD/1M tokens";

    private static readonly Regex TokensGiven = new(
        @"(?<!\b(?:per|pro|a|each|every|je)\s|/\s?)(?:\b(?<n>\d+(?:[.,]\d+)?)|\b(?<one>an?|one|eine[rn]?))\s*(?<scale>billion|bn|million|mn|m|thousand|k|milliarden?|millionen|million|mio\.?|tausend)?\s+(?:(?<which>input|output|eingabe|ausgabe)[\s-]*)?tokens?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex SavingAsked = new(@"\b(?:sav(?:e|es|ed|ing|ings)|cheaper|difference|gap|(?:far|wide)\s+apart|more\s+expensive|how\s+much\s+(?:more|less)|spar\w*|günstiger|billiger|unterschied)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // ("One million input plus one million output tokens: what do R1 and o1 each cost?": counts of both kinds, priced together.)
    private static readonly Regex BothKindsGiven = new(
        @"(?<a>\d+(?:[.,]\d+)?|an?|one)\s*(?<as>billion|bn|million|mn|m|thousand|k)?\s+input(?:\s+tokens?)?\s+(?:plus|and|\+|&)\s+(?:(?<b>\d+(?:[.,]\d+)?|an?|one)\s*(?<bs>billion|bn|million|mn|m|thousand|k)?\s+)?output\s+tokens?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithTokenCostAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        if (BothKindsGiven.Match(question) is { Success: true } both) return await WithBothKindsCostAsync(answer, question, both, cancellationToken);
        if (WorkedLead.IsMatch(answer.Text.Split('\n', 2)[0]) || TokensGiven.Match(question) is not { Success: true } given) return answer;
        // ("10 million output tokens", "a billion input tokens"; "output" may be said apart from the count: "output price for 5m tokens".)
        var which = (given.Groups["which"].Success ? given.Groups["which"].Value
            : Regex.Match(question, @"\b(input|output|eingabe|ausgabe|feed\w*|send\w*|prompt\w*|read\w*|generat\w*|produc\w*|writ\w*)\b", RegexOptions.IgnoreCase).Value).ToLowerInvariant() switch
        {
            // (Tokens fed into a model are its input; tokens it generates are its output.)
            "input" or "eingabe" => "input",
            "output" or "ausgabe" => "output",
            var word when Regex.IsMatch(word, "^(generat|produc|writ)") => "output",
            var word when word.Length > 0 => "input",
            _ => null,
        };
        if (which is null) return answer;
        var count = TokenCount(given.Groups["n"], given.Groups["scale"]);
        cancellationToken.ThrowIfCancellationRequested();
        var q = parser.Parse(question);
        var models = ModelsIn(question);
        // (Every model's latest price of the kind asked; the question's models and companies pick among them.)
        var priced = LatestTokenPrices(await tools.SignalsOfKindAsync(SignalKind.Metric, null, answer.AsOf))
            .Where(m => Regex.IsMatch(m.Name, $@"\b{which}\b", RegexOptions.IgnoreCase)).ToList();
        var prices = priced
            .Where(m => q.Companies.Count == 0 && models.Count == 0 || m.Company is { } c && q.Companies.Contains(c) || ModelsIn(m.Name).Overlaps(models))
            .ToList();
        // ("… costs what, versus the Chinese upstart's?": one model set against another the question names by no name of ours
        // is set against every other model priced.)
        if (prices.Count == 1 && Regex.IsMatch(question, @"\b(vs\.?|versus|compared|against|than|each|both|beide\w*|gegenüber)\b", RegexOptions.IgnoreCase))
            prices = priced;
        if (prices.Count == 0) return answer;
        var millions = count / 1_000_000m;
        var costs = prices.Select(m => (Price: m, Cost: new Money(Math.Round(m.Value * millions, 2), "USD"))).OrderBy(x => x.Cost.Amount).ToList();
        if (costs.All(x => x.Cost.Amount == 0)) return answer;
        foreach (var (price, cost) in costs) Computed($"cost of {which} tokens", [price.Id], cost, cost);
        Derived = [.. Derived, new { computed = "millions of tokens", tokens = given.Value.Trim(), millions = Plain(millions).ToString(CultureInfo.InvariantCulture) }];
        // (The count as the question wrote it: "10 million output tokens", "5 Millionen Ausgabe-Tokens".)
        var lead = $"For {given.Value.Trim()} (worked out, price per million {which} tokens times {Plain(millions).ToString(CultureInfo.InvariantCulture)}): "
            + string.Join("; ", costs.Select(x => $"{x.Price.Name.Replace($" {which} price", "", StringComparison.OrdinalIgnoreCase)} {x.Cost.ToHuman()} ({(x.Price.Company is { } c ? Label(c) + ", " : "")}{x.Price.DescribeValue()}, {When(x.Price, answer.AsOf)})"));
        if (costs.Count == 2 && SavingAsked.IsMatch(question))
        {
            var saving = new Money(costs[1].Cost.Amount - costs[0].Cost.Amount, "USD");
            Computed("saving", costs.Select(x => x.Price.Id), saving, saving);
            lead += $"; {costs[0].Price.Name.Replace($" {which} price", "", StringComparison.OrdinalIgnoreCase)} is {saving.ToHuman()} cheaper";
        }
        return WithWorkedLead(answer, declined: DeclinedLead.IsMatch(answer.Text.Split('\n', 2)[0]), lead, prices, answer.AsOf);
    }

    private async Task<Answer> WithBothKindsCostAsync(Answer answer, string question, Match both, CancellationToken cancellationToken)
    {
        var input = TokenCount(both.Groups["a"], both.Groups["as"]);
        // ("a million input and output tokens": one count for both kinds.)
        var output = both.Groups["b"].Success ? TokenCount(both.Groups["b"], both.Groups["bs"]) : input;
        cancellationToken.ThrowIfCancellationRequested();
        var priced = LatestTokenPrices(await tools.SignalsOfKindAsync(SignalKind.Metric, null, answer.AsOf)).Where(m => ModelsIn(m.Name).Count == 1).ToList();
        var named = ModelsIn(question);
        var costs = priced.GroupBy(m => ModelsIn(m.Name).Single())
            .Where(g => named.Count < 2 || named.Contains(g.Key))
            .Select(g => (In: g.FirstOrDefault(m => PricedKind(m) == "input"), Out: g.FirstOrDefault(m => PricedKind(m) == "output"), Model: g.Key))
            .Where(x => x.In is not null && x.Out is not null)
            .Select(x => (x.In, x.Out, x.Model, Cost: new Money(Math.Round(x.In!.Value * input / 1_000_000m + x.Out!.Value * output / 1_000_000m, 2), "USD")))
            .OrderBy(x => x.Cost.Amount).ToList();
        if (costs.Count == 0) return answer;
        foreach (var x in costs) Computed("cost of input and output tokens", [x.In!.Id, x.Out!.Id], x.Cost, x.Cost);
        string Named(string model) => ModelName(model, priced, question);
        var lead = $"For {both.Value.Trim()} (worked out, each price per million tokens times the millions): "
            + string.Join("; ", costs.Select(x => $"{Named(x.Model)} {x.Cost.ToHuman()} ({PerMillion(x.In!)} a million input and {PerMillion(x.Out!)} a million output, {When(x.In!, answer.AsOf)})"));
        if (costs.Count == 2)
        {
            var gap = new Money(costs[1].Cost.Amount - costs[0].Cost.Amount, "USD");
            Computed("difference", costs.SelectMany(x => new[] { x.In!.Id, x.Out!.Id }), gap, gap);
            lead += $"; {Named(costs[0].Model)} is {gap.ToHuman()} cheaper";
        }
        return WithWorkedLead(answer, declined: WorkedLead.IsMatch(answer.Text.Split('\n', 2)[0]) || DeclinedLead.IsMatch(answer.Text.Split('\n', 2)[0]), lead, costs.SelectMany(x => new Signal[] { x.In!, x.Out! }), answer.AsOf);
    }

    /// <summary>Each model's latest price per million tokens, of either kind, among the figures given.</summary>
    private static List<Metric> LatestTokenPrices(IEnumerable<Signal> figures) =>
        figures.OfType<Metric>().Where(m => m.Unit == TokenPriceUnit).GroupBy(m => m.Name).Select(g => g.OrderByDescending(m => m.KnownOn).First()).ToList();

    /// <summary>"10 million", "1.5bn", "a million": a count of tokens as the question writes it.</summary>
    private static decimal TokenCount(Group number, Group scale) =>
        (number.Success && decimal.TryParse(number.Value.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 1m)
        * scale.Value.ToLowerInvariant().TrimEnd('.') switch
        {
            "billion" or "bn" or "milliarde" or "milliarden" => 1_000_000_000m,
            "million" or "mn" or "m" or "millionen" or "mio" => 1_000_000m,
            "thousand" or "k" or "tausend" => 1_000m,
            _ => 1m,
        };
}
