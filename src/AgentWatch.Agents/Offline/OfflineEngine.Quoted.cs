using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// Figures the question itself quotes ("Nvidia lost $350bn in a single day?", "Scion's $912m put was on Nvidia?"): a
/// user who quotes a figure wants to know what it is, and a premise that is slightly wrong (another day, another
/// company, another year) is only put right by showing the figure as the data has it.
/// </summary>
public sealed partial class OfflineEngine
{
    private enum QuotedUnit { Money, Percent, Multiple, Gigawatt }

    private sealed record Quoted(string Written, QuotedUnit Unit, decimal Value, string? Currency, int At);

    private static readonly Regex QuotedMoney = new(
        @"(?<cur>[$€£]|\b(?:usd|us\$|eur|cny|rmb)\s?)?(?<n>\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?)(?:\s|-(?=[a-z]))?(?<scale>trillion|tn|billion|bn|mrd\.?|milliarden|b|million|millionen|mn|mio\.?|m)(?![a-zäöü])(?:\s?(?<after>(?:us[- ]?)?dollars?|euros?|yuan|renminbi)\b)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex QuotedPercent = new(@"(?<![\d.])(?<n>\d+(?:[.,]\d+)?)\s?(?:%|percent\b|prozent\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex QuotedMultiple = new(@"(?<![\w.])(?<n>\d+(?:\.\d+)?)\s?x\b|\bp/?e (?:of |ratio of |von )?(?<n>\d+(?:\.\d+)?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex QuotedGigawatt = new(@"(?<![\w.])(?<n>\d+(?:\.\d+)?)\s?gw\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // How values are printed (Money.ToHuman, the signal printers): "$13.16 billion", "CNY 40 billion", "+374 %", "P/E 313", "5 GW".
    private static readonly Regex PrintedMoney = new(@"(?<cur>\$|€|£|[A-Z]{3} )(?<n>\d[\d,]*(?:\.\d+)?)(?: (?<scale>thousand|million|billion|trillion))?", RegexOptions.CultureInvariant);

    /// <summary>The currency and amount a <see cref="PrintedMoney"/> match says ("$14.8 billion" is USD 14,800,000,000).</summary>
    private static (string Currency, decimal Amount) PrintedAmount(Match printed) => (
        printed.Groups["cur"].Value.Trim() switch { "$" => "USD", "€" => "EUR", "£" => "GBP", var code => code },
        decimal.Parse(printed.Groups["n"].Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture)
            * printed.Groups["scale"].Value switch { "trillion" => 1_000_000_000_000m, "billion" => 1_000_000_000m, "million" => 1_000_000m, "thousand" => 1_000m, _ => 1m });
    private static readonly Regex PrintedPercent = new(@"(?<n>\d+(?:\.\d+)?) %", RegexOptions.CultureInvariant);
    private static readonly Regex PrintedMultiple = new(@"\bP/E (?<n>\d+(?:\.\d+)?)\b|(?<n>\d+(?:\.\d+)?) times\b", RegexOptions.CultureInvariant);
    private static readonly Regex PrintedGigawatt = new(@"(?<n>\d+(?:\.\d+)?) GW\b", RegexOptions.CultureInvariant);

    /// <summary>The figures a question quotes, as numbers with their unit.</summary>
    private static IReadOnlyList<Quoted> QuotedFigures(string question)
    {
        var found = new List<Quoted>();
        foreach (Match m in QuotedMoney.Matches(question))
        {
            // A bare "m" or "b" after a number is money only with a currency sign before it ("$912m", not "5m shares").
            var scaleWord = m.Groups["scale"].Value.ToLowerInvariant().TrimEnd('.');
            if (scaleWord is "m" or "b" && !m.Groups["cur"].Success && !m.Groups["after"].Success) continue;
            if (Number(m.Groups["n"].Value) is not { } n) continue;
            var scale = scaleWord switch
            {
                "trillion" or "tn" => 1_000_000_000_000m,
                "billion" or "bn" or "b" or "mrd" or "milliarden" => 1_000_000_000m,
                _ => 1_000_000m,
            };
            // ("800 Mrd. Dollar", "800 billion dollars": the currency named after the amount.)
            var currency = (m.Groups["cur"].Success ? m.Groups["cur"].Value.Trim() : m.Groups["after"].Value).ToLowerInvariant() switch
            {
                "$" or "usd" or "us$" or "dollar" or "dollars" or "us-dollar" or "us dollar" or "usdollar" => "USD",
                "€" or "eur" or "euro" or "euros" => "EUR",
                "£" => "GBP",
                "cny" or "rmb" or "yuan" or "renminbi" => "CNY",
                _ => null,
            };
            // ("$66-72bn": the ends of a range the question sets out are its own framing, not a figure to place.)
            if (m.Index >= 2 && question[m.Index - 1] is '-' or '–' && char.IsDigit(question[m.Index - 2])) continue;
            found.Add(new Quoted(m.Value.Trim(), QuotedUnit.Money, n * scale, currency, m.Index));
        }
        foreach (Match m in QuotedPercent.Matches(question))
            if (Number(m.Groups["n"].Value) is { } n) found.Add(new Quoted(m.Value.Trim(), QuotedUnit.Percent, n, null, m.Index));
        foreach (Match m in QuotedMultiple.Matches(question))
            if (Number(m.Groups["n"].Value) is { } n) found.Add(new Quoted(m.Value.Trim(), QuotedUnit.Multiple, n, null, m.Index));
        foreach (Match m in QuotedGigawatt.Matches(question))
            if (Number(m.Groups["n"].Value) is { } n) found.Add(new Quoted(m.Value.Trim(), QuotedUnit.Gigawatt, n, null, m.Index));
        return found;

        // "14,8" is German for 14.8; "1,000" is a thousand.
        static decimal? Number(string text)
        {
            var normal = Regex.IsMatch(text, @"^\d{1,3}(,\d{3})+$") ? text.Replace(",", "") : text.Replace(',', '.');
            return decimal.TryParse(normal, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;
        }
    }

    private static readonly Regex BoundWords = new(@"\b(?:(?<above>more than|over|above|at least|in excess of|upwards of|north of|exceeding|greater than|bigger than|larger than|mehr als|über|ueber)|(?<below>less than|under|below|smaller than|weniger als|unter))\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// An amount the question sets as a bound ("lost more than $200 billion", "valued at $100bn or more"), which side of
    /// it is asked, and whether the bound itself counts.
    /// </summary>
    private static (Quoted Figure, bool Above, bool Inclusive)? Bound(string question, QuotedUnit unit = QuotedUnit.Money)
    {
        foreach (var figure in QuotedFigures(question).Where(f => f.Unit == unit))
        {
            if (BoundWords.Match(question[..figure.At]) is { Success: true } said)
                return (figure, said.Groups["above"].Success, Regex.IsMatch(said.Value, @"\bat least\b", RegexOptions.IgnoreCase));
            if (Regex.Match(question[Math.Min(question.Length, figure.At + figure.Written.Length)..], @"^\s*(?:(?<above>or more|or above|or higher|and up|and above|oder mehr)|(?<below>or less|or below|or lower|oder weniger))\b", RegexOptions.IgnoreCase) is { Success: true } after)
                return (figure, after.Groups["above"].Success, true);
        }
        return null;
    }

    /// <summary>The bound as the answer says it: "more than $200bn", "at least $100bn".</summary>
    private static string BoundPhrase((Quoted Figure, bool Above, bool Inclusive) bound) =>
        $"{(bound.Above ? bound.Inclusive ? "at least" : "more than" : bound.Inclusive ? "at most" : "less than")} {bound.Figure.Written}";

    /// <summary>Whether an amount is on the asked side of a bound.</summary>
    private static bool Beyond(decimal amount, (Quoted Figure, bool Above, bool Inclusive) bound) =>
        bound.Above ? amount > bound.Figure.Value || bound.Inclusive && amount == bound.Figure.Value
            : amount < bound.Figure.Value || bound.Inclusive && amount == bound.Figure.Value;

    /// <summary>Whether a signal, as printed, carries the figure quoted (to the precision the question wrote it in).</summary>
    private static bool Carries(Signal signal, Quoted quoted, DateOnly? asOf)
    {
        var printed = signal.DescribeValueWithQualifier(asOf);
        return quoted.Unit switch
        {
            QuotedUnit.Money => PrintedMoney.Matches(printed).Select(PrintedAmount).Any(m =>
                (quoted.Currency is null || m.Currency == quoted.Currency) && Close(m.Amount, quoted.Value)),
            QuotedUnit.Percent => PrintedPercent.Matches(printed).Any(m => decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) == quoted.Value),
            QuotedUnit.Multiple => PrintedMultiple.Matches(printed).Any(m => decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) == quoted.Value),
            QuotedUnit.Gigawatt => PrintedGigawatt.Matches(printed).Any(m => decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) == quoted.Value),
            _ => false,
        };

        // "$14.8bn" is $14.8 billion; "$1bn" is about $1 billion, not $1.1 billion.
        static bool Close(decimal a, decimal b) => b != 0 && Math.Abs(a - b) / Math.Abs(b) < 0.005m;
    }

    // A sentence ends at a stop, a question or an exclamation mark before a space ("$14.8bn." ends one, "14.8" does not).
    private static readonly Regex Sentence = new(@"\S.*?(?:[.?!](?=\s|$)|$)", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    private static readonly Regex AsksWhat = new(@"\b(what|how|which|who|whom|whose|when|where|why|wie|welche\w*|wer|wann|warum|wieso|weshalb|wieviel\w*)\b|^\W*(was|wo)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ChecksThat = new(@"^\W*((is|was|are|were|does|did|has|have|ist|war|stimmt)\b.*\b(that|this|it|das|dies|es)\b|.*\b(true|right|correct|actually|really|stimmt|wirklich|richtig)\b|.*\bwhat (does|do) (the data|your data|you)( \w+)? (say|show|have)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// Whether the figure at <paramref name="at"/> is asked about: null when it only sets the scene for a question
    /// about something else ("OpenAI's at about $100bn. What is DeepSeek valued at?"); true when the question only
    /// checks it ("Nvidia lost $350bn in a single day?", "I read Scion's $912m put was on Nvidia. Is that right?"),
    /// false when it is part of a question that asks for more.
    /// </summary>
    private static bool? Questioned(string question, int at)
    {
        var sentences = Sentence.Matches(question);
        for (var i = 0; i < sentences.Count; i++)
        {
            if (at < sentences[i].Index || at >= sentences[i].Index + sentences[i].Length) continue;
            if (sentences[i].Value.TrimEnd().EndsWith('?')) return !AsksWhat.IsMatch(sentences[i].Value);
            return i + 1 < sentences.Count && ChecksThat.IsMatch(sentences[i + 1].Value) ? true : null;
        }
        return null;
    }

    /// <summary>
    /// The answer with, after it, where each figure the question quotes comes from when the answer does not already
    /// show it: among the figures of the companies and filers named, else the market's.
    /// </summary>
    private async Task<Answer> WithQuotedFiguresAsync(Answer answer, string question)
    {
        var bound = Bound(question);
        var quoted = QuotedFigures(question).Where(f => f != bound?.Figure || !Regex.IsMatch(question, @"^\W*(which|who|welche\w*|wer)\b", RegexOptions.IgnoreCase))
            .Select(f => (Figure: f, Asked: Questioned(question, f.At))).Where(x => x.Asked is not null).ToList();
        if (quoted.Count == 0) return answer;
        var premiseChecked = false;
        var q = parser.Parse(question);
        var asOf = answer.AsOf;
        // (The reads do not depend on each other, so they go out together.)
        var reads = q.Companies.SelectMany(c => new[] { tools.SignalsAsync(c, null, null, asOf, latestOnly: false), tools.PositionsOnAsync(c, asOf) })
            .Concat(q.Filers.Select(async f => (await tools.PositionsByFilerAsync(f, asOf)).Positions));
        var own = (await Task.WhenAll(reads)).SelectMany(x => x).DistinctBy(s => s.Id).ToList();
        List<Signal>? market = null;
        var shown = answer.Evidence.Select(e => e.SignalId).ToHashSet(StringComparer.Ordinal);
        var added = new AnswerBuilder(asOf);
        var firstLine = answer.Text.Split('\n', 2)[0];
        foreach (var (figure, asked) in quoted)
        {
            // (A claimed amount already set against the data's figure is no figure of the data's.)
            if (firstLine.StartsWith($"The {figure.Written} in the question is ", StringComparison.Ordinal)) continue;
            var carrying = own.Where(s => Carries(s, figure, asOf)).ToList();
            // (Only a question naming no one looks among the market's figures: a company's figure that is not there is
            // no market total that happens to be as large.)
            if (carrying.Count == 0 && q.Filers.Count == 0 && q.Companies.Count == 0)
            {
                market ??= (await tools.MarketSignalsAsync(null, null, asOf)).Where(s => s.Company is null).ToList();
                carrying = market.Where(s => Carries(s, figure, asOf)).ToList();
            }
            // A figure the answer already rests on needs no pointing out; one that many figures carry says nothing.
            if (carrying.Count is 0 or > 3 || carrying.Any(s => shown.Contains(s.Id))) continue;
            added.Note($"The {figure.Written} in the question is:");
            // ("Tencent's capex was $10.7bn in 2025 — how much did that rise?": the figure asked about is of another year,
            // which answers the question as far as it can be answered.)
            premiseChecked |= asked == true || q.Years.Count > 0 && carrying.Any(s => q.Kinds.Contains(s.Kind) && !q.Years.Any(y => Covers(s, y, q.Calendar)));
            foreach (var s in carrying)
            {
                added.Line(s, Described(s, asOf, s is FinancingDeal d && tools.Directory.IsKnown(d.Investor) ? Label(d.Investor) : null));
                shown.Add(s.Id);
            }
        }
        if (added.Evidence.Count == 0) return answer;
        return answer with
        {
            Text = answer.Text.TrimEnd() + Environment.NewLine + Environment.NewLine + added.Text.TrimEnd(),
            // "CoreWeave is targeting 5 GW by 2028?": showing what the 5 GW is answers a question that only checks it.
            // ("Is Microsoft's FY2026 capex higher than Amazon's $200bn?": not a yes or no that a side with no figure left
            // undecided.)
            Answered = answer.Answered || premiseChecked && !answer.Text.StartsWith(NoComparison, StringComparison.Ordinal),
            Evidence = [.. answer.Evidence, .. added.Evidence],
        };
    }
}
