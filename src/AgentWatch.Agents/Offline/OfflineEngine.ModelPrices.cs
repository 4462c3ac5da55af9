using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// What AI models charge per million tokens, when the question asks a price and gives no count of tokens ("How much
/// does a developer save per million output tokens by using DeepSeek R1 instead of o1?", "By what percentage is R1's
/// input price below o1's?"): each model's price of the kind asked, in dollars, and between two models what the
/// question asks (the saving, how much lower in percent, one as a share or a multiple of the other), with the source's
/// own comparison beside it. A model named that no price names is said to have none.
/// </summary>
public sealed partial class OfflineEngine
{
    private static readonly Regex PriceAsked = new(
        @"\b(?:pric\w*|costs?|costing|charg\w*|cheap\w*|dear\w*|expensiv\w*|sav(?:e|es|ed|ing|ings)|pay|kost\w*|preis\w*|günstig\w*|billig\w*|teur\w*)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("What did it cost DeepSeek to get to R1-level performance?": what building a model cost is no price of its use.)
    private static readonly Regex BuildingCost = new(@"\b(?:develop(?:s|ed|ing|ment)?\b|train(?:s|ed|ing)?\b|build\w*|reach\w*|get\s+to|[\w-]*level|entwickl\w*|employees?|staff\w*|headcount|mitarbeiter\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex PercentLowerAsked = new(
        @"\b(?:by\s+what\s+(?:percent(?:age)?|%)|what\s+percent(?:age)?\s+(?:cheaper|less|lower|below)|how\s+many\s+percent|in\s+percent|(?:percent|%)\s+(?:cheaper|less|lower|below)|um\s+wie\s+viel\s+prozent)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex PriceShareAsked = new(@"\b(?:what\s+(?:share|percentage|fraction|proportion)|as\s+a\s+(?:share|percentage|fraction)|welche[nrs]?\s+anteil|wie\s+viel\s+prozent\s+(?:von|des|der))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    // ("How many million R1 output tokens can I buy for the price of one million o1 output tokens?": a multiple asked as a count.)
    private static readonly Regex CountForPriceAsked = new(@"\bhow\s+many\b[^?]*\bfor\s+(?:the\s+(?:price|cost)|what)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex OtherCurrencyAsked = new(@"\b(?:in\s+(?:euros?|yuan|renminbi|rmb|pounds?|yen)|into\s+(?:euros?|yuan|renminbi|rmb|pounds?|yen)|in\s+euro)\b|€", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private async Task<Answer> WithModelPricesAsync(Answer answer, string question, CancellationToken cancellationToken)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        // ("R1 vs o1 input price per 1M tokens - what's the gap?", "how many times cheaper is R1?": a gap or a multiple of two
        // prices worked as bare metrics is said again in dollars.)
        var pricesWorkedBare = (firstLine.StartsWith("Difference:", StringComparison.Ordinal) || Regex.IsMatch(firstLine, @"^About [\d.]+ times\b"))
            && firstLine.Contains("USD/1M tokens", StringComparison.Ordinal);
        if (WorkedLead.IsMatch(firstLine) && !pricesWorkedBare || TokensGiven.IsMatch(question) || !PriceAsked.IsMatch(question) || BuildingCost.IsMatch(question)) return answer;
        var named = ModelsIn(question);
        var tokens = Regex.IsMatch(question, @"\btokens?\b|\bapi\b", RegexOptions.IgnoreCase);
        if (named.Count == 0 && !tokens) return answer;
        cancellationToken.ThrowIfCancellationRequested();
        var metrics = (await tools.SignalsOfKindAsync(SignalKind.Metric, null, answer.AsOf)).OfType<Metric>().ToList();
        var priced = LatestTokenPrices(metrics).Where(m => ModelsIn(m.Name).Count == 1).ToList();
        var models = priced.Select(m => ModelsIn(m.Name).Single()).Distinct().Order(StringComparer.Ordinal).ToList();
        if (models.Count == 0) return answer;
        // ("What does DeepSeek V3 cost per million tokens through the API?": a model no price names has none here.)
        if (named.Count > 0 && !named.Overlaps(models))
            return NotAnswered(question, answer.Companies, answer.AsOf,
                $"I have no price for {string.Join(" or ", named.Select(Named))}{AsOfClause(answer.AsOf)}; the token prices I have are for "
                + string.Join(" and ", models.Select(Named)) + ", which are other models.");
        string Named(string model) => ModelName(model, priced, question);
        var asked = named.Where(models.Contains).Order(StringComparer.Ordinal).ToList();
        // (One model set against another the question names by no name of ours, or none named beside "tokens": every model priced.)
        if (asked.Count < 2 && (asked.Count == 0 || SavingAsked.IsMatch(question) || PercentLowerAsked.IsMatch(question) || PriceShareAsked.IsMatch(question)
                || Regex.IsMatch(question, @"\b(vs\.?|versus|compared?|against|than|relative|instead|switch\w*|each|both|beide\w*|gegenüber|vergleich\w*)\b", RegexOptions.IgnoreCase)))
            asked = models;
        // (Both kinds when the question names both or neither.)
        var said = Regex.Matches(question, @"\b(input|output|eingabe|ausgabe)", RegexOptions.IgnoreCase)
            .Select(w => w.Value.ToLowerInvariant() is "input" or "eingabe" ? "input" : "output").Distinct().ToList();
        string[] kinds = said is [var one] ? [one] : ["input", "output"];
        Metric? Price(string model, string kind) => priced.FirstOrDefault(m => ModelsIn(m.Name).Contains(model) && PricedKind(m) == kind);
        var used = new List<Signal>();
        var parts = new List<string>();
        if (asked is [var only] && kinds.Length == 2 && QuestionParser.AsksRatio(question) && Price(only, "input") is { Value: > 0 } input && Price(only, "output") is { } output)
        {
            // ("For OpenAI's o1, how many times the input price is the output price?": one model's two prices set against each other.)
            var times = Math.Round(output.Value / input.Value, 1);
            Derived = [.. Derived, new { computed = "output price over input price", of = new[] { output.Id, input.Id }, times = Plain(times).ToString(System.Globalization.CultureInfo.InvariantCulture) }];
            parts.Add($"{Named(only)}'s output price is {TimesRecorded(times, output.Value / input.Value)} its input price (worked out: {PerMillion(output)} against {PerMillion(input)} per million tokens)");
            used.AddRange([input, output]);
        }
        else
        {
            foreach (var kind in kinds)
            {
                var rows = asked.Select(model => Price(model, kind)).OfType<Metric>().OrderBy(m => m.Value).ToList();
                if (rows.Count == 0) continue;
                used.AddRange(rows);
                var line = $"per million {kind} tokens: " + string.Join(", ", rows.Select(m => $"{Named(ModelsIn(m.Name).Single())} {PerMillion(m)}"));
                if (rows is [var low, var high] && low.Value > 0 && high.Value > low.Value) line += " (" + Between(low, high, kind) + ")";
                parts.Add(line);
            }
        }
        if (parts.Count == 0) return answer;
        // (The source's own comparison of the two models, beside the one worked from their prices.)
        if (asked.Count == 2 && metrics.FirstOrDefault(m => m.Unit == "percent" && ModelsIn(m.Name).SetEquals(asked)) is { } relative)
        {
            parts.Add($"the source puts it as {relative.DescribeValue()} ({When(relative, answer.AsOf)})");
            used.Add(relative);
        }
        if (OtherCurrencyAsked.IsMatch(question)) parts.Add("these prices are in US dollars; I have no exchange rate to convert them");
        var lead = Capitalise(string.Join("; ", parts));
        return WithWorkedLead(answer, declined: pricesWorkedBare || firstLine.StartsWith("I have no", StringComparison.Ordinal) || DeclinedLead.IsMatch(firstLine), lead, used, answer.AsOf);

        string Between(Metric low, Metric high, string kind)
        {
            var (cheap, dear) = (Named(ModelsIn(low.Name).Single()), Named(ModelsIn(high.Name).Single()));
            var saving = new Money(high.Value - low.Value, "USD");
            var lowerExact = (high.Value - low.Value) / high.Value * 100;
            var lower = Math.Round(lowerExact, 1);
            var shareExact = low.Value / high.Value * 100;
            var share = Math.Round(shareExact, 1);
            var times = Math.Round(high.Value / low.Value, 1);
            Computed($"saving per million {kind} tokens", [low.Id, high.Id], saving, saving);
            Derived = [.. Derived, new { computed = $"{kind} prices set against each other", of = new[] { low.Id, high.Id }, lower = Percent(Plain(lower)), share = Percent(Plain(share)), times = Plain(times).ToString(System.Globalization.CultureInfo.InvariantCulture) }];
            var worked = new List<string>();
            if (SavingAsked.IsMatch(question) || QuestionParser.AsksDifference(question)) worked.Add($"{cheap} is {saving.ToHuman()} cheaper");
            if (PercentLowerAsked.IsMatch(question)) worked.Add($"{cheap}'s is {PercentRecorded(Plain(lower), lowerExact)} lower");
            if (PriceShareAsked.IsMatch(question)) worked.Add($"{cheap}'s is {PercentRecorded(Plain(share), shareExact)} of {dear}'s");
            // ("How much cheaper is R1 than o1?": said in dollars or as a multiple alike, so both, unless dollars are asked.)
            var timesAsked = QuestionParser.AsksRatio(question) || CountForPriceAsked.IsMatch(question)
                || Regex.IsMatch(question, @"\bhow much (cheaper|more expensive|less expensive|pricier|dearer|costlier)\b", RegexOptions.IgnoreCase)
                    && !Regex.IsMatch(question, @"\bin (dollars|\$|usd|dollar terms|cents)\b|\bhow many dollars\b", RegexOptions.IgnoreCase);
            // (Asked nothing in particular, the two are set side by side as a multiple and a saving.)
            var nothingAsked = worked.Count == 0 && !timesAsked;
            if (timesAsked || nothingAsked) worked.Add($"{dear}'s is {TimesRecorded(times, high.Value / low.Value)} {cheap}'s");
            if (nothingAsked) worked.Add($"{cheap} is {saving.ToHuman()} cheaper");
            return "worked out: " + string.Join(", ", worked);
        }
    }

    /// <summary>"DeepSeek R1": a model as its price names it, after its maker; one no price names as the question wrote it.</summary>
    private string ModelName(string model, IEnumerable<Metric> priced, string question) =>
        priced.FirstOrDefault(m => ModelsIn(m.Name).Contains(model)) is { } m
            ? $"{(m.Company is { } c ? Name(c) + " " : "")}{Regex.Replace(m.Name, @"\s+(?:input|output)\s+price$", "", RegexOptions.IgnoreCase)}"
            : Regex.Matches(question, @"\b[\w.-]+\b").Select(w => w.Value).FirstOrDefault(w => ModelsIn(w).Contains(model)) ?? model;

    private static string PricedKind(Metric m) => Regex.IsMatch(m.Name, @"\boutput\b", RegexOptions.IgnoreCase) ? "output" : "input";

    private static string PerMillion(Metric m) => new Money(m.Value, "USD").ToHuman();
}
