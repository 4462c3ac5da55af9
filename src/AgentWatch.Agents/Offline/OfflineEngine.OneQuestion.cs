using System.Text.RegularExpressions;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

public sealed partial class OfflineEngine
{
    /// <summary>
    /// Whether the parts a question splits into are one question: a last part that only works out, sets against each
    /// other or refers back to the figures of the parts before it (each shape with its example below) is answered with
    /// them, not on its own.
    /// </summary>
    private bool PartsAreOneQuestion(string question, List<string> parts, ParsedQuestion first)
    {
        // "… vs the $118bn they'd guided? what's the overshoot": a last part asking only for the gap, the sum or the
        // midpoint of what came before is one question with it.
        // ("… vs the $118bn it planned for 2025: increase in dollars and percent?", "… how many times its revenue is that":
        // a last part whose only kinds are the first part's sets its figures against each other too.)
        // ("…, and how big is the jump in dollars?", "…: what's the percentage jump?": a jump asked of figures that are no
        // moves is their gap or their change, not a share move.)
        if (parser.Parse(parts[^1]) is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0 } lastPart
            && (lastPart.Kinds.All(k => SameKindFamily(k, first.Kinds)) || lastPart.Kinds.All(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove) && (QuestionParser.AsksDifference(parts[^1]) || QuestionParser.AsksPercentChange(parts[^1]))
                && first.Kinds.Count > 0 && !(parser.Parse(question).Kinds.Any(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove)
                    && Regex.IsMatch(question, @"\b(shares?|stocks?|market (cap|value)|kurs|aktien?|börsenwert)\b", RegexOptions.IgnoreCase)))
            // ("What share of ByteDance's budget goes to domestic chips, and how much is left after that?": so does what is left.)
            && (QuestionParser.AsksDifference(parts[^1]) || QuestionParser.AsksDifference(question) && !QuestionParser.AsksDifference(parts[0]) || QuestionParser.AsksTotal(parts[^1])
                || LeftAsked.IsMatch(parts[^1]) && Regex.IsMatch(parts[^1], @"\bhow much\b", RegexOptions.IgnoreCase) && SharePart.IsMatch(parts[0]) || QuestionParser.AsksPercentChange(parts[^1]) || (MidpointAsked.IsMatch(parts[^1]) || RangeWidthAsked.IsMatch(parts[^1])) && lastPart.Years.Count == 0
                // ("CoreWeave wants 5 GW by 2030. How many gigawatts a year is that?": a figure quoted, then taken a year at a time.)
                // ("Wie viel steckt Micron in die Fabrik in Singapur, und wie viel wäre das im Schnitt pro Geschäftsjahr?": or a
                // plan or spending the first part asks for.)
                || Regex.IsMatch(parts[^1], @"\b(a|per|each|every|pro|je) (fiscal )?(year|yr|jahr|geschäftsjahr)\b.*\b(that|this|it|das|dies)\b|\b(that|this|it|das|dies)\b.*\b(a|per|each|every|pro|je) (fiscal )?(year|yr|jahr|geschäftsjahr)\b", RegexOptions.IgnoreCase) && lastPart.Years.Count == 0
                    && (QuotedFigures(parts[0]).Count > 0 || first.Kinds.Any(k => k is SignalKind.InvestmentPlan or SignalKind.CapexGuidance or SignalKind.Capex or SignalKind.CapacityPlan))
                // ("ASML Q4 order intake, and what does nearly double expectations imply consensus was?")
                || ExpectationAsked.IsMatch(parts[^1]) && lastPart.Kinds.Count == 0 && lastPart.Years.Count == 0
                // ("AWS Q4 revenue and growth? and what does that imply for the year-ago quarter?")
                || YearAgoAsked.IsMatch(parts[^1]) && lastPart.Kinds.Count == 0
                // ("… and how fast did it grow? And what does that imply for Q4 2024?": the year before the first part's, named.)
                || Regex.IsMatch(parts[^1], @"\bimpl(y|ies|ied)\b", RegexOptions.IgnoreCase) && lastPart is { Kinds.Count: 0, Years: [var yearBefore] } && first.Years.Contains(yearBefore + 1)
                // ("… in yuan, and what is that in US dollars by the article's conversion?")
                || InDollars.IsMatch(parts[^1]) && lastPart.Kinds.Count == 0 && lastPart.Years.Count == 0 && Regex.IsMatch(parts[0], @"\b(yuan|renminbi|rmb|cny|euros?|eur)\b|€", RegexOptions.IgnoreCase)
                // ("How many employees does DeepSeek have compared with OpenAI, and what's the ratio?": a bare ratio is the two's.)
                || QuestionParser.AsksRatio(parts[^1]) && (Regex.IsMatch(parts[^1], @"\b((between|of) (the two|them|both)|that|this)\b|\bthe (ratio|multiple)\s*\??\s*$", RegexOptions.IgnoreCase)
                    // ("the week's loss and the day's drop, combined, and how many times larger was the weekly loss?")
                    || first.Sum || QuestionParser.AsksTotal(parts[0]))) && first.Companies.Count > 0)
            return true;
        // ("Altman's outfit vs DeepSeek: headcount of each, and how many times bigger is OpenAI's?": a last part asking how
        // many times one of the companies set side by side has the other's figure is one question with it; so is "PLTR vs
        // NVDA P/E, and how many times richer is Palantir?", which names no figure of its own.)
        if (parts.Count == 2 && first.Companies.Count == 2 && first.Kinds.Count > 0 && QuestionParser.AsksRatio(parts[^1])
            && parser.Parse(parts[^1]) is { Filers.Count: 0, Group.Count: 0, Companies: [var timesOf] } ratioPart && first.Companies.Contains(timesOf)
            && ratioPart.Kinds.All(k => SameKindFamily(k, first.Kinds)) && (Regex.IsMatch(parts[^1], @"['’]s\s*\??\s*$") || ratioPart.Kinds.Count == 0))
            return true;
        // ("What Nvidia and Microsoft put into OpenAI: the total of both, and how many times Microsoft's stake Nvidia's is":
        // a ratio asked of the companies a total was asked of is one question with it.)
        // ("the combined 2026 capex of AMZN, GOOGL and META, and what share is Amazon's?": so is a share asked of one of them.)
        if (parts.Count == 2 && (first.Sum || QuestionParser.AsksTotal(parts[0]) || QuestionParser.AsksTotal(question)) && (QuestionParser.AsksRatio(parts[^1]) || SharePart.IsMatch(parts[^1]))
            && parser.Parse(parts[^1]) is { Filers.Count: 0, Companies.Count: > 0 } timesPart && timesPart.Companies.All(first.Companies.Contains))
            return true;
        // ("ChatGPT vs Gemini market share: how many times larger is ChatGPT's, and what do the two hold together?": a last
        // part asking the total of the two set against each other before it is one question with it.)
        if (parts.Count == 2 && first.Companies.Count == 2 && (QuestionParser.AsksRatio(parts[0]) || QuestionParser.AsksDifference(parts[0]))
            && parser.Parse(parts[^1]) is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0 }
            && Regex.IsMatch(parts[^1], @"\b(together|combined|in total|between them|the two|both|zusammen|gemeinsam)\b", RegexOptions.IgnoreCase) && (QuestionParser.AsksTotal(parts[^1]) || Regex.IsMatch(parts[^1], @"\b(together|combined|zusammen|gemeinsam)\b", RegexOptions.IgnoreCase)))
            return true;
        // ("What does OpenAI pay Oracle a year, and how many times its own revenue is that?": a last part naming no one
        // that sets "that" against another of the first part's company's figures is one question with it.)
        // ("Nvidia lost how much that week, and what share was that of the eight leaders' total?", "Bain's revenue need,
        // and how many times OpenAI's revenue is that?": a last part setting "that" against a market figure, or the
        // market's figure before it against a company's, is one question too.)
        var gapToAnother = QuestionParser.AsksDifference(parts[^1]) && Regex.IsMatch(parts[^1], @"\b(than|als)\b", RegexOptions.IgnoreCase);
        if (parts.Count == 2 && (QuestionParser.AsksRatio(parts[^1]) || SharePart.IsMatch(parts[^1]) || gapToAnother || Regex.IsMatch(parts[^1], @"\bimpl(y|ies|ied)\b", RegexOptions.IgnoreCase))
            && Regex.IsMatch(parts[^1], @"(\b(is|was|are|were)|['’]s) (that|this|it)\b|\b(that|this) (is|was|makes|comes to|represents?|account\w*)\b|\b(that|this|it) (one )?(quarter|year|week|day)?\s*\??\s*$|\b(that|this|it) (equals|equal|matches|covers|represents|amounts to|comes to)\s*\??\s*$|\b(ist|war|sind|waren|wäre|waere|wären|waeren) (das|dies)\b|\b(das|dies) (ist|war|macht|wäre|waere)\b|\bof (the|its|their) [$€~]\s?\d|\b(does|would) (that|this) imply\b|\b(welche[rn]?) anteil davon\b|\bhow (does|did|do) (that|this|it) compare\b|\bhow many times (that|this)\b", RegexOptions.IgnoreCase)
            && parser.Parse(parts[^1]) is { Filers.Count: 0 } referring && (referring.Group.Count == 0 || MarketWhole.IsMatch(parts[^1]))
            && (referring.Companies.Count == 0 && (first.Companies.Count > 0 ? QuestionParser.AsksRatio(parts[^1]) || MarketWhole.IsMatch(parts[^1]) || ShareOfAsked.IsMatch(parts[^1]) : MarketWhole.IsMatch(question) || first is { MarketWide: true, Filers.Count: 0 })
                || referring.Companies.Count == 1 && first.Companies.Count == 0 && first.Filers.Count == 0
                // ("How much does OpenAI pay Oracle per year, and how many times OpenAI's revenue is that?": a company the
                // first part named, whose other figure "that" is set against.)
                || referring.Companies.Count == 1 && first.Companies.Count > 1 && first.Companies.Contains(referring.Companies[0]) && QuestionParser.AsksRatio(parts[^1])
                // ("What's OpenAI's 2025 revenue, and how many times that does it owe Oracle each year?": "it" is the first
                // part's company, and what it owes the other is set against "that".)
                || referring.Companies.Count == 1 && first.Companies.Count == 1 && !first.Companies.Contains(referring.Companies[0]) && QuestionParser.AsksRatio(parts[^1])
                    // ("… and how many times that has OpenAI raised?": or another company whose figure is set against "that".)
                    && Regex.IsMatch(parts[^1], @"\b(it|they)\b|\bhow many times (that|this)\b", RegexOptions.IgnoreCase)
                // ("How much is Nvidia committing to OpenAI, and how much bigger is that than Microsoft's investment?": "that"
                // set against another company's figure of the kind asked.)
                || gapToAnother && referring.Companies.Count == 1 && first.Companies.Count > 0 && !first.Companies.Contains(referring.Companies[0])
                    && first.Kinds.Count > 0 && referring.Kinds.All(k => SameKindFamily(k, first.Kinds))))
            return true;
        // ("DeepSeek's model cost vs the ~$200m Meta paid one engineer: how many times more was the pay package?": two
        // parts split at "vs" only, each naming its company, the last asking how far apart they are, are one question.)
        var splitAtVersus = parts.Count == 2 && Regex.IsMatch(question, $@"{Regex.Escape(parts[0].TrimEnd())}\s+(vs\.?|versus|against|compared (to|with))\s", RegexOptions.IgnoreCase);
        var asksHowFarApart = splitAtVersus && (QuestionParser.AsksRatio(parts[1]) || QuestionParser.AsksDifference(parts[1]) || QuestionParser.AsksPercentChange(parts[1]));
        if (asksHowFarApart && first.Companies.Count == 1 && parser.Parse(parts[1]) is { Companies.Count: > 0, Filers.Count: 0, Group.Count: 0 } second
            && !second.Companies.Contains(first.Companies[0]))
            return true;
        // ("Global hyperscale capex in 2024 vs what Amazon, Alphabet and Meta guide for 2026: what multiple is that?": a
        // market figure set against companies' figures is one question too.)
        // ("Data-centre spending in 2024 vs the forecast for 2030: how many times bigger is the 2030 number?": or two market
        // figures, neither part naming a company.)
        if (asksHowFarApart && first is { Companies.Count: 0, Filers.Count: 0, MarketWide: true } && parser.Parse(parts[1]) is { Filers.Count: 0 } other
            && (other.Companies.Count > 0 || other is { Group.Count: 0 }))
            return true;
        // ("Nvidia's one-day hit after the Blackwell comment vs the five-day loss in early November — which was bigger and by
        // how much?": two of one company's figures of a kind, split at "vs", set against each other, are one question.)
        if ((asksHowFarApart || splitAtVersus && Regex.IsMatch(parts[1], @"\bwhich (was|is|one) (bigger|larger|worse|smaller|greater)\b", RegexOptions.IgnoreCase))
            && first.Companies.Count > 0 && parser.Parse(parts[1]) is { Filers.Count: 0, Group.Count: 0 } against
            && against.Companies.All(first.Companies.Contains) && against.Kinds.Any(k => SameKindFamily(k, first.Kinds)))
            return true;
        // "AMZN 2025 capex: plan vs what they actually spent, overshoot by how much": a last part naming no one and no time
        // that asks the gap sets its figure against the first part's, in the first part's year.
        if (parts.Count == 2 && first is { Companies.Count: > 0, Years.Count: > 0, Kinds.Count: > 0 } && parser.Parse(parts[^1]) is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0, Years.Count: 0, Quarter: null, Month: null }
            && QuestionParser.AsksDifference(parts[^1]) && Regex.IsMatch(question, @"\b(vs\.?|versus|against)\s+what\b", RegexOptions.IgnoreCase))
            return true;
        // ("How much more is Amazon planning to spend in 2026 vs what it spent in 2025?": a gap asked before "vs what it"
        // is one question across both parts.)
        if (parts.Count == 2 && first.Companies.Count > 0 && QuestionParser.AsksDifference(parts[0])
            && Regex.IsMatch(question!, @"\s(vs\.?|versus)\s+what (it|they)\b", RegexOptions.IgnoreCase))
            return true;
        // ("Meta's capex guidance midpoint: what was it for 2025, what is it for 2026, and how much did it rise?": a last part
        // asking how much "it" rose, between the years the parts before name, is one question with them.)
        if (parts.Count >= 2 && first is { Companies.Count: > 0, Kinds.Count: > 0 } && parser.Parse(question!).Years.Count >= 2
            && parser.Parse(parts[^1]) is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0, Years.Count: 0 }
            && Regex.IsMatch(parts[^1], @"^\W*(and\s+)?(by\s+)?how much (did|has|have) (it|they|that|this)\b", RegexOptions.IgnoreCase))
            return true;
        // "… in Q3 2025? And if you annualise that (times four), what run rate is that?": a last part that only works out
        // the figure before it is one question with it.
        if (parts.Count == 2 && first.Companies.Count > 0 && parser.Parse(parts[^1]) is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0 }
            && Regex.IsMatch(parts[^1], @"\b(that|this)\b", RegexOptions.IgnoreCase)
            && Regex.IsMatch(parts[^1], @"\b(annuali[sz]e\w*|times four|run.?rate|per (trading )?day|per (company|quarter|month|year))\b", RegexOptions.IgnoreCase))
            return true;
        // ("What share of venture capital went to AI globally in 2024, and what share in the US in H1 2025? What's the gap in
        // percentage points between those two?": a last part naming nothing that sets the market's figures before it
        // against each other is one question with them.)
        if (parts.Count >= 2 && first is { Companies.Count: 0, Filers.Count: 0, MarketWide: true } && parser.Parse(parts[^1]) is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0 }
            && (QuestionParser.AsksDifference(parts[^1]) || QuestionParser.AsksRatio(parts[^1]) || Regex.IsMatch(parts[^1], @"\b(gap|percentage[ -]points?|how many points)\b", RegexOptions.IgnoreCase))
            && Regex.IsMatch(parts[^1], @"\b(th(ose|ese|e) two|between them|both|the two|beiden)\b", RegexOptions.IgnoreCase))
            return true;
        // ("Take AWS's Q4 2025 revenue, annualise it, and then tell me what share of Amazon's 2026 capex guidance that annual
        // run rate would cover": steps that keep a figure up for a year, then set "that" against another, are one question.)
        if (parts.Count >= 2 && AnnualisedAsked.IsMatch(string.Join(" ", parts.SkipLast(1))) && (QuestionParser.AsksRatio(parts[^1]) || SharePart.IsMatch(parts[^1]))
            && Regex.IsMatch(parts[^1], @"\b(that|this|it)\b", RegexOptions.IgnoreCase) && parser.Parse(question) is { Companies.Count: > 0, Filers.Count: 0 })
            return true;
        // "Amazon said about $118bn for 2025. How far above that did actual spending end up?": a statement giving the
        // figure, then the gap to "that" asked, is one question.
        // ("Stargate is $500bn. How much is that per year?": a project's figure, worked over years.)
        // ("Amazon reinvests about 90 % of OCF and has $14.8bn of FCF left. What OCF does that imply?": statements split at
        // "and has" are one statement.)
        if (parts.Count >= 2 && parts[^2].TrimEnd().EndsWith('.') && !AsksSomething.IsMatch(parts[0]) && parts.SkipLast(1).All(p => !p.TrimEnd().EndsWith('?'))
            && (first.Companies.Count > 0 || QuestionParser.ProjectsIn(parts[0]).Count > 0)
            && parser.Parse(parts[^1]) is { Companies.Count: 0, Filers.Count: 0 } && (QuestionParser.AsksDifference(parts[^1]) || QuestionParser.AsksTotal(parts[^1]) || WorkedOut.IsMatch(parts[^1])
                // ("Amazon wants to spend $200bn in 2026. What share of Dell'Oro's 2025 global data-centre capex would that be?")
                || (ShareOfAsked.IsMatch(parts[^1]) || QuestionParser.AsksShareOf(parts[^1]) || QuestionParser.AsksRatio(parts[^1])) && Regex.IsMatch(parts[^1], @"\b(would|is|was) (that|this|it)\b", RegexOptions.IgnoreCase)
                || Regex.IsMatch(parts[^1], @"\b(that|this|it)\b.*\b(per|a|each|every) (year|yr|annum)\b", RegexOptions.IgnoreCase)))
            return true;
        // ("CoreWeave wants 5 GW by 2030. How does that compare with Meta's Hyperion?": a statement of one company's figure,
        // then "that" set against another's, is one question.)
        if (parts.Count == 2 && parts[0].TrimEnd().EndsWith('.') && !AsksSomething.IsMatch(parts[0]) && first.Companies.Count > 0
            && Regex.IsMatch(parts[1], @"\bhow (does|do|did|would|will) (that|this|it) (compare|stack up|measure up)\b", RegexOptions.IgnoreCase)
            && parser.Parse(parts[1]) is { Filers.Count: 0, Companies.Count: > 0 } comparedWith && !comparedWith.Companies.Intersect(first.Companies).Any())
            return true;
        // ("Using OpenAI's revenue and what it pays Oracle each year, how many times its revenue is the Oracle bill?": a
        // first part that only says which figures to work with is no question of its own; nor is one that supposes them:
        // "If Amazon reinvests about 90 % of operating cash flow and is left with $14.8bn, what operating cash flow …?")
        if (parts.Count == 2 && Regex.IsMatch(parts[0], @"^\W*(using|taking|given|based on|going by|working from|starting from|if|assuming|suppose|supposing|anhand|ausgehend von|wenn|falls|angenommen)\b", RegexOptions.IgnoreCase)
            && !AsksSomething.IsMatch(parts[0]) && !AsksWhat.IsMatch(parts[0]) && !parts[0].TrimEnd().EndsWith('?'))
            return true;
        // ("How big is the hole between OpenAI's 2025 revenue and what it pays Oracle a year?": a gap between two figures is
        // asked of both, wherever the question splits between them.)
        if (parts.SkipLast(1).Any(p => Regex.IsMatch(p, @"\b(between|zwischen)\b(?!.*\b(and|und)\b)", RegexOptions.IgnoreCase))
            && (QuestionParser.AsksDifference(question) || QuestionParser.AsksRatio(question)))
            return true;
        // ("opnai reveneu 2025 and how big is the hole vs what they pay oracle yearly?": a part between two figures that
        // asks only how far apart they are sets them against each other.)
        if (parts.Count >= 3 && parts.Skip(1).SkipLast(1).Any(p => parser.Parse(p) is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0, Kinds.Count: 0, Years.Count: 0 }
                && (QuestionParser.AsksDifference(p) || QuestionParser.AsksRatio(p)))
            && parser.Parse(parts[^1]) is { Kinds.Count: > 0 } && first.Kinds.Count > 0)
            return true;
        return false;
    }
}
