using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Agents.Tools;
using AgentWatch.Grains.Rules;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// Answers questions without a model: it reads the question (<see cref="QuestionParser"/>), reads through the kernel
/// functions (<see cref="IMarketReader"/>; in a run, <see cref="OfflineChatClient"/> turns its reads into function calls,
/// so reads that do not depend on each other are started together and go out in one round), and writes the answer
/// from templates. Every figure in an answer comes from a signal listed as evidence, with its date and source; when it
/// has nothing to go on it says so plainly.
/// </summary>
public sealed partial class OfflineEngine(IMarketReader tools, QuestionParser parser, TimeProvider time)
{
    public const string EngineName = "offline";
    private const int MaxLinesPerCompany = 6;

    public Task<Answer> AnswerAsync(string question, DateOnly? asOf, CancellationToken cancellationToken) =>
        AnswerAsync(question, asOf, foundAbove: null, cancellationToken);

    /// <param name="foundAbove">An amount written into the question that an earlier answer found, not the user: worked
    /// against another figure, it is said as "found above", not as "in the question".</param>
    private async Task<Answer> AnswerAsync(string question, DateOnly? asOf, string? foundAbove, CancellationToken cancellationToken)
    {
        var answer = await AnswerPartsAsync(question, asOf, cancellationToken);
        question ??= "";
        answer = WithSectorNotHeld(answer, question);
        answer = WithMoneyNotHeld(answer, question);
        // (Several steps look at the figures an answer can show; they are read once, when the first step looks.)
        var inView = new FiguresInView(answer.AsOf, ct => SignalsInViewAsync(answer.AsOf, question, ct));
        answer = await WithSinceNotCoveredAsync(answer, question, inView, cancellationToken);
        answer = await WithTermNotHeldAsync(answer, question, inView, cancellationToken);
        answer = await WithDealAmountNotHeldAsync(answer, question, inView, cancellationToken);
        // Each step works out what the answer it is given left unworked, and leaves a worked answer as it is.
        answer = await WithClaimCheckedAsync(answer, question, inView, cancellationToken);
        answer = await WithQuotedLevelsAsync(answer, question, cancellationToken);
        answer = await WithTokenCostAsync(answer, question, cancellationToken);
        answer = await WithModelPricesAsync(answer, question, cancellationToken);
        answer = await WithNoteWorkedAsync(answer, question, inView, cancellationToken);
        answer = await WithUnpricedAsync(answer, question, cancellationToken);
        answer = await WithLeftOfWholeAsync(answer, question, cancellationToken);
        answer = await WithQuotedFiguresAsync(answer, question);
        answer = await WithQuotedWorkedAsync(answer, question, foundAbove, cancellationToken);
        answer = await WithTwoQuotedAsync(answer, question, foundAbove, cancellationToken);
        answer = await WithStatedFigureAsync(answer, question, cancellationToken);
        answer = await WithTwoNamedWorkedAsync(answer, question, cancellationToken);
        answer = await WithRestOfShareAsync(answer, question, cancellationToken);
        answer = await WithSpreadAsync(answer, question, inView, cancellationToken);
        answer = await WithFractionOfItAsync(answer, question, inView, cancellationToken);
        answer = await WithShareAmountAsync(answer, question, inView, cancellationToken);
        answer = await WithMarginProfitAsync(answer, question, cancellationToken);
        answer = WithCompoundedMoves(answer, question);
        return WithSideNotHeld(answer, question);
    }

    /// <summary>
    /// A ratio, gap or share asked between two companies that no step worked out, when one of them has no figure of the
    /// kind ("Ratio of Amazon's free cash flow to Alphabet's free cash flow"): not answered, and the first line says which
    /// side lacks it, before what the other has.
    /// </summary>
    private Answer WithSideNotHeld(Answer answer, string question)
    {
        var firstLine = answer.Text.Split('\n', 2)[0];
        if (!answer.Answered || WorkedLead.IsMatch(firstLine) || DeclinedLead.IsMatch(firstLine)) return answer;
        var work = QuestionParser.AsksRatio(question) ? "ratio" : QuestionParser.AsksDifference(question) ? "gap" : ShareOfAsked.IsMatch(question) ? "share" : null;
        if (work is null || parser.Parse(question) is not { Companies: [var one, var other], Kinds.Count: > 0 }) return answer;
        var lacking = new[] { one, other }.Select(c => Regex.Match(firstLine, $@"I have no [^.;]+? for {Regex.Escape(Label(c))}(?: for [^.;]+)?\.\s*")).Where(m => m.Success).ToList();
        if (lacking is not [var missing]) return answer;
        // (Only of a company the question asks the figure of, "Alphabet's": "OpenAI's yearly payment to Oracle" asks
        // nothing of Oracle's own.)
        var lacks = missing.Value.Contains(Label(one), StringComparison.Ordinal) ? one : other;
        if (!tools.Directory.FindMentionsInQuestion(question).Any(m => m.Candidates is [var c] && c == lacks && m.Match.Possessive)) return answer;
        var rest = answer.Text.Remove(missing.Index, missing.Length).Trim();
        return answer with { Answered = false, Text = $"No {work} can be worked out{AsOfClause(answer.AsOf)}: {missing.Value.Trim().TrimEnd('.')}. {rest}" };
    }

    // ("What share of global venture capital went into clean energy in 2024?": a sector besides AI the market figures name.)
    private static readonly Regex OtherSector = new(@"\b(?<sector>(?:clean|renewable|green)[- ]energy|renewables|climate tech|biotech|crypto(?:currenc\w*)?|fintech|health ?care|electric vehicles|defen[cs]e tech)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// A market-wide answer to a question about a sector or a region none of its figures is about is no answer: it says so, and shows
    /// what it has.
    /// </summary>
    private static Answer WithSectorNotHeld(Answer answer, string question)
    {
        if (!answer.Answered || answer.Companies.Count > 0 || answer.Evidence.Count == 0) return answer;
        // ("What share of European venture capital went to AI?": a region's figure is not the world's or the US's.)
        var (named, said) = OtherSector.Match(question) is { Success: true } sector ? (sector.Value.Replace('-', ' '), sector.Value.ToLowerInvariant().Replace('-', ' '))
            : OtherRegion.Match(question) is { Success: true } region ? (region.Groups["region"].Value, region.Groups["region"].Value) : (null, null);
        if (named is null || answer.Evidence.Any(e => e.Summary.Contains(named, StringComparison.OrdinalIgnoreCase))) return answer;
        return NotAnswered(question, answer.Companies, answer.AsOf, $"I have no figure on {said}{AsOfClause(answer.AsOf)}; what I have is not about it:\n{answer.Text.Trim()}");
    }

    // (A region's money, "European venture capital", "data-centre spending in Asia"; not "a plant in Asia", which places a
    // company's news.)
    private const string RegionNames = "(?<region>Europe|Asia|Japan|India|Britain|France|Africa|Latin America)";
    private const string RegionMoney = @"(?:venture|vc|capital|startups?|funding|data[- ]?cent\w*|capex|spending|investments?|gdp)\b";
    private static readonly Regex OtherRegion = new($@"\b{RegionNames}(?:an|n|ese|ish|ch)?\s+(?:[\w-]+\s+){{0,2}}{RegionMoney}|\b{RegionMoney}[^.?!]{{0,30}}\bin\s+{RegionNames}\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // (Guidance shown as "no explicit cap": a figure given without an amount, which no gap, change or total can be worked from.)
    private static bool NamesNoFigure(Evidence e) => e.Summary.Contains("no explicit cap", StringComparison.Ordinal);

    // ("how much has CoreWeave raised", "wie viel Kapital hat CoreWeave aufgenommen": money a company took in.)
    private static readonly Regex RaisedAsked = new(@"\b(rais(e|ed|es|ing)|borrow\w*|aufgenommen|eingesammelt)\b", RegexOptions.IgnoreCase);

    // ("PLTR Q3 revenue in $ (not the growth rate)": an amount in money asked for.)
    private static readonly Regex MoneyAmountAsked = new(@"\bin (\$|dollars|usd|us dollars|dollar terms)(?!\s*(and|or|und|oder)\s*(%|percent|per cent|prozent))|\b(dollar|\$) (amount|figure|number)\b|\bnot (the )?(growth|percentage|percent|%)", RegexOptions.IgnoreCase);

    private static readonly Regex MoneyWritten = new(@"[$€£]\s?\d|\b(USD|EUR|CNY|GBP)\b");

    /// <summary>
    /// An answer whose figures are none of them money does not answer a question asking for an amount in money ("revenue
    /// in $, not the growth rate"): it says so, and shows what it has.
    /// </summary>
    private static Answer WithMoneyNotHeld(Answer answer, string question)
    {
        // (Of one ask only: "how fast did it grow, and what was it in dollars?" is answered in part by the growth.)
        if (!answer.Answered || answer.Evidence.Count == 0 || !MoneyAmountAsked.IsMatch(question) || Regex.IsMatch(question, @"\b(and|und)\b|[,;]\s*(what|how|wie|was)\b", RegexOptions.IgnoreCase)) return answer;
        if (MoneyWritten.IsMatch(answer.Text.Split('\n', 2)[0]) || answer.Evidence.Any(e => MoneyWritten.IsMatch(e.Summary))) return answer;
        return NotAnswered(question, answer.Companies, answer.AsOf, $"I have no amount in money for that{AsOfClause(answer.AsOf)}; what I have is not in money:\n{answer.Text.Trim()}");
    }

    /// <summary>The watched company an answer's first line opens with ("Nvidia (NVDA) is the most exposed …"), if any.</summary>
    private string? LeadCompany(Answer answer) =>
        Regex.Match(answer.Text, @"^[\w .&'’-]{2,40}? \((?<ticker>[A-Z][A-Z0-9.]{0,9})\)") is { Success: true } lead && tools.Directory.IsKnown(lead.Groups["ticker"].Value)
            ? lead.Groups["ticker"].Value : null;

    private async Task<Answer> AnswerPartsAsync(string question, DateOnly? asOf, CancellationToken cancellationToken)
    {
        // "What is Meta's capex plan for 2026, and how much did it spend in 2025?": two questions, each answered, the
        // later ones about the companies the first named when they name none.
        question = QuestionParser.WrittenOut(parser.WithoutUnusedScene(question ?? ""));
        var parts = Qualified(QuestionParser.SplitCompound(question));
        if (parts.Count < 2) return await AnswerOneAsync(question, asOf, cancellationToken);
        var first = parser.Parse(parts[0]);
        if (PartsAreOneQuestion(question, parts, first)) return await AnswerOneAsync(question, asOf, cancellationToken);
        var answers = new List<Answer>();
        foreach (var asked in parts)
        {
            var part = asked;
            var later = answers.Count > 0;
            var parsed = parser.Parse(part);
            // "Has ASML been hit by new export restrictions? What did the filing say?": a short follow-up asking nothing
            // of its own is about what the first part asked; when that was not found, everything else on the company
            // is no answer to it.
            // ("That single-day Nvidia wipeout in October: how big, and what triggered it?": a follow-up asking why a move
            // happened is answered by the move just shown and the news beside it, not by everything else on the company.)
            if (later && (!answers[0].Answered || answers[^1].Answered && answers[^1].Evidence.Any(e => e.Summary.Contains(" move (", StringComparison.Ordinal))
                    && Regex.IsMatch(part, @"\b(why|warum|wieso|trigger\w*|caus\w*|reason\w*|behind|drove|driven|led to|auslöser|ausloser|grund)\b", RegexOptions.IgnoreCase))
                && parsed is { Companies.Count: 0, Filers.Count: 0, Kinds.Count: 0, Group.Count: 0, MarketWide: false, Years.Count: 0 }
                && part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6
                // ("…H20 licence back? What did the Commerce Department decide?": a short follow-up naming nothing of its own
                // to a first part that found nothing is about the same thing.)
                && (!answers[0].Answered && first.Kinds.Count > 0 || Regex.IsMatch(part, @"\b(the|that|this|it|its|das|dies\w*|es)\b", RegexOptions.IgnoreCase)))
                continue;
            // ("chatgpt share fell from 87 to 86%?? whats the real number": a follow-up asking for the true figure of what
            // the part before answered is answered by it.)
            if (later && answers[^1].Answered && parsed is { Filers.Count: 0, Kinds.Count: 0, Group.Count: 0, Years.Count: 0, MarketWide: false } && parsed.Companies.All(first.Companies.Contains)
                && Regex.IsMatch(part, @"\b(the|that)\s+(real|actual|right|correct|true|exact|current)\s+(number|figure|one|share|amount|level)\b", RegexOptions.IgnoreCase))
                continue;
            // ("Did the US grant Nvidia an H20 licence, and for how much revenue?": a follow-up asking what the thing the first
            // part found nothing on was worth is about that thing, not the company's figures at large.)
            if (later && !answers[0].Answered && parsed is { Filers.Count: 0, Group.Count: 0, Years.Count: 0 } && parsed.Companies.All(first.Companies.Contains)
                && Regex.IsMatch(part, @"^\W*(and\s+|und\s+)?(for|at|worth|über|ueber|für|fuer) (how much|what|wie viel|welchen)\b", RegexOptions.IgnoreCase))
                continue;
            // "Auf wie viele Nvidia-Aktien und wie viele Palantir-Aktien hält Burrys Fonds Puts?": a short first part
            // naming a company, before a part with the verb, asks that part's question of its company.
            // (Only a part that asks nothing of its own: "shares" alone is no more than a word for the stock.)
            if (!later && parts.Count == 2 && parsed is { Companies.Count: > 0, Versus: false, Kinds.Count: > 0 } && parsed.Kinds.All(k => k is SignalKind.PriceMove)
                && part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 5
                && parser.Parse(parts[1]) is { Companies.Count: > 0, Kinds.Count: > 0 })
            {
                part = $"{part.TrimEnd('?', '.', ' ')} ({parser.WithoutCompanies(parts[1]).TrimEnd('?', '.', ' ')})?";
                parsed = parser.Parse(part);
            }
            // ("Is Nvidia selling Blackwell chips in China, and what did the market make of the news?": the market's answer to a
            // company's news is the company's own moves in market value.)
            // ("Who's most exposed to China chip export curbs, and what did it cost them?": so is what the news cost the company
            // the first answer found.)
            if (later && parsed is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0 }
                && (first.Companies.Count == 1 ? first.Companies[0] : first.Companies.Count == 0 && answers[0].Answered ? LeadCompany(answers[0]) : null) is { } newsOf
                && (Regex.IsMatch(part, @"\b(what did (the )?(market|investors|wall street|the street) make of (it|that|this|the news)|what did (it|that|this|the news) do to (its |the company's )?(market value|market cap))\b", RegexOptions.IgnoreCase)
                    || first.Companies.Count == 0 && QuestionParser.AsksWhatItCostThem(part)))
            {
                // (In the month of the news, when the first answer gives one.)
                var month = Regex.Match(answers[0].Text.Split('\n', 2)[0], @"\((?<m>(?:January|February|March|April|May|June|July|August|September|October|November|December) 20\d\d)\)");
                part = $"How much market value did {Name(newsOf)} gain or lose{(month.Success ? $" in {month.Groups["m"].Value}" : "")}?";
                parsed = parser.Parse(part);
            }
            // "…, versus what Nvidia committed to it?": "it" is the company the first part asked about.
            if (later && first.Companies.Count == 1 && parsed.Companies.Count > 0 && !parsed.Companies.Contains(first.Companies[0]) && ObjectPronoun.IsMatch(part))
            {
                part = ObjectPronoun.Replace(part, m => m.Groups[3].Success ? $"{m.Groups[3].Value} at {Name(first.Companies[0])}" : $"{m.Groups[1].Value} {Name(first.Companies[0])}", 1);
                parsed = parser.Parse(part);
            }
            // ("…, and how many points is it still ahead of Gemini?": "it" set against another is the company the first part named.)
            if (later && first.Companies.Count == 1 && parsed.Companies.Count > 0 && !parsed.Companies.Contains(first.Companies[0])
                && Regex.Match(part, @"\b(is|was|are|were)\s+(?<it>it|they)\s+(still\s+)?(ahead|behind|bigger|larger|smaller|higher|lower|more|less)\b|\b(ahead of|behind)\s+\w+\s+(is|was|are|were)\s+(?<it>it|they)\b", RegexOptions.IgnoreCase) is { Success: true } compared)
            {
                part = part[..compared.Groups["it"].Index] + Name(first.Companies[0]) + part[(compared.Groups["it"].Index + compared.Groups["it"].Length)..];
                parsed = parser.Parse(part);
            }
            // "Which customers has it put money into?": "it" doing something is the company the first part named.
            if (later && first.Companies.Count == 1 && parsed.Companies.Count == 0 && SubjectPronoun.IsMatch(part))
            {
                part = SubjectPronoun.Replace(part, m => $"{m.Groups[1].Value} {Name(first.Companies[0])}", 1);
                parsed = parser.Parse(part);
            }
            // ("…, and how many times Nvidia's January 2026 equity check is that?": "that", set against another figure, is the
            // amount the first answer led with; the part is answered as a question of its own, so that the amount is worked
            // against the figure it names.)
            if (later && answers[0].Answered && (QuotedShareAsked.IsMatch(part) || QuotedTimesAsked.IsMatch(part))
                && QuotedFigures(part).Count(f => f.Unit == QuotedUnit.Money) <= 1 && AmountPointedAt(part, answers[0]) is ({ } found, { } pointer))
            {
                answers.Add(await AnswerAsync(part[..pointer.Index] + found.Written + part[(pointer.Index + pointer.Length)..], asOf, found.Written, cancellationToken));
                continue;
            }
            // "…, and how much is it per year?": a part asking nothing of its own asks more of the first part's question,
            // with its own time words.
            // "What did Burry's 13F for the quarter ending 31 December 2025 show? Did he add to the Nvidia puts?": "he" is
            // the fund the first part named, in the filing it named.
            // ("…, und wie hoch ist das Nominalvolumen insgesamt?": a part naming no one asks about the same bets.)
            var text = later && first is { Filers.Count: > 0 } && parsed is { Filers.Count: 0 } && (Regex.IsMatch(part, @"\b(he|she|they|his|her|their)\b", RegexOptions.IgnoreCase) || parsed is { Companies.Count: 0, Group.Count: 0 } && !QuestionParser.NamesMarket(part))
                ? $"{part.TrimEnd('?', '.', ' ')} ({Bare(parts[0])})?"
                // ("…, and what's the implied minimum for those two quarters combined?": the first part's figures, added.)
                : later && first is { Companies.Count: > 0, Kinds.Count: > 0 } && parsed is { Companies.Count: 0, Filers.Count: 0, Kinds.Count: 0, Group.Count: 0 } && (!parsed.MarketWide && TopicWords(parsed).Count == 0 || ThatMoney.IsMatch(part))
                ? $"{part.TrimEnd('?', '.', ' ')} ({Bare(parts[0])})?"
                // "What did Nvidia say about Blackwell sales to China, and what did that cost it in market value?": what the
                // event cost is asked of the event the first part named.
                // ("Where do Blackwell sales to China stand, and what did that statement cost Nvidia?": the company may be
                // named only in the later part.)
                : later && parsed is { Filers.Count: 0 } && (first.Companies.Count > 0 ? parsed.Companies.All(first.Companies.Contains) : parsed.Companies.Count > 0) && EventCost.IsMatch(part)
                ? $"{part.TrimEnd('?', '.', ' ')} ({Bare(parts[0])})?"
                // ("What's its free cash flow after all the data-centre spending?": "its" is the company's, whatever market words follow.)
                : later && first.Companies.Count > 0 && parsed is { Companies.Count: 0, Filers.Count: 0 } && (!parsed.MarketWide || !QuestionParser.NamesMarket(part) || Regex.IsMatch(part, @"\b(its|their|seine[mnrs]?|ihre[mnrs]?)\b", RegexOptions.IgnoreCase))
                // ("Wie viel will Amazon 2026 investieren und wie viel waren es 2025?": of its own year, the first part's kinds;
                // "and what was the 2025 midpoint?": a midpoint is of a guided range; "…, and how many points it gave up": points
                // are of what the first part asked about.)
                ? $"{part.TrimEnd('?', ' ')} ({string.Join(", ", first.Companies.Select(Name))}{FirstPartTime(first, parsed)}{(parsed is { Kinds.Count: 0 } && (parsed.Years.Count > 0 || PointsAsked.IsMatch(part)) && first.Kinds.Count > 0 ? ", " + string.Join(", ", first.Kinds.Select(k => k == SignalKind.Capex && MidpointAsked.IsMatch(part) ? "capex guidance" : k.Label()).Distinct()) : "")})?"
                // "According to Bain, how much revenue is needed by 2030, and how much will be spent by then?": the source
                // named in the first part is the later parts' too.
                // ("…, what Dell'Oro has for 2025, and where forecasts put it by 2030": a source one part asks of is that part's.)
                : later && first is { Companies.Count: 0, Filers.Count: 0 } && QuestionParser.SourcesIn(parts[0]) is { Count: > 0 } sources
                  && !sources.Any(source => SourceOfItsOwnClause(parts[0], source))
                  && parsed is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0 } && QuestionParser.SourcesIn(part).Count == 0
                    ? $"{part.TrimEnd('?', ' ')} (according to {string.Join(", ", sources)})?"
                    // "Was kostet bei DeepSeek R1 eine Million Eingabe-Tokens und was bei OpenAIs o1?": a part naming only
                    // another company asks the first part's question of it.
                    // "How much is Nvidia pouring into OpenAI, and how much has Microsoft put in?": into the same company.
                    : later && first.Kinds.Contains(SignalKind.FinancingDeal) && parsed is { Companies.Count: 1, Kinds.Count: 0 }
                      && Regex.Match(parts[0], @"\b(into|in)\s+(?<investee>.+)$", RegexOptions.IgnoreCase) is { Success: true } into
                      && parser.Parse(into.Groups["investee"].Value).Companies is [var investee] && investee != parsed.Companies[0]
                        ? $"{part.TrimEnd('?', '.', ' ')} (into {Name(investee)})?"
                    // ("…, und was hatte Meta für 2025 angepeilt?": a part with a year of its own keeps it, not the first part's.)
                    // ("…, and how does that sit against Meta's actual 2026 guide?": of the same company in a year of its own, only
                    // what the first part asked about carries over, not what it worked out.)
                    : later && first.Kinds.Count > 0 && parsed is { Companies.Count: > 0, Kinds.Count: 0 } && parsed.Years.Count > 0 && parsed.Companies.All(first.Companies.Contains)
                        ? $"{part.TrimEnd('?', '.', ' ')} ({string.Join(", ", first.Kinds.Select(k => k.Label()).Distinct())})?"
                    // ("Rank Amazon, Alphabet and Meta by the top end of their 2026 capex guidance, and how far is Meta's top end
                    // behind Amazon?": what is ranked carries over, not the ranking.)
                    // ("How much did Nvidia put into CoreWeave, and how much has CoreWeave raised in total?": a part that asks
                    // what a company raised asks it of its own.)
                    : later && first.Kinds.Count > 0 && parsed is { Companies.Count: > 0, Kinds.Count: 0 } && !RaisedAsked.IsMatch(part)
                        ? $"{part.TrimEnd('?', '.', ' ')} ({Regex.Replace(parsed.Years.Count > 0 ? Regex.Replace(WithoutNames(parts[0], first), @"\b(fy\s?)?(19|20)\d\d\b", "", RegexOptions.IgnoreCase) : WithoutNames(parts[0], first), @"^\W*(rank|order|sort)\b\W*", "", RegexOptions.IgnoreCase).TrimEnd('?', '.', ' ')})?"
                        : part;
            var one = await AnswerOneAsync(text, asOf, cancellationToken);
            // "Is data-centre spending still climbing? Give me the 2024 total and the 2025 forecast.": a part that
            // cannot be answered alone asks about what the first part named.
            if (!one.Answered && later && first is { Companies.Count: 0, Filers.Count: 0 } && (first.Kinds.Count > 0 || first.MarketWide)
                // ("…, and where is that spending supposed to be by 2030?": "that" spending is the first part's.)
                && parsed is { Companies.Count: 0, Filers.Count: 0 } && (parsed.Kinds.Count == 0 || Regex.IsMatch(part, @"\b(that|this|those|these|the same|dies\w*|das)\b", RegexOptions.IgnoreCase))
                && await AnswerOneAsync($"{part.TrimEnd('?', '.', ' ')} ({WithoutOwnClauseSources(Bare(parts[0]))})?", asOf, cancellationToken) is { Answered: true } within)
                one = within;
            // A later part that rests on a first part which found nothing cannot be answered either; what it shows is context:
            // "What's Microsoft's free cash flow, and does it cover its capex?" (whether a missing figure covers something),
            // "What does Nebius have in its order book, and how big is its Microsoft contract?" ("its" is still the company
            // I do not know), "Alphabet's actual 2025 capex, and how much is the 2026 guide up on it?" (a change measured
            // from the missing figure).
            if (later && one.Answered && !answers[0].Answered
                && (CoversIt.IsMatch(asked)
                    || first is { Companies.Count: 0, UnknownNames.Count: > 0 } && Regex.IsMatch(asked, @"\b(its|their|seine[mnrs]?|ihre[mnrs]?)\b", RegexOptions.IgnoreCase)
                    || Regex.IsMatch(asked, @"\b(it|that|this|das|dem)\b", RegexOptions.IgnoreCase)
                       && (QuestionParser.AsksDifference(asked) || QuestionParser.AsksPercentChange(asked) || QuestionParser.AsksRatio(asked))
                    // ("What was Tesla's AI capex in 2025, and how does it compare with Meta's?": a comparison with a figure
                    // that is missing cannot be made; the other side is still shown.)
                    || ComparedWithIt.IsMatch(asked)))
                one = one with { Answered = false };
            // ("ASML's Q4 2025 order intake? And how big is the buyback?": a part with no time words of its own that finds
            // nothing in the first part's quarter is asked of the company as it stands.)
            if (!one.Answered && later && text != part && first.Companies.Count > 0 && parsed is { Companies.Count: 0, Filers.Count: 0, Years.Count: 0, Quarter: null, Month: null, Kinds.Count: > 0 }
                && await AnswerOneAsync($"{part.TrimEnd('?', '.', ' ')} ({string.Join(", ", first.Companies.Select(Name))})?", asOf, cancellationToken) is { Answered: true } undated)
                one = undated;
            // Asked again, the first part's answer already says it.
            if (answers.All(a => a.Text != one.Text)) answers.Add(one);
        }
        return new Answer(question!, string.Join("\n\n", answers.Select(a => a.Text)), answers.Any(a => a.Answered), answers.SelectMany(a => a.Companies).Distinct().ToList(),
            answers.SelectMany(a => a.Evidence).DistinctBy(e => e.SignalId).ToList(), asOf, EngineName);
    }

    /// <summary>
    /// "What did Meta actually spend in 2025? The reported number, not the guidance.": a later part that asks nothing
    /// (no question mark, no question or request word) says more about the part before it and is read with it.
    /// </summary>
    private static List<string> Qualified(IReadOnlyList<string> parts)
    {
        var merged = new List<string>();
        foreach (var part in parts)
        {
            // Only a sentence after a finished one ("…2025? The reported number, …"); a part joined by "and", "+" or
            // "vs" asks for something more.
            if (merged.Count > 0 && merged[^1].TrimEnd() is var before && (before.EndsWith('?') || before.EndsWith('.')) && !part.TrimEnd().EndsWith('?') && !AsksSomething.IsMatch(part))
                merged[^1] = $"{merged[^1]} {part}";
            else merged.Add(part);
        }
        return merged;
    }

    // "… is that?", "… is that one quarter?", "how big is that loss?": the thing a part ends on, pointed back at.
    private static readonly Regex PointerAtEnd = new(@"(?<!\b(?:of|von|vom)\s+)\b(?:that|this|it)(?:\s+(?:one\s+)?(?:quarter|figure|amount|number|total|sum|loss|hit|drop|bill|stake|check|cheque|raise))?(?=\s*[?.!]*\s*$)", RegexOptions.IgnoreCase);

    /// <summary>
    /// "That" at the end of a question, read as the one amount <paramref name="answer"/> leads with ("…, and how many times
    /// Nvidia's January 2026 equity check is that?"); null when the question ends on no pointer or the answer leads with
    /// no single amount.
    /// </summary>
    private static (Quoted Amount, Match Pointer)? AmountPointedAt(string question, Answer answer) =>
        PointerAtEnd.Match(question) is { Success: true } pointer && LeadAmount(answer) is { } lead && PrintedAmount(lead) is var (currency, value)
            ? (new Quoted(lead.Value, QuotedUnit.Money, value, currency, pointer.Index), pointer) : null;

    /// <summary>The one amount an answer's first line states ("$229 billion"); null for none or several.</summary>
    private static Match? LeadAmount(Answer answer) =>
        PrintedMoney.Matches(answer.Text.Split('\n', 2)[0]).DistinctBy(m => m.Value).ToList() is [var one] ? one : null;

    /// <summary>A part as it is quoted inside another: without the punctuation that ended it ("…, Meta and Microsoft —").</summary>
    private static string Bare(string part) => part.TrimEnd('?', '.', ' ', ',', ';', ':', '-', '–', '—');

    /// <summary>A question asking why ("Why did …", "…, so why did the stock fall?").</summary>
    private static readonly Regex WhyAsked = new(@"^\W*(why|warum|wieso|weshalb)\b|\b(so|then|but) why\b", RegexOptions.IgnoreCase);

    private static readonly Regex AsksSomething = new(@"^\W*(and|und|also|plus|but|aber|what about|how about|und was|sowie)\b|^\W*(how|what|whats|what's|which|who|whom|whose|when|where|why|is|are|was|were|did|does|do|has|have|had|can|could|should|will|would|give|show|tell|list|compare|rank|sum|total|name|wie|was|welche|welcher|welches|wer|wann|wo|warum|ist|sind|hat|haben|gib|zeig|zeige|nenne|vergleiche)\b", RegexOptions.IgnoreCase);

    /// <summary>Money put into another ("put into", "pumping into", "sink into"): a stake or a loan, not a purchase.</summary>
    private static readonly Regex MoneyPutIn = new($@"\b({QuestionParser.MoneyInVerbs}|hand|hands|handed|handing)\b[^.?!]{{0,30}}\binto\b", RegexOptions.IgnoreCase);

    /// <summary>"has it put", "did they spend": a later part's pronoun for the company doing what it asks.</summary>
    /// <summary>
    /// "Anything on Nvidia in October 2025? I remember a one-day drop, how much was it?": a later part with no time words
    /// of its own is asked of the first part's month (a year alone belongs to the first part's figure).
    /// </summary>
    /// <summary>
    /// "what was spent in 2024, what Dell'Oro has for 2025": a source named in a clause after another question clause is
    /// that clause's, not the whole question's (as "According to Bain, …" is).
    /// </summary>
    private static bool SourceOfItsOwnClause(string part, string source) => SourceOfItsOwnClause(part, SourceAsWritten(part, source));

    private static bool SourceOfItsOwnClause(string part, Match named)
    {
        if (!named.Success || named.Index == 0) return false;
        var at = named.Index;
        var clauseStart = part[..at].LastIndexOfAny([',', ':', ';']);
        return clauseStart > 0 && Regex.IsMatch(part[..clauseStart], @"\b(what|how|which|where|who|was|wie|welche\w*|wo|wer)\b", RegexOptions.IgnoreCase);
    }

    /// <summary>
    /// A first part as context for a later one naming a company of its own: without the companies it named, nor the names
    /// it did not know ("what has Samsung committed …? also what's Micron putting in").
    /// </summary>
    private string WithoutNames(string part, ParsedQuestion parsed) =>
        parsed.UnknownNames.Aggregate(parser.WithoutCompanies(part), (text, name) => Regex.Replace(text, $@"\b{Regex.Escape(name)}('s|s)?\b", "", RegexOptions.IgnoreCase));

    /// <summary>A source as the question writes it: "dell oro" (normalised) is "Dell'Oro".</summary>
    private static Match SourceAsWritten(string part, string source) =>
        Regex.Match(part, $@"\b{string.Join(@"\W*", source.Replace(" ", "", StringComparison.Ordinal).Select(c => Regex.Escape(c.ToString())))}\b", RegexOptions.IgnoreCase);

    /// <summary>A first part as context for a later one, without the sources only one of its clauses asked about.</summary>
    private static string WithoutOwnClauseSources(string part)
    {
        foreach (var source in QuestionParser.SourcesIn(part))
            if (SourceAsWritten(part, source) is { Success: true } named && SourceOfItsOwnClause(part, named))
                part = part.Remove(named.Index, named.Length);
        return part;
    }

    private static string FirstPartTime(ParsedQuestion first, ParsedQuestion later)
    {
        if (later.Month is not null || later.Years.Count > 0 || later.Quarter is not null) return "";
        if (first.Month is { Year: { } year, Week: null, Day: null, Through: null, MonthsBack: null } month)
            return $", {System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month.Month)} {year}";
        // "… orders in the last quarter of 2025, and how did that compare with what analysts expected?": "that" is the
        // quarter's figure.
        if (first is { Quarter: { } quarter, Years: [var quarterYear] } && Regex.IsMatch(later.Text, @"\b(that|this|those|these|das|dies\w*)\b", RegexOptions.IgnoreCase))
            return $", Q{quarter} {quarterYear}";
        // "How much did Amazon actually invest in 2025, and what was originally planned?": the plan for the same year.
        if (first.Years.Count == 1 && Regex.IsMatch(later.Text, @"\b(originally|initially|at first|ursprünglich|ursprunglich|zunächst|anfangs)\b", RegexOptions.IgnoreCase))
            return $", {first.Years[0]}";
        // "Was planen Alphabet und Meta für 2026, und wer liegt am oberen Ende vorne?": who is ahead, in the year asked.
        if (first.Years.Count == 1 && Regex.IsMatch(later.Text, @"\b(who|whose|which|wer|wessen|welche\w*)\b", RegexOptions.IgnoreCase)
            && Regex.IsMatch(later.Text, @"\b(ahead|bigger|larger|higher|more|most|vorne|vorn|höher|hoher|größer|grosser|mehr|top end|upper end|lower end|oberen ende|unteren ende)\b", RegexOptions.IgnoreCase))
            return $", {first.Years[0]}";
        return "";
    }

    /// <summary>"…. Back out the Q4 2024 number.": a figure to be worked out from the statement before it.</summary>
    private static readonly Regex WorkedOut = new(@"\b(back out|backing out|impl(y|ies|ied)|work out|worked out|derive|mid-?point of (that|this|the|its) (range|spread))\b|^\W*how much (is|does) (that|this) (come to|make|in)\b|^\W*how much is (that|this)\s*\??\s*$", RegexOptions.IgnoreCase);

    private static readonly Regex ImpliedWhole = new(@"\bimpl(y|ies|ied)\b|\b(total|whole|entire|overall|gesamte[ns]?)\s+(assets|fund|funds|portfolio|verm(ö|o)gen)\b|\bhow (big|large) (are|is|were|was) (his|the|its|their|burry'?s|scion'?s) (funds?|portfolio|assets)\b|\bfund size\b|\bassets under management\b|\b(gesamtverm(ö|o)gen|fondsverm(ö|o)gen (insgesamt|gesamt))\b|\bhow (big|large) is [\w'’ ]{1,30}? (overall|in all|in total|altogether|all told)\b", RegexOptions.IgnoreCase);

    private static readonly Regex RegionNamed = new(@"\b(europe|europa|africa|afrika|latin america|lateinamerika|middle east|nahost|india|indien|japan|korea|germany|deutschland|france|frankreich)\b", RegexOptions.IgnoreCase);

    private static readonly Regex IndexNamed = new(@"\b(nasdaq|s&p 500|dow jones|dax|nikkei|stoxx 600)\b", RegexOptions.IgnoreCase);

    private static readonly Regex InDollars = new(@"\b(in|into|to)\s+(us\s*-?\s*|u\.s\.\s*)?(dollars?|usd)\b|\bdollar (terms|amount|equivalent|value)\b|\bin us-dollar|\bhow many (us )?dollars\b(?=[^.?!]*\bconver)|\b(umgerechnet|umrechnen|umrechnung)\b", RegexOptions.IgnoreCase);

    /// <summary>"Was verdient Jensen Huang im Jahr?": what a chief executive earns, which no figure here is.</summary>
    private static readonly Regex PersonPaid = new(@"\b(jensen huang|huang|sam altman|altman|andy jassy|jassy|mark zuckerberg|zuckerberg|satya nadella|nadella|larry ellison|ellison|elon musk|musk|lisa su|liang wenfeng)\b(['’]s\s+(pay|salary|compensation|pay package|bonus|gehalt|verg(ü|ue|u)tung)\b|\s+(personally\s+)?(verdient|earns?|earned|gets? paid|takes? home)\b)|\b(verdient|verdiente|earns?|earned|gets? paid|takes? home)\s+(\w+\s+)?(jensen huang|huang|sam altman|altman|andy jassy|jassy|mark zuckerberg|zuckerberg|satya nadella|nadella|larry ellison|ellison|elon musk|musk|lisa su|liang wenfeng)\b", RegexOptions.IgnoreCase);

    private static readonly Regex PersonalHolding = new(@"\b(personal|personally|privately)\s+(stake|holding|holdings|shares|wealth|fortune|net worth|owns?)\b|\b(his|her)\s+(own\s+)?(stake|holding|holdings|net worth|fortune|wealth)\b|\bnet worth\b|\bpers(ö|oe|o)nliche[rns]?\s+(anteil|beteiligung|verm(ö|oe|o)gen)|\bprivatverm(ö|oe|o)gen\b", RegexOptions.IgnoreCase);

    /// <summary>"…, and where is that money expected to end up?", "…, und was macht das pro Jahr aus, wenn man es verteilt?":
    /// the money the first part asked about.</summary>
    private static readonly Regex ThatMoney = new(@"\b(evenly|spread out|on average|verteilt|im schnitt|durchschnittlich|(per|pro|je|each) (year|jahr|quarter|quartal|month|monat))\b|^\W*(and\s+)?what (was|is|were) the (actual|actuals|real number|final number|reported number)\b|\b(that|this|the|those|these)\s+(money|cash|sum|sums|amount|amounts|investment|investments|stake|funds|dollars|billions)\b|\b(dieses|das|dieser|diese)\s+(geld|summe|betrag|investition)\b|\b(those|these|both|the)\s+(two\s+)?(quarters|years|figures|numbers)\s+(combined|together|added)\b|\b(beide[n]?|diese[n]?)\s+(quartale|jahre|zahlen)\s+(zusammen|insgesamt)\b", RegexOptions.IgnoreCase);

    /// <summary>"…, and what did that cost it in market value?": what an event the first part named cost.</summary>
    private static readonly Regex EventCost = new(@"\b(what|how much)\s+(?:(did|has|have)\s+)?((the|that|this|those|these)\s+(remarks?|comments?|statements?|news|announcement|decision|move)|that|this|it|those|these)\s+(cost|costs|wiped?|knocked?|taken|take)\b|\bwas\s+hat\s+(das|dies|die\s+aussage|die\s+ankündigung|die\s+ankundigung)\b.*\bgekostet\b", RegexOptions.IgnoreCase);

    /// <summary>"… and does it cover its capex?": a later part asking whether the first part's figure covers something.</summary>
    private static readonly Regex ComparedWithIt = new(@"\bhow\s+(does|do|did|would|will)?\s*(it|that|this|they|that figure|that number)\s+(compare\w*|stacks?\s+up|measures?\s+up)\b|\bcompare\s+(it|that|this|them)\s+(with|to|against)\b", RegexOptions.IgnoreCase);

    private static readonly Regex CoversIt = new(@"^\W*(and\s+|but\s+)?(does|do|did|can|could|will|would|is|was)\s+(it|that|this|they|that money|the cash)\s+(cover|covers|pay for|fund|finance|afford|match|exceed|stretch to|reicht|land|come in|stay|fall|beat|miss|top|overshoot|undershoot)\b", RegexOptions.IgnoreCase);

    private static readonly Regex SubjectPronoun = new(@"\b(has|had|did|does|do|is|was|will|would|can|could|should|have)\s+(it|they)\b(?!\s+(cost|take|mean|matter|work|say|show))", RegexOptions.IgnoreCase);

    /// <summary>"committed to it", "invested in them": a later part's pronoun for what the first part named.</summary>
    private static readonly Regex ObjectPronoun = new(@"\b(to|in|into|from|with|for|on|against|behind)\s+(it|them)\b|\b(work|works|working|employed|staff)\s+(there)\b", RegexOptions.IgnoreCase);

    private async Task<Answer> AnswerOneAsync(string question, DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
            return NotAnswered(question ?? "", [], asOf, "Ask me about a company's capex, cash flow, revenue, valuation, positions against it, export news or financing deals, e.g. \"What is Amazon's capex guidance for 2026?\"");
        // (Also for the parts of a question the later steps ask on their own.)
        question = QuestionParser.WrittenOut(question);
        var q = parser.Parse(question);
        // What was known on the day the question looks from, when that is earlier than the day it is asked on.
        if (q.StatedAsOf is { } stated && (asOf is null || stated < asOf)) asOf = stated;
        // "this year", "last year": counted from the day the question stands on.
        // Without a day to count from, "this year" is read as the latest figures, which come first anyway.
        if (q.RelativeYears.Count > 0 && asOf is not null)
            q = q with { Years = q.Years.Concat(q.RelativeYears.Select(r => Today(asOf).Year + r)).Distinct().ToList() };
        // "the 2026 plan, and how does it compare with last year?": set beside a year named, last year is the one before it.
        else if (q.RelativeYears is [-1] && q.Years.Count == 1 && q.Versus)
            q = q with { Years = [q.Years[0], q.Years[0] - 1] };
        // (A plan set against last year is set against what was spent then, not what had been planned.)
        if (q.RelativeYears.Contains(-1) && q.Versus && q.Years.Count > 1) q = q with { WantsActualStrongly = true };
        // ("How many times cheaper is R1's input price than o1's?": models named without their makers are asked of the
        // companies whose figures name them.)
        if (q is { Companies.Count: 0, Filers.Count: 0, Group.Count: 0 } && ModelsIn(q.Text) is { Count: > 0 } models
            && (await tools.SignalsOfKindAsync(SignalKind.Metric, null, asOf)).Where(s => s.Company is not null && ModelsIn(NameOf(s)).Overlaps(models)).Select(s => s.Company!).Distinct().ToList() is { Count: > 0 } makers)
            q = q with { Companies = makers, UnknownNames = [] };
        // ("How many times more expensive is o1's input price than DeepSeek R1's?": a model set against a named company's is
        // asked of its maker too.)
        else if (q is { Companies.Count: 1, Filers.Count: 0, Group.Count: 0 } && (QuestionParser.AsksRatio(q.Text) || QuestionParser.AsksDifference(q.Text) || q.Versus)
            && ModelsIn(q.Text) is { Count: > 1 } compared
            && (await tools.SignalsOfKindAsync(SignalKind.Metric, null, asOf)).Where(s => s.Company is { } maker && maker != q.Companies[0] && ModelsIn(NameOf(s)) is { Count: 1 } own && own.Overlaps(compared))
                .Select(s => s.Company!).Distinct().ToList() is [var otherMaker])
            q = q with { Companies = [.. q.Companies, otherMaker] };
        var answer = new AnswerBuilder(asOf);

        if (q.Ambiguous.Count > 0)
        {
            var (name, candidates) = q.Ambiguous[0];
            return NotAnswered(question, q.Companies, asOf,
                $"'{name}' could mean {string.Join(" or ", candidates.Select(Label))}. Which one do you mean?");
        }
        if (q.Companies.Count == 0 && q.Filers.Count == 0 && q.UnknownNames.Count > 0 && !q.MarketWide && q.Intent is QuestionIntent.Lookup or QuestionIntent.Comparison or QuestionIntent.Judgement)
        {
            return NotAnswered(question, [], asOf,
                $"I don't know a company called '{q.UnknownNames[0]}'. I watch: {string.Join(", ", tools.Directory.Companies.OrderBy(c => c.Ticker).Select(c => $"{c.Name} ({c.Ticker})"))}. Add others to config/watchlist.json.");
        }

        // "How large is Sam Altman's personal stake in OpenAI?": what a person owns is no figure here, and the company's deals
        // are not it.
        if (q.Filers.Count == 0 && (PersonalHolding.IsMatch(question) || PersonPaid.IsMatch(question)))
            return NotAnswered(question, q.Companies, asOf, $"I have no figures on what people own or are worth personally{AsOfClause(asOf)}: I track companies' figures, the deals between them and funds' disclosed positions.");

        // "…, und wie viel davon in Europa?": a region no figure names; the company's figures as a whole do not answer it.
        if (RegionNamed.Match(question) is { Success: true } region)
        {
            var held = q.Companies.Count > 0
                ? (await Task.WhenAll(q.Companies.Select(c => tools.SignalsAsync(c, null, null, asOf)))).SelectMany(x => x).ToList()
                : (await tools.MarketSignalsAsync(null, null, asOf)).ToList();
            if (!held.Any(s => QuestionParser.Mentions($"{s.Note} {NameOf(s)} {(s as TextSignal)?.Headline} {PlaceOf(s)}", region.Value)))
                return NotAnswered(question, q.Companies, asOf, $"I have no figures for {Capitalise(region.Value)} on its own{AsOfClause(asOf)}: none of the figures I have{(q.Companies.Count > 0 ? $" on {string.Join(" or ", q.Companies.Select(Label))}" : "")} is broken down by region.");
        }

        // "bridgewater 13F puts on nvidia?": a fund whose filings are not followed has no positions here, and other funds'
        // bets on the company do not answer it.
        if (q.UnknownFiler is { } fund)
            return NotAnswered(question, q.Companies, asOf,
                $"I have no 13F filing or disclosed position from {Capitalise(fund)}{AsOfClause(asOf)}: the filers I follow are {string.Join(", ", tools.Directory.Filers.Select(f => f.Name))}.");

        // "Has Burry disclosed any puts on Tesla?": a company the watchlist does not know has no bets against it here,
        // and the fund's bets on others do not answer it.
        if (q.Companies.Count == 0 && q.Filers.Count > 0 && q.UnknownNames.Count > 0)
        {
            return NotAnswered(question, [], asOf,
                $"I have no disclosed position of {string.Join(" or ", q.Filers.Select(f => tools.Directory.Filer(f)?.Name ?? f))} on {string.Join(" or ", q.UnknownNames)}, which is not on the watchlist{AsOfClause(asOf)}.");
        }

        // "Which company is being talked about for putting data centres in orbit?": who a headline is about.
        if (q.Companies.Count == 0 && q.Filers.Count == 0 && QuestionParser.AsksWho(question) && await AnswerFromHeadlinesAsync(q, answer))
            return new Answer(question, answer.Text.Trim(), true, [], answer.Evidence, asOf, EngineName);

        // "What does Gartner forecast …?": a source named that none of the figures comes from.
        if (q.Companies.Count == 0 && QuestionParser.SourcesIn(question) is { Count: > 0 and < 5 } named)
        {
            var market = (await tools.MarketSignalsAsync(SignalKind.Metric, null, asOf)).Where(s => s.Company is null).ToList();
            // ("dell oro" is Dell'Oro, however the apostrophe is typed.)
            var theirs = market.Where(s => named.Any(src => QuestionParser.Mentions($"{NameOf(s)} {s.Note}", src) || QuestionParser.Mentions($"{NameOf(s)} {s.Note}", src.Replace(" ", "", StringComparison.Ordinal)))).ToList();
            if (theirs.Count == 0)
                return NotAnswered(question, [], asOf, $"I have no figures from {string.Join(" or ", named.Select(Capitalise))}{AsOfClause(asOf)}. The market-wide figures I have come from the five source articles (Bain, Dell'Oro and PitchBook among the sources they cite).");
            // "Give me the Bain numbers the bears quote: how much revenue would AI need?": the source's figures asked
            // for, whatever judgement the words carry.
            if (q.Intent is QuestionIntent.Judgement && theirs.Count > 0 && Regex.IsMatch(question, @"\b(how much|how many|what share|what percentage|numbers?|figures?|wie viel|zahlen)\b", RegexOptions.IgnoreCase))
                q = q with { Intent = QuestionIntent.Lookup, MarketWide = true };
            // "What does Dell'Oro forecast for 2026?": its figures are for other periods.
            if (!q.Versus && !q.Sum && q.Years.Count == 1 && Filter(theirs, q, asOf).Count == 0)
                return NotAnswered(question, [], asOf, $"I have no figure from {string.Join(" or ", named.Select(Capitalise))}{YearClause(q)}{AsOfClause(asOf)}; I have {string.Join("; ", theirs.Select(s => $"{NameOf(s)} for {When(s, asOf)}"))}.");
        }

        // "nasdaq move in the last week of january 2026?": an index named is answered by its own figures, for the time asked;
        // what else moved then is not it.
        // (Not beside other things asked: "the Nasdaq and the eight biggest AI names".)
        // ("What share of S&P 500 returns have AI stocks delivered since November 2022?": a share of the index's returns is
        // a market figure, not its move.)
        if (q.Companies.Count == 0 && q.Filers.Count == 0 && (q.Month is not null || q.Quarter is not null) && !QuestionParser.AsksShareOf(question) && IndexNamed.Match(question) is { Success: true } index
            && !Regex.IsMatch(question, @",|\s[+&]\s|\b(and|vs\.?|versus|compared|both|plus|und|against)\b", RegexOptions.IgnoreCase))
        {
            var ofIndex = await IndexMovesAsync(index.Value, asOf);
            var inWindow = Filter(ofIndex, q, asOf);
            var indexName = index.Value.ToLowerInvariant() switch { "dax" => "DAX", "nasdaq" or "nikkei" => Capitalise(index.Value.ToLowerInvariant()), _ => Capitalise(index.Value) };
            // ("S&P 500 performance in the first week of November 2025?": an index with no move of its own at all is said to have none.)
            // ("Wie stark ist der DAX … gefallen?": a fall or a rise asked of it is still a move of its own.)
            if (ofIndex.Count == 0 && q.Kinds.All(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove))
                return NotAnswered(question, [], asOf, $"I have no move of the {indexName}{AsOfClause(asOf)}.");
            if (ofIndex.Count > 0 && inWindow.Count == 0)
                return NotAnswered(question, [], asOf, $"I have no {indexName} figure{(q.Month is not null ? WindowClause(q, asOf) : YearClause(q))}{AsOfClause(asOf)}; I have {string.Join("; ", ofIndex.Select(s => $"{NameOf(s)} for {When(s, asOf)}"))}.");
            if (inWindow.Count > 0)
            {
                foreach (var s in Newest(inWindow)) answer.Line(s, Described(s, asOf, "Market"));
                answer.Lead($"{string.Join("; ", inWindow.Select(s => $"{s.DescribeValue()} ({When(s, asOf)})"))}.");
                return new Answer(question, answer.Text.Trim(), true, [], answer.Evidence, asOf, EngineName);
            }
        }

        // "Where did the Fed set interest rates?": a measure no kind holds, asked of no company: the market's figures of it, if any.
        if (q.Measure is { } measure && q.Companies.Count == 0 && q.Filers.Count == 0)
        {
            // "the going rate to poach an AI engineer": a measure of no company named is any company's, the market's first.
            // (Pay only: "how many people work at Perplexity" names a company, unknown, and nobody else's staff answers it.)
            var watched = measure == "pay" ? tools.Directory.Companies.Where(c => c.Watched).Select(c => c.Ticker).ToList() : [];
            var anyones = (await tools.MarketSignalsAsync(SignalKind.Metric, null, asOf))
                .Concat((await Task.WhenAll(watched.Select(t => tools.SignalsAsync(t, SignalKind.Metric, null, asOf)))).SelectMany(x => x)).DistinctBy(s => s.Id);
            var figures = Filter(anyones.Where(s => IsMeasure(NameOf(s), measure)).ToList(), q, asOf);
            if (figures.Count == 0) return NotAnswered(question, [], asOf, $"I have no {measure} figures{YearClause(q)}{AsOfClause(asOf)}.");
            foreach (var s in Newest(figures).Take(8)) answer.Line(s, Described(s, asOf));
            return new Answer(question, answer.Text.Trim(), true, [], answer.Evidence, asOf, EngineName);
        }

        if (q.Companies.Count == 1 && q.Filers.Count == 0 && await PartOfGroupAsync(q, answer)) return new Answer(question, answer.Text.Trim(), true, q.Companies, answer.Evidence, asOf, EngineName);

        // "What share of S&P 500 capex does Amazon account for by itself?": a part of a market total asked of one company.
        // The company's own amount is not a share, and the market's share is the group's: only a share figure of the
        // company's answers it.
        // (A market amount the company's own amount can be set against answers it: "Amazon's plan on its own as a % of
        // 2024 hyperscale capex".)
        if (q.Companies.Count == 1 && q.Filers.Count == 0 && QuestionParser.AsksAlone(question) && QuestionParser.AsksShareOf(question) && await AgainstMarketAsync(q, [], asOf) is null)
        {
            var company = q.Companies[0];
            var own = Relevant((await tools.SignalsAsync(company, SignalKind.Metric, null, asOf)).Where(s => s is Metric { Unit: "percent" } m && QuestionParser.MentionsAny(m.Name, "share", "shares", "portion", "proportion", "anteil")), q, allowSingleWord: true, minHits: 1, unique: false);
            if (own.Count == 0)
            {
                var market = Relevant((await tools.MarketSignalsAsync(SignalKind.Metric, null, asOf)).Where(s => s.Company is null), q, allowSingleWord: false);
                return NotAnswered(question, q.Companies, asOf, $"I have no figure for {Label(company)}'s share on its own{AsOfClause(asOf)}."
                    + (market.Count > 0 ? $" The market figures I have on it are for several companies together: {string.Join("; ", market.Take(3).Select(NameOf))}." : ""));
            }
        }

        // "How much of Amazon's 2026 capex budget is earmarked for Project Kuiper?": a part of a budget for a project,
        // which only a figure naming the project gives (the budget as a whole is not it).
        if (q.Companies.Count == 1 && QuestionParser.AsksShareOf(question) && QuestionParser.ProjectsIn(question) is { Count: > 0 } parts)
        {
            var theirs = await tools.SignalsAsync(q.Companies[0], null, null, asOf);
            if (!theirs.Any(s => Words($"{NameOf(s)} {(s as Metric)?.Name}").Any(parts.Contains)))
            {
                var noted = theirs.Where(s => TopicWordsOf(s, minLength: 3).Any(parts.Contains)).ToList();
                return NotAnswered(question, q.Companies, asOf, $"I have no figure for the part of {Label(q.Companies[0])}'s spending that goes to {string.Join(", ", parts.Select(Capitalise))}{AsOfClause(asOf)}."
                    + (noted.Count > 0 ? $" It is named in the notes of: {string.Join("; ", noted.Take(3).Select(s => $"{KindLabel(s)} for {When(s, asOf)}"))}." : ""));
            }
        }

        // "Alibaba said roughly $52bn over three years. What's that per year?": an amount the question quotes picks the
        // figure it is, when none of the kinds its words name has one for the company.
        // (With no kind named, only to work it out: "Did investors like Amazon's $200 billion plan?" is about more than it.)
        // ("What coupon is Oracle paying on that $18bn bond deal?": a measure asked is not the amount quoted.)
        if (q.Companies.Count == 1 && q.Filers.Count == 0 && q.Intent is QuestionIntent.Lookup && !q.Reaction && q.Measure is null
            && (q.Kinds.Count > 0 || WorkedOut.IsMatch(question) || Regex.IsMatch(question, @"\b(per|a|each) (year|quarter|month|annum)\b|\bannual(ly|ised|ized)?\b|\b(pro|je) (jahr|quartal|monat)\b|\bjährlich\b", RegexOptions.IgnoreCase))
            && QuotedAmounts(question) is { Count: > 0 } quoted)
        {
            var theirs = await tools.SignalsAsync(q.Companies[0], null, null, asOf);
            if (!theirs.Any(s => q.Kinds.Contains(s.Kind))
                && theirs.Where(s => MoneySpan(s) is { } span && quoted.Any(a => Near(a, span.Low) || Near(a, span.High))).Select(s => s.Kind).Distinct().ToList() is { Count: > 0 } kinds)
                q = q with { Kinds = kinds };
        }
        // ("Is Amazon's $200bn plan still sensible given its free cash flow?", "Amazons 200-Milliarden-Plan": an amount quoted
        // as a plan is the plan it restates, asked beside the kinds the words name.)
        if (q.Companies.Count == 1 && q.Filers.Count == 0 && !q.Reaction && q.Kinds.Count > 0 && QuotedPlan.IsMatch(question)
            && QuotedFigures(question).Where(f => f.Unit == QuotedUnit.Money).Select(f => new Money(f.Value, f.Currency ?? "USD")).ToList() is { Count: > 0 } planned)
        {
            var plans = (await tools.SignalsAsync(q.Companies[0], null, null, asOf))
                .Where(s => s.Kind is SignalKind.CapexGuidance or SignalKind.InvestmentPlan && MoneySpan(s) is { } span && planned.Any(a => Near(a, span.Low) || Near(a, span.High)))
                .Select(s => s.Kind).Distinct().Where(k => !q.Kinds.Contains(k)).ToList();
            if (plans.Count > 0) q = q with { Kinds = [.. plans, .. q.Kinds] };
        }

        switch (q.Intent)
        {
            case QuestionIntent.Judgement: await AnswerJudgementAsync(q.Companies.Count == 0 && q.Group.Count > 0 && !q.WantsWorst ? q with { Companies = q.Group } : q, answer); break;
            case QuestionIntent.Loops: await AnswerLoopsAsync(q, answer); break;
            case QuestionIntent.Alerts: await AnswerAlertsAsync(q, answer); break;
            case QuestionIntent.Positions: await AnswerPositionsAsync(q, answer); break;
            case QuestionIntent.Ranking: await AnswerRankingAsync(q, answer); break;
            default:
                // "What did Alphabet, Amazon, Meta and Microsoft spend together": a market-wide figure about the companies
                // named answers it better than their figures one by one.
                // Set against each other ("Dell'Oro's 2025 figure versus Amazon's actual capex"), both sides are answered:
                // the companies' figures, then the market's.
                // (So are several companies' figures added up and set against the market's as a share or a multiple.)
                if (q.Companies.Count > 0 && q.MarketWide && q.Kinds.Count > 0 && (q.Versus || q.Companies.Count > 1 && await AgainstMarketAsync(q, [], asOf) is not null))
                {
                    await AnswerCompaniesAsync(q, answer);
                    if (q.Companies.Count > 1) await AnswerMarketMetricsAboutAsync(q, answer);
                    break;
                }
                // ("nvda + the 8 ai leaders: mkt cap lost 3-7 nov 2025": one company and a group of the market joined to it
                // are both asked: the company's figure, then the market's.)
                if (q.Companies.Count == 1 && q.MarketWide && q.Kinds.Count > 0
                    && Regex.IsMatch(q.Text, @"(\+|&|\band\b|\bplus\b|\bund\b|\bvs\.?|\bversus\b)\s+(the\s+|die\s+|der\s+)?(\d+|two|three|four|five|six|seven|eight|ten|zwei|drei|vier|fünf|acht|zehn|all|other)?\s*(ai|ki|tech|big)?[\s-]*(leaders|leading|giants|stocks|companies|names|konzerne|hyperscalers|index|nasdaq|s&p)\b", RegexOptions.IgnoreCase))
                {
                    await AnswerCompaniesAsync(q, answer);
                    await AnswerMarketMetricsAsync(q, answer, allowSingleWord: false);
                    break;
                }
                // A deal between two companies named is never a market figure.
                // ("amazon north carolina data center investment": a company's own thing named with market words is its.)
                // ("Alphabet, Amazon, Meta and Microsoft spent $112bn on AI capex in Q3 2025. Annualised?": an amount quoted of
                // several companies together is the market figure naming them.)
                if (q.Companies.Count > 0 && (q.MarketWide || q.Sum || q.Companies.Count > 1 && QuotedAmounts(q.Text).Count > 0) && !(q.Kinds.Count == 0 && !q.Sum && q.Companies.Count == 1)
                    && !(q.Kinds.Contains(SignalKind.FinancingDeal) && BetweenThem(q)) && await AnswerMarketMetricsAboutAsync(q, answer) > 0) break;
                // "What did the four biggest cloud spenders put in during Q3 2025, all together?": the market's total for
                // that window, when one adds them up, rather than everything dated in it.
                if (q.Companies.Count == 0 && q.Filers.Count == 0 && q.Sum && q.MarketWide && q.Kinds.Count == 0 && q.Quarter is not null
                    && await AnswerMarketMetricsAsync(q, answer, allowSingleWord: false) > 0) break;
                if (q.Companies.Count == 0 && q.Filers.Count == 0 && (q.Month is not null || q.Quarter is not null && q.Years.Count == 1) && q.Kinds.Count == 0)
                {
                    // "University of Michigan consumer sentiment reading for November 2025?": a market figure the
                    // question names in four words is the one asked, not everything dated that month.
                    // (Not when it asks for several things, or names a group whose companies a market figure also names.)
                    // "What share of US venture capital went to AI in the second half of 2025?": a market figure named in
                    // four words but held for another stretch is what is asked; what else happened then is not.
                    if (q.Group.Count > 0 || Regex.IsMatch(q.Text, @",|\b(and|und|plus)\b", RegexOptions.IgnoreCase)
                        || await AnswerMarketMetricsAsync(q, answer, allowSingleWord: false, minHits: 4) == 0
                            && RelevantScored((await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null), q, allowSingleWord: false, minHits: 4).Count == 0)
                        await AnswerWindowAsync(q, answer);
                }
                // "What are the Chinese tech giants investing?": the group's companies, each answered.
                // A group limited to a country ("the Chinese hyperscalers") is its companies, never the world's total.
                // "Which of the hyperscalers can pay for their capex out of operating cash flow?": a share of a company's own
                // cash has no market total; the companies answer it.
                // ("How are the software companies doing?": a group with nothing asked of it is each company's overview.)
                else if (q.Companies.Count == 0 && q.Group.Count > 0 && q.GroupSector is not null && q.Kinds.Count == 0 && !q.MarketWide && q.Month is null && q.Years.Count == 0)
                    await AnswerCompaniesAsync(q with { Companies = q.Group }, answer);
                else if (q.Companies.Count == 0 && q.Group.Count > 0 && q.Kinds.Count > 0 && (!q.MarketWide || q.GroupCountries.Count > 0
                    || q.Kinds.Contains(SignalKind.CapexCashFlowRatio) || await AnswerMarketMetricsAsync(q, answer, allowSingleWord: false) == 0))
                    await AnswerCompaniesAsync(q with { Companies = q.Group }, answer);
                // ("How much have Meta, Oracle, CoreWeave and xAI borrowed?": a name listed with the companies is one more of
                // them, not the other side of a deal, unless the question asks what passed between them.)
                else if (q.Companies.Count > 0 && q.OtherNames.Count > 0 && q.Kinds.Contains(SignalKind.FinancingDeal)
                    && (q.OtherNames.Except(q.ListedOtherNames).Any() || q.Companies.Count == 1 || Regex.IsMatch(q.Text, @"\b(between|zwischen)\b", RegexOptions.IgnoreCase))) await AnswerDealWithOtherAsync(q, answer);
                // "burry's two targets, how'd they trade": the companies the filer bets on, and their moves.
                // ("Of the two stocks Burry is short, which one trades on the richer multiple?": and their valuations.)
                else if (q.Companies.Count == 0 && q.Filers.Count > 0 && q.Kinds.Any(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove or SignalKind.Valuation))
                {
                    var targets = (await Task.WhenAll(q.Filers.Select(f => tools.PositionsByFilerAsync(f, answer.AsOf))))
                        .SelectMany(f => f.Positions).SelectMany(p => p.Subjects()).Where(tools.Directory.IsKnown).Distinct().Order(StringComparer.Ordinal).ToList();
                    await AnswerCompaniesAsync(q with { Companies = targets, Kinds = [.. q.Kinds.Where(k => k is not (SignalKind.ShortPosition or SignalKind.OptionPosition))] }, answer);
                }
                else if (q.Companies.Count == 0 && q.Filers.Count > 0) await AnswerPositionsAsync(q, answer);
                else if (q.Companies.Count == 0 && q.Filers.Count == 0 && await AnswerProjectAsync(q, answer)) break;
                // ("Meta's Hyperion?": a project named with its company and nothing asked of it is the project; "hyperion metas
                // datacenter site how many km2" asks something else of it.)
                else if (q.Companies.Count == 1 && q.Kinds.Count == 0 && q.Filers.Count == 0 && OnlyProjectNamed(q) && await AnswerProjectAsync(q, answer)) break;
                else if (q.Companies.Count == 0 && q.UnknownNames.Count > 0) await AnswerNamedInMarketAsync(q, answer);
                else if (q.Companies.Count == 0) await AnswerKindsAcrossMarketAsync(q, answer);
                else await AnswerCompaniesAsync(q, answer);
                break;
        }

        // "What are the free cash flows of Amazon, Alphabet and Tesla?": each name asked is answered, one not watched too.
        if (q.ListedOtherNames.Count > 0 && !answer.Text.Contains("not on the watchlist", StringComparison.Ordinal))
            answer.Note($"{string.Join(" and ", q.ListedOtherNames)} {(q.ListedOtherNames.Count == 1 ? "is" : "are")} not on the watchlist: I have no figures for {(q.ListedOtherNames.Count == 1 ? "it" : "them")}.");

        // "Nvidia and the Nasdaq in the week of 3-7 November": the index named beside the companies, for the same window.
        if (q.Companies.Count > 0 && (q.Month is not null || q.Quarter is not null) && IndexNamed.Match(question) is { Success: true } beside)
            foreach (var s in Newest(Filter(await IndexMovesAsync(beside.Value, asOf), q, asOf))) answer.Line(s, Described(s, asOf, "Market"));

        // "Why did Micron's stock move in January 2026?": what the company made known the day the move was reported, beside it.
        if (answer.Answered && q.Companies.Count > 0 && (WhyAsked.IsMatch(question) || Regex.IsMatch(question, @"\b(what (drove|caused|triggered|sparked|is behind|was behind)|what's behind|reason for)\b", RegexOptions.IgnoreCase)))
            foreach (var company in q.Companies)
            {
                var all = await tools.SignalsAsync(company, null, null, asOf);
                var days = all.Where(s => s.Kind is SignalKind.PriceMove or SignalKind.MarketCapMove && answer.Shows(s.Id)).Select(s => s.KnownOn).ToHashSet();
                // (What a report says of the quarter, its earnings and how the stock is valued explain a move first.)
                foreach (var s in all.Where(s => days.Contains(s.KnownOn) && s.Kind is not (SignalKind.PriceMove or SignalKind.MarketCapMove))
                    .OrderBy(s => s.Kind is SignalKind.Eps or SignalKind.Valuation or SignalKind.Revenue ? 0 : 1).Take(4))
                    answer.Line(s, Described(s, asOf), answers: false);
            }

        // "By what percentage is Amazon raising capex?", "what percentage of Scion's assets": amounts do not say it.
        if (answer.Answered && QuestionParser.AsksPercent(question) && !answer.Evidence.Any(e => e.Summary.Contains('%', StringComparison.Ordinal))
            // (A lead that works a percentage out, or an alert's that states one, has it.)
            && !answer.Text.Split('\n')[0].Contains(" %", StringComparison.Ordinal)
            // ("By what percentage is Amazon raising capex in 2026?": unless the company states one of the kind asked.)
            && !await WithStatedPercentAsync(q, answer, asOf))
            return NotAnswered(question, q.Companies, asOf, $"I have no percentage for that{AsOfClause(asOf)}; the amounts I have follow.\n{answer.Text.Trim()}");
        // "I need one point estimate for Meta's 2026 capex, not a range": a range guided gives none; said so, with the range.
        if (answer.Answered && Regex.IsMatch(question, @"\b(point estimate|single (number|figure|point)|one (number|figure)|not a range|no range|keine spanne)\b", RegexOptions.IgnoreCase)
            && !Regex.IsMatch(question, @"\b(mid-?points?|middle)\b", RegexOptions.IgnoreCase)
            && answer.Evidence.Count > 0 && answer.Evidence.All(e => Regex.IsMatch(e.Summary, @"\d \w+ to [$€£]?\d")))
            return NotAnswered(question, q.Companies, asOf, $"No single number was given{AsOfClause(asOf)}: the guidance I have is a range.\n{answer.Text.Trim()}");
        // "Palantir's Q3 2025 revenue in dollars, not the growth rate": an amount asked, and nothing found is money.
        if (answer.Answered && QuestionParser.AsksMoney(question) && !QuestionParser.AsksPercent(question) && answer.Evidence.Count > 0
            && !Regex.IsMatch(question, @"\b(for each|per|for every|each) dollars?\b", RegexOptions.IgnoreCase)
            && !answer.Evidence.Any(e => Regex.IsMatch(e.Summary, @"[$€£¥]|\b(CNY|EUR|USD|GBP|JPY|RMB)\b")))
            return NotAnswered(question, q.Companies, asOf, $"I have no amount for that{AsOfClause(asOf)}; what I have is not money:\n{answer.Text.Trim()}");
        // "Convert ASML's €12bn buyback into US dollars": amounts stay in their own currency here; a conversion the source
        // itself states is given as the source's.
        if (answer.Answered && InDollars.IsMatch(question) && !answer.Evidence.Any(e => e.Summary.Contains('$', StringComparison.Ordinal))
            && answer.Evidence.Any(e => Regex.IsMatch(e.Summary, @"[€£¥]|\b(CNY|EUR|GBP|JPY|RMB)\b")))
        {
            if (await InDollarsBySourceAsync(q, answer, asOf) is { } converted)
                return new Answer(question, $"{converted}\n{answer.Text.Trim()}", true, q.Companies, answer.Evidence, asOf, EngineName);
            // (The amount in its own currency still answers how big it is.)
            return new Answer(question, $"No dollar figure: the amount is in its own currency and no conversion is stated; I do not convert currencies.\n{answer.Text.Trim()}", true, q.Companies, answer.Evidence, asOf, EngineName);
        }
        if (!answer.Answered && !answer.SaidNone && q.Companies.Count == 0 && q.Filers.Count == 0 && q.UnknownNames.Count == 0) await AnswerClosestAsync(q, answer);
        if (!answer.Answered)
        {
            return NotAnswered(question, q.Companies, asOf, answer.Text.Length > 0 ? answer.Text.Trim()
                : "I could not tell what you are asking about. I answer questions about the companies on the watchlist and their capex (guidance and actuals), cash flow, revenue, EPS, valuation, market-cap and price moves, positions against them (puts, shorts), export-control news, financing deals and loops, orders, buybacks and investment plans.");
        }
        return new Answer(question, answer.Text.Trim(), true, q.Companies, answer.Evidence, asOf, EngineName);
    }

    /// <summary>
    /// "Of the roughly $800bn the eight AI leaders lost that week, how much was Nvidia alone?", "how much did the other
    /// seven lose?", "what share was Nvidia's?": a company's market-value move set against a group's total for the very
    /// same days, which the question counts the company in. Said with both figures; the rest or the share is worked out.
    /// </summary>
    private async Task<bool> PartOfGroupAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var company = q.Companies[0];
        if (!Regex.IsMatch(q.Text, @"\b(alone|by itself|on its own|others?|rest|remaining|besides|apart from|excluding|except|aren['’]t|are not|(?:was|were|is) not|wasn['’]t|weren['’]t|isn['’]t|share|part|portion|fraction|proportion|percent\w*|of that|of the|counting|among|\+|plus|anteil\w*|prozent\w*|übrigen|ubrigen|restlichen|allein|nicht)\b", RegexOptions.IgnoreCase))
            return false;
        // The question names a group: it quotes the group's amount, or counts its members.
        // ("vom 800-Mrd.-Verlust": an amount written with no currency is the group's in its own.)
        var quoted = QuotedFigures(q.Text).Where(f => f.Unit == QuotedUnit.Money).Select(f => (f.Value, f.Currency)).ToList();
        var counted = Regex.IsMatch(q.Text, @"\b(eight|seven|acht|sieben|8|7)\s+([\w-]+\s+){0,2}(\w+-)?(leaders|names|companies|stocks|firms|heavyweights|giants|[\w-]*werte|titel|konzerne|unternehmen|aktien|firmen|schwergewichte|riesen|giganten)\b|\b(the others|other seven|the rest|die übrigen|die anderen sieben)\b", RegexOptions.IgnoreCase);
        if (quoted.Count == 0 && !counted) return false;
        var moves = await tools.SignalsAsync(company, SignalKind.MarketCapMove, null, answer.AsOf);
        var totals = (await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf))
            .OfType<Metric>().Where(m => m.Company is null && m.Unit.Length == 3 && m.Unit.All(char.IsAsciiLetterUpper) && m.Value > 0
                && QuestionParser.MentionsAny(m.Name, "companies", "leaders", "names", "stocks"))
            .ToList();
        foreach (var total in totals)
        {
            // (Counted, the group is this one when the question uses two of its words, or when it is the only one.)
            var named = quoted.Any(a => Near(new Money(a.Value, a.Currency ?? total.Unit), new Money(total.Value, total.Unit)))
                || counted && (RelevantScored([total], q, allowSingleWord: false, minHits: 2, unique: false).Count > 0 || totals.Count == 1);
            if (!named || moves.OfType<MarketCapMove>().Where(m => m.Period == total.Period && m.Change.Currency == total.Unit).ToList() is not [var move]) continue;
            var part = Math.Abs(move.Change.Amount);
            if (part >= total.Value) continue;
            var whole = new Money(total.Value, total.Unit);
            var own = new Money(part, total.Unit);
            var about = move.Qualifier is Qualifier.About || total.Qualifier is Qualifier.About ? "about " : "";
            var verb = move.Change.Amount < 0 ? "lost" : "gained";
            var sources = $"{Name(company)} {move.DescribeValue()} ({When(move, answer.AsOf)}); {total.DescribeValue()}";
            // ("… and how much of that was not Nvidia?", "Wie viel vom 800-Mrd.-Verlust entfiel nicht auf Nvidia?": what was not
            // the company's is the others'.)
            if (Regex.IsMatch(q.Text, @"\b(others?|rest|remaining|besides|apart from|excluding|except|other than|aren['’]t|are not|(?:was|were|is) not|wasn['’]t|weren['’]t|isn['’]t|nicht auf|übrigen|ubrigen|restlichen)\b", RegexOptions.IgnoreCase))
            {
                var rest = Significant(whole - own);
                Computed("remainder", [total.Id, move.Id], rest, rest);
                // ("… and what is that per trading day?": the rest over the days of the move, too.)
                var perDay = "";
                if (PerUnitAsked.Match(q.Text) is { Success: true } per && UnitOf(per) is var unit && Parts(total.Period, unit, q.Text) is decimal parts && parts > 1)
                {
                    var each = Significant(new Money(rest.Amount / parts, rest.Currency));
                    Computed($"remainder per {unit}", [total.Id, move.Id], each, each);
                    perDay = $"; {about}{SignificantRecorded(new Money(rest.Amount / parts, rest.Currency))} a {unit} over its {parts.ToString(CultureInfo.InvariantCulture)} {unit}s";
                }
                answer.Lead($"The others {verb} {about}{rest.ToHuman()} between them{perDay} (worked out: {about}{whole.ToHuman()} in all, less {Name(company)}'s {about}{own.ToHuman()}; {sources})");
            }
            else if (QuestionParser.AsksPercent(q.Text) || ShareWord.IsMatch(q.Text) || Regex.IsMatch(q.Text, @"\bwhat part\b", RegexOptions.IgnoreCase))
            {
                var shareExact = part / total.Value * 100;
                var share = Math.Round(shareExact, 1);
                Derived = [.. Derived, new { computed = "share", of = new[] { move.Id, total.Id }, percent = share }];
                answer.Lead($"{Name(company)}'s {own.ToHuman()} is {about}{PercentRecorded(share, shareExact)} of the {whole.ToHuman()} (worked out; {sources})");
            }
            else answer.Lead($"{Name(company)} {verb} {about}{own.ToHuman()} of the {whole.ToHuman()} ({sources})");
            answer.Line(move, Described(move, answer.AsOf, Label(company)));
            answer.Line(total, Described(total, answer.AsOf, "Market"));
            return true;
        }
        return false;
    }

    /// <summary>An index's own moves ("Nasdaq Composite change"), whatever period they are for.</summary>
    private async Task<List<Signal>> IndexMovesAsync(string index, DateOnly? asOf) =>
        (await tools.MarketSignalsAsync(SignalKind.Metric, null, asOf)).Where(s => s.Company is null && QuestionParser.Mentions(NameOf(s), index)
            && QuestionParser.MentionsAny(NameOf(s), "change", "move", "performance")).ToList();

    /// <summary>Figures the engine computed rather than read (a judgement's growth rates), for the run's figure check.</summary>
    public IReadOnlyList<object> Derived { get; private set; } = [];

    /// <summary>The day "January" and "ended" are reckoned from: the as-of day, else today.</summary>
    private DateOnly Today(DateOnly? asOf) => asOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task AnswerCompaniesAsync(ParsedQuestion question, AnswerBuilder answer)
    {
        var q = question;
        if (q.Kinds.Count == 0)
        {
            await Task.WhenAll(q.Companies.Select(c => tools.CompanySnapshotAsync(c, answer.AsOf)));
            foreach (var company in q.Companies) await OverviewAsync(company, q, answer);
            return;
        }
        await Task.WhenAll(q.Companies.SelectMany(c => ExpandKinds(q).Select(k => tools.SignalsAsync(c, k, null, answer.AsOf)).Append(tools.SignalsAsync(c, null, null, answer.AsOf))));
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var leads = new List<string>();
        var withdraw = false;
        var subjectMissing = false;
        var sideMissing = false;
        var shownMoves = false;
        var leading = new List<Signal>();
        // Every figure listed of the kinds asked, in order: what a total of one company's figures adds up.
        var listed = new List<Signal>();
        foreach (var company in q.Companies)
        {
            // "tencent 2024, alibaba 3yr plan, baidu?": each company with the time words said beside it.
            q = OwnSideOf(OwnTimeOf(question, company), company);
            var found = false;
            var leadAt = leads.Count;
            var first = new List<Signal>();
            // ("How much more is Amazon spending in 2026 than it did in 2025?": a gap from an earlier year nothing plans is
            // from what was spent in it.)
            var gapFromSpent = q.Years.Count > 1 && (QuestionParser.AsksDifference(q.Text) || QuestionParser.AsksPercentChange(q.Text) || QuestionParser.AsksRatio(q.Text));
            foreach (var kind in ExpandKinds(q))
            {
                var signals = Filter(await tools.SignalsAsync(company, kind, null, answer.AsOf), q, answer.AsOf);
                // "What did they actually spend in 2025, and how much more is the 2026 plan?": of two years, the one whose
                // spending is asked for is not asked for its plan.
                if (kind is SignalKind.CapexGuidance && (q.WantsActualStrongly || gapFromSpent) && q.Years.Count > 1 && q.Companies.Count == 1)
                {
                    var spent = Filter(await tools.SignalsAsync(company, SignalKind.Capex, null, answer.AsOf), q, answer.AsOf).Select(s => s.Period).ToHashSet();
                    bool Dropped(Signal s) => spent.Contains(s.Period)
                        && (q.WantsActualStrongly || s.Period.Year < q.Years.Max() && SpendSaidOf(q.Text, s.Period.Year ?? 0) is not false);
                    if (signals.Any(s => !Dropped(s))) signals = signals.Where(s => !Dropped(s)).ToList();
                }
                // "CoreWeave's 2030 target vs Meta's Hyperion": a project named is asked as it is; the year is the other's.
                if (signals.Count == 0 && kind is SignalKind.CapacityPlan or SignalKind.InvestmentPlan && q.Companies.Count > 1 && QuestionParser.ProjectsIn(q.Text) is { Count: > 0 } ownProjects)
                    signals = (await tools.SignalsAsync(company, kind, null, answer.AsOf)).Where(s => TopicWordsOf(s, minLength: 3).Any(ownProjects.Contains)).ToList();
                // "the Blackwell day and the first week of November": a move named by what caused it is asked beside the
                // one in the window named for the other.
                if (kind is SignalKind.MarketCapMove or SignalKind.PriceMove && q.Month is not null && (q.Sum || QuestionParser.AsksTotal(q.Text) || Regex.IsMatch(q.Text, @"\b(two|both|plus|and|und|beide\w*)\b", RegexOptions.IgnoreCase)))
                {
                    var causes = TopicWords(q).Where(w => w.Length >= 5 && !QuestionParser.PhrasesOf(kind).Contains(w)).ToHashSet(StringComparer.Ordinal);
                    var moves = await tools.SignalsAsync(company, kind, null, answer.AsOf);
                    // "the one-day hit plus the first week": "one-day" is said of one of them, not of the week's.
                    if (q.OneDay) signals = Filter(moves, q with { OneDay = false }, answer.AsOf);
                    var named = moves.Where(s => !signals.Contains(s) && !string.IsNullOrEmpty(s.Note)
                        && Words(s.Note!).Any(causes.Contains) && (q.Direction == 0 || Moves(s) is not { } change || Math.Sign(change) == q.Direction)).ToList();
                    signals = [.. signals, .. named];
                }
                if (kind is SignalKind.OptionPosition or SignalKind.ShortPosition)
                    signals = signals.Where(s => s.Kind == kind).ToList();
                // A deal between two companies asked about: only the deals between them, when there are any.
                // (Companies each taking money in, "how much did Oracle and Meta borrow", "how did Meta, Oracle and CoreWeave
                // finance their data centres", are each answered.)
                if (kind == SignalKind.FinancingDeal && BetweenThem(q))
                {
                    // "Is Oracle loading up on debt to build data centres for OpenAI?": a kind of deal named is the
                    // company's own of that kind, whoever the other side is.
                    var named = DealKindsNamed(q.Text);
                    // "How much did Nvidia sink into CoreWeave?": money put in by the first named into the other, not what one
                    // buys from the other (and when none went that way, what the question named is answered as asked).
                    if (named.Count == 0 && MoneyPutIn.IsMatch(q.Text) && signals.Any(s => s is FinancingDeal { DealKind: DealKind.Equity or DealKind.Debt } d && d.Investor == q.Companies[0] && d.Investee == q.Companies[1]))
                        named = [DealKind.Equity, DealKind.Debt];
                    // "the capital it raised plus Nvidia's stake": money raised is borrowed or sold as shares.
                    // ("coreweave total funding incl. the nvda equity check": so is all the funding it took in.)
                    var totalAsked = q.Sum || QuestionParser.AsksTotal(q.Text) || Regex.IsMatch(q.Text, @"\b(total|overall|all[- ]in|altogether|insgesamt)\b", RegexOptions.IgnoreCase);
                    if (QuestionParser.MentionsAny(q.Text, "raised", "raise", "raises", "raising", "eingesammelt", "pulled in", "taken in", "took in", "outside money")
                        || QuestionParser.MentionsAny(q.Text, "funding", "finanzierung") && totalAsked) named.UnionWith([DealKind.Debt, DealKind.Equity]);
                    // "hat sich Nvidia an CoreWeave beteiligt": of the deals between them, those of the kind named.
                    var pool = signals.Where(s => s.Subjects().Count(q.Companies.Contains) > 1).ToList();
                    if (pool.Any(s => s is FinancingDeal d && named.Contains(d.DealKind)) && pool.Any(s => s is FinancingDeal d && !named.Contains(d.DealKind)))
                        pool = pool.Where(s => s is FinancingDeal d && named.Contains(d.DealKind)).ToList();
                    var between = DealsAsAsked(pool, q);
                    // Asked for a total ("what it raised in public markets plus Nvidia's stake"), both are counted.
                    var own = between.Any(s => s is FinancingDeal d && named.Contains(d.DealKind)) && !totalAsked ? []
                        : signals.Where(s => s is FinancingDeal d && named.Contains(d.DealKind) && d.Investee == company);
                    signals = between.Concat(own).DistinctBy(s => s.Id).ToList();
                }
                // "Nvidia's equity commitments to OpenAI and CoreWeave": of three companies or more, the deals among them
                // when there are some (of the kind named, when named); otherwise each company's own.
                else if (kind == SignalKind.FinancingDeal && q.Companies.Count > 2 && BetweenThem(q with { Companies = q.Companies.Take(2).ToList() })
                    && signals.Where(s => s.Subjects().Count(q.Companies.Contains) > 1).ToList() is { Count: > 0 } among)
                {
                    var named = DealKindsNamed(q.Text);
                    // "pledged to", "invested in": money put in, not what one buys from another.
                    if (named.Count == 0 && (MoneyPutIn.IsMatch(q.Text) || Regex.IsMatch(q.Text, @"\b(invest\w*|pledge\w*|commit\w*|backed|backing|stake)\b", RegexOptions.IgnoreCase)))
                        named = [DealKind.Equity, DealKind.Debt];
                    // ("Nvidia, Microsoft and other investors put into OpenAI": the money in from those not named too.)
                    var others = OtherFunders.IsMatch(q.Text) ? signals.Where(s => s is FinancingDeal d && d.Investee == company && named.Contains(d.DealKind)).ToList() : [];
                    signals = (among.Any(s => s is FinancingDeal d && named.Contains(d.DealKind)) ? among.Where(s => s is FinancingDeal d && named.Contains(d.DealKind)).ToList() : among)
                        .Concat(others).DistinctBy(s => s.Id).ToList();
                }
                // "Meta's private credit and Oracle's bond sale": a kind of deal named is each company's deals of that
                // kind, when it has some.
                else if (kind == SignalKind.FinancingDeal && DealKindsNamed(q.Text) is { Count: > 0 } namedKinds
                    // (A contract for compute is the company's whichever side it is on: "capacity sold to OpenAI".)
                    && signals.Where(s => s is FinancingDeal d && namedKinds.Contains(d.DealKind) && (d.Investee == company || d.DealKind is DealKind.ComputeContract)).ToList() is { Count: > 0 } ofKind)
                    signals = ofKind;
                // Who put money into a company: the deals that pay into it, not those it pays into others (and the
                // other way round for what a company put money into).
                else if (kind == SignalKind.FinancingDeal && q.FundingRole is { } role && q.Companies.Count == 1)
                    signals = signals.Where(s => s is FinancingDeal d && (role == DealRole.Investee ? d.Investee : d.Investor) == company).ToList();
                // ("META, ORCL and CRWV: how much money did they raise in total?": what each raised is what it borrowed or sold
                // as shares, not what its customers pay it.)
                else if (kind == SignalKind.FinancingDeal && q.Companies.Count > 1
                    && QuestionParser.MentionsAny(q.Text, "raised", "raise", "raises", "raising", "eingesammelt", "aufgenommen")
                    // (Not when a payment is asked beside it: "what OpenAI pays Oracle … against what OpenAI has raised".)
                    && !Regex.IsMatch(q.Text, @"\b(pay|pays|paid|paying|buy|buys|bought|purchas\w*|contracts?|zahlt|zahlen|kauft)\b", RegexOptions.IgnoreCase)
                    && signals.Where(s => s is FinancingDeal { DealKind: DealKind.Debt or DealKind.Equity } d && d.Investee == company).ToList() is { Count: > 0 } raised)
                    signals = raised;
                if (kind == SignalKind.FinancingDeal && q.SetAside.Count > 0)
                    signals = signals.Where(s => !s.Subjects().Any(q.SetAside.Contains)).ToList();
                // "von Investoren eingesammelt", "raised from investors": money from outside investors, not from companies.
                if (kind == SignalKind.FinancingDeal && FromInvestors(q) && signals.OfType<FinancingDeal>().Any(d => IsInvestors(d.Investor)))
                    signals = signals.Where(s => s is FinancingDeal d && IsInvestors(d.Investor)).ToList();
                // The market's reaction to an event asked about: the first move that followed it (within a month), not later ones.
                if (q.Reaction && kind is SignalKind.PriceMove or SignalKind.MarketCapMove && first.FirstOrDefault(f => f.Kind is not (SignalKind.PriceMove or SignalKind.MarketCapMove)) is { } evt)
                {
                    // ("How did Amazon react to the $200bn capex news?": a figure for a fiscal period is news the day it became
                    // known, not across the year it is for.)
                    var (from, to) = evt.Period.Kind is PeriodKind.FiscalYear or PeriodKind.FiscalYears or PeriodKind.FiscalQuarter
                        // (From the start of that month: a move dated only by its month may be the one.)
                        ? (new DateOnly(evt.KnownOn.Year, evt.KnownOn.Month, 1), evt.KnownOn) : TimeWords.Span(evt.Period, FiscalYearEndMonth(evt));
                    var after = signals.Where(s => s.Period.Start is { } start && start >= from && start <= to.AddDays(31)).ToList();
                    var nearest = after.Select(s => s.Period.Start!.Value).DefaultIfEmpty().Min();
                    signals = after.Where(s => s.Period.Start == nearest).ToList();
                }
                if (kind == SignalKind.Revenue) signals = RevenueAsked(signals, q, await tools.SignalsAsync(company, kind, null, answer.AsOf));
                // "year to date": that session's move, not a day's.
                // "jump after its Q3 results": a move after an event, which a gain over the year is not.
                // ("Palantir: YTD gain before the selloff and the post-earnings drop": both asked, both kept.)
                var yearToDate = QuestionParser.MentionsAny(q.Text, "year to date", "ytd", "up on the year", "seit jahresbeginn", "so far this year")
                    || Regex.IsMatch(q.Text, @"\bin 20\d\d (up to|until|till|through|before)\b", RegexOptions.IgnoreCase);
                var afterResults = AfterResults(q) || Regex.IsMatch(q.Text, @"\bpost[- ]?(earnings|results)\b", RegexOptions.IgnoreCase);
                if (kind == SignalKind.PriceMove && afterResults && !yearToDate)
                    signals = signals.Where(s => s is not PriceMove { Session: "year-to-date" }).ToList();
                if (kind == SignalKind.PriceMove && yearToDate && !afterResults)
                    signals = signals.Where(s => s is PriceMove { Session: "year-to-date" }).ToList();
                // "meta prometheus cluster how many gw": a project named is the plan asked; another project's plan is not its answer.
                // (Of the company whose project it is: "CoreWeave and Meta's Hyperion" asks CoreWeave's plans as they are.)
                if (kind is SignalKind.CapacityPlan or SignalKind.InvestmentPlan && QuestionParser.ProjectsIn(q.Text) is { Count: > 0 } projects
                    && (q.Companies.Count == 1 || (await tools.SignalsAsync(company, null, null, answer.AsOf)).Any(s => TopicWordsOf(s, minLength: 3).Any(projects.Contains))))
                    signals = signals.Where(s => TopicWordsOf(s, minLength: 3).Any(projects.Contains)).ToList();
                // A measure asked by name: its figures, and any other the question's own words name ("built its model for $10 million with 200 staff").
                // "GPUs to train GPT-5", "V3's output price": a figure of another model of the company is not its answer.
                // When the figure most about what was asked is another model's, nothing is left: the company's other
                // figures are not about the model either.
                // (One company asked: with two, one's model is set against the other's, "DeepSeek than OpenAI's o1".)
                if (kind == SignalKind.Metric && q.Companies.Count == 1 && ModelsIn(q.Text) is { Count: > 0 } models)
                {
                    var about = Relevant(signals, q, allowSingleWord: true, minHits: 1, unique: false);
                    signals = about.Count > 0 && OfAnotherModel(about[0], models) ? [] : signals.Where(s => !OfAnotherModel(s, models)).ToList();
                }
                // "status of Nvidia's H20 export licence": news about another chip (Blackwell) is not its answer.
                if (kind is SignalKind.ExportControl or SignalKind.News && ChipsIn(q.Text) is { Count: > 0 } chips)
                    signals = signals.Where(s => !(ChipsIn($"{s.Describe()} {s.Note}") is { Count: > 0 } named && !named.Overlaps(chips))).ToList();
                // "Wie viel gibt Google für Project Suncatcher aus?": the company's capex as a whole is not the project's.
                // (A budget whose note names the project among others is not the project's figure either.)
                if (kind is SignalKind.Capex or SignalKind.CapexGuidance && QuestionParser.ProjectsIn(q.Text) is { Count: > 0 } projectsNamed && !QuestionParser.AsksShareOf(q.Text))
                    signals = signals.Where(s => TopicWordsOf(s, minLength: 3).Any(projectsNamed.Contains) && !(QuestionParser.AsksMoney(q.Text) && s.Note is { } note && Words(note).Any(projectsNamed.Contains))).ToList();
                // "How many shares has ASML already bought back?", "spent on Stargate so far": a programme or pledge still
                // to run is not what was done.
                if (kind is SignalKind.Buyback or SignalKind.InvestmentPlan && QuestionParser.AsksDone(q.Text))
                    signals = signals.Where(s => TimeWords.Span(s.Period, FiscalYearEndMonth(s)).End <= s.KnownOn).ToList();
                // "the campus in North Carolina": a place named picks the plans there, when some are.
                // ("campus investments other than Pennsylvania": a place set aside is left out.)
                signals = signals.Where(s => !PlaceSetAside(s, q) && !(s.Period.Kind is PeriodKind.FiscalYear && q.SetAsideYears.Contains(s.Period.Year ?? 0))).ToList();
                if (kind is SignalKind.InvestmentPlan or SignalKind.CapacityPlan && signals.Where(s => PlaceOf(s) is { } place && QuestionParser.MentionsLoosely(q.Text, place)).ToList() is { Count: > 0 } there)
                    signals = there;
                // "ByteDance's budget for international chip purchases": of several plans, the one whose own words the
                // question uses more ("foreign" for "international"), when they differ.
                // ("split between domestic AI chips and international chip purchases": each plan named by a word of its own stays.)
                else if (kind is SignalKind.InvestmentPlan && signals.Count > 1 && signals.Select(s => (Signal: s, Hits: PlanWordsNamed(s, q.Text))).ToList() is var planScores
                    && planScores.Max(x => x.Hits) is > 0 and var bestHits && planScores.Any(x => x.Hits < bestHits))
                    signals = planScores.Where(x => x.Hits == bestHits || x.Hits > 0 && PlanWordsNamed(x.Signal, q.Text, signals.Where(o => o != x.Signal)) > 0).Select(x => x.Signal).ToList();
                // "How much China revenue does Nvidia lose?": revenue that was not made is no reported revenue.
                if (kind == SignalKind.Revenue && QuestionParser.AsksRevenueLost(q.Text))
                    signals = [];
                // "How many gigawatts does CoreWeave operate today?": a plan's target is not what runs now.
                if (kind == SignalKind.CapacityPlan && RunsToday(q))
                    signals = [];
                if (kind == SignalKind.Metric && q.Measure is { } measure)
                {
                    // "the package for the engineer poached from Apple": of several figures of the measure, those the
                    // question's other words name.
                    var measured = signals.Where(s => IsMeasure(NameOf(s), measure)).ToList();
                    var byWords = RelevantScored(measured, q, allowSingleWord: true, minHits: 1, unique: false);
                    // Named that closely, the figure is the one asked; others of the measure do not pad it (unless
                    // several are asked: "pay packages, signing bonuses").
                    // (Or by two with none as close: "that senior AI enginer it poached from apple", typed in haste.)
                    if (byWords.Count > 0 && (byWords[0].Hits >= 3 || byWords[0].Hits >= 2 && (byWords.Count == 1 || byWords[1].Hits < byWords[0].Hits)
                        // (Not when several are asked: "what kind of pay packages".)
                        && !Regex.IsMatch(q.Text, @"\b(packages|bonuses|offers|kinds? of|sorts? of)\b", RegexOptions.IgnoreCase)) && !Regex.IsMatch(q.Text, @"\band\b|,|\bund\b")) signals = byWords.Where(x => x.Hits == byWords[0].Hits).Select(x => x.Signal).ToList();
                    else signals = measured.Concat(Relevant(signals, q, allowSingleWord: true, unique: false, notAlone: MeasureWords(measure))).DistinctBy(s => s.Id).ToList();
                }
                // "in one day versus over the whole week": a move set against another needs both, whenever each was.
                if (q.Versus && kind is SignalKind.MarketCapMove or SignalKind.PriceMove && signals.Count == 1)
                    signals = signals.Concat(Newest((await tools.SignalsAsync(company, kind, null, answer.AsOf)).Where(s => s.Id != signals[0].Id).ToList()).Take(3)).ToList();
                // "nvda mkt cap hit blackwell china": of several figures of a kind, those whose words name what the
                // question names.
                signals = OnTopic(signals, q).ToList();
                // A news item counts for a rise or a fall when its headline says so.
                if (kind == SignalKind.News && q.Direction != 0)
                    signals = signals.Where(s => s is News n && QuestionParser.DirectionOf(n.Headline) == q.Direction).ToList();
                // "Did the shares rally?" when they fell: the move as it was, said to be the other way.
                if (signals.Count == 0 && q.Direction != 0 && kind is SignalKind.PriceMove or SignalKind.MarketCapMove)
                {
                    var other = Newest(Filter(await tools.SignalsAsync(company, kind, null, answer.AsOf), q with { Direction = 0 }, answer.AsOf)
                        .Where(s => !(AfterResults(q) && s is PriceMove { Session: "year-to-date" })).ToList()).Take(3).ToList();
                    // ("Palantir beat expectations in Q3 2025, so why did the stock fall?": moves the way asked, outside the
                    // time the question's other words name, are the answer still; "no" only when every move went the other way.)
                    // (Those of another time too, when none in the time named went that way: "beat expectations in Q3" dates
                    // the results, and the fall came after them.)
                    var theWayAsked = other.Where(o => MoveSign(o) == q.Direction).ToList();
                    if (theWayAsked.Count == 0 && q.Companies.Count == 1 && WhyAsked.IsMatch(q.Text))
                        theWayAsked = Newest((await tools.SignalsAsync(company, kind, null, answer.AsOf)).Where(o => MoveSign(o) == q.Direction).ToList()).Take(2).ToList();
                    if (theWayAsked is { Count: > 0 } asked)
                    {
                        found = true;
                        leads.Add($"{Label(company)}'s {kind.Label()}: {string.Join("; ", asked.Select(o => $"{o.DescribeValue()} ({When(o, answer.AsOf)})"))}");
                        foreach (var o in asked.Concat(other)) if (shown.Add(o.Id)) answer.Line(o, Described(o, answer.AsOf, Label(company)));
                    }
                    else if (other.Count > 0)
                    {
                        found = true;
                        leads.Add($"No: {Label(company)}'s {kind.Label()} was a {(q.Direction > 0 ? "fall" : "rise")}, {string.Join("; ", other.Select(o => $"{o.DescribeValue()} ({When(o, answer.AsOf)})"))}");
                        foreach (var o in other) if (shown.Add(o.Id)) answer.Line(o, Described(o, answer.AsOf, Label(company)));
                    }
                }
                // Metrics are many and unlike: those the question's words name come first ("pay package", "input price").
                // A metric named by two of the question's words or more ("the signing bonus offered to recruits") is the
                // one asked; the company's other metrics do not pad it.
                var byName = kind == SignalKind.Metric ? RelevantScored(signals, q, allowSingleWord: true, minHits: 1, unique: false) : [];
                var newest = (kind != SignalKind.Metric ? Newest(signals)
                        : byName.Count > 0 && byName[0].Hits >= 2 && q.Measure is null && !Regex.IsMatch(q.Text, @"\band\b|,|\bund\b") ? byName.Where(x => x.Hits >= 2 && x.Hits == byName[0].Hits).Select(x => x.Signal)
                        // ("deepseek r1 input price": one metric named by its own word is the one asked; the output price is not.)
                        : byName.Count > 0 && q.Measure is null && q.Companies.Count == 1 && !Regex.IsMatch(q.Text, @"\band\b|,|\bund\b|\b(all|every|any|other)\b", RegexOptions.IgnoreCase) ? byName.Where(x => x.Hits == byName[0].Hits).Select(x => x.Signal)
                        : byName.Select(x => x.Signal).Concat(Newest(signals)).DistinctBy(s => s.Id))
                    .Take(MaxLinesPerCompany).ToList();
                if (newest.Count > 0) first.Add(newest[0]);
                // "How much has CoreWeave borrowed?": an undisclosed amount answers no "how much"; the newest deal of that kind
                // with an amount leads beside it.
                if (newest is [FinancingDeal { Amount: null } undisclosed, ..] && Regex.IsMatch(q.Text, @"\b(how much|how many dollars|wie viel|wieviel)\b", RegexOptions.IgnoreCase)
                    && newest.Skip(1).OfType<FinancingDeal>().FirstOrDefault(d => d.Amount is not null && d.DealKind == undisclosed.DealKind) is { } priced)
                    first.Add(priced);
                // One source giving two figures for the same thing (an article that contradicts itself): both lead.
                if (newest.Count > 1) first.AddRange(newest.Skip(1).Where(s => s.Period == newest[0].Period && s.SeriesKey == newest[0].SeriesKey && s.KnownOn == newest[0].KnownOn
                    && s.Source.File == newest[0].Source.File && kind is not (SignalKind.Metric or SignalKind.News or SignalKind.ExportControl)));
                // "from 2025 to 2026": each year asked leads with its own figure, not a span of years running through both.
                // ("Meta's capex guidance for 2025 and 2026": each year named leads, not only the newest.)
                // ("Google + Meta 2026 capex guidance … vs data-centre spending in 2024": a year's own figure leads, not a
                // span of years running through it.)
                if (q.Years.Count > 1 && newest.Count > 0
                    && newest.Where(s => s.Period.Kind == PeriodKind.FiscalYear && q.Years.Contains(s.Period.Year!.Value)).ToList() is { Count: > 0 } ownYears
                    && (ownYears.Count > 1 || newest[0].Period.Kind == PeriodKind.FiscalYears))
                {
                    if (newest[0].Period.Kind == PeriodKind.FiscalYears) first.Remove(newest[0]);
                    first.AddRange(ownYears.Where(s => !first.Contains(s)));
                }
                // "Q4 2025 and Q1 2026": each quarter asked leads with its own figure.
                if (q.Quarters.Count > 1) first.AddRange(newest.Skip(1).Where(s => s.Period.Kind == PeriodKind.FiscalQuarter && q.Quarters.Contains((s.Period.Quarter!.Value, s.Period.Year!.Value))));
                // "chip budget at home and abroad": each plan the question names by its own words as much as the first leads.
                if (kind is SignalKind.InvestmentPlan && newest.Count > 1 && PlanWordsNamed(newest[0], q.Text) is > 0 and var planHits)
                    first.AddRange(newest.Skip(1).Where(s => PlanWordsNamed(s, q.Text) == planHits));
                if (newest.Count > 0 && kind is SignalKind.PriceMove or SignalKind.MarketCapMove) shownMoves = true;
                listed.AddRange(newest);
                foreach (var s in newest)
                {
                    found = true;
                    // A deal is on both companies' timelines; say it once.
                    if (!shown.Add(s.Id)) continue;
                    answer.Line(s, Described(s, answer.AsOf, Label(company)));
                }
            }
            var deals = q.FundingRole is { } side && q.Companies.Count == 1
                ? Newest(Filter(await tools.SignalsAsync(company, SignalKind.FinancingDeal, null, answer.AsOf), q, answer.AsOf)).OfType<FinancingDeal>()
                    .Where(d => (side == DealRole.Investee ? d.Investee : d.Investor) == company).ToList()
                : [];
            if (FromInvestors(q) && deals.Any(d => IsInvestors(d.Investor))) deals = deals.Where(d => IsInvestors(d.Investor)).ToList();
            // "Leaving Nvidia and Microsoft aside": their deals too.
            deals = deals.Where(d => !q.SetAside.Contains(d.Investor) && !q.SetAside.Contains(d.Investee)).ToList();
            // "borrowed from bond buyers": of the deals paying in, those of the kind named.
            if (DealKindsNamed(q.Text) is { Count: > 0 } kindsNamed && deals.Any(d => kindsNamed.Contains(d.DealKind))) deals = deals.Where(d => kindsNamed.Contains(d.DealKind)).ToList();
            // "raised in public debt and equity": the deals whose other party the question names by its own words.
            if (deals.Where(d => !tools.Directory.IsKnown(d.Investor) && QuestionParser.Mentions(q.Text, PartyName(d.Investor).Replace(" investors", "", StringComparison.Ordinal))).ToList() is { Count: > 0 } byParty)
                deals = byParty;
            if (deals.Count > 0 && q.FundingRole == DealRole.Investee)
                leads.Add($"{Name(company)} got money from {string.Join("; ", deals.Select(d => $"{PartyName(d.Investor)} ({DealTerms(d)}, {d.Period.ToHuman()})"))}");
            // (What it buys is paid for, not money put in: "OpenAI pays Microsoft (compute contract …)".)
            else if (deals.Count > 0)
                leads.Add($"{Name(company)} {(deals.All(d => d.DealKind is DealKind.ComputeContract or DealKind.PurchaseCommitment) ? "pays" : "put money into")} {string.Join("; ", deals.Select(d => $"{PartyName(d.Investee)} ({DealTerms(d)}, {d.Period.ToHuman()})"))}");
            else if (first.Count > 0)
                leads.Add($"{Label(company)}: {string.Join("; ", first.Take(3).Select(s => $"{KindLabel(s)} {s.DescribeValue()} ({When(s, answer.AsOf)})"))}");
            leading.AddRange(first.Take(3));
            // "amzn 200bn capex 2026 but fcf only ~15bn": the year belongs to one kind; another kind asked beside it is
            // shown at its newest, with its own period.
            if (found && q.Kinds.Count > 1 && q.Years.Count > 0)
            {
                foreach (var kind in ExpandKinds(q).Where(k => k is not (SignalKind.CapexGuidance or SignalKind.Capex or SignalKind.InvestmentPlan)))
                {
                    if (Filter(await tools.SignalsAsync(company, kind, null, answer.AsOf), q, answer.AsOf).Count > 0) continue;
                    // ("capital raised so far and its 2030 target": the money that came in, not what the company paid out.)
                    var other = Filter(await tools.SignalsAsync(company, kind, null, answer.AsOf), q with { Years = [] }, answer.AsOf)
                        .Where(s => q.FundingRole is not { } role || s is not FinancingDeal d || (role == DealRole.Investee ? d.Investee : d.Investor) == company).ToList();
                    foreach (var s in Newest(other).Take(3))
                        if (shown.Add(s.Id))
                        {
                            answer.Line(s, Described(s, answer.AsOf, Label(company)));
                            listed.Add(s);
                        }
                }
            }
            // A figure the kinds do not reach ("planned capex increase", "domestic AI chips"): metrics and plans whose
            // names share the question's words.
            var all = await tools.SignalsAsync(company, null, null, answer.AsOf);
            // With nothing of the kinds asked, one of their own words alone ("order" of "order backlog") ties no other figure to the question.
            // As above, the figure most about the question being another model's leaves nothing related.
            var askedModels = ModelsIn(q.Text);
            // ("deepseek r1 input price": the metric asked was listed by name; another of its unit, the output price, is not related.)
            bool SameMeasureShown(Metric m) => found && all.OfType<Metric>().Any(o => shown.Contains(o.Id) && o.Unit == m.Unit);
            // ("ByteDance's spending on foreign chips": plans asked as a kind were already picked by their words above.)
            var plansAsked = ExpandKinds(q).Contains(SignalKind.InvestmentPlan);
            // A deal between two companies asked about: their other figures are not about it.
            var scored = q.Measure is not null || q.Kinds.Contains(SignalKind.FinancingDeal) && BetweenThem(q) && QuestionParser.MentionsAny(q.Text, "deal", "deals", "contract", "contracts", "agreement", "vertrag") ? [] : RelevantScored(all.Where(x => (x.Kind is SignalKind.InvestmentPlan && !plansAsked || x is Metric m && !SameMeasureShown(m)) && !shown.Contains(x.Id)), q, allowSingleWord: true,
                unique: !found, notAlone: found ? null : KindWords(q.Kinds));
            // "chips bought abroad": of the figures sharing the question's words, those sharing several say more than
            // one sharing a single word ("domestic AI chips").
            var relevant = scored.Where(x => x.Hits >= 2 || scored.All(y => y.Hits < 2)).Select(x => x.Signal).ToList();
            // ("chips domestic vs imported": a plan named by a word of its own, "imported" for "international", is asked too.)
            if (!plansAsked && relevant.Any(x => x is InvestmentPlan))
                relevant.AddRange(all.OfType<InvestmentPlan>().Where(p => !relevant.Contains(p) && !shown.Contains(p.Id) && PlanWordsNamed(p, q.Text, all.OfType<InvestmentPlan>().Where(o => o != p)) > 0));
            // "the North Carolina campus": a place asked leaves out the plans of other places.
            relevant = relevant.Where(x => !PlaceSetAside(x, q)).ToList();
            if (all.Any(x => PlaceOf(x) is { } p && QuestionParser.MentionsLoosely(q.Text, p)))
                relevant = relevant.Where(x => PlaceOf(x) is not { } p || QuestionParser.MentionsLoosely(q.Text, p)).ToList();
            var related = relevant.Count > 0 && OfAnotherModel(relevant[0], askedModels) ? []
                : Newest(Filter(relevant.Where(x => !OfAnotherModel(x, askedModels)).ToList(), q, answer.AsOf)).Take(MaxLinesPerCompany).ToList();
            // ("Has Meta raised private credit to pay for its data centres?": a deal asked is money; a figure of its data
            // centres that is not money is no deal.)
            if (!found && q.Kinds.All(k => k is SignalKind.FinancingDeal)) related = related.Where(IsMoney).ToList();
            // "How much will Hyperion cost to build?": figures of the project that are not money (its power, its area) are
            // about it, but they are not its cost.
            // "How much power is Hyperion drawing today?": what is planned for it is not what it draws.
            var relatedAnswers = found || (!QuestionParser.AsksCost(q.Text) || related.Any(IsMoney)) && !(q.Kinds.Contains(SignalKind.CapacityPlan) && RunsToday(q));
            foreach (var s in related)
            {
                if (relatedAnswers) listed.Add(s);
                if (shown.Add(s.Id)) answer.Line(s, Described(s, answer.AsOf, Label(company)), answers: relatedAnswers);
            }
            // "How much is ByteDance spending on chips bought abroad?": a plan or figure named by several of the question's
            // words answers it before the company's spending as a whole does.
            // Spending asked is money: of figures sharing as many words, an amount before a share.
            if (found && relatedAnswers && scored.Count > 0 && scored[0].Hits >= 2 && ExpandKinds(q).All(k => Family(k) == SignalKind.Capex)
                && scored.Where(x => x.Hits == scored[0].Hits && related.Contains(x.Signal)).OrderByDescending(x => IsMoney(x.Signal)).Select(x => x.Signal).FirstOrDefault() is { } best)
                leads.Insert(leadAt, $"{Label(company)}: {KindLabel(best)} {best.DescribeValue()} ({When(best, answer.AsOf)})");
            // "msft fy25 capex vs amzn fy25 actual": no actual spending for the period, but guidance for it (or the other way
            // round: "Tencent's AI budget" when only what it spent is known); shown as what it is.
            // Only where companies are set side by side: asked of one company alone, what it spent is not what it planned,
            // and the answer says so rather than give the other figure.
            var capexAsked = ExpandKinds(q).Where(k => k is SignalKind.Capex or SignalKind.CapexGuidance).ToList();
            // Not when the question sets plans aside ("the reported number, not the guidance").
            // (Looked at from a day before the spending was reported, the plan of then is what there was: "as far as was
            // known on 30 January 2026, what had Amazon actually spent in 2025?")
            if (!found && capexAsked.Count == 1 && !q.ExcludesGuidance
                && (q.Companies.Count > 1 || capexAsked[0] == SignalKind.Capex && (!q.WantsActualStrongly || answer.AsOf is not null)))
            {
                var otherKind = capexAsked[0] == SignalKind.Capex ? SignalKind.CapexGuidance : SignalKind.Capex;
                var other = Newest(Filter(await tools.SignalsAsync(company, otherKind, null, answer.AsOf), q, answer.AsOf)).Take(2).ToList();
                foreach (var g in other) if (shown.Add(g.Id)) answer.Line(g, Described(g, answer.AsOf, Label(company)));
                if (other.Count > 0)
                {
                    found = true;
                    // (Only as context when what was spent is asked outright: "did we know Amazon's actual 2025 capex by then?" is no.)
                    withdraw |= q.Companies.Count == 1 && q.WantsActualStrongly;
                    leading.Add(other[0]);
                    listed.AddRange(other);
                    leads.Add(otherKind == SignalKind.CapexGuidance
                        ? $"{Label(company)}: no actual capex reported{YearClause(q)}{AsOfClause(answer.AsOf)}; guidance {string.Join("; ", other.Select(g => $"{g.DescribeValue()} ({When(g, answer.AsOf)})"))}"
                        : $"{Label(company)}: no capex guidance{YearClause(q)}; it spent {string.Join("; ", other.Select(g => $"{g.DescribeValue()} ({When(g, answer.AsOf)})"))}");
                }
            }
            // "mu on singapore fab?": other figures of the company on the topic of one shown (the shares' reaction to the fab).
            // Not for "X by itself", nor beside a deal between two companies asked about.
            if (found && !QuestionParser.AsksAlone(q.Text) && !QuestionParser.AsksRevenueLost(q.Text) && !(q.Kinds.Contains(SignalKind.FinancingDeal) && BetweenThem(q)))
            {
                var asked = ExpandKinds(q).ToHashSet();
                if (asked.Contains(SignalKind.OptionPosition) || asked.Contains(SignalKind.ShortPosition)) asked.UnionWith([SignalKind.OptionPosition, SignalKind.ShortPosition]);
                var topics = TopicWords(q).Where(w => all.Any(x => shown.Contains(x.Id) && TopicWordsOf(x).Contains(w)) || w.Length >= 5 && !KindWords(q.Kinds).Contains(w)).ToList();
                // Figures weighed above and found less about the question than others stay out.
                var weighed = scored.Select(x => x.Signal.Id).Except(related.Select(r => r.Id)).ToHashSet(StringComparer.Ordinal);
                foreach (var s in Newest(Filter(all.Where(x => !shown.Contains(x.Id) && !weighed.Contains(x.Id) && !asked.Contains(x.Kind) && TopicWordsOf(x).Any(topics.Contains)).ToList(), q, answer.AsOf)).Take(3))
                    if (shown.Add(s.Id)) answer.Line(s, Described(s, answer.AsOf, Label(company)));
            }
            // "What have Stripe and PayPal each done to get payments inside ChatGPT?": news of the company that names another
            // company of the question.
            if (q.Companies.Count > 1)
                foreach (var n in Newest(all.Where(x => x is TextSignal && !shown.Contains(x.Id) && x.Company == company && x.Subjects().Any(o => o != company && q.Companies.Contains(o))).ToList()).Take(2))
                    if (shown.Add(n.Id)) { answer.Line(n, Described(n, answer.AsOf, Label(company))); found = true; }
            // Nothing of the kind of spending asked, and the company spends in another way: its plans, and when the question
            // is about its money, what it pays back to shareholders ("what are Micron and ASML spending their money on").
            if (!found && q.Kinds.Contains(SignalKind.Capex) && !q.Kinds.Contains(SignalKind.FinancingDeal) && !q.Kinds.Contains(SignalKind.CapexCashFlowRatio) && !q.WantsActualStrongly && !QuestionParser.AsksSpent(q.Text) && q.Quarter is null
                && !CapexGuidanceNamed.IsMatch(q.Text))
            {
                var uses = new[] { SignalKind.InvestmentPlan }.Concat(QuestionParser.Mentions(q.Text, "money") || QuestionParser.Mentions(q.Text, "cash") ? [SignalKind.Buyback] : Array.Empty<SignalKind>())
                    .Where(k => !ExpandKinds(q).Contains(k)).ToList();
                // (Its own plans: a partner's plan that names it, "Stargate with ORCL", is not what it spends.)
                var spending = Newest(Filter(all.Where(x => uses.Contains(x.Kind) && x.Company == company).ToList(), q, answer.AsOf)).Take(3).ToList();
                foreach (var s in spending)
                    if (shown.Add(s.Id)) answer.Line(s, Described(s, answer.AsOf, Label(company)));
                if (spending.Count > 0)
                {
                    found = true;
                    // (What it plans is what a per-year share or a total asked of its spending works from.)
                    listed.AddRange(spending);
                    leads.Add($"I have no capex figure for {Label(company)}; it plans {string.Join("; ", spending.Select(x => $"{KindLabel(x)} {x.DescribeValue()} ({When(x, answer.AsOf)})"))}");
                }
            }
            // News whose headline speaks of what was asked ("draws short sellers") when there is no figure of it.
            // (Not for an amount asked by name, "operating income": no headline states it; staff cuts are news.)
            if (!found && related.Count == 0 && q.Measure is null or "employees" or "job cuts" && !(q.Kinds.Contains(SignalKind.FinancingDeal) && BetweenThem(q)))
            {
                var phrases = q.Kinds.SelectMany(QuestionParser.PhrasesOf).Where(p => p.Length >= 4).ToList();
                // A move asked about with no figure for it: a headline that says the shares rose (or fell).
                var moves = q.Direction != 0 && q.Kinds.Any(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove);
                var news = Newest(all.OfType<News>().Where(n => phrases.Any(p => QuestionParser.Mentions(n.Headline, p)) || moves && QuestionParser.DirectionOf(n.Headline) == q.Direction)
                    .Cast<Signal>().ToList()).Take(3).ToList();
                // ("Warum stand die ASML-Aktie im Januar 2026 unter Druck?": with no move to show, why is answered by what
                // the company made known in the time asked.)
                if (news.Count == 0 && WhyAsked.IsMatch(q.Text) && q.Kinds.Any(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove) && (q.Month is not null || q.Quarter is not null))
                    news = Newest(Filter(all.OfType<News>().Cast<Signal>().ToList(), q with { Direction = 0 }, answer.AsOf)).Take(3).ToList();
                // A headline answers "is there …", not "how much …": then it is context, and the answer says it has no figure.
                foreach (var n in news) if (shown.Add(n.Id)) answer.Line(n, $"{Label(company)}, news{PeriodPhrase(n, answer.AsOf)}: {n.DescribeValueWithQualifier()}", answers: !q.WantsFigure && q.Measure is null or "employees" or "job cuts"
                    // ("What's Baidu's capex figure for 2025?": a figure asked by that word is not said by a headline.)
                    && !Regex.IsMatch(q.Text, @"\b(figure|number|amount|zahl|betrag)\b", RegexOptions.IgnoreCase));
                if (news.Count > 0)
                {
                    found = true;
                    leads.Add($"I have no {string.Join(" or ", q.Kinds.Select(k => k.Label()).Distinct())} figure for {Label(company)}, but the news says: {string.Join("; ", news.Select(n => n.DescribeValue()))}");
                }
            }
            if (!found && related.Count > 0 && !relatedAnswers && !QuestionParser.AsksCost(q.Text))
            {
                found = true;
                leads.Add($"I have no figure for what {Label(company)}{ProjectClause(q)} runs today{AsOfClause(answer.AsOf)}; what I have on it is planned: {string.Join("; ", related.Take(2).Select(s => s.DescribeValue()))}");
            }
            else if (!found && related.Count > 0 && !relatedAnswers)
            {
                found = true;
                leads.Add($"I have no cost figure for {Label(company)}{ProjectClause(q)}{AsOfClause(answer.AsOf)}; what I have on it is not money: {string.Join("; ", related.Take(2).Select(s => s.DescribeValue()))}");
            }
            else if (!found && related.Count > 0)
            {
                found = true;
                leads.Add($"{Label(company)}: {string.Join("; ", related.Take(2).Select(s => $"{KindLabel(s)} {s.DescribeValue()} ({When(s, answer.AsOf)})"))}");
            }
            // "Which software names look like winners and which like losers?": a member of the group asked about of which
            // only a headline or two is held is answered with them; "no share-price move" alone would leave it out.
            if (!found && q.Group.Contains(company) && q.Companies.Count > 1 && all.Count is > 0 and <= 2 && !q.WantsFigure)
            {
                foreach (var s in all) if (shown.Add(s.Id)) answer.Line(s, Described(s, answer.AsOf, Label(company)));
                found = true;
                leads.Add($"{Label(company)}: no {string.Join(" or ", q.Kinds.Select(k => k.Label()).Distinct())}; what I have on it: {string.Join("; ", all.Select(s => $"{KindLabel(s)} {s.DescribeValue()}"))}");
            }
            // ("Going by the 24% growth, what must AWS revenue have been in Q4 2024?": a period a year before a revenue given
            // with its growth is worked back from it.)
            if (!found && q.Kinds.Contains(SignalKind.Revenue) && q.Years is [var yearBefore] && q.Month is null
                && Regex.IsMatch(q.Text, @"\b(grew|grow|growth|gewachsen|wachstum)\b|\d\s?%", RegexOptions.IgnoreCase)
                && Filter(all.OfType<Revenue>().Where(r => r is { Amount: not null, GrowthPercent: > -100 }).Cast<Signal>().ToList(), q with { Years = [yearBefore + 1] }, answer.AsOf)
                    .DistinctBy(r => r.Id).ToList() is [var grownFrom])
            {
                found = true;
                listed.Add(grownFrom);
                if (shown.Add(grownFrom.Id)) answer.Line(grownFrom, Described(grownFrom, answer.AsOf, Label(company)));
                leads.Add($"{Label(company)}: {KindLabel(grownFrom)} {grownFrom.DescribeValue()} ({When(grownFrom, answer.AsOf)})");
            }
            if (!found) leads.Add(await NothingOfKindAsync(company, q, all, answer.AsOf));
            // (Of a company nothing at all is held of: one with other figures is still set beside the other, which says what
            // it lacks; but a yes or no, "Does Nvidia throw off more free cash flow than Amazon?", is not said, below.)
            if (!found && company == question.Companies[0] && all.Count == 0) subjectMissing = true;
            sideMissing |= !found;
            // A filer named beside the company ("given Michael Burry's bets"): its positions on the company too.
            if (q.Filers.Count > 0)
            {
                // Of the kinds of position asked, when some are ("the puts by themselves").
                var bets = (await tools.PositionsOnAsync(company, answer.AsOf)).Where(p => FilerOf(p) is { } f && q.Filers.Contains(f)
                    && (!q.Kinds.Any(k => k is SignalKind.OptionPosition or SignalKind.ShortPosition) || q.Kinds.Contains(p.Kind))).ToList();
                foreach (var p in Newest(bets).Take(3)) if (shown.Add(p.Id)) answer.Line(p, Described(p, answer.AsOf, Label(company)));
            }
        }
        q = question;
        // ("How does Apple's 2026 capex compare with Amazon's?", "apple ai capex 2026 vs meta?": two companies set against
        // each other when nothing is held of the first: no comparison can be made, and what the other has is still shown.)
        // ("Is Oracle's P/E higher than Palantir's?": a yes or no between two companies, one of which has no figure of the
        // kind, cannot be said either way.)
        if (answer.Answered && q.Companies.Count == 2 && (subjectMissing && (q.Versus || Regex.IsMatch(q.Text, @"\b(compar\w*|vergleich\w*)\b", RegexOptions.IgnoreCase))
                || sideMissing && YesNoCompared.IsMatch(q.Text)))
            answer.Withdraw();
        // "How much revenue has Nvidia lost by not selling in China?": no figure says it.
        if (QuestionParser.AsksRevenueLost(q.Text) && answer.Answered)
        {
            answer.Withdraw();
            leads.Insert(0, $"I have no figure for revenue lost by {string.Join(" or ", q.Companies.Select(Label))}{AsOfClause(answer.AsOf)}; what I have around it follows");
        }
        // "How much did CoreWeave put into Nvidia?": the deals the way asked name no amount, and the money with an amount
        // went the other way; said so, with that deal.
        // (Money put in, not money paid for what is bought: "paying Nvidia for GPUs" is answered by the purchase.)
        if (q.WantsFigure && q.Companies.Count == 2 && q.Kinds.Contains(SignalKind.FinancingDeal) && BetweenThem(q)
            && Regex.IsMatch(q.Text, @"\b(put|puts|putting|invest\w*|pumped|poured|backed|stake|gesteckt|steckt|investiert\w*)\b", RegexOptions.IgnoreCase)
            && answer.Evidence.Where(e => e.Summary.Contains("financing deal", StringComparison.Ordinal)).All(e => e.Summary.Contains("undisclosed amount", StringComparison.Ordinal)))
        {
            var otherWay = (await tools.SignalsAsync(q.Companies[0], SignalKind.FinancingDeal, null, answer.AsOf)).OfType<FinancingDeal>()
                .Where(d => d.Amount is not null && d.Subjects().Count(q.Companies.Contains) == 2 && !shown.Contains(d.Id)).ToList();
            if (otherWay.Count > 0)
            {
                leads.Insert(0, $"No amount is given the way you asked; the money with an amount went the other way: {string.Join("; ", otherWay.Select(d => $"{PartyName(d.Investor)} put {DealTerms(d)} into {PartyName(d.Investee)} ({d.Period.ToHuman()})"))}");
                foreach (var d in otherWay) if (shown.Add(d.Id)) answer.Line(d, Described(d, answer.AsOf));
            }
        }
        // "How much did CoreWeave raise in the January bond deal?": every deal that answers names no amount, and nothing
        // else was asked; the deal is shown as context, and the answer says no amount was disclosed.
        // (Only the amount asked: "from who, how much" and "does it pay, and how much" are answered by the deal.)
        else if (q.WantsFigure && q.Kinds.All(k => k is SignalKind.FinancingDeal) && q.Kinds.Count > 0 && answer.Answered
            && Regex.IsMatch(q.Text, @"\b(how much|how big|how large|wie viel|wie hoch|wie gross|exact|amount|size)\b", RegexOptions.IgnoreCase)
            && !Regex.IsMatch(q.Text, @"\b(who|whom|wer|von wem)\b|^\W*(does|did|do|is|are|has|have|was|were|hat|ist)\b", RegexOptions.IgnoreCase)
            && answer.Evidence.Where(e => e.Summary.Contains("financing deal", StringComparison.Ordinal)).ToList() is { Count: > 0 } allDeals
            && answer.Evidence.All(e => allDeals.Contains(e))
            // ("How big was CoreWeave's latest bond deal?": of the deals, the newest one is asked.)
            && (Regex.IsMatch(q.Text, @"\b(latest|most recent|newest|jüngste\w*|juengste\w*|neueste\w*)\b", RegexOptions.IgnoreCase)
                && listed.OfType<FinancingDeal>().Where(d => allDeals.Any(e => e.SignalId == d.Id)).MaxBy(d => d.Period.ApproximateEnd) is { } newest
                ? allDeals.Where(e => e.SignalId == newest.Id).ToList() : allDeals) is var dealLines
            && dealLines.All(e => e.Summary.Contains("undisclosed amount", StringComparison.Ordinal)))
        {
            answer.Withdraw();
            leads.Insert(0, $"No amount was disclosed for that{AsOfClause(answer.AsOf)}; the deal{(dealLines.Count > 1 ? "s" : "")} I have follow{(dealLines.Count > 1 ? "" : "s")}");
        }
        // ("Did Meta's actual 2025 capex land above or below its guided range?": what was spent, set against the guidance,
        // cannot be said when only the guidance is there; it is shown as context.)
        else if (answer.Answered && q.Companies.Count == 1 && q.WantsActual && Regex.IsMatch(q.Text, @"\bactual(ly)?\b", RegexOptions.IgnoreCase)
            && Regex.IsMatch(q.Text, @"\b(guid\w*|guidance|plan(ned)?|forecast|budget\w*)\b", RegexOptions.IgnoreCase)
            && answer.Evidence.Count > 0 && answer.Evidence.All(e => e.Summary.Contains("capex guidance", StringComparison.Ordinal)))
        {
            answer.Withdraw();
            leads.Insert(0, $"I have no actual capex for {Label(q.Companies[0])}{(q.Years is [var y] ? $" for {y}" : "")}{AsOfClause(answer.AsOf)} to set against its guidance; the guidance follows");
        }
        // "Microsoft's exact dollar capex guidance for fiscal 2026" when it gave no cap: no amount, said so.
        else if (answer.Answered && Regex.IsMatch(q.Text, @"\b(exact|dollar figure|dollar amount|how much exactly|genaue?n?)\b", RegexOptions.IgnoreCase)
            && answer.Evidence.Count > 0 && answer.Evidence.All(NamesNoFigure))
        {
            answer.Withdraw();
            leads.Insert(0, $"No amount was given{AsOfClause(answer.AsOf)}: the guidance I have names no figure");
        }
        // ("Did Microsoft put a number on its 2026 capex?": no, which answers it.)
        else if (answer.Answered && Regex.IsMatch(q.Text, @"\b((put|puts|putting|give|gave|given|name|named) a (number|figure|dollar)|a (number|figure) on)\b", RegexOptions.IgnoreCase)
            && answer.Evidence.Count > 0 && answer.Evidence.All(NamesNoFigure))
            leads.Insert(0, $"No{AsOfClause(answer.AsOf)}: the guidance I have names no figure (uncapped)");
        // ("Microsoft's percentage capex growth for fiscal 2026" when it gave no cap: nothing to work a change out from.)
        else if (answer.Answered && (QuestionParser.AsksPercentChange(q.Text) || QuestionParser.AsksDifference(q.Text) || Regex.IsMatch(q.Text, @"\b(growth|grow|growing|wachstum|steigerung)\b", RegexOptions.IgnoreCase))
            && answer.Evidence.Count > 0 && answer.Evidence.All(NamesNoFigure))
        {
            answer.Withdraw();
            leads.Insert(0, $"No change can be worked out{AsOfClause(answer.AsOf)}: the guidance I have names no figure");
        }
        // ("How far apart are Microsoft's and Amazon's capex budgets for 2026, in dollars?": a gap to guidance that names no
        // figure cannot be worked out; both are still shown.)
        // ("Is Microsoft's FY2026 capex number higher than Amazon's $200bn?": nor can a yes or no be said.)
        else if (answer.Answered && q.Companies.Count > 1 && (QuestionParser.AsksDifference(q.Text) || QuestionParser.AsksRatio(q.Text)) is var gapAsked
            && (gapAsked || YesNoCompared.IsMatch(q.Text))
            && answer.Evidence.Where(NamesNoFigure).ToList() is [var uncapped])
        {
            answer.Withdraw();
            leads.Insert(0, $"{(gapAsked ? "No gap can be worked out" : NoComparison)}{AsOfClause(answer.AsOf)}: {Name(uncapped.Summary.Split(' ', 2)[0])}'s guidance names no figure");
        }
        // ("Combined 2026 capex of Amazon and Microsoft?": nor can a total with guidance that names no figure; of three or
        // more, the sum's own step says so.)
        else if (answer.Answered && q.Companies.Count == 2 && (q.Sum || QuestionParser.AsksTotal(q.Text) || Regex.IsMatch(q.Text, @"\b(combined|together|in total|altogether|zusammen|gemeinsam|insgesamt)\b", RegexOptions.IgnoreCase))
            && answer.Evidence.Where(NamesNoFigure).ToList() is [var unsummed] && answer.Evidence.Any(e => MoneyWritten.IsMatch(e.Summary)))
        {
            answer.Withdraw();
            leads.Insert(0, $"Not totalled{AsOfClause(answer.AsOf)}: {Name(unsummed.Summary.Split(' ', 2)[0])}'s guidance names no figure");
        }
        // ("What revenue did Nvidia guide for its next quarter?": reported revenue is no forecast of it; none is held.)
        else if (answer.Answered && q.Companies.Count == 1 && q.Kinds.Contains(SignalKind.Revenue) && !q.Kinds.Any(k => k is SignalKind.Capex or SignalKind.CapexGuidance)
            && Regex.IsMatch(q.Text, @"\b(guide|guided|guides|guidance|outlook|forecast\w*)\b.{0,40}\b(next|coming|upcoming|following)\s+(quarter|year)\b|\brevenue (guidance|outlook|forecast)\b", RegexOptions.IgnoreCase)
            && answer.Evidence.Count > 0 && answer.Evidence.All(e => e.Summary.Contains(" revenue ", StringComparison.Ordinal)))
        {
            answer.Withdraw();
            leads.Insert(0, $"I have no revenue guidance for {Label(q.Companies[0])}{AsOfClause(answer.AsOf)}: the revenue I have is reported, not forecast");
        }
        // "How did CoreWeave's shares react to the deal?": without a move, the rest is context and the answer says so.
        if (q.Reaction && !shownMoves)
        {
            answer.Withdraw();
            leads.Insert(0, $"I have no share-price or market-cap move for {string.Join(" or ", q.Companies.Select(Label))} that shows how the market took it{AsOfClause(answer.AsOf)}; what I have around it follows");
        }
        // ("What share of Amazon's $118bn 2025 plan do the two campuses make up?": the whole the question quotes is one of
        // the company's figures, shown and worked with though its kind was not the one asked.)
        if (question.Companies.Count == 1 && (ShareOfAsked.IsMatch(question.Text) || SharePart.IsMatch(question.Text)) && QuotedAmounts(question.Text) is { Count: > 0 } quotedWhole
            && !listed.Any(f => MoneySpan(f) is { } x && quotedWhole.Any(a => Near(a, x.High))))
        {
            foreach (var f in (await tools.SignalsAsync(question.Companies[0], null, null, answer.AsOf)).Where(f => MoneySpan(f) is { } x && x.Low == x.High && quotedWhole.Any(a => Near(a, x.High))
                && (question.Years.Count == 0 || question.Years.Any(y => Covers(f, y, question.Calendar)))).DistinctBy(f => f.Id).Take(1))
            {
                listed.Add(f);
                answer.Line(f, Described(f, answer.AsOf, Label(question.Companies[0])));
            }
        }
        // ("Meta's private credit, Oracle's bonds and the money CoreWeave raised in public debt and equity: the total?": a
        // deal whose investor the question names by its words counts, though a later deal of its kind has come since.)
        if (question.Companies.Count > 1 && (question.Sum || QuestionParser.AsksTotal(question.Text)))
            foreach (var company in question.Companies)
                foreach (var deal in (await tools.SignalsAsync(company, SignalKind.FinancingDeal, null, answer.AsOf, latestOnly: false)).OfType<FinancingDeal>()
                    .Where(d => MoneySpan(d) is not null && InvestorNamed(question.Text, d) && !leading.Any(f => f.Id == d.Id)).ToList())
                {
                    leading.Add(deal);
                    if (listed.Any(f => f.Id == deal.Id)) continue;
                    listed.Add(deal);
                    answer.Line(deal, Described(deal, answer.AsOf, Label(company)));
                }
        // "How much bigger is Microsoft's fiscal 2026 guidance than its fiscal 2025 figure?" with no amount for one of the
        // years: a gap needs both ends, so none is worked out and the answer says which is missing.
        if (question.Companies.Count == 1 && question.Years.Count == 2 && (QuestionParser.AsksDifference(question.Text) || QuestionParser.AsksRatio(question.Text) || QuestionParser.AsksPercentChange(question.Text))
            && listed.Any(f => MoneySpan(f) is not null)
            // ("Back out AWS's Q4 2024 revenue from the Q4 2025 figure and its 24 % growth": the growth gives the other year.)
            && !listed.OfType<Revenue>().Any(r => r is { Amount: not null, GrowthPercent: > -100, Period.Year: { } grownYear } && question.Years.Contains(grownYear) && question.Years.Contains(grownYear - 1)
                && Regex.IsMatch(question.Text, @"\b(back(ing)? out|grew|grow|growth|gewachsen|wachstum)\b|\d\s?%", RegexOptions.IgnoreCase))
            && question.Years.FirstOrDefault(y => !listed.Any(f => MoneySpan(f) is not null && f.Period.Kind is not PeriodKind.FiscalYears && Covers(f, y, question.Calendar, question.FullYear))
                // ("its bet through 2028 as a multiple of its 2026 plan": the year a span runs through names the span.)
                && !listed.Any(f => MoneySpan(f) is not null && f.Period is { Kind: PeriodKind.FiscalYears, EndYear: { } end } && end == y
                    && Regex.IsMatch(question.Text, $@"\b(through|thru|until|till|by|bis|to)\s+(fy\s?)?(20)?{y % 100:D2}\b", RegexOptions.IgnoreCase))) is var missingYear and not 0)
        {
            answer.Withdraw();
            leads.Insert(0, $"Not worked out: I have no amount for {Label(question.Companies[0])} for {missingYear}{AsOfClause(answer.AsOf)} to set against the other year; what I have follows");
        }
        else if (await AgainstMarketAsync(question, leading, answer.AsOf) is var (against, market, marketWorked))
        {
            Derived = [.. Derived, marketWorked];
            leads.Insert(0, against);
            answer.Line(market, Described(market, answer.AsOf, "Market"));
        }
        else if (Arithmetic(question, leading, listed, answer.AsOf) is { } worked)
        {
            // ("all four together" with one of them lacking a figure: the total asked cannot be given.)
            if (worked.StartsWith("Not totalled:", StringComparison.Ordinal) && question.Group.Count == 0 || worked.StartsWith("No per-year figure:", StringComparison.Ordinal)) answer.Withdraw();
            // ("By what % is Amazon upping capex in 2026?": a rise the company put in per cent itself is said beside the one
            // worked out from the amounts, which need not agree with it.)
            if (question.Companies.Count == 1 && Regex.IsMatch(worked, @"% (\([^)]*\) )?more\b") && listed.Where(f => f.Kind is SignalKind.Capex or SignalKind.CapexGuidance).Max(f => f.Period.Year) is { } laterYear
                && (await tools.SignalsAsync(question.Companies[0], SignalKind.Metric, null, answer.AsOf)).OfType<Metric>()
                    .FirstOrDefault(m => m.Unit == "percent" && m.Period.Year == laterYear && Regex.IsMatch(m.Name, @"\b(capex|spending|investment)\b.*\b(increase|growth|rise)\b|\b(increase|growth|rise)\b.*\b(capex|spending|investment)\b", RegexOptions.IgnoreCase)) is { } stated)
            {
                worked += $"; as reported, {stated.DescribeValue()} ({When(stated, answer.AsOf)})";
                if (shown.Add(stated.Id)) answer.Line(stated, Described(stated, answer.AsOf, Label(question.Companies[0])));
            }
            leads.Insert(0, worked);
        }
        answer.Lead(string.Join(". ", leads.Select(l => l.TrimEnd('.'))) + ".");
        if (withdraw) answer.Withdraw();
        // "Nvidia alone versus the eight AI leaders combined": the market's figure beside the company's.
        // ("Nvidia's Q3 data-centre revenue, to check against consensus": with nothing of the company's, the market's
        // figures are context, not its answer.)
        if (q.Versus && q.MarketWide)
        {
            var companyAnswered = answer.Answered;
            await AnswerMarketMetricsAsync(q, answer, allowSingleWord: false);
            if (!companyAnswered) answer.Withdraw();
        }
    }

    /// <summary>
    /// A question listing companies each with words of its own ("tencent 2024, alibaba 3yr plan, baidu?", "Alibaba's
    /// three-year budget vs Tencent's 2024 capex"), as asked of one of them: the time words of its own part of the list.
    /// Otherwise the question as it is.
    /// </summary>
    private ParsedQuestion OwnTimeOf(ParsedQuestion q, string company)
    {
        // (One company set against a market figure of another year has its own time too.)
        if (q.Companies.Count == 0 || q.Companies.Count == 1 && !MarketWhole.IsMatch(q.Text)) return q;
        // "Tencent spent $10.7bn in 2024. How does Alibaba's budget compare?": the statement's year is Tencent's; Alibaba,
        // named only in the question, which has no time words, is asked as it is.
        if (QuestionParser.Scene(q.Text) is { Scene: { } scene, Asked: { } asked }
            && !Named(scene).Contains(company) && Named(asked).Contains(company)
            && parser.Parse(asked) is { Years.Count: 0, Quarter: null, Month: null } && parser.Parse(scene) is { Years.Count: > 0 })
            return q with { Years = [], Quarter = null, Month = null };
        // ("Compare Tencent's 2024 capex with Alibaba's three-year plan": "compare … with" splits as "vs" does.)
        // ("Amazon's 2026 budget is how many times Alibaba's three-year plan?": so does a ratio's "how many times".)
        // ("Amazon wants to spend $200bn in 2026. What share of Dell'Oro's 2025 capex would that be?": so does a sentence's end.)
        var pieces = Regex.Split(q.Text, @"[,;]|(?<=[.?!])\s+(?=[A-Z])|\s(?:vs\.?|versus|compared (?:with|to)|against|verglichen mit|gegenüber|(?:is |are |was )?how many times|as a (?:multiple|share|percentage) of)\s|(?<=^\W*(?:compare|vergleiche?)\b.*)\s(?:with|to|mit)\s", RegexOptions.IgnoreCase)
            .Select(p => p.Trim()).Where(p => p.Length > 0)
            .Select(p => (Text: p, Named: tools.Directory.FindMentionsInQuestion(p).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).Distinct().ToList())).ToList();
        var parts = pieces.Where(p => p.Named.Count == 1).ToList();
        // Only time words of their own in two parts or more make the list one of companies each with its own time.
        // (A market figure's part with a year of its own is one such part: its year is not the company's.)
        bool OwnWords(string part) => parser.Parse(part) is var parsed && (parsed.Years.Count > 0 || parsed.Quarter is not null || parsed.Month is not null || Regex.IsMatch(part, @"\b(\d+|two|three|four|five|zwei|drei|vier|fünf)[\s-]?(yr|year|jahr)", RegexOptions.IgnoreCase));
        // ("In November 2025 Amazon said … more than $30bn in each of the next two quarters. What's the minimum for Q4 2025 and
        // Q1 2026 combined?": figures combined are a sum asked, not a market's whole.)
        var marketParts = pieces.Count(p => p.Named.Count == 0 && MarketWhole.Matches(p.Text).Any(m => !m.Value.Equals("combined", StringComparison.OrdinalIgnoreCase)) && OwnWords(p.Text));
        if (parts.Count(p => OwnWords(p.Text)) + marketParts < 2 || parts.FirstOrDefault(p => p.Named[0] == company) is not { Text: { } own }) return q;
        var mine = parser.Parse(own);
        return q with { Years = mine.Years, Quarter = mine.Quarter, Month = mine.Month, Calendar = mine.Calendar, FullYear = mine.FullYear };

        List<string> Named(string text) => tools.Directory.FindMentionsInQuestion(text).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).ToList();
    }

    /// <summary>
    /// "after its Q3 results": the move that followed an event, not the year's; not when the results only set the scene
    /// ("Palantir slipped after Q3 earnings. What was its year-to-date gain?").
    /// </summary>
    private static bool AfterResults(ParsedQuestion q) =>
        Regex.IsMatch(QuestionParser.Scene(q.Text).Asked ?? q.Text, @"\b(after|following|nach|react(ed|s|ing)?\s+to|reaction\s+to)\s+(its\s+|the\s+|their\s+|seinen\s+|den\s+)?((q[1-4]|(first|second|third|fourth)[\s-]quarter)\s+)?(20\d\d\s+)?(results|earnings|report|numbers|zahlen|quartalszahlen)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// Of two companies, one figure each of the same measure that is not money: metrics of one unit whose names end
    /// alike ("R1 input price", "o1 input price"; "employees"), or P/E ratios. The larger first, with the unit; each
    /// measure the question names ("input and output"), or the first there is.
    /// </summary>
    private static List<((Signal Signal, decimal Value) Upper, (Signal Signal, decimal Value) Lower, string Unit)> LikeForLike(ParsedQuestion q, List<Signal> listed)
    {
        static string Tail(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).TakeLast(2));
        var measures = listed.DistinctBy(s => s.Id).Where(s => s.Company is { } c && q.Companies.Contains(c)).Select(s => s switch
        {
            // (Not money, which the amounts' own arithmetic handles, nor percentages, which differ in points.)
            Metric { Unit: not ("percent" or "points") } m when !Regex.IsMatch(m.Unit, "^[A-Z]{3}$") => (Signal: s, Key: $"{m.Unit}|{Tail(m.Name)}", Value: m.Value, Unit: m.Unit == "count" ? "" : m.Unit),
            Valuation { PeRatio: { } pe } => (Signal: s, Key: "pe", Value: pe, Unit: ""),
            // ("ChatGPT vs Gemini: how many times larger is ChatGPT's share?": shares of one market, apart in points.)
            MarketShare ms => (Signal: s, Key: $"share|{ms.Market}", Value: ms.Percent, Unit: "percentage points"),
            // ("AWS yoy growth in Q4 vs Palantir Q3 rev growth - difference in points": growth rates, apart in points, when
            // growth is what the words ask.)
            Revenue { GrowthPercent: { } growth } when GrowthAsked.IsMatch(q.Text) => (Signal: s, Key: "growth", Value: growth, Unit: "percentage points"),
            _ => default,
        }).Where(x => x.Signal is not null).ToList();
        // ("R1's output pricing against o1's": of several measures both have, those the question names by their words.)
        var pairs = measures.GroupBy(x => x.Key).Where(g => g.Select(x => x.Signal.Company).Distinct().Count() == 2).ToList();
        var named = pairs.Where(g => g.Key.Split('|')[^1].Split(' ')[0] is { Length: > 2 } word && Regex.IsMatch(q.Text, $@"\b{Regex.Escape(word)}\b", RegexOptions.IgnoreCase)).ToList();
        return (named.Count > 0 ? named : pairs.Take(1)).Select(g => g.DistinctBy(x => x.Signal.Company).OrderByDescending(x => x.Value).ToList())
            .Select(two => ((two[0].Signal, two[0].Value), (two[1].Signal, two[1].Value), two[0].Unit)).ToList();
    }

    private static readonly Regex GrowthAsked = new(@"\b(growth|grow|grows|grew|grown|growing|yoy|y/y|year on year|year-over-year|year over year|wachstum\w*|gewachsen|wuchs)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>A part asking for a share ("what share was that of …", "what percentage", "welchen Anteil").</summary>
    private static readonly Regex SharePart = new(@"\b(what|which|welche\w*) (share|percentage|percent|fraction|proportion|portion|part|anteil)\b|\bas an? (share|percentage|percent|fraction|proportion) of\b|\bhow much of\b|\bin (percent|%)|\bwie viel prozent\b|%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>A share named anywhere in a question ("share", "portion", "percent", "Anteil", "%"), asked or not.</summary>
    private static readonly Regex ShareWord = new(@"\b(share|portion|fraction|proportion|percent\w*|anteil\w*)\b|%", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Words that say a whole is the market's, not the company's own ("global", "the industry", "Dell'Oro's").</summary>
    private static readonly Regex MarketWhole = new(@"\b(global\w*|world\w*|weltweit\w*|total|gesamt\w*|industry|branche|sector|sektor|market|markt|hyperscale|all (the )?(hyperscalers|companies)|big four|combined|dell.?oro|bain|eight|acht|ai leaders)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// "Amazon's 2026 capex guide as a % of 2024 global hyperscale capex?": one company's figure, or the sum of several
    /// companies' figures asked together, set against a market figure the question names by its words, as a share of it
    /// or a multiple, in one currency; null when the question asks no such thing or names no one market figure.
    /// </summary>
    private async Task<(string Lead, Signal Market, object Worked)?> AgainstMarketAsync(ParsedQuestion q, List<Signal> leading, DateOnly? asOf)
    {
        var share = ShareOfAsked.IsMatch(q.Text) || QuestionParser.AsksPercent(q.Text) || ShareWord.IsMatch(q.Text);
        // ("Bain's 200 GW is how many CoreWeave targets?": so many of the company's figure.)
        // ("Google + Meta 2026 guidance combined vs data-centre spending in 2024 — are they at that level?": set against
        // the market's figure, the answer is how many times it.)
        var ratio = QuestionParser.AsksRatio(q.Text) || Regex.IsMatch(q.Text, @"\b(is|are|makes|equals|would be) how many\b", RegexOptions.IgnoreCase)
            || q.Versus && !share && Regex.IsMatch(q.Text, @"\b(vs\.?|versus|against|compared (with|to)|gegen\w*|im vergleich)\b", RegexOptions.IgnoreCase);
        // ("The combined 2026 guides of Amazon, Alphabet and Meta, how many times 2024's hyperscale capex?": several
        // companies only when their figures are asked added up.)
        // (Or set against it as one: "… what multiple is that?")
        var together = q.Companies.Count > 1 && (q.Sum || QuestionParser.AsksTotal(q.Text) || Regex.IsMatch(q.Text, @"\b(combined|together|zusammen|gemeinsam|insgesamt|in total)\b", RegexOptions.IgnoreCase)
            || ratio && Regex.IsMatch(q.Text, @"\b(is|was) (that|this|it)\s*\??\s*$", RegexOptions.IgnoreCase));
        // ("what share of its own plan": the company's whole, not the market's.)
        // ("… combined cost, and what share of the $118bn 2025 plan is that?": nor the company's plan the question quotes.)
        if (q.Companies.Count == 0 || q.Companies.Count > 1 && !together || !(share || ratio) || !MarketWhole.IsMatch(q.Text)
            || Regex.IsMatch(q.Text, @"\bof (its|their|his|her|seine\w*|ihre\w*)\b", RegexOptions.IgnoreCase)
            || Regex.IsMatch(q.Text, @"\bof (the |\w+['’]s )?[$€£]\s?[\d.,]+\s*(bn|billion|b|trillion|tn)?\s+((19|20)\d\d\s+)?(capex\s+)?(plan|guid\w*|budget|target|outlook)\b", RegexOptions.IgnoreCase))
            return null;
        // ("Alphabet's 2026 guide at the midpoint as a share of …": a guided range counts at its middle.)
        static (decimal Amount, string Unit)? Own(Signal f) => Quantity(f) ?? (MoneySpan(f) is { } x && x.Low.Currency == x.High.Currency ? ((x.Low.Amount + x.High.Amount) / 2, x.Low.Currency) : null);
        var mentions = tools.Directory.FindMentionsInQuestion(q.Text);
        var mine = new List<Signal>();
        foreach (var company in q.Companies)
        {
            // ("Amazon's 2025 capex against Dell'Oro's forecast": the plan or the spending, as the company's own words ask.)
            // (The words right after the company's name, up to what it is set against; of several, the whole question's.)
            var clause = q.Companies.Count == 1 && mentions.FirstOrDefault(x => x.Candidates.Contains(company)).Match is { } named
                ? Regex.Match(q.Text[(named.Start + named.Length)..], @"^.*?(?=\b(as|of|against|vs\.?|versus|compared|relative|gegen\w*|im vergleich|von)\b|[,?;:]|$)", RegexOptions.IgnoreCase).Value
                : q.Text;
            var guided = Regex.IsMatch(clause, @"\b(guid\w*|plan\w*|budget\w*|outlook|forecast\w*|target\w*|prognos\w*)\b", RegexOptions.IgnoreCase);
            var pool = leading.Where(f => f.Company == company).ToList();
            if (q.Kinds.Any(k => k is SignalKind.Capex or SignalKind.CapexGuidance))
            {
                pool.Clear();
                foreach (var kind in new[] { SignalKind.Capex, SignalKind.CapexGuidance })
                    pool.AddRange(await tools.SignalsAsync(company, kind, null, asOf));
            }
            // (Its year is the one named with it: "Amazon 2026 …, welcher Anteil der … 2025 laut Dell'Oro" is Amazon's 2026.)
            var clauseYears = q.Years.Where(y => Regex.IsMatch(clause, $@"\b{y}\b")).ToList();
            var years = q.CompanyYears.TryGetValue(company, out var ownYear) ? [ownYear] : clauseYears.Count > 0 && q.Companies.Count == 1 ? clauseYears : q.Years;
            var pick = pool.Where(f => f.Company == company && Own(f) is { Amount: > 0 } && (years.Count == 0 || years.Any(y => Covers(f, y, q.Calendar))))
                .OrderBy(f => f.Period.Kind == PeriodKind.FiscalYear ? 0 : 1).ThenBy(f => f.Kind == (guided ? SignalKind.CapexGuidance : SignalKind.Capex) ? 0 : 1).FirstOrDefault();
            // ("Meta's Hyperion could need up to 5 GW. What share is that of Bain's 200 GW … by 2030?": a year said only of the
            // market's figure is not the company's; its one figure of the kind asked is the part.)
            if (pick is null && q.Companies.Count == 1 && clauseYears.Count == 0 && q.Kinds.Count > 0)
            {
                var ofKind = new List<Signal>();
                foreach (var kind in q.Kinds) ofKind.AddRange(await tools.SignalsAsync(company, kind, null, asOf));
                if (ofKind.Where(f => Own(f) is { Amount: > 0 }).DistinctBy(f => f.Id).ToList() is [var only]) pick = only;
            }
            if (pick is null) return null;
            mine.Add(pick);
        }
        if (mine.Select(f => Own(f)!.Value.Unit).Distinct().Count() != 1) return null;
        var own = (Amount: mine.Sum(f => Own(f)!.Value.Amount), Own(mine[0])!.Value.Unit);
        // (A range is shown as guided, beside the midpoint worked with.)
        var spans = mine.Select(f => MoneySpan(f) is { } x && x.Low.Currency == own.Unit ? x : ((Money Low, Money High)?)null).ToList();
        var range = spans.All(x => x is not null) && spans.Any(x => x!.Value.Low != x.Value.High)
            ? $"{new Money(spans.Sum(x => x!.Value.Low.Amount), own.Unit).ToHuman()} to {new Money(spans.Sum(x => x!.Value.High.Amount), own.Unit).ToHuman()}, " : "";
        var middle = mine.All(f => Quantity(f) is not null) ? "" : mine.Count == 1 ? $" ({range}the midpoint of its range)" : $" ({range}ranges at their midpoints)";
        // ("Meta's top-end 2026 capex as a share of …": the end of its range named, not the midpoint.)
        var endWords = q.Text.Replace('-', ' ');
        if (mine.Count == 1 && spans[0] is { } ends && ends.Low != ends.High && LowEndWord.IsMatch(endWords) != TopEndWord.IsMatch(endWords))
        {
            var top = TopEndWord.IsMatch(endWords);
            own = ((top ? ends.High : ends.Low).Amount, own.Unit);
            middle = $" ({range}the {(top ? "top" : "low")} end of its range)";
        }
        var ownQualifier = mine.Count == 1 ? mine[0].Qualifier
            : mine.All(f => f.Qualifier is Qualifier.Exact) ? Qualifier.Exact : mine.All(f => f.Qualifier is Qualifier.AtLeast) ? Qualifier.AtLeast : Qualifier.About;
        var metrics = (await tools.MarketSignalsAsync(SignalKind.Metric, null, asOf)).OfType<Metric>()
            .Where(m => m.Company is null && m.Unit == own.Unit && m.Value > 0).Cast<Signal>().ToList();
        // (Of the year named, when there are such figures for it.)
        if (metrics.Where(m => q.Years.Any(y => Covers(m, y, q.Calendar))).ToList() is { Count: > 0 } ofYear) metrics = ofYear;
        var scored = RelevantScored(metrics, q, allowSingleWord: false, minHits: 2, unique: false);
        // ("data-centre spending in 2024" beside a forecast running to 2030: named as closely, the one of the year itself.)
        if (scored.Count > 1 && scored[1].Hits == scored[0].Hits
            && scored.Where(x => x.Hits == scored[0].Hits && x.Signal.Period.Kind == PeriodKind.FiscalYear && q.Years.Contains(x.Signal.Period.Year ?? 0)).ToList() is [var ofItsYear])
            scored = [ofItsYear];
        if (scored.Count == 0 || scored.Count > 1 && scored[1].Hits == scored[0].Hits) return null;
        var market = (Metric)scored[0].Signal;
        var whole = (Amount: market.Value, market.Unit);
        var ownText = mine.Count == 1 ? $"{Name(q.Companies[0])}'s {Signal.Words(ownQualifier)}{QuantityText(own)}{middle}"
            : $"{string.Join(", ", q.Companies.SkipLast(1).Select(Name))} and {Name(q.Companies[^1])} together, {Signal.Words(ownQualifier)}{QuantityText(own)}{middle},";
        var wholeText = $"{Signal.Words(market.Qualifier)}{QuantityText(whole)}";
        var sources = $"{string.Join("; ", mine.Select(f => $"{Name(f.Company!)} {KindLabel(f)} {f.DescribeValue()}, {When(f, asOf)}"))}; {market.DescribeValue()}, {When(market, asOf)}";
        var ids = mine.Select(f => f.Id).Append(market.Id).ToList();
        if (share && !ratio && own.Amount < whole.Amount)
        {
            var percentExact = own.Amount / whole.Amount * 100;
            var percent = Math.Round(percentExact, 1);
            // (A share of "more than" a figure is at most that share; "more than" a figure's share of it, at least.)
            var bound = (ownQualifier, market.Qualifier) switch
            {
                (not Qualifier.AtLeast, Qualifier.AtLeast) => "at most ",
                (Qualifier.AtLeast, not (Qualifier.AtLeast or Qualifier.About)) => "at least ",
                (Qualifier.Exact, Qualifier.Exact) => "",
                _ => "about ",
            };
            return ($"{ownText} is {bound}{PercentRecorded(percent, percentExact)} of the {wholeText} (worked out; {sources})", market, new { computed = "share", of = ids, percent });
        }
        var (upper, lower) = own.Amount >= whole.Amount ? (own.Amount, whole.Amount) : (whole.Amount, own.Amount);
        var times = RoundedRatio(upper, lower);
        var theirs = $"{market.Name}, {wholeText}";
        return ($"About {TimesRecorded(times, upper / lower)}: {(own.Amount >= whole.Amount ? $"{ownText} against {theirs}" : $"{theirs}, against {ownText.TrimEnd(',')}")} (worked out; {sources})", market, new { computed = "ratio", of = ids, times });
    }

    /// <summary>
    /// The company a share is asked of, named after the share word: the only one named there, else the one said to be
    /// alone ("Amazon's alone", "Amazon by itself") or asked of as the part ("is Amazon's?").
    /// </summary>
    private string? PartNamed(string text, int from)
    {
        var named = tools.Directory.FindMentionsInQuestion(text[from..]).Where(x => x.Candidates.Count == 1).ToList();
        if (named.Select(x => x.Candidates[0]).Distinct().ToList() is [var only]) return only;
        var singled = named.Where(x => Regex.IsMatch(text[(from + x.Match.Start + x.Match.Length)..], @"^(['’]s)?\s*(alone|by itself|on its own|allein|\??\s*$)", RegexOptions.IgnoreCase)
            || Regex.IsMatch(text[..(from + x.Match.Start)], @"\b(is|was|ist|war)\s+$", RegexOptions.IgnoreCase)).Select(x => x.Candidates[0]).Distinct().ToList();
        return singled is [var one] ? one : null;
    }

    /// <summary>A figure's single amount with its currency or unit: money, or gigawatts of capacity; null otherwise.</summary>
    private static (decimal Amount, string Unit)? Quantity(Signal f) => f switch
    {
        CapacityPlan c => (c.Gigawatts, "GW"),
        Metric { Unit: "GW" } m => (m.Value, "GW"),
        _ when MoneySpan(f) is { } x && x.Low == x.High => (x.Low.Amount, x.Low.Currency),
        _ => null,
    };

    private static string QuantityText((decimal Amount, string Unit) x) =>
        x.Unit.Length == 3 && x.Unit.All(char.IsAsciiLetterUpper) ? new Money(x.Amount, x.Unit).ToHuman() : $"{x.Amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} {x.Unit}";

    /// <summary>Funders the question does not name beside those it does ("Nvidia, Microsoft and other investors").</summary>
    private static readonly Regex OtherFunders = new(@"\b(other|all( the)?|remaining|further|weitere\w*|andere\w*)\s+(investors|backers|funders|geldgeber|investoren)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// "Total up what Amazon, Google and Meta plan to spend in 2026", "how much more in 2026 than in 2025": the sum of the
    /// companies' figures or the gap between two, worked out only when every figure is money in one currency (ranges kept
    /// as ranges, "about" kept); otherwise the answer says why it is not.
    /// </summary>
    private string? Arithmetic(ParsedQuestion q, List<Signal> figures, List<Signal> listed, DateOnly? asOf)
    {
        // ("ByteDance's foreign chips as a share of its 2025 capex, using the ~$20bn conversion?": an amount the source itself
        // converts into the currency of the other figures is taken at that conversion when the question asks for it, and
        // the answer says so; otherwise amounts in two currencies stay apart.)
        var currencies = listed.Concat(figures).Select(MoneySpan).OfType<(Money Low, Money High)>().Select(x => x.Low.Currency).ToHashSet(StringComparer.Ordinal);
        var quoted = QuotedAmounts(q.Text);
        var conversions = listed.Concat(figures).DistinctBy(s => s.Id)
            .Select(s => (Signal: s, Into: currencies.Select(c => StatedConversion(s, c)).FirstOrDefault(into => into is not null)))
            .Where(x => x.Into is { } into && (ConversionAsked.IsMatch(q.Text) || quoted.Any(a => Near(a, into))))
            .Select(x => (x.Signal, Into: x.Into!.Value)).ToList();
        if (conversions.Count == 0) return ArithmeticOf(q, figures, listed, asOf);
        Signal Converted(Signal s) => conversions.FirstOrDefault(x => x.Signal.Id == s.Id) is { Signal: not null } x ? x.Signal switch
        {
            CapexGuidance g => g with { Amount = x.Into, Low = null, High = null, Qualifier = Qualifier.About },
            InvestmentPlan p => p with { Amount = x.Into, Qualifier = Qualifier.About },
            _ => s,
        } : s;
        var worked = ArithmeticOf(q, figures.Select(Converted).ToList(), listed.Select(Converted).ToList(), asOf);
        return worked is null ? null
            : $"{worked} ({string.Join("; ", conversions.Select(x => $"{(x.Signal.Company is { } c ? Name(c) + " " : "")}{KindLabel(x.Signal)} {x.Signal.DescribeValue()} taken as about {x.Into.ToHuman()}, the source's own conversion"))})";
    }

    /// <summary>
    /// A percentage the companies asked about state themselves of the kind asked ("planned capex increase over prior
    /// year: about 50 %"), for the years asked, leads the answer; false when none does.
    /// </summary>
    private async Task<bool> WithStatedPercentAsync(ParsedQuestion q, AnswerBuilder answer, DateOnly? asOf)
    {
        var kindWords = KindWords(q.Kinds);
        if (kindWords.Count == 0) return false;
        var stated = new List<(string Company, Signal Signal)>();
        foreach (var company in q.Companies)
            stated.AddRange(Newest(Filter(await tools.SignalsAsync(company, SignalKind.Metric, null, asOf), q, asOf)
                .Where(s => s is Metric { Unit: "percent" } m && Words(m.Name).Any(kindWords.Contains)).ToList()).Select(s => (company, s)));
        if (stated.Count == 0) return false;
        answer.LeadBefore(string.Join("; ", stated.Select(x => $"{Label(x.Company)}: {x.Signal.DescribeValue()} ({When(x.Signal, asOf)}), as stated")));
        foreach (var (company, s) in stated) answer.Line(s, Described(s, asOf, Label(company)));
        return true;
    }

    private static readonly Regex QuotedPlan = new(@"\d[\s-]*(bn|billion|billions|b|mrd\.?|milliarden)\b(\s*(dollars?|usd|\$))?[- ]+(capex |spending |investment |investitions-?)?(plan|budget|guidance|guide|programme|program|outlook)\b", RegexOptions.IgnoreCase);

    private static readonly Regex YearAgoAsked = new(@"\b(back out|backing out|year[- ](ago|earlier)|a year (earlier|before|ago)|prior[- ]year|previous year's|vorjahres\w*)\b|\bimpl(y|ies|ied)\b.{0,40}\b(made|make|revenue|sales|earned|brought in|did)\b", RegexOptions.IgnoreCase);
    // ("How many dollars did AWS add year on year?", "the growth in dollars": what a year's growth came to in money.)
    private static readonly Regex AddedYearOnYear = new(@"\b(add|adds|added|adding|gain|gained)\b.{0,40}\b(year[- ]on[- ]year|y/?y|yoy|over the year|from a year (earlier|before|ago))\b|\b(growth|increase) in (dollars|dollar terms|\$|usd)\b|\bhow many dollars (of growth|did \w+ (add|gain|grow))\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// "ByteDance's 2025 capex in dollars?": the dollar amount the source itself states for the figure asked. "What are the
    /// 40bn yuan for domestic chips worth in dollars, using the article's conversion?": a figure the source does not convert,
    /// at the rate its own conversion of another figure in that currency implies, only when that conversion is asked for.
    /// Null when neither is so.
    /// </summary>
    private async Task<string?> InDollarsBySourceAsync(ParsedQuestion q, AnswerBuilder answer, DateOnly? asOf)
    {
        var signals = new List<Signal>();
        foreach (var company in q.Companies) signals.AddRange(await tools.SignalsAsync(company, null, null, asOf));
        var order = answer.Evidence.Select((e, i) => (e.SignalId, i)).ToDictionary(x => x.SignalId, x => x.i);
        var foreign = signals.Where(s => order.ContainsKey(s.Id) && MoneySpan(s) is { } m && m.Low.Currency != "USD").DistinctBy(s => s.Id).OrderBy(s => order[s.Id]).ToList();
        // (The figure asked is the one whose amount the question quotes, else the first the answer shows.)
        var quoted = QuotedAmounts(q.Text).Where(a => a.Currency != "USD").ToList();
        var asked = quoted.Count > 0 ? foreign.FirstOrDefault(s => quoted.Any(a => Near(a, MoneySpan(s)!.Value.Low))) : foreign.FirstOrDefault();
        if (asked is null) return null;
        var own = MoneySpan(asked)!.Value.Low;
        string Of(Signal s) => $"{(s.Company is { } c ? Name(c) + " " : "")}{KindLabel(s)} {s.DescribeValue()} ({When(s, asOf)})";
        if (StatedConversion(asked, "USD") is { } stated)
        {
            Computed("the source's conversion", [asked.Id], stated, stated);
            // ("About half of ByteDance's 2025 capex goes abroad. How many dollars is that, by the article's conversion?": the
            // part the question says of the figure, of its converted amount.)
            if (FractionOfFigure.Match(q.Text) is { Success: true } part)
            {
                var share = FractionOf(part.Groups["f"].Value);
                var partOf = Significant(new Money(stated.Amount * share, stated.Currency));
                Computed("fraction of the source's conversion", [asked.Id], partOf, partOf);
                return $"About {SignificantRecorded(new Money(stated.Amount * share, stated.Currency))}: {part.Groups["f"].Value.ToLowerInvariant()} of about {stated.ToHuman()}, the source's own conversion of {Of(asked)} (worked out; I do not convert amounts myself).";
            }
            return $"About {stated.ToHuman()} by the source's own conversion of {Of(asked)} (I do not convert amounts myself).";
        }
        if (!RateAsked.IsMatch(q.Text)
            || foreign.Where(s => s.Id != asked.Id && MoneySpan(s)!.Value.Low.Currency == own.Currency && s.Source.File == asked.Source.File)
                .Select(s => (Signal: s, Into: StatedConversion(s, "USD"))).FirstOrDefault(x => x.Into is not null) is not { Signal: { } by, Into: { } into })
            return null;
        var from = MoneySpan(by)!.Value.Low;
        var worth = own.Amount * into.Amount / from.Amount;
        var shown = Significant(new Money(worth, "USD"));
        Computed("at the source's implied rate", [asked.Id, by.Id], shown, shown);
        return $"About {SignificantRecorded(new Money(worth, "USD"))} at the rate the source's own conversion implies ({from.ToHuman()} taken as about {into.ToHuman()} for {Of(by)}), for {Of(asked)}.";
    }

    private const string ConversionWords = @"conver\w*|umgerechnet|umrechnung\w*|umrechnen";
    // (A rate asked for: the conversion's own words, or the rate named.)
    private static readonly Regex RateAsked = new($@"\b({ConversionWords}|exchange rate|wechselkurs\w*|rate)\b", RegexOptions.IgnoreCase);
    // ("… in dollar terms", "in US-Dollar": a comparison asked in the one currency is a conversion asked for.)
    private static readonly Regex ConversionAsked = new($@"\b({ConversionWords}|in (us[ -]?)?dollars?( terms)?|in usd|in us-dollar)\b", RegexOptions.IgnoreCase);

    /// <summary>"About USD 20bn by the article's conversion": an amount the source itself states in another currency.</summary>
    private static Money? StatedConversion(Signal s, string currency) =>
        MoneySpan(s) is { } own && own.Low.Currency != currency && s.Note is { } note
        && Regex.Match(note, @"\babout (?<money>[A-Z]{3} \d+(?:\.\d+)?\s?(?:bn|m|tn))\b[^.]*\bconversion\b", RegexOptions.IgnoreCase) is { Success: true } said
        && Money.TryParse(said.Groups["money"].Value, out var converted, out _) && converted.Currency == currency ? converted : null;

    private string? ArithmeticOf(ParsedQuestion q, List<Signal> figures, List<Signal> listed, DateOnly? asOf)
    {
        // "How wide is Alphabet's range, top minus bottom?": the width of one guided range.
        if (q.Companies.Count == 1 && RangeWidthAsked.IsMatch(q.Text)
            && listed.OfType<CapexGuidance>().FirstOrDefault(g => g is { Low: not null, High: not null }) is { Low: { } bottom, High: { } top } range)
        {
            var width = top - bottom;
            Computed("difference", [range.Id], width, width);
            // ("What's the midpoint of the guide, and how wide is the range?": both asked, both said.)
            var middle = "";
            // ("How wide is Meta's 2026 range as a percentage of its midpoint?": the width over the middle, in percent.)
            if (WidthOfMidpointAsked.IsMatch(q.Text) && top + bottom is { Amount: > 0 } twice)
            {
                var mid = twice / 2;
                var percentExact = width.Amount / mid.Amount * 100;
                var ofMid = Math.Round(percentExact, 1);
                Derived = [.. Derived, new { computed = "share", of = new[] { range.Id }, percent = ofMid }];
                return $"{PercentRecorded(ofMid, percentExact)} of its midpoint (worked out): the range is {width.ToHuman()} wide, {bottom.ToHuman()} to {top.ToHuman()}, its midpoint {mid.ToHuman()} ({Name(q.Companies[0])} {KindLabel(range)}, {When(range, asOf)})";
            }
            if (MidpointAsked.IsMatch(q.Text))
            {
                var mid = (top + bottom) / 2;
                Computed("midpoint", [range.Id], mid, mid);
                middle = $", its midpoint {mid.ToHuman()}";
            }
            return $"The range is {width.ToHuman()} wide: {top.ToHuman()} at the top, {bottom.ToHuman()} at the bottom{middle} ({Name(q.Companies[0])} {KindLabel(range)}, {When(range, asOf)})";
        }
        // ("How many shares in total sit under Scion's Palantir and Nvidia puts?": the shares the options cover, added up.)
        if ((q.Sum || QuestionParser.AsksTotal(q.Text) || Regex.IsMatch(q.Text, @"\b(in total|together|combined|altogether|insgesamt|zusammen)\b", RegexOptions.IgnoreCase))
            && SharesCounted.IsMatch(q.Text) && listed.OfType<OptionPosition>().DistinctBy(o => o.Id).ToList() is { Count: >= 2 } covered)
        {
            var shares = covered.Sum(o => o.Shares);
            Derived = [.. Derived, new { computed = "sum", of = covered.Select(o => o.Id).ToList(), shares }];
            var roughly = covered.Any(o => o.Qualifier is not Qualifier.Exact) ? "about " : "";
            return $"Together: {roughly}{shares.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} shares under the options (worked out), adding {string.Join("; ", covered.Select(o => $"{o.DescribeValue()} ({o.Period.ToHuman()})"))}";
        }
        // ("Palantir trades at 313 times earnings. What earnings yield does that imply?": earnings over price, the P/E turned round.)
        if (Regex.IsMatch(q.Text, @"\b(earnings|profit) yield\b|\bgewinnrendite\b", RegexOptions.IgnoreCase)
            && listed.OfType<Valuation>().Where(v => v.PeRatio is > 0).DistinctBy(v => v.Id).ToList() is { Count: > 0 } multiples)
        {
            var each = multiples.Select(v =>
            {
                var exact = 100 / v.PeRatio!.Value;
                var shown = Math.Round(exact, exact < 1 ? 2 : 1);
                Derived = [.. Derived, new { computed = "earnings yield", of = new[] { v.Id }, percent = shown }];
                return $"{(v.Company is { } c ? Name(c) + " " : "")}{PercentRecorded(shown, exact)} (1 over a P/E of {Plain(v.PeRatio.Value).ToString(System.Globalization.CultureInfo.InvariantCulture)}, {When(v, asOf)})";
            });
            return $"Earnings yield (worked out): {string.Join("; ", each)}";
        }
        // ("ServiceNow's renewal rate and implied churn?": what does not renew is the rest of a hundred per cent.)
        if (Regex.IsMatch(q.Text, @"\b(churn\w*|abwanderung\w*|kündigungsquote)\b", RegexOptions.IgnoreCase)
            && listed.OfType<Metric>().Where(m => m.Unit == "percent" && m.Value is > 0 and <= 100 && Regex.IsMatch(m.Name, @"\b(renewal|retention)\b", RegexOptions.IgnoreCase)).DistinctBy(m => m.Id).ToList() is [var kept])
        {
            var churn = Plain(100 - kept.Value);
            Derived = [.. Derived, new { computed = "rest of a hundred per cent", of = new[] { kept.Id }, percent = churn }];
            return $"{(kept.Qualifier is Qualifier.Exact ? "" : "About ")}{Percent(churn)} implied churn (worked out: what the {kept.Name} of {Percent(Plain(kept.Value))} leaves of 100 %; {(kept.Company is { } c ? Name(c) + " " : "")}{kept.DescribeValue()}, {When(kept, asOf)})";
        }
        if (UntimedPerYear(q, listed, asOf) is { } untimed) return untimed;
        if (YearlyKeptUp(q, listed, asOf) is { } keptUp) return keptUp;
        if (q.Companies.Count == 1 && OneFigureWorked(q, listed, asOf) is { } one) return one;
        // ("Annualise Alibaba's three-year commitment and put it next to Tencent's 2024 capex.")
        if (q.Companies.Count > 1 && PerYearOfSpan(q, SpanAskedPerYear(q, listed), listed, asOf) is { } perYear) return perYear;
        if (ImpliedWholeOf(q, listed) is { } implied) return implied;
        // ("… per company on average, and annualised for all four?": both worked out.)
        if (AveragePerCompany(q, listed, asOf) is { } average) return AnnualisedMarket(q, listed, asOf) is { } annualised ? $"{average}. {annualised}" : average;
        // ("Alibabas durchschnittliches Jahresbudget … über Tencents Investitionsausgaben": an average over a company's years
        // is a figure a year, not the companies' average.)
        var averaged = q.Companies.Count > 1 && Regex.IsMatch(q.Text, @"\b(average|averages|on average|per company|apiece|im schnitt|durchschnitt\w*)\b", RegexOptions.IgnoreCase)
            && !Regex.IsMatch(q.Text, @"\b(average|durchschnittliche[snmr]?)\s+(yearly|annual|jahres\w*|jährliche\w*)", RegexOptions.IgnoreCase);
        var total = q.Sum || QuestionParser.AsksTotal(q.Text) || averaged;
        var ratio = !total && QuestionParser.AsksRatio(q.Text);
        var percentChange = !total && !ratio && QuestionParser.AsksPercentChange(q.Text);
        // ("Does the midpoint of Meta's 2026 guidance beat Microsoft's FY25 capex?": a yes or no that two figures' gap decides.)
        // ("… more than 1.5x its 2025 spending?": a multiple asked is the ratio's, not a gap's.)
        var compared = !total && !ratio && !percentChange && !Regex.IsMatch(q.Text, @"\b(than|as)\s+(\d+([.,]\d+)?\s*(x|×|times|mal)|twice|double|triple|three times|half)\b", RegexOptions.IgnoreCase)
            ? YesNoCompared.Match(q.Text) : Match.Empty;
        var difference = !total && (ratio || percentChange || compared.Success || QuestionParser.AsksDifference(q.Text));
        // ("Meta's capex range for 2026, and how much wider is that range than Google's?": the two ranges' widths, and how far
        // apart they are.)
        if (q.Companies.Count == 2 && Regex.IsMatch(q.Text, @"\b(wider|narrower|broader|breiter|enger)\b", RegexOptions.IgnoreCase)
            && q.Companies.Select(c => listed.OfType<CapexGuidance>().Where(g => g.Company == c && g is { Low: not null, High: not null }).DistinctBy(g => g.Id).ToList()).ToList() is [[var firstRange], [var secondRange]])
        {
            var (oneWidth, otherWidth) = (firstRange.High!.Value - firstRange.Low!.Value, secondRange.High!.Value - secondRange.Low!.Value);
            Computed("difference", [firstRange.Id], oneWidth, oneWidth);
            Computed("difference", [secondRange.Id], otherWidth, otherWidth);
            var apart = oneWidth - otherWidth;
            var by = new Money(Math.Abs(apart.Amount), apart.Currency);
            Computed("difference", [firstRange.Id, secondRange.Id], by, by);
            var (wide, narrow) = apart.Amount >= 0 ? ((firstRange, oneWidth), (secondRange, otherWidth)) : ((secondRange, otherWidth), (firstRange, oneWidth));
            return $"{Name(wide.Item1.Company!)}'s range is {by.ToHuman()} wider (worked out): {wide.Item2.ToHuman()} wide ({KindLabel(wide.Item1)} {wide.Item1.DescribeValue()}, {When(wide.Item1, asOf)}) against {narrow.Item2.ToHuman()} for {Name(narrow.Item1.Company!)} ({narrow.Item1.DescribeValue()}, {When(narrow.Item1, asOf)})";
        }
        // ("Alphabet's and Meta's 2026 guidance ranges, and the midpoint of each?", "how wide are the ranges, for Meta and for
        // Alphabet?": each company's one range worked on its own, when nothing sets them against each other.)
        if (q.Companies.Count > 1 && !total && !difference && (MidpointAsked.IsMatch(q.Text) || RangeWidthAsked.IsMatch(q.Text))
            && q.Companies.Select(c => listed.OfType<CapexGuidance>().Where(g => g.Company == c && g is { Low: not null, High: not null }).DistinctBy(g => g.Id).ToList()).ToList() is var perCompany
            && perCompany.All(r => r.Count == 1))
        {
            var (midpoint, width) = (MidpointAsked.IsMatch(q.Text), RangeWidthAsked.IsMatch(q.Text));
            var each = perCompany.Select(r => r[0]).Select(range =>
            {
                var (bottom, top) = (range.Low!.Value, range.High!.Value);
                var said = new List<string>();
                if (midpoint) { Computed("midpoint", [range.Id], (top + bottom) / 2, (top + bottom) / 2); said.Add($"midpoint {((top + bottom) / 2).ToHuman()}"); }
                if (width) { Computed("difference", [range.Id], top - bottom, top - bottom); said.Add($"{(top - bottom).ToHuman()} wide"); }
                return $"{Name(range.Company!)}: {string.Join(", ", said)} ({KindLabel(range)} {range.DescribeValue()}, {When(range, asOf)})";
            });
            return $"{(midpoint && width ? "Midpoints and widths" : midpoint ? "Midpoints" : "Widths")} (worked out): {string.Join("; ", each)}";
        }
        // "Amazon's Pennsylvania and North Carolina campuses together", "the October drop and the November week":
        // one company's figures add up when each is a thing of its own, never a plan and what was spent on the same.
        // "ChatGPT and Gemini together: what combined share of the chatbot market?": shares of one market add up.
        if (total && q.Companies.Count > 1 && listed.OfType<MarketShare>().DistinctBy(m => m.Id).GroupBy(m => m.Market ?? "")
            .FirstOrDefault(g => g.Count() == q.Companies.Count && g.Select(m => m.Company).Distinct().Count() == q.Companies.Count) is { } market)
        {
            var combined = market.Sum(m => m.Percent);
            Derived = [.. Derived, new { computed = "sum", of = market.Select(m => m.Id).ToList(), percent = combined }];
            var roughly = market.Any(m => m.Qualifier is Qualifier.About or Qualifier.AtLeast) ? "about " : "";
            // ("how many times larger is ChatGPT's, and what do the two hold together?": the multiple asked beside the total.)
            var timesToo = "";
            if (QuestionParser.AsksRatio(q.Text) && market.OrderByDescending(m => m.Percent).ToList() is [var bigShare, var smallShare] && smallShare.Percent > 0)
            {
                var times = Math.Round(bigShare.Percent / smallShare.Percent, 1);
                Derived = [.. Derived, new { computed = "ratio", of = new[] { bigShare.Id, smallShare.Id }, times }];
                timesToo = $"; {Name(bigShare.Company ?? "")}'s share is about {TimesRecorded(times, bigShare.Percent / smallShare.Percent)} {Name(smallShare.Company ?? "")}'s";
            }
            return $"Together: {roughly}{combined.ToString(System.Globalization.CultureInfo.InvariantCulture)} % of {(market.Key.Length > 0 ? market.Key : "the market")}{timesToo}, adding {string.Join(", ", market.Select(m => $"{m.DescribeValue()} ({When(m, asOf)})"))}";
        }
        // "OpenAI has how many times the headcount of DeepSeek?", "how much cheaper is R1 than o1 per million tokens?",
        // "PLTR's P/E against NVDA's, how many times richer?": two companies' figures of one measure that is no money (a
        // count, a price per unit, a P/E), the larger over the smaller or the gap between them.
        if ((ratio || difference) && q.Companies.Count == 2 && LikeForLike(q, listed).Where(p => p.Lower.Value > 0).ToList() is { Count: > 0 } likes)
        {
            string Said((Signal Signal, decimal Value) x) => $"{Name(x.Signal.Company!)} {x.Signal.DescribeValue()} ({When(x.Signal, asOf)})";
            string Worked(((Signal Signal, decimal Value) more, (Signal Signal, decimal Value) less, string unit) like)
            {
                var (more, less, unit) = like;
                var ids = new[] { more.Signal.Id, less.Signal.Id }.ToList();
                if (ratio)
                {
                    var times = Math.Round(more.Value / less.Value, 1);
                    Derived = [.. Derived, new { computed = "ratio", of = ids, times }];
                    return $"About {TimesRecorded(times, more.Value / less.Value)} (worked out): {Said(more)} against {Said(less)}";
                }
                var gap = more.Value - less.Value;
                Derived = [.. Derived, new { computed = "difference", of = ids, gap, unit }];
                return $"Difference: {gap.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(unit.Length > 0 ? " " + unit : "")} (worked out): {Said(more)} against {Said(less)}";
            }
            return string.Join(". ", likes.Select(Worked));
        }
        // "Amazon's 2026 capex plan is how many times its trailing free cash flow?": one company's spending over the cash
        // it generates (each a single amount, in one currency).
        if (ratio && q.Companies.Count == 1
            && listed.Where(f => f.Kind is SignalKind.Capex or SignalKind.CapexGuidance && MoneySpan(f) is { } x && x.Low == x.High).DistinctBy(f => f.Id).ToList() is [var spending]
            && listed.OfType<AmountSignal>().Where(f => f.Kind is SignalKind.FreeCashFlow or SignalKind.OperatingCashFlow && f.Amount.Amount > 0).DistinctBy(f => f.Id).ToList() is [var cash]
            && MoneySpan(spending)!.Value.Low is var spent && spent.Currency == cash.Amount.Currency)
        {
            var times = Math.Round(spent.Amount / cash.Amount.Amount, 1);
            Derived = [.. Derived, new { computed = "ratio", of = new[] { spending.Id, cash.Id }, times }];
            string Said(Signal f) => $"{KindLabel(f)} {f.DescribeValue()} ({When(f, asOf)})";
            return $"About {TimesRecorded(times, spent.Amount / cash.Amount.Amount)} (worked out): {Name(q.Companies[0])} {Said(spending)} against {Said(cash)}";
        }
        // "OpenAI's valuation as a multiple of its 2025 revenue": what the company is valued at over what it takes in.
        if (ratio && q.Companies.Count == 1
            && listed.OfType<Valuation>().Where(v => v.Value is { Amount: > 0 }).DistinctBy(v => v.Id).ToList() is [{ Value: { } worth } valued]
            && listed.OfType<Revenue>().Where(r => r.Amount is { Amount: > 0 } a && a.Currency == worth.Currency).DistinctBy(r => r.Id).ToList() is [{ Amount: { } takings } sales])
        {
            var times = Math.Round(worth.Amount / takings.Amount, 1);
            Derived = [.. Derived, new { computed = "ratio", of = new[] { valued.Id, sales.Id }, times }];
            return $"About {TimesRecorded(times, worth.Amount / takings.Amount)} its revenue (worked out): {Name(q.Companies[0])} {valued.DescribeValue()} ({When(valued, asOf)}) against revenue of {sales.DescribeValue()} ({When(sales, asOf)})";
        }
        // ("Meta's $200m hire vs DeepSeek's model cost", ">$30bn in each of Q4 25 and Q1 26, combined floor?": the figures the
        // question quotes are the ones it works with.)
        var quotedMoney = QuotedFigures(q.Text).Where(x => x.Unit == QuotedUnit.Money).ToList();
        bool QuotedIn(Signal f) => quotedMoney.Any(x => Carries(f, x, asOf));
        var parts = q.Companies.Count != 1 ? []
            : total && listed.Where(QuotedIn).DistinctBy(f => f.Id).ToList() is { Count: >= 2 } quotedParts && Parts(quotedParts, q.Text) is { Count: >= 2 } named ? named
            : Parts(listed, q.Text);
        var sum = total && (q.Companies.Count > 1 || parts.Count > 1);
        if (!sum && !difference) return null;
        // One figure per company for a sum, and for a gap between companies; of one company, its two figures of spending
        // for two different years ("2026 plan against 2025 actual"), or what it planned against what it spent
        // ("the overshoot over the guide").
        // "Burry's Palantir puts vs his Nvidia puts": positions in options asked, the short beside them is not one.
        var optionsOnly = Regex.IsMatch(q.Text, @"\b(puts?|calls?|options?)\b", RegexOptions.IgnoreCase) && !Regex.IsMatch(q.Text, @"\b(short\w*|leerverk\w*)\b", RegexOptions.IgnoreCase);
        var money = figures.Where(f => MoneySpan(f) is not null && !(optionsOnly && f is ShortPosition)).ToList();
        // A deal is the company's asked about that is a party to it.
        string? Whose(Signal f) => f.Company is { } c && q.Companies.Contains(c) ? c : f.Subjects().FirstOrDefault(q.Companies.Contains);
        // Of a year with a plan and what was spent, the one asked: "than it actually spent in 2025" is the actual.
        // (Of two years set against each other with nothing said of the earlier one, what was spent in it, when that is known.)
        var latestYear = Capex(listed).Select(f => f.Period.Year ?? 0).DefaultIfEmpty(0).Max();
        // ("roughly $131bn of capex in 2025, $200bn planned for 2026": a figure the question quotes is the one of its year.)
        var capex = Capex(listed).OrderBy(f => QuotedIn(f) ? 0 : 1).ThenBy(f => SpendSaidOf(q.Text, f.Period.Year ?? 0) switch
        {
            true => f.Kind == SignalKind.Capex ? 0 : 1,
            false => f.Kind == SignalKind.CapexGuidance ? 0 : 1,
            null => (q.WantsActual || f.Period.Year < latestYear) && f.Kind == SignalKind.Capex ? 0 : 1,
        }).ToList();
        var capexByYear = capex.DistinctBy(f => f.Period.ToHuman()).ToList();
        // ("How far above Microsoft's plan was Amazon's actual 2025 capex?": of a company's plan and spending, the one asked.)
        // ("Redmond spent about $80bn and Amazon guided $118bn": "spent" said of one company does not ask the other's actual.)
        var actualNamed = Regex.IsMatch(q.Text, @"\b(actual|actuall|actually|actualy|really|real|tatsächlich\w*|tatsachlich\w*)\b", RegexOptions.IgnoreCase);
        // ("Meta (private credit), Oracle (bonds) and CoreWeave (public debt+equity)": a deal whose other side the question
        // names by its own words is the company's figure asked.)
        bool PartyNamed(Signal f) => f is FinancingDeal d && InvestorNamed(q.Text, d);
        // ("Tencent's 2024 capex vs Amazon's 2025 capex": of a year gone by with a plan and what was spent, what was spent,
        // unless the question says plan.)
        bool Superseded(Signal f) => f.Kind == SignalKind.CapexGuidance && SpendSaidOf(q.Text, f.Period.Year ?? 0) is not false
            && money.Any(o => o.Kind == SignalKind.Capex && Whose(o) == Whose(f) && o.Period.ToHuman() == f.Period.ToHuman());
        // ("amazons 2025 actual spend", "Amazon's original 2025 guide": a year named without a quarter is the whole year's
        // figure before a quarter's of it.)
        var used = q.Companies.Count > 1 ? money.OrderBy(f => difference && QuotedIn(f) ? 0 : 1).ThenBy(f => PartyNamed(f) ? 0 : 1).ThenBy(f => actualNamed && f.Kind == SignalKind.Capex ? 0 : 1)
                .ThenBy(f => Superseded(f) ? 1 : 0).ThenBy(f => q.Quarter is null && f.Period.Kind is PeriodKind.FiscalQuarter && q.Years.Contains(f.Period.Year ?? 0) ? 1 : 0).GroupBy(Whose).Where(g => g.Key is not null).Select(g => g.First()).ToList()
            : sum ? parts
            : capexByYear.Count > 1 ? capexByYear.Take(2).OrderBy(f => listed.IndexOf(f)).ToList()
            : Capex(listed).DistinctBy(f => (f.Kind, f.Period.ToHuman())).Take(2).ToList() is { Count: 2 } pair ? pair
            // "Data-centre revenue from fiscal 2022 to fiscal 2025, by how many dollars did it grow?": one kind's figures
            // for two periods.
            // (A quarter's figure and a year's are no two periods of one measure.)
            : listed.Where(f => MoneySpan(f) is not null && f.Kind == listed[0].Kind && f.Kind is not SignalKind.Metric).DistinctBy(f => f.Period.ToHuman()).ToList() is { Count: 2 } years
                && years[0].Period.Kind is PeriodKind.FiscalQuarter == years[1].Period.Kind is PeriodKind.FiscalQuarter ? years
            : parts.Take(2).ToList();
        // "debt raises: CRWV, ORCL, META — total": a company whose latest figure of the kind has no amount counts with its
        // latest that has one, and the answer says which was left out.
        var unpriced = new List<Signal>();
        if (sum && q.Companies.Count > 1)
            foreach (var c in q.Companies.Where(c => used.All(u => Whose(u) != c)).ToList())
                if (figures.Where(f => Whose(f) == c && MoneySpan(f) is null).ToList() is { Count: > 0 } bare
                    && Newest(listed.Where(f => Whose(f) == c && MoneySpan(f) is not null && bare.Any(b => b.Kind == f.Kind) && !(optionsOnly && f is ShortPosition)).ToList()).FirstOrDefault() is { } priced)
                {
                    used.Add(priced);
                    unpriced.AddRange(bare);
                }
        // "The gap between OpenAI's revenue and what it pays Oracle": two figures of different kinds, both of one of the
        // companies named, set against each other.
        // ("OpenAI has raised how many times what DeepSeek says it cost?": two figures of OpenAI's alone are no answer.)
        if (difference && q.Companies.Count > 1 && used.DistinctBy(f => f.Id).Count() < 2 && money.DistinctBy(f => f.Id).ToList() is { Count: 2 } two && two[0].Kind != two[1].Kind
            && q.Companies.All(c => two.Any(f => f.Subjects().Contains(c))))
            used = two;
        // "the equity Nvidia committed to OpenAI and CoreWeave": deals whose both sides are named are the ones to add,
        // not another investor's money into one of them.
        // "the capital CoreWeave raised plus Nvidia's stake": money one company took in, the others named among those who
        // put it in; every amount it raised counts, an undisclosed one cannot.
        // ("what Nvidia, Microsoft and other investors put into OpenAI": the funders not named count too.)
        if (sum && (q.Receiving || OtherFunders.IsMatch(q.Text)) && q.Companies.Count > 1
            && q.Companies.FirstOrDefault(c => q.Companies.Where(o => o != c).All(o => listed.OfType<FinancingDeal>().Any(d => d.Investee == c && d.Investor == o && MoneySpan(d) is not null))) is { } taker
            && listed.OfType<FinancingDeal>().Where(d => d.Investee == taker && d.DealKind is DealKind.Debt or DealKind.Equity && MoneySpan(d) is not null).DistinctBy(d => d.Id).ToList() is { Count: >= 2 } intake)
            used = [.. intake];
        else if (sum && q.Companies.Count > 2 && listed.Where(f => MoneySpan(f) is not null).DistinctBy(f => f.Id).Where(f => f is FinancingDeal d && q.Companies.Contains(d.Investor) && q.Companies.Contains(d.Investee)).ToList() is { Count: >= 2 } among
            && q.Companies.All(c => among.Any(d => d.Subjects().Contains(c))))
            used = among;
        // Deals among the companies named are each a thing of their own: each counts once, whoever it is listed under.
        else if ((sum || difference) && q.Companies.Count > 1 && money.DistinctBy(f => f.Id).ToList() is { Count: >= 2 } distinct && distinct.All(f => f is FinancingDeal)
            && (sum || distinct.Count == 2)
            && q.Companies.All(c => distinct.Any(d => d.Subjects().Contains(c))))
            used = distinct;
        // ("add Nvidia's CoreWeave stake and Micron's fab": CoreWeave is a party to the stake, not a third figure.)
        else if (sum && q.Companies.Count > 1 && q.Companies.Where(c => used.All(u => Whose(u) != c && !u.Subjects().Contains(c))).ToList() is { Count: > 0 } lacking)
            return used.Count > 1 ? $"Not totalled: I have no such figure for {string.Join(" or ", lacking.Select(Name))}" : null;
        used = used.DistinctBy(f => f.Id).ToList();
        // ("Scion's combined put notional": the positions of the kind the words name; a short that holds the puts is not
        // added to them.)
        if (used.Any(f => f is ShortPosition) && used.Any(f => f is OptionPosition)) used = used.Where(f => PositionWordsFit(q.Text, f)).ToList();
        // ("OpenAI pays Oracle about $60bn a year. How many times its own revenue is that?": the figure quoted, set against
        // the one figure of the kind the question names beside it, not against the other company's first amount.)
        if (ratio && quotedMoney.Count == 1 && listed.Where(QuotedIn).DistinctBy(f => f.Id).ToList() is [var quotedFigure]
            && listed.Where(f => f.Kind != quotedFigure.Kind && q.Kinds.Contains(f.Kind) && f.Kind is SignalKind.Revenue or SignalKind.FreeCashFlow or SignalKind.OperatingCashFlow or SignalKind.Capex or SignalKind.CapexGuidance
                && MoneySpan(f) is { } x && x.Low == x.High && x.Low.Currency == MoneySpan(quotedFigure)!.Value.Low.Currency).DistinctBy(f => f.Id).ToList() is [var namedFigure])
            used = [quotedFigure, namedFigure];
        // ("Meta's $200m hire vs DeepSeek's entire model cost — how many times?": of two companies, the figure each is
        // quoted by, or its only amount, when what leads the answer holds no pair.)
        // (A company named only in passing, "an ex-Apple engineer", has no such figure and is no side.)
        var raisedAsked = Regex.IsMatch(q.Text, @"\b(raised|has raised|raise|raising)\b", RegexOptions.IgnoreCase);
        if (used.Count < 2 && difference && q.Companies.Count >= 2
            && q.Companies.Select(c => listed.Where(f => Whose(f) == c && MoneySpan(f) is not null).DistinctBy(f => f.Id).ToList() is var own
                && own.Where(QuotedIn).ToList() is [var quoted] ? quoted : own.Count == 1 ? own[0]
                // ("OpenAI has raised how many times …": of the money into it, the one its source calls raised.)
                : raisedAsked && own.Where(f => f is FinancingDeal d && d.Investee == c && d.Note is { } note && Regex.IsMatch(note, @"\braised\b", RegexOptions.IgnoreCase)).ToList() is [var raised] ? raised
                : null).OfType<Signal>().ToList() is [var firstOwn, var otherOwn] && firstOwn.Id != otherOwn.Id)
            used = [firstOwn, otherOwn];
        if (used.Count < 2) return null;
        var spans = used.Select(f => MoneySpan(f)!.Value).ToList();
        // "midpoint to midpoint": each range at its middle.
        var midpoints = MidpointAsked.IsMatch(q.Text) || Regex.IsMatch(q.Text, @"\b(middle of (the|their|its|both|any|each|every) ranges?|at the middle)\b", RegexOptions.IgnoreCase);
        if (midpoints) spans = spans.Select(x => ((x.Low + x.High) / 2, (x.Low + x.High) / 2)).ToList();
        // "FY26 low end vs FY25 high end": each range at the end named beside it.
        var ends = midpoints ? null : RangeEndsNamed(q, used);
        if (ends is not null) spans = spans.Select((x, i) => ends[i] switch { true => (x.High, x.High), false => (x.Low, x.Low), null => x }).ToList();
        if (spans.Select(x => x.Low.Currency).Distinct().Count() > 1)
        {
            // (A conversion the source states is named, for the reader to ask with; it is not taken unasked.)
            var stated = used.Select(f => spans.Select(x => StatedConversion(f, x.Low.Currency)).OfType<Money>().Select(into => $"{Of(f)} at about {into.ToHuman()}").FirstOrDefault()).OfType<string>().ToList();
            return $"Not {(sum ? "added up" : "set against each other")}: the figures are in different currencies ({string.Join(", ", spans.Select(x => x.Low.Currency).Distinct())}) and "
                + (stated.Count > 0 ? $"the source's own conversion, which I use when the question asks for it, puts {string.Join("; ", stated)}" : "no conversion is stated") + $": {string.Join(", ", used.Select(Of))}";
        }
        // "More than $30 billion in each of two quarters" adds up to more than $60 billion, not about that.
        var about = used.All(f => f.Qualifier is Qualifier.AtLeast) && sum ? "more than "
            : used.Any(f => f.Qualifier is Qualifier.About or Qualifier.AtLeast or Qualifier.AtMost) ? "about " : "";
        string Of(Signal f) => $"{(ends?[used.IndexOf(f)] is { } top ? (top ? "the top end of " : "the low end of ") : "")}{(f.Company is { } c ? Name(c) + " " : "")}{KindLabel(f)} {f.DescribeValue()} ({When(f, asOf)})";
        if (sum)
        {
            var low = spans.Skip(1).Aggregate(spans[0].Low, (a, x) => a + x.Low);
            var high = spans.Skip(1).Aggregate(spans[0].High, (a, x) => a + x.High);
            // Losses add up to a loss, said as an amount lost.
            var lost = spans.All(x => x.High.Amount < 0);
            if (lost) (low, high) = (-high, -low);
            Computed("sum", used.Select(f => f.Id), low, high);
            // ("use the midpoint where they gave a range": each range's middle is said beside it.)
            if (midpoints) foreach (var (f, x) in used.Zip(spans)) Computed("midpoint", [f.Id], x.Low, x.Low);
            string Added(Signal f, (Money Low, Money High) x) => midpoints && MoneySpan(f) is { } range && range.Low != range.High ? $"{Of(f)}, midpoint {x.Low.ToHuman()}" : Of(f);
            // "What's the average 2026 guidance per company across Amazon, Alphabet and Meta?": the total over the companies.
            if (averaged && q.Companies.Count > 1 && !lost)
            {
                var n = used.Count;
                return $"About {WorkedSpan("average per company", used.Select(f => f.Id), low / n, high / n, exact: false)} per company on average (worked out: {about}{Span(low, high)}{(midpoints ? " (midpoints)" : "")} over {n} companies, adding {string.Join("; ", used.Zip(spans, Added))})";
            }
            var leftOut = unpriced.Count > 0 ? $" (left out, with no amount: {string.Join("; ", unpriced.DistinctBy(f => f.Id).Select(Of))})" : "";
            // ("how many times bigger, and what do they add up to?": the ratio asked beside the sum.)
            var timesToo = "";
            // (Of two losses, the larger loss over the smaller: "the one-week loss is how many times the one-day drop".)
            if (QuestionParser.AsksRatio(q.Text) && used.Count == 2 && spans.All(x => x.Low == x.High && (lost ? x.Low.Amount < 0 : x.Low.Amount > 0)))
            {
                var (big, small) = Math.Abs(spans[0].Low.Amount) >= Math.Abs(spans[1].Low.Amount) ? (0, 1) : (1, 0);
                var times = RoundedRatio(Math.Abs(spans[big].Low.Amount), Math.Abs(spans[small].Low.Amount));
                Derived = [.. Derived, new { computed = "ratio", of = new[] { used[big].Id, used[small].Id }.ToList(), times }];
                timesToo = $"; the larger{(lost ? " loss" : "")} is about {TimesRecorded(times, Math.Abs(spans[big].Low.Amount) / Math.Abs(spans[small].Low.Amount))} the smaller";
            }
            // ("Meta's private credit vs Oracle's bonds: combined amount and difference?": the gap asked beside the sum.)
            // (A gap of ranges that overlap has no one sign and is not said.)
            // (Two losses added up, "and how much bigger was the weekly loss?": their gap too.)
            if (QuestionParser.AsksDifference(q.Text) && used.Count == 2 && (!lost || Regex.IsMatch(q.Text, @"\bhow much (bigger|larger|more|greater|worse|deeper|heavier)\b", RegexOptions.IgnoreCase)))
            {
                var (gapFrom, gapTo) = (spans[0].Low - spans[1].High, spans[0].High - spans[1].Low);
                if (gapTo.Amount < 0) (gapFrom, gapTo) = (-gapTo, -gapFrom);
                if (gapFrom.Amount > 0)
                {
                    Computed("difference", used.Select(f => f.Id), gapFrom, gapTo);
                    timesToo += $"; a gap of {about}{Span(gapFrom, gapTo)} between them";
                }
            }
            // ("Of the combined midpoints of Amazon, Google and Meta, what share is Amazon's?": one part of the total, as a
            // share of it; the part is the company named after the share is asked.)
            // ("what share of the combined guidance of Amazon, Google and Meta is Amazon's alone?": of several named after it,
            // the one said to be alone, or asked of by "is X's".)
            if (!lost && low == high && low.Amount > 0 && ShareWord.Matches(q.Text) is { Count: > 0 } shareWords
                && PartNamed(q.Text, shareWords[^1].Index) is { } partOf
                && used.Select((f, i) => (f, i)).Where(x => Whose(x.f) == partOf).ToList() is [var (partFigure, partIndex)])
            {
                var partShareExact = spans[partIndex].Low.Amount / low.Amount * 100;
                var partShare = Math.Round(partShareExact, 1);
                Derived = [.. Derived, new { computed = "share", of = new[] { partFigure.Id }.Concat(used.Select(f => f.Id)).Distinct().ToList(), percent = partShare }];
                timesToo += $"; {Name(partOf)}'s {spans[partIndex].Low.ToHuman()} is {about}{PercentRecorded(partShare, partShareExact)} of it";
            }
            return $"{(lost ? "Lost together" : "Together")}: {about}{Span(low, high)}{(midpoints ? " (midpoints)" : "")}{timesToo}, adding {string.Join("; ", used.Zip(spans, Added))}{leftOut}";
        }
        // ("Nvidia's one-day hit - how many times its $100bn commitment to OpenAI is that?": a loss set against an amount
        // that is no loss is set against it by its size.)
        if (ratio && spans.Count == 2 && spans.All(x => x.Low == x.High) && Math.Sign(spans[0].Low.Amount) * Math.Sign(spans[1].Low.Amount) < 0)
            spans = spans.Select(x => x.Low.Amount < 0 ? (-x.Low, -x.High) : x).ToList();
        var (first, second) = (spans[0], spans[1]);
        var (gapLow, gapHigh) = (first.Low - second.High, first.High - second.Low);
        if (gapLow.Amount > gapHigh.Amount) (gapLow, gapHigh) = (gapHigh, gapLow);
        // The gap as an amount, the larger figure named first: "$69 billion more", never a negative amount.
        var (larger, smaller) = (used[0], used[1]);
        if (gapHigh.Amount <= 0) (gapLow, gapHigh, larger, smaller) = (-gapHigh, -gapLow, used[1], used[0]);
        // (Of two losses, the larger loss is named first: "$350 billion lost against $229 billion".)
        if (first.High.Amount < 0 && second.High.Amount < 0) (larger, smaller) = (smaller, larger);
        // "How many times bigger": the larger figure over the smaller; of a range, its midpoint ("Amazon's 2026 capex guidance
        // as a multiple of Meta's": $200 billion against the middle of $115 billion to $135 billion), said so.
        var mids = spans.Select(x => new Money((x.Low.Amount + x.High.Amount) / 2, x.Low.Currency)).ToList();
        var (firstMid, secondMid) = (mids[0].Amount, mids[1].Amount);
        var ranged = first.Low != first.High || second.Low != second.High;
        if (ratio && ranged && firstMid > 0 && secondMid > 0 && (secondMid > firstMid) != (larger == used[1]))
            (larger, smaller) = (smaller, larger);
        if (ratio && (larger == used[0] ? (firstMid, secondMid) : (secondMid, firstMid)) is var (upper, lower) && lower > 0)
        {
            var times = RoundedRatio(upper, lower);
            Derived = [.. Derived, new { computed = "ratio", of = used.Select(f => f.Id).ToList(), times }];
            // ("What's the annual gap, and what multiple of revenue is that?": both asked, both given.)
            var gapToo = "";
            // (Of ranges that overlap, a gap has no one sign and is not said.)
            if (QuestionParser.AsksDifference(q.Text) && gapLow.Amount >= 0)
            {
                Computed("difference", used.Select(f => f.Id), gapLow, gapHigh);
                gapToo = $", a gap of {about}{Span(gapLow, gapHigh)}";
            }
            // ("as a multiple of his 2026 plan midpoint": the midpoint used is said.)
            var middles = midpoints || ranged ? string.Concat(used.Zip(mids).Where(x => MoneySpan(x.First) is { } r && r.Low != r.High)
                .Select(x => $", midpoint {x.Second.ToHuman()} for {When(x.First, asOf)}")) : "";
            if (middles.Length > 0)
                foreach (var (f, mid) in used.Zip(mids)) Computed("midpoint", [f.Id], mid, mid);
            return $"About {TimesRecorded(times, upper / lower)}{gapToo}{middles}: {Of(larger)} against {Of(smaller)}";
        }
        Computed("difference", used.Select(f => f.Id), gapLow, gapHigh);
        // "By what percent is that more than 2025?": the gap over the smaller figure, of points only (a range has none).
        var percent = "";
        if (percentChange && first.Low == first.High && second.Low == second.High
            && (larger == used[0] ? second.Low.Amount : first.Low.Amount) is var baseAmount && baseAmount > 0)
        {
            var changeExact = gapLow.Amount / baseAmount * 100;
            var change = Math.Round(changeExact, 1);
            Derived = [.. Derived, new { computed = "percent change", of = used.Select(f => f.Id).ToList(), percent = change }];
            percent = $" ({about}{PercentRecorded(change, changeExact)} more, worked out)";
        }
        // ("Um wie viel Prozent steigert Meta die Capex 2026 gegenüber dem Plan 2025?": of ranges, midpoint to midpoint, said so.)
        else if (percentChange && (larger == used[0] ? (mids[1], mids[0]) : (mids[0], mids[1])) is var (lowerMid, upperMid) && lowerMid.Amount > 0)
        {
            var changeExact = (upperMid.Amount - lowerMid.Amount) / lowerMid.Amount * 100;
            var change = Math.Round(changeExact, 1);
            Derived = [.. Derived, new { computed = "percent change of midpoints", of = used.Select(f => f.Id).ToList(), percent = change }];
            percent = $" ({about}{PercentRecorded(change, changeExact)} more midpoint to midpoint, {upperMid.ToHuman()} against {lowerMid.ToHuman()}, worked out)";
        }
        // ("amzn capex 2026 per quarter vs meta midpoint per quarter, what's the difference": two years' figures and their
        // gap, a part at a time.)
        var perPart = "";
        if (PerUnitAsked.Match(q.Text) is { Success: true } per && used.All(f => f.Period.Kind == PeriodKind.FiscalYear)
            && Parts(used[0].Period, UnitOf(per), q.Text) is decimal partsIn && partsIn > 1 && Parts(used[1].Period, UnitOf(per), q.Text) == partsIn)
        {
            var unit = UnitOf(per);
            var ((moreFigure, more), (lessFigure, less)) = larger == used[0] ? ((used[0], spans[0]), (used[1], spans[1])) : ((used[1], spans[1]), (used[0], spans[0]));
            var exactFigures = used.All(f => f.Qualifier is Qualifier.Exact);
            perPart = $"; {about}{WorkedSpan($"difference per {unit}", used.Select(f => f.Id), gapLow / partsIn, gapHigh / partsIn, exactFigures)} a {unit} ({WorkedSpan($"per {unit}", [moreFigure.Id], more.Low / partsIn, more.High / partsIn, exactFigures)} against {WorkedSpan($"per {unit}", [lessFigure.Id], less.Low / partsIn, less.High / partsIn, exactFigures)} a {unit}, over {partsIn.ToString(System.Globalization.CultureInfo.InvariantCulture)} {unit}s)";
        }
        // ("On average, how much data-centre revenue did Nvidia add per year between 2022 and 2025?": one company's change
        // between two years, spread over the years between them.)
        if (perPart.Length == 0 && used.All(f => f.Period.Kind == PeriodKind.FiscalYear) && used[0].Company is not null && used[0].Company == used[1].Company
            && Math.Abs(used[0].Period.Year!.Value - used[1].Period.Year!.Value) is var yearsApart && yearsApart > 1
            && Regex.IsMatch(q.Text, @"\b((per|a|each|every) year|annual(ly)?|yearly|on average|average (yearly|annual))\b|\bpro jahr\b|\bjährlich\b|\bim schnitt\b", RegexOptions.IgnoreCase)
            && !Regex.IsMatch(q.Text, @"\b(per|each) (company|quarter|month)\b", RegexOptions.IgnoreCase))
            perPart = $"; {about}{WorkedSpan("average yearly difference", used.Select(f => f.Id), gapLow / yearsApart, gapHigh / yearsApart, used.All(f => f.Qualifier is Qualifier.Exact))} a year on average over the {yearsApart} years";
        var verdict = compared.Success ? Verdict() : "";
        if (midpoints)
        {
            foreach (var (f, x) in used.Zip(spans)) Computed("midpoint", [f.Id], x.Low, x.Low);
            var (big, small) = larger == used[0] ? (spans[0].Low, spans[1].Low) : (spans[1].Low, spans[0].Low);
            return $"{verdict}Difference between the midpoints: {about}{Span(gapLow, gapHigh)}{percent} ({big.ToHuman()} against {small.ToHuman()}){perPart}, {Of(larger)} against {Of(smaller)}";
        }
        return $"{verdict}Difference: {about}{Span(gapLow, gapHigh)}{percent}{perPart}, {Of(larger)} against {Of(smaller)}";

        // Yes or no, by whether the side the question puts first is the larger (or, for "lower than", the smaller); ranges
        // that overlap decide nothing. The side put first is the figure whose company and year the words before the
        // comparing word name.
        string Verdict()
        {
            if (first.Low.Amount < 0 || second.Low.Amount < 0) return "";
            var before = parser.Parse(q.Text[..compared.Groups["word"].Index]);
            bool PutFirst(Signal f) => (before.Companies.Count == 0 || Whose(f) is { } c && before.Companies.Contains(c))
                && (before.Years.Count == 0 || f.Period.Year is { } y && before.Years.Contains(y));
            if (used.Where(PutFirst).ToList() is not [var subject] || before.Companies.Count == 0 && before.Years.Count == 0) return "";
            var (mine, theirs) = subject == used[0] ? (first, second) : (second, first);
            return StandingOf(mine.Low.Amount, mine.High.Amount, theirs.Low.Amount, theirs.High.Amount) switch
            {
                Standing.Overlapping => "Not clearly: the ranges overlap. ",
                var standing => standing == Standing.Above == compared.Groups["more"].Success ? "Yes. " : "No. ",
            };
        }

        static IEnumerable<Signal> Capex(List<Signal> listed) =>
            listed.Where(f => f.Kind is SignalKind.Capex or SignalKind.CapexGuidance && f.Period.Kind is PeriodKind.FiscalYear && MoneySpan(f) is not null);
    }

    /// <summary>Whether a kind is among others, capex and its guidance being one family ("the 2026 capex" against "what it planned for 2025").</summary>
    private static bool SameKindFamily(SignalKind kind, IReadOnlyCollection<SignalKind> among) =>
        among.Contains(kind) || kind is SignalKind.Capex or SignalKind.CapexGuidance && among.Any(k => k is SignalKind.Capex or SignalKind.CapexGuidance);

    /// <summary>
    /// "Add up the low ends of Alphabet's and Meta's ranges", "taking the bottom of each range": one end named of every
    /// range, true for the top, false for the low end; null when none or both are.
    /// </summary>
    private static bool? EndOfEveryRange(string text) =>
        // ("the top of Meta's 2026 range above the top of its 2025 range": one end named of each.)
        TopEndWord.Matches(text).Count >= 2 && !LowEndWord.IsMatch(text) ? true
        : LowEndWord.Matches(text).Count >= 2 && !TopEndWord.IsMatch(text) ? false
        : Regex.IsMatch(text, @"\b(low(er)? ends|bottoms|top ends|high(er)? ends|upper ends|bottom ends|both (at the )?(low|top|high|bottom)|(bottom|low(er)? end|top|top end|high(er)? end|upper end) of (each|every|all|both|their) (\w+ )?ranges?)\b|\b(bottom|low(er)? end|top end|high(er)? end|upper end) of [^.?!]{0,60}\b(for|in) both\b", RegexOptions.IgnoreCase)
            && LowEndWord.IsMatch(text) != TopEndWord.IsMatch(text) ? TopEndWord.IsMatch(text) : null;

    // ("lowest and highest possible total", "both ends of the ranges", "the low and the high end": the whole span asked.)
    private static readonly Regex BothEndsAsked = new(@"\b(lowest|minimum|min|smallest)\b.{0,25}\b(and|to|&|or|und|bis)\s+(the\s+)?(highest|maximum|max|largest|biggest)\b|\b(low|lower|bottom)\s+(and|&|und)\s+(the\s+)?(top|high|higher|upper)\s+ends?\b|\bboth ends\b", RegexOptions.IgnoreCase);

    private static readonly Regex LowEndWord = new(@"\b(low(er)? ends?|bottoms?( ends?)?|low point|floor|unter(e|es|en) ende)\b", RegexOptions.IgnoreCase);
    private static readonly Regex TopEndWord = new(@"\b(top ends?|high(er)? ends?|upper ends?|top of|ceiling|ober(e|es|en) ende|the top|the high)\b", RegexOptions.IgnoreCase);

    /// <summary>How one figure stands against another: wholly above it, wholly below it, or overlapping it (two equal
    /// points overlap). Every yes or no on which of two figures is the larger is decided here.</summary>
    private enum Standing { Above, Below, Overlapping }

    private static Standing StandingOf(decimal low, decimal high, decimal otherLow, decimal otherHigh) =>
        low > otherHigh ? Standing.Above : high < otherLow ? Standing.Below : Standing.Overlapping;

    /// <summary>The first words of an answer to a yes or no that a figure missing on one side leaves undecided.</summary>
    private const string NoComparison = "No comparison can be made";

    /// <summary>"Is Microsoft's capex higher than Amazon's?", "Does Alphabet's low end beat Meta's top end?": a question
    /// two figures' sizes answer yes or no; "more" when it asks whether the first is the larger.</summary>
    private static readonly Regex YesNoCompared = new(@"^\W*(?:is|are|was|were|does|do|did|will|would|could|can|has|have)\b[^?]*?\b(?<word>(?<more>beats?|beating|exceeds?|exceeding|outspends?|outspent|outspending|tops|surpass(?:es)?|outstrips?|(?:higher|bigger|larger|greater|more)\b[^?]{0,50}?\bthan|above)|(?:lower|smaller|less|fewer)\b[^?]{0,50}?\bthan|below|short of|trails?)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// "META FY26 low end vs FY25 high end", "AMZN's guide vs the top end of GOOGL's range": for each figure set against
    /// another, the end of its range named in its own clause of the comparison (true for the top, false for the low end,
    /// null for none); null when no end is named or the clauses cannot be told apart by company and year.
    /// </summary>
    private bool?[]? RangeEndsNamed(ParsedQuestion q, List<Signal> used)
    {
        if (!LowEndWord.IsMatch(q.Text) && !TopEndWord.IsMatch(q.Text)) return null;
        // ("Taking the low and the high ends of the ranges": both ends asked, the ranges stay whole.)
        if (Regex.IsMatch(q.Text, @"\b(low|lower|bottom|top|high|higher|upper)\s+(and|&|und|or|oder)\s+(the\s+)?(low|lower|bottom|top|high|higher|upper)\s+ends?\b|\bboth ends\b|\bbeide[n]? enden\b", RegexOptions.IgnoreCase))
            return null;
        if (EndOfEveryRange(q.Text) is { } everyTop) return used.Select(_ => (bool?)everyTop).ToArray();
        // ("Amazon's 2026 capex as a multiple of the low end of Meta's range": the two sides of "as a multiple of".)
        // ("is amazons 2026 guide above alphabets top end?": the two sides of "above".)
        var clauses = Regex.Split(q.Text, @"\b(?:vs\.?|versus|against|compared (?:to|with)|than|gegenüber|minus|relative to|next to|as an? (?:multiple|share|percentage|percent|fraction|proportion) of|above|below|beyond|ahead of|behind|exceeds?|exceeded|beats?|outspends?|outspent|über|unter)(?=\s)", RegexOptions.IgnoreCase);
        // ("the difference between Amazon's 2026 capex and Google's top end": the two sides of "between".)
        if (clauses.Length == 1) clauses = Regex.Split(q.Text, @"\b(?:and|und|plus)(?=\s)", RegexOptions.IgnoreCase);
        // ("Even at the top of Alphabet's range, how much more is Amazon planning to spend?": the clauses a comma sets apart.)
        if (clauses.Length == 1) clauses = Regex.Split(q.Text, @"[,;:](?=\s)");
        if (clauses.Length != used.Count) return null;
        var parsed = clauses.Select(c => parser.Parse(c)).ToList();
        var ends = new bool?[used.Count];
        var taken = new HashSet<int>();
        for (var i = 0; i < used.Count; i++)
        {
            var f = used[i];
            var fits = Enumerable.Range(0, clauses.Length).Where(c => (parsed[c].Companies.Count == 0 || f.Company is { } co && parsed[c].Companies.Contains(co))
                && (parsed[c].Years.Count == 0 || f.Period.Year is { } y && parsed[c].Years.Contains(y))).ToList();
            // ("AMZN or GOOGL, and by how much above the top of Google's range?": of clauses naming it, the one naming it alone.)
            if (fits.Count > 1 && fits.Where(c => parsed[c].Companies.Count == 1).ToList() is [var alone]) fits = [alone];
            if (fits.Count != 1 || !taken.Add(fits[0])) return null;
            var (low, top) = (LowEndWord.IsMatch(clauses[fits[0]]), TopEndWord.IsMatch(clauses[fits[0]]));
            ends[i] = low == top ? null : top;
        }
        return ends.Any(e => e is not null) ? ends : null;
    }

    /// <summary>
    /// A worked-out amount shown no more precisely than the figures it comes from: to a tenth of the unit it is said in
    /// ("$17.3 billion", "$168.3 billion", "$950 million" stays).
    /// </summary>
    private static Money Significant(Money money)
    {
        if (money.Amount == 0) return money;
        var digits = (int)Math.Floor(Math.Log10((double)Math.Abs(money.Amount)));
        var step = (decimal)Math.Pow(10, 3 * (digits / 3) - 1);
        return new Money(Math.Round(money.Amount / step, MidpointRounding.AwayFromZero) * step, money.Currency);
    }

    private static readonly Regex ShareOfAsked = new(@"\bas an? (percentage|percent|share|proportion|fraction) of\b|\bas an? % of\b|\bwhat (share|percentage|percent|%|proportion|fraction) of (its|their|his|her)\b|\bwie viel prozent (seine[rs]?|ihre[rs]?|davon)\b|\b(welche[rn]?) anteil (davon|der|des|seine[rs]?|ihre[rs]?)\b", RegexOptions.IgnoreCase);
    /// <summary>"How wide is Meta's range?", "top minus bottom": from a range's low end to its top.</summary>
    private static readonly Regex RangeWidthAsked = new(@"\b(how wide|top minus bottom|high minus low|width of|wide is|spread of|spread between the (low|bottom)|between the (low|bottom) and (the )?(high|top) ends?|wie (breit|weit) ist die spanne|breite der spanne)\b", RegexOptions.IgnoreCase);

    private static readonly Regex PerHeadAsked = new(@"\b(per|a|each|for each|for every|pro|je)\s+(employee|head|staff member|worker|person on staff|mitarbeiter\w*|beschäftigte\w*|kopf)\b", RegexOptions.IgnoreCase);
    private static readonly Regex SharesCounted = new(@"\bhow many (\w+ )?shares\b|\b(number|count) of (\w+ )?shares\b|\bshares? count\b|\bwie viele (\w+ )?aktien\b|\banzahl (der )?aktien\b", RegexOptions.IgnoreCase);
    /// <summary>"How wide is Meta's range as a percentage of its midpoint?": the width set against the middle.</summary>
    private static readonly Regex WidthOfMidpointAsked = new(@"(\b(percent(age)?|share|prozent|anteil)|%) (of|to|relative to|against|vom|von der|der) (its |the |their |seiner |ihrer )?(mid[- ]?points?|mitte|mittelwert)\b", RegexOptions.IgnoreCase);
    // ("meta 26 range mid": "mid" after a range or guide is its midpoint.)
    private static readonly Regex MidpointAsked = new(@"\b(mid[- ]?poi?nts?|(range|guide|guidance|plan)s? mid\b(?![- ]?\d)|(at|in) the middle of (the|that|its|their|\w+['’]s) (\d{4} )?(\w+ )?(guid\w*|ranges?|plans?|outlook)|middle of (the|that|its|each|every|\w+['’]s) (\d{4} )?(\w+ )?ranges?|mitte der spannen?|mittelwert\w*|(die|der) mitte|im mittel)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// A worked-out per cent as shown (to a tenth), and beside it the arithmetic to a hundredth when that differs ("52.7 %
    /// (52.67 % to a hundredth)"), which readers checking the working write. Recorded here, where it is printed, so the
    /// figure check finds what was said.
    /// </summary>
    private string PercentRecorded(decimal shown, decimal exact)
    {
        var worked = Plain(Math.Round(exact, 2));
        if (worked == Plain(shown)) return Percent(shown);
        Derived = [.. Derived, new { computed = "per cent to a hundredth", percent = worked }];
        return $"{Percent(shown)} ({Percent(worked)} to a hundredth)";
    }

    /// <summary>
    /// A worked-out amount from approximate figures as <see cref="Significant"/> shows it, and beside it the arithmetic to
    /// a hundredth of its unit when that differs ("$17.3 billion ($17.33 billion to a hundredth)"), recorded like
    /// <see cref="PercentRecorded"/>.
    /// </summary>
    private string SignificantRecorded(Money exact)
    {
        var (shown, worked) = (Significant(exact).ToHuman(), Hundredth(exact));
        if (worked.ToHuman() == shown) return shown;
        Derived = [.. Derived, new { computed = "amount to a hundredth", amount = worked.Amount, currency = worked.Currency, human = worked.ToHuman() }];
        return $"{shown} ({worked.ToHuman()} to a hundredth)";
    }

    /// <summary>
    /// A worked-out span of money: at a hundredth of its unit when the figures it comes from are exact, otherwise as
    /// <see cref="SignificantRecorded"/> says each end; one amount when the ends agree. The rounded ends are recorded as
    /// worked out (<paramref name="how"/>, of <paramref name="of"/>), so what is said and what the figure check traces agree.
    /// </summary>
    private string WorkedSpan(string how, IEnumerable<string> of, Money low, Money high, bool exact)
    {
        string Say(Money m) => exact ? Hundredth(m).ToHuman() : SignificantRecorded(m);
        var (roundedLow, roundedHigh) = exact ? (Hundredth(low), Hundredth(high)) : (Significant(low), Significant(high));
        Computed(how, of, roundedLow, roundedHigh);
        return roundedLow == roundedHigh ? Say(low) : $"{Say(low)} to {Say(high)}";
    }

    private static string Percent(decimal value) => $"{(value < 0 ? "−" : "")}{Math.Abs(value).ToString(System.Globalization.CultureInfo.InvariantCulture)} %";

    /// <summary>The larger amount over the smaller, to a tenth, or whole from a hundred times on.</summary>
    /// <summary>Which way a move went: 1 up, -1 down, 0 for what is no move.</summary>
    private static int MoveSign(Signal s) => s switch
    {
        PriceMove p => Math.Sign(p.ChangePercent),
        MarketCapMove m => Math.Sign(m.Change.Amount),
        _ => 0,
    };

    /// <summary>
    /// The bound on what a part leaves of its whole: more than is left of "more than" a whole less exact parts, at most of
    /// "at most" one, about when anything is approximate, nothing when all is exact.
    /// </summary>
    private static string LeftBound(Qualifier whole, IEnumerable<Qualifier> parts) =>
        (whole, parts.All(p => p is Qualifier.Exact)) switch
        {
            (Qualifier.Exact, true) => "",
            (Qualifier.AtLeast, true) => "more than ",
            (Qualifier.AtMost, true) => "at most ",
            _ => "about ",
        };

    /// <summary>"$65 billion", or "$65 billion to $85 billion" when the two ends differ.</summary>
    private static string Span(Money low, Money high) => low == high ? low.ToHuman() : $"{low.ToHuman()} to {high.ToHuman()}";

    private static decimal RoundedRatio(decimal upper, decimal lower) => Math.Round(upper / lower, upper / lower >= 100 ? 0 : 1);

    /// <summary>
    /// "About 27.3 times (27.3×; 27.27 times to a hundredth)": a worked-out ratio as shown (rounded as its figures allow), said both
    /// ways readers write it, and the arithmetic to a hundredth, which readers checking the working write, when it differs.
    /// The hundredth is recorded as derived here, where it is printed, so the figure check always finds what was said.
    /// </summary>
    private string TimesRecorded(decimal shown, decimal exact)
    {
        var worked = Plain(Math.Round(exact, 2));
        var said = Plain(shown).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (worked != Plain(shown)) Derived = [.. Derived, new { computed = "ratio to a hundredth", times = worked }];
        return worked == Plain(shown) ? $"{said} times ({said}×)" : $"{said} times ({said}×; {worked.ToString(System.Globalization.CultureInfo.InvariantCulture)} times to a hundredth)";
    }

    /// <summary>
    /// Whether the word beside a year says what was spent (true) or what was planned (false) for it: "amzn 26 plan minus
    /// 25 spend", "than it planned for 2025"; null when nothing is said.
    /// </summary>
    private static bool? SpendSaidOf(string text, int year) =>
        (Regex.Match(text, $@"\b(?:fy\s?)?(?:20)?{year % 100:D2}\b\W+(?:\w+\W+)?(?<w>spend|spent|spending|actuals?|ausgaben|ausgegeben|plan|plans|planned|guide|guided|guidance|outlook|forecast|prognose)\b", RegexOptions.IgnoreCase) is { Success: true } after ? after
            : Regex.Match(text, $@"\b(?<w>spend|spent|spending|actuals?|ausgegeben|plan|plans|planned|guide|guided|guidance|outlook|forecast|prognose|geplant|planung)\s+(?:\w+\s+)?(?:(?:that\s+)?(?:it|they)\s+(?:had|made|gave|set|announced)\s+(?:for|in)\s+)?(?:fy\s?)?(?:20)?{year % 100:D2}\b", RegexOptions.IgnoreCase)) is { Success: true } beside
            ? beside.Groups["w"].Value.ToLowerInvariant() is "spend" or "spent" or "spending" or "actual" or "actuals" or "ausgaben" or "ausgegeben" : null;

    /// <summary>
    /// "Stargate is $500bn. How much is that per year?": a figure whose source gives no time frame has no yearly share;
    /// null when no such thing is asked.
    /// </summary>
    private string? UntimedPerYear(ParsedQuestion q, IEnumerable<Signal> figures, DateOnly? asOf)
    {
        if (!Regex.IsMatch(q.Text, @"\b(per|a|each|every|pro|je) (year|yr|annum|jahr)\b|\b(annually|yearly|annuali[sz]e\w*|jährlich|jahrlich)\b", RegexOptions.IgnoreCase)
            || figures.Where(f => MoneySpan(f) is not null).DistinctBy(f => f.Id).ToList() is not [var untimed]
            || untimed.Note is not { } note || !Regex.IsMatch(note, @"\bno time ?frame\b", RegexOptions.IgnoreCase))
            return null;
        return $"No per-year figure: the source gives no time frame for {(untimed.Company is { } who ? Name(who) + "'s " : "")}{KindLabel(untimed)} {untimed.DescribeValue()} ({When(untimed, asOf)}), so it cannot be spread over years";
    }

    /// <summary>The one figure for several years whose share a year the question asks for; null for none.</summary>
    private static Signal? SpanAskedPerYear(ParsedQuestion q, List<Signal> listed)
    {
        var span = listed.Where(f => f.Period is { Kind: PeriodKind.FiscalYears, Year: { } first, EndYear: { } last } && last > first && (MoneySpan(f) is not null || f is CapacityPlan { Gigawatts: > 0 })).DistinctBy(f => f.Id).ToList();
        if (span.Count != 1 || !(Regex.IsMatch(q.Text, @"\b(per|a|each|every|pro|je)[ -](fiscal |calendar )?(year|yr|annum|jahr|geschäftsjahr|geschaftsjahr)\b|\b(annually|yearly|jährlich|jahrlich|p\.a\.)|\bp\.a\b", RegexOptions.IgnoreCase)
            && Regex.IsMatch(q.Text, @"\b(evenly|spread|split|average|averages|averaged|avg|divided|works? out to|comes? to|per[ -](fiscal )?(year|yr)|pro (geschäfts|geschafts)?jahr|verteilt|durchschnitt\w*|im schnitt|gleichm\w*)\b", RegexOptions.IgnoreCase)
            || Regex.IsMatch(q.Text, @"\b(annuali[sz]e\w*|aufs jahr gerechnet|pro jahr gerechnet|average annual|annual average|durchschnittliche[snmr]?\s+jahres\w*|jahresdurchschnitt\w*|jahresschnitt\w*|(annual|yearly) (run.?rate|pace|rate|spend|spending|outlay|amount|average))\b", RegexOptions.IgnoreCase)
            // ("~$600bn through 2028 - roughly how much a year is that?", "5 GW by 2030: how many gigawatts a year?")
            || Regex.IsMatch(q.Text, @"\bhow (much|many) (\w+ ){0,3}(a|per|each|every) (year|yr)\b", RegexOptions.IgnoreCase)))
            return null;
        return span[0];
    }

    /// <summary>
    /// "Zuckerberg's ~$600bn through 2028: per year on average?", "annualise it": a figure for several years spread
    /// evenly over them.
    /// </summary>
    private string? PerYearOfSpan(ParsedQuestion q, Signal? figure, List<Signal> listed, DateOnly? asOf)
    {
        if (figure is null) return null;
        var n = (decimal)(figure.Period.EndYear!.Value - figure.Period.Year!.Value + 1);
        // ("CoreWeave wants 5 GW by 2030: how many gigawatts a year is that?": capacity to be built, a year at a time.)
        if (figure is CapacityPlan plan)
        {
            var eachGw = Math.Round(plan.Gigawatts / n, 2);
            Derived = [.. Derived, new { computed = "per year", of = new[] { plan.Id }, gigawatts = Plain(eachGw), years = n }];
            var roughly = plan.Qualifier is Qualifier.Exact && eachGw == plan.Gigawatts / n ? "" : "about ";
            return $"{Capitalise(roughly)}{Plain(eachGw).ToString(CultureInfo.InvariantCulture)} GW a year if spread evenly (worked out: {plan.DescribeValue()} over {n} years, {plan.Period.ToHuman()}; {(plan.Company is { } who ? Name(who) + " " : "")}{KindLabel(plan)} {plan.DescribeValue()}, {When(plan, asOf)})";
        }
        var (low, high) = MoneySpan(figure)!.Value;
        var about = figure.Qualifier is Qualifier.About ? "about " : figure.Qualifier is Qualifier.AtLeast ? "more than " : figure.Qualifier is Qualifier.AtMost ? "at most " : "";
        string Of(Signal f) => $"{(f.Company is { } c ? Name(c) + " " : "")}{KindLabel(f)} {f.DescribeValue()} ({When(f, asOf)})";
        // ("Alibaba's per-year AI spend vs Tencent's 2024 capex - difference?", "Meta's 2026 midpoint against the yearly
        // average of its ~$600bn through 2028": the year's share set against the one other year asked beside it, another
        // company's or a year the question names apart from the span, a range at its midpoint.)
        var against = "";
        var apart = q.Years.Where(y => y != figure.Period.Year && y != figure.Period.EndYear).ToHashSet();
        // ("Meta's yearly average through 2028 vs Alphabet's 2026 guidance": another company named is the other side, not a
        // year of the same company's.)
        var otherNamed = q.Companies.Any(c => c != figure.Company);
        if (low == high && listed.Where(f => f.Id != figure.Id && f.Period.Kind == PeriodKind.FiscalYear
                    && (f.Company != figure.Company && (f.Company is not { } theirCompany || !otherNamed || q.Companies.Contains(theirCompany)) || !otherNamed && apart.Contains(f.Period.Year ?? 0))
                    && MoneySpan(f) is { } x && x.Low.Currency == low.Currency && x.Low.Amount > 0)
                .DistinctBy(f => f.Id).ToList() is [var other])
        {
            var (each, (theirLow, theirHigh)) = (low / n, MoneySpan(other)!.Value);
            var theirs = new Money((theirLow.Amount + theirHigh.Amount) / 2, low.Currency);
            string OfOther()
            {
                if (theirLow == theirHigh) return Of(other);
                Computed("midpoint", [other.Id], theirs, theirs);
                return $"the midpoint {theirs.ToHuman()} of {Of(other)}";
            }
            if (QuestionParser.AsksDifference(q.Text) || !QuestionParser.AsksRatio(q.Text) && Regex.IsMatch(q.Text, @"\b(compare[sd]?|comparison|vs\.?|versus|against)\b", RegexOptions.IgnoreCase))
            {
                var gap = new Money(Math.Abs(each.Amount - theirs.Amount), low.Currency);
                Computed("difference", [figure.Id, other.Id], Significant(gap), Significant(gap));
                against = $"; about {SignificantRecorded(gap)} {(each.Amount >= theirs.Amount ? "more" : "less")} than {OfOther()}";
            }
            else if (QuestionParser.AsksRatio(q.Text))
            {
                var (upper, lower) = each.Amount >= theirs.Amount ? (each.Amount, theirs.Amount) : (theirs.Amount, each.Amount);
                var times = RoundedRatio(upper, lower);
                Derived = [.. Derived, new { computed = "ratio", of = new[] { figure.Id, other.Id }, times }];
                against = $"; {(each.Amount >= theirs.Amount ? "about " + TimesRecorded(times, upper / lower) + " " + OfOther() : $"{Capitalise(OfOther())} is about {TimesRecorded(times, upper / lower)} that")}";
            }
        }
        return $"About {WorkedSpan("per year", [figure.Id], low / n, high / n, exact: false)} a year if spread evenly{against} (worked out: {about}{Span(low, high)} over {n} years; {Of(figure).Replace($" ({When(figure, asOf)})", $", {When(figure, asOf)}")})";
    }

    /// <summary>
    /// What one figure comes to when the question works it out: the middle of a guided range ("what's the midpoint?"),
    /// a year's figure spread evenly over its quarters or months, a quarter's kept up for four. Each is said to be worked
    /// out, with the figure it comes from; a range stays a range.
    /// </summary>
    private string? OneFigureWorked(ParsedQuestion q, List<Signal> listed, DateOnly? asOf)
    {
        var text = q.Text;
        // (A year's share of a multi-year figure asked keeps the midpoint step aside and is worked further down.)
        var spanAsked = SpanAskedPerYear(q, listed);
        string Of(Signal f) => $"{Name(q.Companies[0])} {KindLabel(f)} {f.DescribeValue()}, {When(f, asOf)}";
        var about = (Signal f) => f.Qualifier is Qualifier.About ? "about " : f.Qualifier is Qualifier.AtLeast ? "more than " : f.Qualifier is Qualifier.AtMost ? "at most " : "";
        // "ByteDance's domestic AI-chip budget as a percentage of its 2025 capex?": the smaller of two figures in one
        // currency as a share of the larger (a share of "more than" a figure is at most that share).
        // ("… cover what % of its 2026 capex at the midpoint?": a range at its middle, said so; "the two campuses: total, and
        // what share of its 2025 guide?": the parts added, then set against the whole.)
        // ("OpenAI revenue per employee in 2025?": the company's one revenue over its one headcount of the same year.)
        if (PerHeadAsked.IsMatch(text)
            && listed.OfType<Metric>().Where(m => m.Unit == "count" && Regex.IsMatch(m.Name, @"\b(employees|staff|headcount|workforce)\b", RegexOptions.IgnoreCase) && m.Value > 0).DistinctBy(m => m.Id).ToList() is [var headcount]
            && listed.Where(f => f.Kind is SignalKind.Revenue or SignalKind.Capex or SignalKind.CapexGuidance or SignalKind.FreeCashFlow && f.Period == headcount.Period
                && MoneySpan(f) is { } x && x.Low == x.High && x.Low.Amount > 0).DistinctBy(f => f.Id).ToList() is [var amount])
        {
            var takings = MoneySpan(amount)!.Value.Low;
            // (No more precise than the figures: "about $13 billion" over 4,500 is about $2.9 million.)
            var roughly = amount.Qualifier is Qualifier.Exact && headcount.Qualifier is Qualifier.Exact ? "" : "About ";
            return $"{roughly}{WorkedSpan("per employee", [amount.Id, headcount.Id], takings / headcount.Value, takings / headcount.Value, roughly.Length == 0)} per employee (worked out: {about(amount)}{takings.ToHuman()} over {about(headcount)}{headcount.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} employees; {Of(amount)}; {KindLabel(headcount)} {headcount.DescribeValue()}, {When(headcount, asOf)})";
        }
        var atMiddle = MidpointAsked.IsMatch(text);
        // ("What portion of ByteDance's 2025 capex goes to domestic AI chips?": the company's own whole named by its name;
        // a whole the question quotes must be among the figures, or the share is of something else.)
        var quoted = QuotedAmounts(text);
        // ("Welchen Anteil am 118-Milliarden-Budget von Amazon machen die beiden Campus aus?")
        if ((ShareOfAsked.IsMatch(text) || Regex.IsMatch(text, @"\bwhat (share|percentage|percent|%|proportion|fraction|portion) of ([A-Z][\w.&-]*['’]s\b|(the |its |their )?[$€]\s?\d)|\bwelche[nrs]? anteil (am|an|vom)\b", RegexOptions.IgnoreCase))
            && (quoted.Count == 0 || listed.Any(f => MoneySpan(f) is { } whole && quoted.Any(a => Near(a, whole.High))))
            // ("What share of Scion's combined put notional sits on Palantir?": the puts, not the short.)
            && listed.DistinctBy(f => f.Id).Where(f => PositionWordsFit(text, f)).Select(f => (Figure: f, Span: MoneySpan(f))).Where(x => x.Span is { } span && (span.Low == span.High || atMiddle) && span.Low.Amount > 0)
                .Select(x => (x.Figure, Amount: (x.Span!.Value.Low + x.Span.Value.High) / 2))
                .GroupBy(x => x.Amount.Currency).Where(g => g.Count() == 2 || g.Count() > 2 && (q.Sum || QuestionParser.AsksTotal(text) || Regex.IsMatch(text, @"\b(combined|together|zusammen|both|beiden)\b", RegexOptions.IgnoreCase)
                    || quoted.Any(a => Near(a, g.MaxBy(x => x.Amount.Amount).Amount)))).ToList() is [var group])
        {
            var ordered = group.OrderBy(x => x.Amount.Amount).ToList();
            var (parts, of) = (ordered[..^1], ordered[^1]);
            var part = parts.Skip(1).Aggregate(parts[0].Amount, (a, x) => a + x.Amount);
            // (One measure in two periods is no part and whole: fiscal 2022's revenue is not a share of fiscal 2025's.)
            if (part.Amount < of.Amount.Amount && !parts.Any(x => x.Figure.Kind == of.Figure.Kind && x.Figure.Period != of.Figure.Period))
            {
                if (parts.Count > 1) Computed("sum", parts.Select(x => x.Figure.Id), part, part);
                foreach (var x in ordered.Where(x => MoneySpan(x.Figure) is { } range && range.Low != range.High)) Computed("midpoint", [x.Figure.Id], x.Amount, x.Amount);
                var shareExact = part.Amount / of.Amount.Amount * 100;
                var share = Math.Round(shareExact, 1);
                Derived = [.. Derived, new { computed = "share", of = parts.Select(x => x.Figure.Id).Append(of.Figure.Id).ToList(), percent = share }];
                var bound = of.Figure.Qualifier is Qualifier.AtLeast ? "At most" : parts.Any(x => x.Figure.Qualifier is Qualifier.About) || of.Figure.Qualifier is Qualifier.About ? "About" : "";
                var partSaid = parts.Count > 1 ? $"together {part.ToHuman()} ({string.Join(" and ", parts.Select(x => $"{about(x.Figure)}{x.Amount.ToHuman()}"))})" : $"{about(parts[0].Figure)}{part.ToHuman()}";
                var wholeSaid = MoneySpan(of.Figure) is { } w && w.Low != w.High ? $"the midpoint {of.Amount.ToHuman()} of {w.Low.ToHuman()} to {w.High.ToHuman()}" : $"{about(of.Figure)}{of.Amount.ToHuman()}";
                // ("…, and how much is left after that?": what the part leaves of the whole, keeping the whole's bound.)
                var left = "";
                if (LeftAsked.IsMatch(text))
                {
                    var rest = of.Amount - part;
                    Computed("left", parts.Select(x => x.Figure.Id).Append(of.Figure.Id), rest, rest);
                    left = $"; {LeftBound(of.Figure.Qualifier, parts.Select(x => x.Figure.Qualifier))}{rest.ToHuman()} left";
                }
                return $"{(bound.Length == 0 ? "" : bound + " ")}{PercentRecorded(share, shareExact)}{left} (worked out: {partSaid} out of {wholeSaid}; {string.Join("; ", parts.Select(x => Of(x.Figure)))}; {Of(of.Figure)})";
            }
        }
        // "ASML's record Q4 bookings: roughly what was the Street expecting?": a figure said to be so many times another,
        // worked back to the other.
        if (Regex.IsMatch(text, @"\b(expect\w*|street|consensus|analysts?|estimates?|erwart\w*)\b", RegexOptions.IgnoreCase)
            && listed.OfType<Metric>().Where(m => m is { Unit: "x", Value: > 0 } && m.Name.Contains(" relative to ", StringComparison.Ordinal)).DistinctBy(m => m.Id).ToList() is [var multiple]
            && listed.Where(f => f is not Metric && f.Period == multiple.Period && MoneySpan(f) is { } x && x.Low == x.High
                && CompanyDirectory.Normalize(multiple.Name.Split(" relative to ")[0]).Contains(CompanyDirectory.Normalize(KindLabel(f)), StringComparison.Ordinal))
                .DistinctBy(f => f.Id).ToList() is [var measured])
        {
            var actual = MoneySpan(measured)!.Value.Low;
            var other = Significant(actual / multiple.Value);
            Computed("worked back", [measured.Id, multiple.Id], other, other);
            // (The exact quotient is said beside the rounded one: the multiple is itself rounded, "about 2×".)
            var exact = Hundredth(actual / multiple.Value);
            Computed("worked back, to a hundredth", [measured.Id, multiple.Id], exact, exact);
            // ("… and what is the Q4 order figure annualised?": the quarter's amount at four quarters too.)
            var annualised = "";
            if (measured.Period.Kind == PeriodKind.FiscalQuarter && Regex.IsMatch(text, @"\b(annuali[sz]\w*|aufs jahr gerechnet|a year at that (pace|rate))\b", RegexOptions.IgnoreCase))
            {
                var atFour = new Money(actual.Amount * 4, actual.Currency);
                Computed("annualised", [measured.Id], atFour, atFour);
                annualised = $"; {atFour.ToHuman()} annualised ({actual.ToHuman()} over 4 quarters)";
            }
            return $"About {other.ToHuman()} for {multiple.Name.Split(" relative to ")[1]}{annualised} (worked out: {actual.ToHuman()} is {about(multiple)}{multiple.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}× that, and {actual.ToHuman()} ÷ {multiple.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} = {exact.ToHuman()}; {Of(measured)}; {Of(multiple)})";
        }
        // "Amazon's Q4 EPS against what analysts expected: how big was the miss?": the gap to the consensus.
        if (Regex.IsMatch(text, @"\b(miss|missed|beat|beats|short of|shortfall|gap|difference|in cents|how many cents|by how much|verfehl\w*|übertroffen|abweichung|lücke)\b", RegexOptions.IgnoreCase)
            && listed.OfType<Eps>().Where(e => e.Consensus is { } c && c.Currency == e.Actual.Currency).ToList() is { Count: 1 } withConsensus)
        {
            var eps = withConsensus[0];
            var gap = eps.Actual - eps.Consensus!.Value;
            var size = new Money(Math.Abs(gap.Amount), gap.Currency);
            Computed("difference", [eps.Id], size, size);
            // ("miss by how much (cents and %)?": the gap over the consensus, too.)
            var percent = "";
            if ((QuestionParser.AsksPercentChange(text) || QuestionParser.AsksPercent(text)) && eps.Consensus.Value.Amount != 0)
            {
                var shareExact = Math.Abs(gap.Amount) / Math.Abs(eps.Consensus.Value.Amount) * 100;
                var share = Math.Round(shareExact, 1);
                Derived = [.. Derived, new { computed = "percent of consensus", of = new[] { eps.Id }, percent = share }];
                percent = $", {PercentRecorded(share, shareExact)} {(gap.Amount < 0 ? "below" : "above")} it";
            }
            return gap.Amount == 0 ? $"In line: {eps.Actual.ToHuman()} against a consensus of {eps.Consensus.Value.ToHuman()} (worked out; {Of(eps)})"
                : $"{size.ToHuman()} {(gap.Amount < 0 ? "below" : "above")} the consensus{percent} (worked out: {eps.Actual.ToHuman()} against {eps.Consensus.Value.ToHuman()}; {Of(eps)})";
        }
        // "Meta's 2026 capex guidance: what's the midpoint?"
        // ("… as a multiple of his 2026 plan midpoint": a midpoint set against another figure is a ratio's side, not the answer.)
        // ("… per month if it lands in the middle of its guidance": the midpoint spread over the year, below.)
        // ("Meta's average yearly spend through 2028 vs the midpoint of its 2026 guidance": the midpoint is the other side of
        // a year's share of the span, worked below.)
        if (MidpointAsked.IsMatch(text) && !PerUnitAsked.IsMatch(text) && !(QuestionParser.AsksRatio(text) && listed.Where(f => MoneySpan(f) is not null).DistinctBy(f => f.Id).Count() > 1)
            && spanAsked is null
            && listed.OfType<CapexGuidance>().Where(g => g is { Low: not null, High: not null }).ToList() is { Count: 1 } ranges)
        {
            var range = ranges[0];
            var middle = (range.Low!.Value + range.High!.Value) / 2;
            Computed("midpoint", [range.Id], middle, middle);
            return $"The midpoint is {middle.ToHuman()} (worked out, halfway between {range.Low.Value.ToHuman()} and {range.High.Value.ToHuman()}; {Of(range)})";
        }
        // "Amazon reinvests about 90 % of its operating cash flow and free cash flow is $14.8 billion: what operating cash
        // flow does that imply?": free cash flow read as what capex leaves of operating cash flow, over the same months.
        if (Regex.IsMatch(text, @"\b(impl(y|ies|ied)|back out|backing out|work out|derive)\b", RegexOptions.IgnoreCase)
            && QuestionParser.MentionsAny(text, "operating cash flow", "ocf", "cash from operations", "operating cash", "operativer cashflow", "operativen cashflow")
            && listed.OfType<CapexCashFlowRatio>().DistinctBy(r => r.Id).ToList() is [{ Percent: > 0 and < 100 } ratio]
            && listed.OfType<FreeCashFlow>().Where(f => f.Period == ratio.Period && f.Amount.Amount > 0).DistinctBy(f => f.Id).ToList() is [var free])
        {
            var operating = free.Amount.Amount / (1 - ratio.Percent / 100);
            var ocf = Significant(new Money(operating, free.Amount.Currency));
            var spent = Significant(new Money(operating - free.Amount.Amount, free.Amount.Currency));
            Computed("implied operating cash flow", [ratio.Id, free.Id], ocf, ocf);
            Computed("implied capex", [ratio.Id, free.Id], spent, spent);
            return $"About {SignificantRecorded(new Money(operating, free.Amount.Currency))} of operating cash flow, of which about {SignificantRecorded(new Money(operating - free.Amount.Amount, free.Amount.Currency))} went into capex (worked out: free cash flow of {free.Amount.ToHuman()} "
                + $"taken as the {Percent(100 - ratio.Percent)} capex leaves; {Of(ratio)}; {Of(free)})";
        }
        // "If Amazon reinvests about 90 % of its operating cash flow, what percentage is left over?": the rest of a share.
        if (Regex.IsMatch(text, @"\b(left over|leftover|what's left|what is left|remain\w*|the rest|übrig|ubrig|bleibt|not (going|spent|put|reinvested|used)|isn't (going|spent)|is not (going|spent))\b", RegexOptions.IgnoreCase)
            && (QuestionParser.AsksPercent(text) || Regex.IsMatch(text, @"\b(what|which) (share|portion|fraction|part)\b", RegexOptions.IgnoreCase))
            && listed.OfType<CapexCashFlowRatio>().DistinctBy(r => r.Id).ToList() is { Count: 1 } reinvested)
        {
            var rest = 100 - reinvested[0].Percent;
            Derived = [.. Derived, new { computed = "rest", of = new[] { reinvested[0].Id }, percent = rest }];
            return $"About {Percent(rest)} is left over (worked out: what remains of the whole after {Percent(reinvested[0].Percent)}; {Of(reinvested[0])})";
        }
        // "Amazon's after-hours slide was given as a range: what's its midpoint?": a move given as a range, at its middle.
        if (MidpointAsked.IsMatch(text)
            && listed.OfType<PriceMove>().Where(m => m.ChangePercentTo is not null).DistinctBy(m => m.Id).ToList() is { Count: 1 } moves)
        {
            var move = moves[0];
            var middle = (move.ChangePercent + move.ChangePercentTo!.Value) / 2;
            Derived = [.. Derived, new { computed = "midpoint", of = new[] { move.Id }, percent = middle }];
            return $"The midpoint is {Percent(middle)} (worked out, halfway between {Percent(move.ChangePercent)} and {Percent(move.ChangePercentTo.Value)}; {Of(move)})";
        }
        // "ChatGPT's share fell from what to what, by how many percentage points?": a share and the one it came from, apart.
        if (Regex.IsMatch(text, @"\b(percentage points?|prozentpunkte\w*|points?|by how much|um wie viel\w*)\b", RegexOptions.IgnoreCase)
            && listed.OfType<MarketShare>().Where(m => m.PreviousPercent is not null).DistinctBy(m => m.Id).ToList() is { Count: 1 } withPrevious)
        {
            var share = withPrevious[0];
            var points = share.Percent - share.PreviousPercent!.Value;
            // ("Um wie viel Prozent relativ?": the fall over where it started, not the points.)
            // ("drop in points and in relative terms?": both asked, both given.)
            var pointsToo = Regex.IsMatch(text, @"\bpoints?\b.*\b(and|und)\b|\b(and|und)\b.*\bpoints?\b", RegexOptions.IgnoreCase);
            if (QuestionParser.AsksPercentChange(text) && (pointsToo || !Regex.IsMatch(text, @"\b(percentage points?|prozentpunkte\w*)\b", RegexOptions.IgnoreCase)) && share.PreviousPercent > 0)
            {
                var relativeExact = points / share.PreviousPercent.Value * 100;
                var relative = Math.Round(relativeExact, 1);
                Derived = [.. Derived, new { computed = "percent change", of = new[] { share.Id }, percent = relative }];
                var inPoints = "";
                if (pointsToo)
                {
                    Derived = [.. Derived, new { computed = "difference", of = new[] { share.Id }, points }];
                    inPoints = $" ({Math.Abs(points).ToString(System.Globalization.CultureInfo.InvariantCulture)} percentage points)";
                }
                return $"{(relative < 0 ? "Down" : "Up")} {PercentRecorded(Math.Abs(relative), Math.Abs(relativeExact))} in relative terms{inPoints} (worked out: from {Percent(share.PreviousPercent.Value)} to {Percent(share.Percent)}; {Of(share)})";
            }
            Derived = [.. Derived, new { computed = "difference", of = new[] { share.Id }, points }];
            return $"{(points < 0 ? "Down" : "Up")} {Math.Abs(points).ToString(System.Globalization.CultureInfo.InvariantCulture)} percentage points (worked out: from {Percent(share.PreviousPercent.Value)} to {Percent(share.Percent)}; {Of(share)})";
        }
        var year = listed.Where(f => f.Period.Kind is PeriodKind.FiscalYear && MoneySpan(f) is not null).ToList();
        // "If Amazon spreads its 2026 capex guide evenly, what does that come to per quarter?", "on a per-quarter basis"
        // ("Amazon spent about $131bn in 2025. Roughly what's that per quarter?": of a year's plan and spending, the one
        // the question names; a campus inside the plan is no whole to spread.)
        var wholes = year.DistinctBy(f => f.Id).ToList();
        if (wholes.Count > 1) wholes = wholes.Where(f => f.Kind is not SignalKind.InvestmentPlan).ToList();
        if (wholes.Count > 1 && q.WantsGuidance != q.WantsActual) wholes = wholes.Where(f => f.Kind == SignalKind.CapexGuidance == q.WantsGuidance).ToList();
        // ("whats googles capex midpont for 2026 per quater?": with no quarter's own figure to give, the year's is spread.)
        if (PerUnitAsked.Match(text) is { Success: true } per
            && (SpreadWords().IsMatch(text) || !listed.Any(f => f.Period.Kind is PeriodKind.FiscalQuarter or PeriodKind.Month && MoneySpan(f) is not null))
            && wholes is { Count: 1 } whole)
        {
            // ("if it lands in the middle of its guidance": the range's midpoint spread.)
            if (SpreadLines(whole[0], text, MidpointAsked.IsMatch(text), asOf) is { } evenly)
                return UnitOf(per) == "quarter" && QuarterGapToQuoted(whole[0], text) is { } gap ? $"{evenly}; {gap}" : evenly;
        }
        // "OpenAI price-to-sales: valuation divided by 2025 revenue?": a company's value over its revenue, in one currency.
        if (Regex.IsMatch(text, @"\b(price[- ]to[- ]sales|p/s|times (its |their )?(revenue|sales)|multiple of (its |their )?(revenue|sales)|(valuation|value) (divided by|over) )", RegexOptions.IgnoreCase)
            && listed.OfType<Valuation>().FirstOrDefault(v => v.Value is not null) is { Value: { } value } valuation
            && listed.OfType<Revenue>().Where(r => r is { Segment: null, Amount: { Amount: > 0 } } && r.Amount.Value.Currency == value.Currency).DistinctBy(r => r.Id).ToList() is { Count: 1 } sales)
        {
            var times = Math.Round(value.Amount / sales[0].Amount!.Value.Amount, 1);
            Derived = [.. Derived, new { computed = "ratio", of = new[] { valuation.Id, sales[0].Id }, times }];
            return $"About {TimesRecorded(times, value.Amount / sales[0].Amount!.Value.Amount)} revenue (worked out: {about(valuation)}{value.ToHuman()} over {about(sales[0])}{sales[0].Amount!.Value.ToHuman()}; {Of(valuation)}; {Of(sales[0])})";
        }
        // "AWS did $35.6bn in Q4 2025, up 24 %: back out the Q4 2024 number": the year-earlier figure the growth implies.
        // ("AWS grew 24 % in Q4 2025, so what was it in Q4 2024?": the year before the figure's, named, with growth said.)
        if (listed.OfType<Revenue>().Where(r => r is { Amount: not null, GrowthPercent: > -100 }).DistinctBy(r => r.Id).ToList() is { Count: 1 } grown
            && (YearAgoAsked.IsMatch(text) || AddedYearOnYear.IsMatch(text)
                || grown[0].Period.Year is { } grownYear && q.Years.Contains(grownYear - 1) && Regex.IsMatch(text, @"\b(grew|grow|growth|gewachsen|wachstum|up)\b|\d\s?%", RegexOptions.IgnoreCase)))
        {
            var now = grown[0].Amount!.Value;
            var exactBefore = new Money(now.Amount / (1 + grown[0].GrowthPercent!.Value / 100), now.Currency);
            // (Shown no more precisely than the figure it comes from.)
            var before = Significant(exactBefore);
            Computed("year earlier", [grown[0].Id], before, before);
            var growth = grown[0].GrowthPercent!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // ("How many dollars did AWS add year on year?": the growth in money, what it is now less what it was.)
            if (AddedYearOnYear.IsMatch(text))
            {
                var added = new Money(now.Amount - exactBefore.Amount, now.Currency);
                Computed("added year on year", [grown[0].Id], Significant(added), Significant(added));
                return $"About {SignificantRecorded(added)} added year on year (worked out: {about(grown[0])}{now.ToHuman()} against about {SignificantRecorded(exactBefore)} a year earlier, growth of {growth} %; {Of(grown[0])})";
            }
            return $"About {SignificantRecorded(exactBefore)} a year earlier (worked out: {about(grown[0])}{now.ToHuman()} after growth of {growth} %; {Of(grown[0])})";
        }
        if (PerYearOfSpan(q, spanAsked, listed, asOf) is { } perYear) return perYear;
        // "About half its 2025 capex goes abroad: how much is that in yuan?": a share of a figure, taken of that figure.
        // (Only the part the share names, asked on its own: "domestic and foreign in total" is two plans, not a share.)
        if (Regex.IsMatch(text, @"\bhow much\b|\bwie ?viel\w*\b|\bamount\b|\bin (yuan|renminbi|dollars|euros?)\b", RegexOptions.IgnoreCase)
            && !q.Sum && !QuestionParser.AsksTotal(text) && !Regex.IsMatch(text, @"\b(in total|altogether|insgesamt)\b", RegexOptions.IgnoreCase)
            && listed.OfType<Metric>().Where(m => m.Unit == "percent" && m.Value is > 0 and < 100 && Regex.Match(m.Name, @"^share of (\d{4} )?capex (?<part>.+)$") is { Success: true } named
                && named.Groups["part"].Value.Split(' ').Where(w => w.Length >= 5 && w != "spent").Any(w => QuestionParser.Mentions(text, w) || w == "abroad" && Regex.IsMatch(text, @"\b(overseas|outside (of )?china|ausland|im ausland)\b", RegexOptions.IgnoreCase)))
                .DistinctBy(m => m.Id).ToList() is { Count: 1 } shares
            && listed.Where(f => f.Kind is SignalKind.Capex or SignalKind.CapexGuidance && f.Period == shares[0].Period && MoneySpan(f) is not null).DistinctBy(f => f.Id).ToList() is { Count: 1 } bases)
        {
            var (share, of) = (shares[0], bases[0]);
            var (low, high) = MoneySpan(of)!.Value;
            var (partLow, partHigh) = (low * (share.Value / 100), high * (share.Value / 100));
            Computed("share of", [share.Id, of.Id], partLow, partHigh);
            var roughly = share.Qualifier is Qualifier.About or Qualifier.AtLeast || of.Qualifier is Qualifier.About or Qualifier.AtLeast ? "About " : "";
            return $"{roughly}{Span(partLow, partHigh)} (worked out: {about(share)}{share.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} % of {about(of)}{Span(low, high)}; {Of(share)}; {Of(of)})";
        }
        // "Nvidia lost about $350bn over five trading days: what's that per trading day?"
        if (Regex.IsMatch(text, @"\b(per|a|each|every|pro|je) (trading |handels)?(day|tag)\b", RegexOptions.IgnoreCase)
            && listed.OfType<MarketCapMove>().Where(m => m.TradingDays > 1).DistinctBy(m => m.Id).ToList() is { Count: 1 } spread)
        {
            var move = spread[0];
            var lost = move.Change.Amount < 0 ? -move.Change : move.Change;
            var daily = lost / move.TradingDays;
            Computed("per trading day", [move.Id], daily, daily);
            return $"About {daily.ToHuman()} {(move.Change.Amount < 0 ? "lost" : "gained")} per trading day on average (worked out: {about(move)}{lost.ToHuman()} over {move.TradingDays} trading days; {Of(move)})";
        }
        // "If AWS kept up its Q4 2025 pace for four straight quarters, what annual revenue would that be?"
        var quarters = listed.Where(f => f.Period.Kind is PeriodKind.FiscalQuarter && MoneySpan(f) is not null).DistinctBy(f => f.Id).ToList();
        // ("Amazon guided more than $30bn a quarter. Four quarters at that pace?": one guide given for each of two
        // quarters is one pace.)
        if (quarters.Count > 1 && quarters.DistinctBy(f => (f.Company, f.Kind, MoneySpan(f), f.Qualifier)).Count() == 1)
            quarters = [quarters.MaxBy(f => f.Period.Start)!];
        // ("If Amazon kept spending its guided Q4 minimum every quarter for a year, what would the annual total be?")
        if (quarters.Count == 1 && Regex.IsMatch(text, @"\b(annuali[sz]ed?|annual run.?rate|run.?rate|four (straight |full |consecutive )?quarters|for a (full|whole) year|over a (full|whole) year|(every|each) quarter (for|over) (a|one|the) (full |whole )?year|annual total|aufs jahr|hochgerechnet)\b", RegexOptions.IgnoreCase))
        {
            var (low, high) = MoneySpan(quarters[0])!.Value;
            Computed("annualised", [quarters[0].Id], low * 4, high * 4);
            var pace = quarters[0].Qualifier switch { Qualifier.AtLeast => "More than", Qualifier.AtMost => "Up to", _ => "About" };
            return $"{pace} {Span(low * 4, high * 4)} a year at that pace (worked out: {about(quarters[0])}{Span(low, high)} times four; {Of(quarters[0])})";
        }
        return null;
    }

    private static readonly Regex YearsOfTerm = new(@"\b(over|for|across|in|during) (the next |a |an )?(?<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) (years|yrs|jahre|jahren)\b|\b(?<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)[- ]year (term|contract|deal|period|horizon)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// "At $60bn a year, what would OpenAI owe Oracle over five years?": an amount stated per year, kept up for the
    /// number of years the question names (said to be the question's, not the contract's term).
    /// </summary>
    private string? YearlyKeptUp(ParsedQuestion q, List<Signal> listed, DateOnly? asOf)
    {
        if (YearsOfTerm.Match(q.Text) is not { Success: true } term
            || listed.OfType<FinancingDeal>().Where(d => d is { PerYear: true, Amount: not null }).DistinctBy(d => d.Id).ToList() is not [var yearly])
            return null;
        var years = CountWord(term.Groups["n"].Value);
        if (years < 2) return null;
        var each = yearly.Amount!.Value;
        var total = each * years;
        Computed("kept up", [yearly.Id], total, total);
        var about = yearly.Qualifier is Qualifier.About ? "about " : "";
        return $"{(about.Length > 0 ? "About " : "")}{total.ToHuman()} over {years} years (worked out: {about}{each.ToHuman()} a year times {years}, the number of years the question names; {KindLabel(yearly)} {yearly.DescribeValue()}, {When(yearly, asOf)})";
    }

    /// <summary>A count the question's words give, spelled out (two to ten, as the patterns that find it allow) or in digits.</summary>
    private static int CountWord(string said) => said.ToLowerInvariant() switch
    {
        "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10,
        var digits => int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>"$112 billion for Alphabet, Amazon, Meta and Microsoft together: per company on average?": a combined figure over its companies.</summary>
    /// <summary>"…, and if you annualise that (times four), what run rate is that?": a quarter's market figure kept up for a year.</summary>
    private string? AnnualisedMarket(ParsedQuestion q, IEnumerable<Signal> figures, DateOnly? asOf)
    {
        if (!Regex.IsMatch(q.Text, @"\b(annuali[sz]e\w*|annual run.?rate|run.?rate|times four|four (straight |full )?quarters|aufs jahr|hochgerechnet)\b", RegexOptions.IgnoreCase)
            || figures.OfType<Metric>().Where(m => m.Company is null && m.Unit.Length == 3 && m.Unit.All(char.IsAsciiLetterUpper) && m.Period.Kind is PeriodKind.FiscalQuarter).DistinctBy(m => m.Id).ToList() is not [var quarterly])
            return null;
        var quarterFigure = new Money(quarterly.Value, quarterly.Unit);
        Computed("annualised", [quarterly.Id], quarterFigure * 4, quarterFigure * 4);
        return $"About {(quarterFigure * 4).ToHuman()} a year at that pace (worked out: {quarterFigure.ToHuman()} times four; {quarterly.DescribeValue()}, {When(quarterly, asOf)})";
    }

    private string? AveragePerCompany(ParsedQuestion q, IEnumerable<Signal> figures, DateOnly? asOf)
    {
        if (!Regex.IsMatch(q.Text, @"\b(per (company|firm|hyperscaler|head)|apiece|each on average|on average (each|per)|average (per|for each|each)|im schnitt (je|pro)|pro (unternehmen|konzern))\b", RegexOptions.IgnoreCase))
            return null;
        if (figures.OfType<Metric>().Where(m => m.Company is null && m.Unit.Length == 3 && m.Value > 0 && m.Name.StartsWith("combined ", StringComparison.Ordinal)).DistinctBy(m => m.Id).ToList() is not { Count: 1 } combined
            || Regex.Match(combined[0].Name, @"\bof ([A-Z][\w.&' -]*(, [A-Z][\w.&' -]*)* and [A-Z][\w.&' -]*)$") is not { Success: true } of)
            return null;
        var count = of.Groups[1].Value.Split([", ", " and "], StringSplitOptions.None).Length;
        var total = new Money(combined[0].Value, combined[0].Unit);
        var each = total / count;
        Computed("average per company", [combined[0].Id], each, each);
        return $"About {each.ToHuman()} per company on average (worked out: {total.ToHuman()} over {count} companies, {of.Groups[1].Value}; {combined[0].DescribeValue()}, {When(combined[0], asOf)})";
    }

    /// <summary>"About $1bn, roughly 80 % of assets: what total does that imply?": the whole a position's share is of, worked out.</summary>
    private string? ImpliedWholeOf(ParsedQuestion q, IEnumerable<Signal> figures)
    {
        // ("Scion's puts: implied notional per share for Palantir vs Nvidia?": each position's notional over its shares.)
        if (Regex.IsMatch(q.Text, @"\b(per|a|each|je|pro) share\b", RegexOptions.IgnoreCase)
            && figures.OfType<OptionPosition>().Where(p => p.Shares > 0 && p.Notional.Amount > 0).DistinctBy(p => p.Id).ToList() is { Count: > 0 } options)
        {
            var each = new List<string>();
            foreach (var p in options)
            {
                var perShare = new Money(Math.Round(p.Notional.Amount / p.Shares, 1), p.Notional.Currency);
                Computed("notional per share", [p.Id], perShare, perShare);
                var about = p.Qualifier is Qualifier.About ? "about " : "";
                each.Add($"{(p.Company is { } c ? Name(c) : p.Issuer ?? p.Cusip ?? "")} {about}{perShare.ToHuman()} ({about}{p.Notional.ToHuman()} over {about}{p.Shares.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture)} shares, {p.Period.ToHuman()})");
            }
            return $"Notional per share (worked out): {string.Join("; ", each)}";
        }
        if (!ImpliedWhole.IsMatch(q.Text)) return null;
        // ("Stripe's volume is 1.3 % of world GDP: what does that imply for global GDP?": a share a metric states, of the
        // whole the question names, taken with the amount of its part.)
        if (figures.OfType<ShortPosition>().FirstOrDefault(p => p is { Notional: not null, PercentOfAssets: > 0 }) is not { Notional: { } part, PercentOfAssets: { } share } held)
        {
            var metrics = figures.OfType<Metric>().DistinctBy(m => m.Id).ToList();
            foreach (var ratio in metrics.Where(m => m is { Unit: "percent", Value: > 0 and < 100 }))
            {
                if (Regex.Match(ratio.Name, @"^(?<part>.+?) as (a )?share of (?<whole>.+)$") is not { Success: true } named
                    || !QuestionParser.Mentions(q.Text, named.Groups["whole"].Value.Split(' ')[^1])) continue;
                if (metrics.Where(m => m.Company == ratio.Company && m.Period == ratio.Period && MoneySpan(m) is { Low.Amount: > 0 }
                        && CompanyDirectory.Normalize(m.Name).Contains(CompanyDirectory.Normalize(named.Groups["part"].Value), StringComparison.Ordinal)).ToList() is not [var amount])
                    continue;
                var partAmount = MoneySpan(amount)!.Value.Low;
                var implied = Significant(partAmount / ratio.Value * 100);
                Computed("implied total", [ratio.Id, amount.Id], implied, implied);
                return $"About {SignificantRecorded(partAmount / ratio.Value * 100)} of {named.Groups["whole"].Value} (worked out: {(amount.Qualifier is Qualifier.About ? "about " : "")}{partAmount.ToHuman()} of {amount.Name} is {ratio.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} % of it; {(ratio.Company is { } c ? Name(c) + ", " : "")}{ratio.Period.ToHuman()})";
            }
            return null;
        }
        var whole = part * (100m / share);
        Computed("implied total", [held.Id], whole, whole);
        return $"About {whole.ToHuman()} in all (worked out: {(held.Qualifier is Qualifier.About ? "about " : "")}{part.ToHuman()} is {share.ToString(System.Globalization.CultureInfo.InvariantCulture)} % of it; {tools.Directory.Filer(held.Filer)?.Name ?? held.Filer}, {held.Period.ToHuman()})";
    }

    /// <summary>Puts or calls when the question names one of them only; null when it names both or neither.</summary>
    private static PutCall? PutCallNamed(string text) =>
        (Regex.IsMatch(text, @"\bputs?\b", RegexOptions.IgnoreCase), Regex.IsMatch(text, @"\bcalls?\b", RegexOptions.IgnoreCase)) switch
        {
            (true, false) => PutCall.Put,
            (false, true) => PutCall.Call,
            _ => null,
        };

    /// <summary>
    /// "Scion's Palantir puts: what notional per underlying share?", "how big are its Palantir puts compared with its
    /// Nvidia puts?": each option's notional over its shares, or the larger of two options' notionals over the smaller.
    /// </summary>
    private string? OptionsWorked(ParsedQuestion q, List<Signal> positions)
    {
        var named = PutCallNamed(q.Text);
        var options = positions.OfType<OptionPosition>().Where(o => (named is null || o.PutCall == named) && (q.Companies.Count == 0 || o.Company is { } c && q.Companies.Contains(c)))
            .DistinctBy(o => o.Id).ToList();
        string Whose(OptionPosition o) => o.Company is { } c && tools.Directory.IsKnown(c) ? Name(c) : o.Issuer ?? o.Cusip ?? "?";
        if (Regex.IsMatch(q.Text, @"\b(per|a|each|for each|je|pro) (underlying |single )?(share|aktie)\b", RegexOptions.IgnoreCase) && options.Where(o => o.Shares > 0).ToList() is { Count: > 0 } priced)
        {
            var each = priced.Select(o => (Option: o, PerShare: new Money(Math.Round(o.Notional.Amount / o.Shares, 1), o.Notional.Currency))).ToList();
            foreach (var (o, perShare) in each) Computed("per share", [o.Id], perShare, perShare);
            return Capitalise(string.Join("; ", each.Select(x => $"{(x.Option.Qualifier is Qualifier.About ? "about " : "")}{x.PerShare.ToHuman()} per underlying share on the {Whose(x.Option)} {(x.Option.PutCall == PutCall.Put ? "puts" : "calls")} (worked out: {x.Option.Notional.ToHuman()} over {x.Option.Shares.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} shares, {x.Option.Period.ToHuman()})")));
        }
        if ((QuestionParser.AsksRatio(q.Text) || Regex.IsMatch(q.Text, @"\bhow (big|large) (is|are) .+ (compared (with|to)|next to|relative to)\b", RegexOptions.IgnoreCase))
            && options.Count == 2 && options[0].Notional.Currency == options[1].Notional.Currency && options.All(o => o.Notional.Amount > 0))
        {
            var (big, small) = options[0].Notional.Amount >= options[1].Notional.Amount ? (options[0], options[1]) : (options[1], options[0]);
            var times = RoundedRatio(big.Notional.Amount, small.Notional.Amount);
            Derived = [.. Derived, new { computed = "ratio", of = new[] { big.Id, small.Id }.ToList(), times }];
            var about = options.Any(o => o.Qualifier is Qualifier.About) ? "About " : "";
            return $"{about}{TimesRecorded(times, big.Notional.Amount / small.Notional.Amount)}: the {Whose(big)} {(big.PutCall == PutCall.Put ? "puts" : "calls")}' notional {big.Notional.ToHuman()} against the {Whose(small)} {(small.PutCall == PutCall.Put ? "puts" : "calls")}' {small.Notional.ToHuman()} (worked out; {big.Period.ToHuman()})";
        }
        return null;
    }

    /// <summary>
    /// "Combined notional of Scion's two put positions": a fund's option positions added up, in one currency, the
    /// kind named ("puts") only.
    /// </summary>
    private string? OptionsTogether(ParsedQuestion q, List<Signal> positions)
    {
        if (!(q.Sum || QuestionParser.AsksTotal(q.Text))) return null;
        var named = PutCallNamed(q.Text);
        var options = positions.OfType<OptionPosition>().Where(o => named is null || o.PutCall == named).DistinctBy(o => o.Id).ToList();
        if (options.Count < 2 || options.Select(o => o.Notional.Currency).Distinct().Count() > 1) return null;
        var total = options.Skip(1).Aggregate(options[0].Notional, (sum, o) => sum + o.Notional);
        var shown = Significant(total);
        Computed("sum", options.Select(o => o.Id), shown, shown);
        var about = options.Any(o => o.Qualifier is Qualifier.About or Qualifier.AtLeast or Qualifier.AtMost) || shown != total ? "about " : "";
        return $"Together: {about}{shown.ToHuman()} in notional value (worked out), adding {string.Join("; ", options.Select(o => $"{o.DescribeValue()} ({o.Period.ToHuman()})"))}";
    }

    /// <summary>
    /// One company's money figures that are things of their own (two campuses, two deals, two moves, two quarters), to be
    /// added up; none when two are the same thing twice (a plan and what was spent on it, guidance and its update).
    /// </summary>
    private static List<Signal> Parts(List<Signal> listed, string question)
    {
        var money = listed.Where(f => MoneySpan(f) is not null).DistinctBy(f => f.Id).ToList();
        // A plan for a year is part of that year's capex, not a sum beside it ("domestic and foreign chips" are two
        // plans within ByteDance's capex): only the plans the question names by their own words are parts.
        var plans = money.Where(f => f is InvestmentPlan).ToList();
        if (plans.Count > 0 && money.Any(f => f is CapexGuidance or Capex && plans.Any(p => Overlap(f.Period, p.Period))))
            money = plans.Where(p => PlanWordsNamed(p, question) > 0).ToList();
        // "capex actually spent in 2025 plus the 2026 plan": of a year with a plan and what was spent, what the words ask.
        if (Regex.IsMatch(question, @"\b(actual|actually|spent|tatsächlich|tatsachlich|ausgegeben)\b", RegexOptions.IgnoreCase))
            money = money.Where(f => !(f is CapexGuidance && money.Any(a => a is Capex && a.Period == f.Period))).ToList();
        // ("the 2026 plan" holds its first quarter's guide: a quarter beside its whole year is not added to it, unless
        // quarters are asked.)
        if (!Regex.IsMatch(question, @"\b(q[1-4]|quarters?|quartal\w*)\b", RegexOptions.IgnoreCase))
            money = money.Where(f => !(f is CapexGuidance or Capex && f.Period.Kind is PeriodKind.FiscalQuarter
                && money.Any(g => g is CapexGuidance or Capex && g.Period.Kind is PeriodKind.FiscalYear && Within(g.Period, f.Period)))).ToList();
        if (money.Count is < 2 or > 4) return [];
        static string Thing(Signal f) => f switch
        {
            InvestmentPlan p => $"plan {p.Project} {p.Location}",
            FinancingDeal d => $"deal {d.Investor} {d.Investee} {d.DealKind}",
            CapexGuidance or Capex => "capex",
            _ => f.Kind.ToString(),
        };
        // Of one thing, only different periods that do not overlap add up.
        foreach (var group in money.GroupBy(Thing))
        {
            var periods = group.Select(f => f.Period).ToList();
            for (var i = 0; i < periods.Count; i++)
                for (var j = i + 1; j < periods.Count; j++)
                    if (Overlap(periods[i], periods[j])) return [];
        }
        return money;

        static bool Overlap(Period a, Period b) => a.ToHuman() == b.ToHuman()
            || a.Start is { } s1 && a.End is { } e1 && b.Start is { } s2 && b.End is { } e2 && s1 <= e2 && s2 <= e1
            || Within(a, b) || Within(b, a);
        // A fiscal year (or span of them) holds its quarters and overlaps the years it shares.
        static bool Within(Period year, Period other) => year.Kind is PeriodKind.FiscalYear or PeriodKind.FiscalYears
            && other.Kind is PeriodKind.FiscalYear or PeriodKind.FiscalQuarter or PeriodKind.FiscalYears
            && year.Year <= (other.EndYear ?? other.Year) && other.Year <= (year.EndYear ?? year.Year);
    }

    /// <summary>Amounts of money a question quotes ("$52bn", "USD 20 billion", "€12bn").</summary>
    private static List<Money> QuotedAmounts(string question) =>
        QuotedFigures(question).Where(f => f is { Unit: QuotedUnit.Money, Currency: not null }).Select(f => new Money(f.Value, f.Currency!)).ToList();

    /// <summary>An amount as a user rounds it: within 5 % of the figure, in its currency.</summary>
    private static bool Near(Money quoted, Money figure) =>
        quoted.Currency == figure.Currency && figure.Amount != 0 && Math.Abs(quoted.Amount - figure.Amount) <= Math.Abs(figure.Amount) * 0.05m;

    /// <summary>A figure the engine worked out (a sum, a gap), told to the run's figure check with what it was made of.</summary>
    private void Computed(string how, IEnumerable<string> of, Money low, Money high) =>
        Derived = [.. Derived, new { computed = how, of = of.ToList(), low = low.Amount, high = high.Amount, currency = low.Currency, low_human = low.ToHuman(), high_human = high.ToHuman() }];

    /// <summary>A figure's money as a span (a point is a span of one); null for what is not money or has no cap.</summary>
    private static (Money Low, Money High)? MoneySpan(Signal s) => s switch
    {
        CapexGuidance { Amount: { } a } => (a, a),
        CapexGuidance { Low: { } l, High: { } h } => (l, h),
        AmountSignal a => (a.Amount, a.Amount),
        OptionPosition o => (o.Notional, o.Notional),
        ShortPosition { Notional: { } n } => (n, n),
        FinancingDeal { Amount: { } d } => (d, d),
        MarketCapMove m => (m.Change, m.Change),
        Revenue { Amount: { } r } => (r, r),
        // ("a $200m pay package", "a $10m model": a metric counted in a currency is money too.)
        Metric { Unit: { Length: 3 } unit } m when unit.All(char.IsAsciiLetterUpper) => (new Money(m.Value, unit), new Money(m.Value, unit)),
        _ => null,
    };

    /// <summary>
    /// "Amazon's capex for 2025 against what Meta guided for the same year": each side of a comparison with words of its
    /// own for guidance or for what was spent is asked that; a side with none, set against a guided one, is what was spent.
    /// </summary>
    private ParsedQuestion OwnSideOf(ParsedQuestion q, string company)
    {
        if (q.Companies.Count < 2 || !q.Versus || !q.Kinds.Contains(SignalKind.Capex)) return q;
        // "Amazon vs Microsoft: capex plans for fiscal 2025": words after the names, set off, are asked of both.
        if (Regex.Match(q.Text, @"[:—–]| - ") is { Success: true } colon && q.Companies.All(c => tools.Directory.FindMentionsInQuestion(q.Text[..colon.Index]).Any(m => m.Candidates.Contains(c))))
            return q;
        var sides = Sides.Split(q.Text)
            .Select(p => (Text: p, Named: tools.Directory.FindMentionsInQuestion(p).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).Distinct().ToList()))
            .Where(p => p.Named.Count == 1).Select(p => (Company: p.Named[0], Parsed: parser.Parse(p.Text))).ToList();
        if (sides.Count < 2 || sides.FirstOrDefault(s => s.Company == company) is not { Parsed: { } mine }) return q;
        var guided = sides.Any(s => s.Parsed.WantsGuidance && !s.Parsed.WantsActual);
        var spent = sides.Any(s => s.Parsed.WantsActual && !s.Parsed.WantsGuidance);
        if (guided == spent) return q;
        if (mine.WantsGuidance != mine.WantsActual) return q with { WantsGuidance = mine.WantsGuidance, WantsActual = mine.WantsActual };
        return guided ? q with { WantsGuidance = false, WantsActual = true } : q;
    }

    /// <summary>Where one side of a comparison ends and the other begins.</summary>
    private static readonly Regex Sides = new(@"\b(?:against|versus|vs\.?|compared (?:with|to)|than|while|whereas|but|gegenüber|verglichen mit|im vergleich zu)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// What to say when a company has nothing of the kinds asked: never "I have no capex" and then capex among what it
    /// has. Figures of those kinds for other periods (or the other direction) are named as such; the rest is listed apart.
    /// </summary>
    private async Task<string> NothingOfKindAsync(string company, ParsedQuestion q, IReadOnlyList<Signal> all, DateOnly? asOf)
    {
        var asked = ExpandKinds(q).ToHashSet();
        var kinds = q.Measure ?? string.Join(" or ", q.Kinds.Select(k => k.Label()).Distinct());
        if (q.FundingRole is { } role && q.Kinds.Contains(SignalKind.FinancingDeal))
            kinds = role == DealRole.Investee ? "financing deals paying into it" : "financing deals paying out of it";
        var elsewhere = new List<Signal>();
        foreach (var kind in asked) elsewhere.AddRange(await tools.SignalsAsync(company, kind, null, asOf));
        if (q.FundingRole is not null) elsewhere.RemoveAll(s => s is FinancingDeal);
        if (q.Measure is { } measure) elsewhere.RemoveAll(s => !IsMeasure(NameOf(s), measure));
        // ("What did AWS bring in during Q3 2025?": the segment asked is what is missing, and what the other periods are of.)
        if (q.Measure is null && q.Kinds is [SignalKind.Revenue] && elsewhere.OfType<Revenue>().Select(r => r.Segment).FirstOrDefault(seg => seg is not null && QuestionParser.MentionsAny(q.Text, seg)) is { } segmentAsked)
            kinds = $"{segmentAsked} revenue";
        // "Amazon's 2026 budget for Project Kuiper": the project asked is what is missing, not the year's budget.
        var projects = q.Kinds.Any(k => k is SignalKind.Capex or SignalKind.CapexGuidance) && QuestionParser.ProjectsIn(q.Text) is { Count: > 0 } named
            ? $" on {string.Join(", ", named.Select(Capitalise))}"
            // ("Did Nvidia get its H20 licence back?": news about another chip is not about the one asked.)
            : q.Kinds.Any(k => k is SignalKind.ExportControl or SignalKind.News) && ChipsIn(q.Text) is { Count: > 0 } chips ? $" on the {string.Join(", ", chips.Select(c => c.ToUpperInvariant()))}" : "";
        var restrictions = $"{projects}{YearClause(q)}{(q.LatestQuarter ? " for a quarter" : "")}{WindowClause(q, asOf)}{DirectionClause(q)}";
        var text = $"I have no {kinds} for {Label(company)}{restrictions}{AsOfClause(asOf)}";
        // Figures of the kind for the very period asked, left out for what they are about ("DeepSeek's R1 price" for a
        // question about another model): "I have it for that period" would contradict "I have none", so say what they are.
        var samePeriod = Filter(elsewhere.DistinctBy(s => s.Id).ToList(), q, asOf);
        if (samePeriod.Count > 0 && restrictions.Length == 0)
            return $"I have no {kinds} for {Label(company)} on what you asked{AsOfClause(asOf)}; what I have of that kind is about {string.Join("; ", samePeriod.Select(s => s is Metric m ? m.Name : KindLabel(s)).Distinct().Take(4))}";
        // ("Palantir's Q3 2025 revenue in dollars": a growth rate for that quarter is all there is, and is said to be.)
        // ("Nvidia's gaming revenue in fiscal 2025": another segment's revenue is named, not stated, for it is no answer.)
        if (samePeriod.Count > 0 && restrictions.Length > 0 && projects.Length == 0)
            return $"{text} as asked; what I have of that kind{restrictions} is {string.Join("; ", samePeriod.Take(3).Select(s => s is Revenue { Segment: { } segment } && !QuestionParser.MentionsAny(q.Text, segment)
                ? $"{KindLabel(s)} of another segment ({segment})" : $"{KindLabel(s)} {s.DescribeValue()}"))}";
        // ("What full-year capex figure has Amazon given for 2026?" before it gave one: what it guided for quarters of that
        // year is the plan for part of it, said with its quarter. A quarter's reported figure is not the year's, and is
        // not shown as if it were.)
        if (q.FullYear && q.Years is [var fullYear] && elsewhere.Where(s => s.Kind is SignalKind.CapexGuidance && s.Period.Kind is PeriodKind.FiscalQuarter && s.Period.Year == fullYear).DistinctBy(s => s.Id).ToList() is { Count: > 0 } quarters)
            return $"{text.Replace($"I have no {kinds}", $"I have no full-year {kinds}", StringComparison.Ordinal)}; for quarters of {fullYear} it guided {string.Join("; ", quarters.Select(s => $"{s.DescribeValue()} ({When(s, asOf)})"))}";
        if (elsewhere.Count > 0)
        {
            // The periods it has, not their figures: a figure for another year next to the question reads as its answer.
            var periods = Newest(elsewhere.DistinctBy(s => s.Id).ToList()).GroupBy(s => s is Revenue { Segment: { } seg } && QuestionParser.MentionsAny(q.Text, seg) ? $"{seg} revenue" : KindLabel(s))
                .Select(g => $"{g.Key} for {string.Join(", ", g.Select(s => When(s, asOf) + (s is PriceMove { Session: "year-to-date" } ? " (year to date)" : "")).Distinct())}");
            return $"{text}; I have {string.Join("; ", periods)}";
        }
        var have = all.Where(s => !asked.Contains(s.Kind)).Select(s => s.Kind.Label()).Distinct().ToList();
        return have.Count > 0 ? $"{text}. Other figures I have on {Name(company)}: {string.Join(", ", have)}" : text;
    }

    /// <summary>
    /// A market-wide question naming something that is not a company on the watchlist (an index, a survey, an
    /// institution): the market's figures that mention it or share the question's words; else it says it does not know it.
    /// </summary>
    private async Task AnswerNamedInMarketAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var market = (await tools.MarketSignalsAsync(null, null, answer.AsOf)).Where(s => s.Company is null).ToList();
        // ("data centre" names the "data-centre spending" figures.)
        var named = market.Where(s => q.UnknownNames.Any(n => $"{s.Describe()} {s.Note}".Replace('-', ' ').Contains(n.Replace('-', ' '), StringComparison.OrdinalIgnoreCase))).ToList();
        // Only figures that name it: "Salesforce's data-centre spending" is not the market's.
        var found = Newest(Filter(named, q, answer.AsOf)).Take(8).ToList();
        MarketLead(found, answer, q);
        foreach (var s in found) answer.Line(s, Described(s, answer.AsOf, "Market"));
        if (found.Count == 0)
            answer.Note($"I don't know a company called '{q.UnknownNames[0]}', and none of the market-wide figures I have mentions it or fits the question{YearClause(q)}{AsOfClause(answer.AsOf)}.");
    }

    /// <summary>
    /// The headlines that share the question's rarer words (each word counts the less the more headlines hold it); true
    /// when one stands out enough to answer a "who" question.
    /// </summary>
    private async Task<bool> AnswerFromHeadlinesAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var words = TopicWords(q).Where(w => !KindWords(q.Kinds).Contains(w)).ToList();
        // "Who borrowed how much to build data centres?": an amount asked of a kind of figure is in figures, not headlines.
        if (words.Count == 0 || q.Kinds.Count > 0 && Regex.IsMatch(q.Text, @"\bhow (much|many)\b|\bwie viele?\b", RegexOptions.IgnoreCase)) return false;
        var headlines = (await Task.WhenAll(tools.SignalsOfKindAsync(SignalKind.News, null, answer.AsOf), tools.SignalsOfKindAsync(SignalKind.ExportControl, null, answer.AsOf)))
            .SelectMany(x => x).OfType<TextSignal>().DistinctBy(s => s.Id).ToList();
        var wordsOf = headlines.ToDictionary(h => h.Id, h => Words(h.Headline).Where(w => w.Length >= 4).ToList());
        var frequency = words.ToDictionary(w => w, w => (double)headlines.Count(h => wordsOf[h.Id].Any(x => SameWord(w, x))));
        var scored = Filter(headlines.Cast<Signal>().ToList(), q, answer.AsOf).OfType<TextSignal>()
            .Select(h => (Headline: h, Hits: words.Where(w => wordsOf[h.Id].Any(x => SameWord(w, x))).ToList()))
            .Select(x => (x.Headline, x.Hits, Score: x.Hits.Sum(w => 1 / frequency[w])))
            .Where(x => x.Hits.Count >= 2 && x.Score >= 1.5).OrderByDescending(x => x.Score).ThenBy(x => x.Headline.Id, StringComparer.Ordinal).ToList();
        if (scored.Count == 0) return false;
        var best = scored.Where(x => x.Score >= scored[0].Score - 0.5).Take(3).ToList();
        string About(Signal s) => string.Join(", ", s.Subjects().Where(tools.Directory.IsKnown).Select(Label).DefaultIfEmpty("the market"));
        answer.Lead($"{About(best[0].Headline)}: {best[0].Headline.Headline}.");
        foreach (var (h, _, _) in best) answer.Line(h, Described(h, answer.AsOf, About(h)));
        return true;
    }

    private static readonly Regex ProjectPower = new(@"\b(gw|gigawatts?|megawatts?|mw|power|electricity|strom|leistung)\b", RegexOptions.IgnoreCase);
    private static readonly Regex ProjectPlace = new(@"\b(which|what) (us |u\.s\. )?(state|city|country|site|location|town|region)\b|\bwhere\b[^?]*\b(built|located|sited|going up|being built|planned)\b|\bin welche[mn]? (bundesstaat|land|ort|stadt)\b|\bwo (wird|entsteht|liegt)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// A project, product or site named without its company ("Whose project is Hyperion?", "How big is Stargate?"):
    /// the figures that name it, and whose they are. False when the question names none.
    /// </summary>
    /// <summary>Whether the question, its companies and projects aside, asks nothing ("Meta's Hyperion?", "what about Meta's Hyperion").</summary>
    private bool OnlyProjectNamed(ParsedQuestion q) =>
        QuestionParser.ProjectsIn(q.Text) is { Count: > 0 } projects
        && Regex.Matches(parser.WithoutCompanies(q.Text), @"\p{L}+").Select(m => m.Value.ToLowerInvariant())
            .All(w => projects.Contains(w) || w is "s" or "what" or "whats" or "about" or "tell" or "me" or "is" or "the" or "its" or "and" or "project" or "projekt" or "und" or "was" or "ist" or "mit");

    private async Task<bool> AnswerProjectAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var projects = QuestionParser.ProjectsIn(q.Text);
        if (projects.Count == 0) return false;
        var watched = tools.Directory.Companies.Where(c => c.Watched).Select(c => c.Ticker).Order(StringComparer.Ordinal).ToList();
        var all = (await Task.WhenAll(watched.Select(t => tools.SignalsAsync(t, null, null, answer.AsOf)))).SelectMany(x => x).DistinctBy(x => x.Id).ToList();
        var naming = Filter(all.Where(s => TopicWordsOf(s, minLength: 3).Any(w => projects.Contains(w))).ToList(), q with { Direction = 0 }, answer.AsOf);
        // "spent on Stargate so far": the pledge is not what was spent, and the answer says it has no such figure.
        if (QuestionParser.AsksDone(q.Text) && naming.Where(s => s.Kind is SignalKind.InvestmentPlan or SignalKind.Buyback or SignalKind.CapacityPlan).ToList() is { Count: > 0 } pledges)
        {
            naming = naming.Except(pledges).ToList();
            if (naming.Count == 0)
            {
                answer.None($"I have no figure for what has been spent on {string.Join(", ", projects.Select(Capitalise))} so far{AsOfClause(answer.AsOf)}; what I have is what was pledged ({string.Join("; ", pledges.Select(p => $"{KindLabel(p)} for {When(p, answer.AsOf)}"))}), which is not spending.");
                return true;
            }
        }
        // "sk hynix hbm revenue": a kind asked that nothing naming the project is (building kinds are one family).
        var asked = ExpandKinds(q).Select(Family).ToHashSet();
        if (q.Kinds.Count > 0) naming = naming.Where(s => asked.Contains(Family(s.Kind))).ToList();
        var projectNames = string.Join(", ", projects.Select(p => p.Length <= 4 ? p.ToUpperInvariant() : Capitalise(p)));
        // "How big is the Stargate project?" asked as of a day before anything on it was known: nothing yet, rather than
        // other projects' figures.
        if (naming.Count == 0 && answer.AsOf is not null && q.Companies.Count == 0)
        {
            answer.None($"I have no figures on {projectNames}{AsOfClause(answer.AsOf)}.");
            return true;
        }
        if (naming.Count == 0) return false;
        // "Is there a gigawatt number for Stargate?", "Which US state is the Stargate campus in?": a measure or a place
        // that none of its figures gives is not there; what is there is context.
        var lacking = ProjectPower.IsMatch(q.Text) && !naming.Any(s => s.Kind == SignalKind.CapacityPlan || s.DescribeValue().Contains(" GW", StringComparison.Ordinal)) ? "power figure"
            : ProjectPlace.IsMatch(q.Text) && !naming.Any(s => PlaceOf(s) is not null) ? "location" : null;
        if (lacking is not null)
        {
            answer.None($"I have no {lacking} for {projectNames}{AsOfClause(answer.AsOf)}; what I have on it:");
            foreach (var s in Newest(naming).Take(8)) answer.Line(s, Described(s, answer.AsOf), answers: false);
            return true;
        }
        if (UntimedPerYear(q, naming, answer.AsOf) is { } untimed)
        {
            answer.Lead($"{untimed}.");
            foreach (var s in Newest(naming).Take(8)) answer.Line(s, Described(s, answer.AsOf), answers: false);
            return true;
        }
        var owners = naming.SelectMany(s => s.Company is { } c ? [c] : s.Subjects()).Where(tools.Directory.IsKnown).Distinct().ToList();
        answer.Lead($"{projectNames}: {string.Join(", ", owners.Select(o => $"{Label(o)}'s"))} — {string.Join("; ", Newest(naming).Take(2).Select(s => $"{KindLabel(s)} {s.DescribeValue()} ({When(s, answer.AsOf)})"))}.");
        foreach (var s in Newest(naming).Take(8))
            answer.Line(s, Described(s, answer.AsOf));
        return true;
    }

    private async Task OverviewAsync(string company, ParsedQuestion q, AnswerBuilder answer)
    {
        var view = await tools.CompanySnapshotAsync(company, answer.AsOf);
        var snapshot = view.Snapshot;
        // Deals have two parties and no company of their own: the company's are those it is a party to.
        var current = Filter(snapshot.Current.Where(s => s.Company == company || s is FinancingDeal or TextSignal && s.Subjects().Contains(company)).ToList(), q, answer.AsOf);
        if (current.Count == 0)
        {
            answer.Note($"I have no figures for {Label(company)}{YearClause(q)}{AsOfClause(answer.AsOf)}.");
            return;
        }
        // "How many billions is Baidu putting into data centres?": money asked, and none of its figures is money.
        if (QuestionParser.AsksMoney(q.Text) && !current.Any(IsMoney))
        {
            answer.Note($"I have no amount for {Label(company)}{YearClause(q)}{AsOfClause(answer.AsOf)}; what I have on it is not money:");
            foreach (var s in Newest(current).Take(6)) answer.Line(s, $"{KindLabel(s)}{PeriodPhrase(s, answer.AsOf)}: {s.DescribeValueWithQualifier()}", answers: false);
            return;
        }
        // "Cloudflare jumped on the Clawdbot hype: by how many percent exactly?": a size asked, and all there is on the
        // company is news that gives none.
        if ((QuestionParser.AsksPercent(q.Text) || Regex.IsMatch(q.Text, @"\bhow many (%|percent\b|per cent\b|points\b)|\bby how (much|many)\b|\bwhat %", RegexOptions.IgnoreCase))
            && !current.Any(s => s.Figures().Any()))
        {
            answer.Note($"I have no figure for that on {Label(company)}{YearClause(q)}{AsOfClause(answer.AsOf)}; what I have on it gives none:");
            foreach (var s in Newest(current).Take(6)) answer.Line(s, $"{KindLabel(s)}{PeriodPhrase(s, answer.AsOf)}: {s.DescribeValueWithQualifier()}", answers: false);
            return;
        }
        // "What's the annual run rate of Amazon's Trainium chip business in dollars?": a project's amount is a figure that
        // names it; a headline about it is context, and another business's revenue is not it.
        if (QuestionParser.ProjectsIn(q.Text) is { Count: > 0 } projects && Regex.IsMatch(q.Text, @"\b(in dollars|dollars?|run.?rate|how much money|wie viel geld)\b", RegexOptions.IgnoreCase)
            && current.Where(s => TopicWordsOf(s, minLength: 3).Any(projects.Contains)).ToList() is var naming && !naming.Any(IsMoney))
        {
            answer.Note($"I have no amount for {string.Join(", ", projects.Select(Capitalise))} ({Label(company)}){YearClause(q)}{AsOfClause(answer.AsOf)}{(naming.Count > 0 ? "; what I have on it is not money:" : ".")}");
            foreach (var s in Newest(naming).Take(6)) answer.Line(s, $"{KindLabel(s)}{PeriodPhrase(s, answer.AsOf)}: {s.DescribeValueWithQualifier()}", answers: false);
            return;
        }
        // ("amazon north carolina data center investment": a place named picks what is there.)
        if (current.Where(s => PlaceOf(s) is { } place && QuestionParser.MentionsLoosely(q.Text, place)).ToList() is { Count: > 0 } there) current = there;
        // ("OpenAI's ~$60bn a year to Oracle - how much is that per month?": an amount quoted to be spread, no kind named,
        // picks the one figure it restates.)
        else if (PerUnitAsked.IsMatch(q.Text) && QuotedAmounts(q.Text) is { Count: > 0 } quotedMoney
            && current.Where(s => MoneySpan(s) is { } m && quotedMoney.Any(a => Near(a, m.Low) || Near(a, m.High))).DistinctBy(s => s.Id).ToList() is [var restated])
            current = [restated];
        // ("zuck's ~600bn thru 2028, avg per yr?": a figure for several years, spread over them, whatever kind it is.)
        var newest = Newest(current).ToList();
        if (PerYearOfSpan(q, SpanAskedPerYear(q, newest), newest, answer.AsOf) is { } perYear) answer.Lead($"{perYear}.");
        // (">$30bn in each of Q4 25 and Q1 26: combined floor?": the figures quoted, added up, whatever kind they are.)
        else if ((q.Sum || QuestionParser.AsksTotal(q.Text)) && Arithmetic(q, [], Newest(current).ToList(), answer.AsOf) is { } worked && !worked.StartsWith("Not", StringComparison.Ordinal))
            answer.Lead($"{worked}.");
        // (One figure left is the answer itself, said on the first line.)
        answer.Heading(current is [var only] ? $"{Label(company)}: {KindLabel(only)} {only.DescribeValue()} ({When(only, answer.AsOf)})."
            : $"{Label(company)}: {current.Count} current figures{AsOfClause(answer.AsOf)}.");
        // "How much Nvidia hardware did it take to train GPT-4?": figures whose words the question uses come first.
        var words = TopicWords(q);
        // ("How does R1's price compare with o1?": a metric's own name may hold a word too common to name a topic elsewhere.)
        var named = Words(q.Text).Where(w => w.Length >= 4 && !StopWords.Contains(w)).ToList();
        bool Asked(Signal s) => TopicWordsOf(s).Any(t => words.Any(w => SameWord(w, t))) || words.Count == 0 && s is Metric m && Words(m.Name).Any(t => named.Any(w => SameWord(w, t)));
        foreach (var s in Newest(current).OrderByDescending(Asked).ThenBy(s => KindOrder(s.Kind)).Take(12))
            answer.Line(s, $"{KindLabel(s)}{PeriodPhrase(s, answer.AsOf)}: {s.DescribeValueWithQualifier()}");
        // An overview of a stretch of time lists the alerts about what it shows, not those about other weeks.
        var shownIds = current.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var alerts = q.Month is null && q.Years.Count == 0 && q.Quarter is null ? view.Alerts
            : view.Alerts.Where(a => a.Evidence.Any(e => shownIds.Contains(e.SignalId))).ToList();
        if (alerts.Count > 0) answer.Note($"{alerts.Count} alert{(alerts.Count == 1 ? "" : "s")}: {string.Join("; ", alerts.Select(a => a.Rationale))}");
    }

    /// <summary>"which stocks", "any single-stock …", "flag any AI stock": the companies are asked, not the market.</summary>
    private static readonly Regex CompaniesAsked = new(@"\b(which|any|what|who|flag|list)\b[^.?!]{0,40}\b(stocks?|compan(y|ies)|names?|firms?|tickers?|single[- ]stock)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// "Which stocks lost more than $200bn of market value?", "any single-stock drops of 10% or more?": the companies'
    /// moves held against the bound, in money for market value and in per cent for share prices, those past it only, the
    /// largest first; when none is, the nearest is said. False when the question sets no such bound.
    /// </summary>
    private async Task<bool> MovesPastBoundAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        if ((Bound(q.Text) ?? Bound(q.Text, QuotedUnit.Percent)) is not { } bound) return false;
        var percent = bound.Figure.Unit == QuotedUnit.Percent;
        if (!percent && bound.Figure.Currency is not (null or "USD")) return false;
        decimal? Size(Signal s) => s switch
        {
            MarketCapMove m when !percent && m.Change.Currency == "USD" => Math.Abs(m.Change.Amount),
            PriceMove p when percent => Math.Max(Math.Abs(p.ChangePercent), Math.Abs(p.ChangePercentTo ?? 0)),
            _ => null,
        };
        var moves = Filter((await Task.WhenAll(new[] { SignalKind.PriceMove, SignalKind.MarketCapMove }.Select(k => tools.SignalsOfKindAsync(k, null, answer.AsOf))))
                .SelectMany(x => x).Where(s => s.Company is { } c && tools.Directory.IsKnown(c) && Size(s) is not null).DistinctBy(s => s.Id).ToList(), q, answer.AsOf)
            .OrderByDescending(s => Size(s)).ToList();
        if (moves.Count == 0) return false;
        // ("fell more than 10 %": a move of "more than −10 %" is past it.)
        var past = moves.Where(s => Beyond(Size(s)!.Value, bound) || bound.Above && Size(s) == bound.Figure.Value && s.Qualifier is Qualifier.AtLeast).ToList();
        var measure = percent ? "share-price move" : "market-value move";
        if (past.Count == 0)
        {
            var nearest = moves[bound.Above ? 0 : ^1];
            answer.Lead($"None: no {measure} I have{YearClause(q)}{AsOfClause(answer.AsOf)} is {BoundPhrase(bound)}; the {(bound.Above ? "largest" : "smallest")} is {Label(nearest.Company!)}'s, {nearest.DescribeValue()} ({When(nearest, answer.AsOf)}).");
            answer.Line(nearest, Described(nearest, answer.AsOf, Label(nearest.Company!)));
            return true;
        }
        answer.Lead($"{past.Count} {measure}{(past.Count == 1 ? "" : "s")} of {BoundPhrase(bound)}{YearClause(q)}{AsOfClause(answer.AsOf)}: "
            + string.Join("; ", past.Select(s => $"{Label(s.Company!)} {s.DescribeValue()} ({When(s, answer.AsOf)})")) + ".");
        foreach (var s in past) answer.Line(s, Described(s, answer.AsOf, Label(s.Company!)));
        return true;
    }

    private async Task AnswerKindsAcrossMarketAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        if (q.Kinds.Count == 0)
        {
            await AnswerMarketMetricsAsync(q, answer, allowSingleWord: true);
            return;
        }
        if (q.Kinds.Any(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove) && CompaniesAsked.IsMatch(q.Text)
            && await MovesPastBoundAsync(q, answer)) return;
        // A market-wide figure the question's words name ("spent on data centres", "Nasdaq") answers it before any
        // company's figures of the same kind do.
        // "Wie viel Börsenwert ging beim Ausverkauf verloren?": value lost, asked of no company, is the market's first.
        // "How much new power capacity did China connect?": a market figure named by three of the question's words is
        // what it asks, whatever kind its words also name.
        var namedByWords = q.Group.Count == 0 && RelevantScored((await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null), q, allowSingleWord: false, minHits: 3) is { Count: > 0 };
        if ((q.MarketWide || namedByWords || q.Kinds.Contains(SignalKind.MarketCapMove) && q.Group.Count == 0 && !QuestionParser.AsksWho(q.Text)
            && QuestionParser.MentionsAny(q.Text, "sell off", "selloff", "ausverkauf", "rout", "crash", "slump", "ai stocks", "tech stocks", "the market", "der markt", "ki aktien"))
            && q.Intent == QuestionIntent.Lookup)
        {
            // Kinds only companies have ("debt raised", "gigawatts") need a closer match to be read as the market's.
            // ("how much of US VC money ended up in AI deals": venture capital's deals are counted as the market's, not one by one.)
            var companyKinds = q.Kinds.Any(CompanyOwnKinds.Contains)
                && !(q.Kinds.All(k => k is SignalKind.FinancingDeal) && QuestionParser.MentionsAny(q.Text, "vc", "vcs", "venture capital", "venture money", "risikokapital", "wagniskapital"));
            await AnswerMarketMetricsAsync(q, answer, allowSingleWord: !companyKinds, minHits: companyKinds ? 3 : 2);
            if (answer.Answered) return;
            // ("As of mid-August 2025, what was global data-centre capex for 2025 expected to be?": a market figure asked of a
            // day before any was known is not there; companies' plans are not it.)
            if (answer.AsOf is { } day && q.MarketWide && !QuestionParser.AsksWho(q.Text) && !CompaniesAsked.IsMatch(q.Text)
                && !Regex.IsMatch(q.Text, @"\b(rank\w*|league|top|most|highest|largest|biggest)\b", RegexOptions.IgnoreCase))
            {
                answer.None($"I have no market-wide figure for that known by {day.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}.");
                return;
            }
        }
        if (q.Kinds.Contains(SignalKind.FinancingDeal) && !q.Kinds.Contains(SignalKind.Capex))
        {
            await AnswerDealsAsync(q, answer);
            return;
        }
        if (q.Kinds.Contains(SignalKind.OptionPosition))
        {
            await AnswerPositionsAsync(q, answer);
            return;
        }
        if (q.Kinds.Contains(SignalKind.Capex) && (q.WantsGuidance || q.Years.Count > 0))
        {
            await AnswerRankingAsync(q, answer);
            return;
        }
        // "the S&P 500's forward P/E": an index has no figure a company has; none of its members' answers it.
        if (ExpandKinds(q).All(CompanyLevelKinds.Contains) && q.Group.Count == 0 && QuestionParser.MentionsAny(q.Text, "s&p", "s p 500", "nasdaq", "dow jones", "dax", "index", "the market"))
        {
            answer.Note($"I have no {string.Join(" or ", q.Kinds.Select(k => k.Label()).Distinct())} for an index or the market as a whole{AsOfClause(answer.AsOf)}; I have it for single companies.");
            return;
        }
        // "xai valuation", "sk hynix revenue": a company's own figure asked of no company we know. Every company's
        // figures would answer another question (and name figures as if they were its): it asks which company.
        // ("Which watched companies trade above 100 times earnings?" asks for all of them: no one to ask back about.)
        if (ExpandKinds(q).All(CompanyLevelKinds.Contains) && q.Group.Count == 0 && !q.MarketWide && q.Years.Count == 0 && q.Month is null
            && !QuestionParser.MentionsAny(q.Text, "which companies", "which firms", "which stocks", "which names", "which watched companies", "which of the companies", "which of the watched companies", "welche unternehmen", "welche konzerne", "welche firmen"))
        {
            var holders = (await Task.WhenAll(ExpandKinds(q).Select(k => tools.SignalsOfKindAsync(k, null, answer.AsOf))))
                .SelectMany(x => x).Select(x => x.Company).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
            if (holders.Count > 2)
            {
                answer.Note($"Which company do you mean{(q.UnknownNames.Count > 0 ? $" ('{q.UnknownNames[0]}' is not on the watchlist)" : "")}? I have {string.Join(" or ", q.Kinds.Select(k => k.Label()).Distinct())} for {string.Join(", ", holders.Select(Label))}.");
                return;
            }
        }
        // "Which stock rose on a viral AI agent in January?": headlines of a rise (or fall) when moves are asked for.
        if (q.Direction != 0 && q.Kinds.Any(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove))
        {
            var headlines = Filter((await tools.SignalsOfKindAsync(SignalKind.News, null, answer.AsOf)).Where(n => n is News h && QuestionParser.DirectionOf(h.Headline) == q.Direction).ToList(), q, answer.AsOf);
            foreach (var n in Newest(headlines).Take(3)) answer.Line(n, $"{(n.Company is null ? "Market" : Label(n.Company))}, news{PeriodPhrase(n, answer.AsOf)}: {n.DescribeValueWithQualifier()}");
        }
        await Task.WhenAll(ExpandKinds(q).SelectMany(k => new Task[] { tools.SignalsOfKindAsync(k, null, answer.AsOf), tools.MarketSignalsAsync(k, null, answer.AsOf) })
            .Append(tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)));
        var listed = new List<Signal>();
        foreach (var kind in ExpandKinds(q))
        {
            // ("chatbot share for anyone but ChatGPT": the companies set aside are left out.)
            var signals = Filter((await tools.SignalsOfKindAsync(kind, null, answer.AsOf)).Where(s => s.Company is not { } c || !q.SetAside.Contains(c)).ToList(), q, answer.AsOf);
            var market = Filter((await tools.MarketSignalsAsync(kind, null, answer.AsOf)).Where(s => s.Company is null).ToList(), q, answer.AsOf);
            listed.AddRange(Newest(signals.Concat(market).ToList()).Take(15));
        }
        // "Which names trade above 100x earnings?": the multiples held against the bar, those past it first.
        if (QuestionParser.MultipleBar(q.Text) is { } bar && listed.OfType<Valuation>().Where(v => v is { PeRatio: not null, Company: not null }).ToList() is { Count: > 0 } multiples)
        {
            var side = bar.Above ? "above" : "below";
            var past = multiples.Where(v => bar.Above ? v.PeRatio > bar.Value : v.PeRatio < bar.Value).ToList();
            string Each(IEnumerable<Valuation> vs) => string.Join(", ", vs.Select(v => $"{Label(v.Company!)} (P/E {v.PeRatio!.Value.ToString("0.##", CultureInfo.InvariantCulture)}, {When(v, answer.AsOf)})"));
            answer.Lead((past.Count == 0 ? $"None of the companies I have a P/E for trades {side} {bar.Value.ToString("0.##", CultureInfo.InvariantCulture)} times earnings"
                : $"{Capitalise(side)} {bar.Value.ToString("0.##", CultureInfo.InvariantCulture)} times earnings: {Each(past)}") + (past.Count < multiples.Count ? $"; the others: {Each(multiples.Except(past))}." : "."));
            foreach (var v in past.Concat(multiples.Except(past))) answer.Line(v, Described(v, answer.AsOf, Label(v.Company!)));
            return;
        }
        // The figures first, in the order asked, then the headlines; the first line names the figures.
        var figures = listed.Where(s => s.Kind is not (SignalKind.News or SignalKind.ExportControl)).ToList();
        var newsItems = listed.Count - figures.Count;
        if (figures.Count > 0 || newsItems > 0)
            answer.Lead(string.Join("; ", figures.Take(4).Select(s => $"{(s.Company is null ? "Market" : Label(s.Company))}: {s.Kind.Label()} {s.DescribeValue()} ({When(s, answer.AsOf)})"))
                + (newsItems > 0 ? $"{(figures.Count > 0 ? "; and " : "")}{newsItems} news item{(newsItems == 1 ? "" : "s")}" : "") + ".");
        foreach (var s in figures.Concat(listed.Except(figures)).DistinctBy(s => s.Id))
            answer.Line(s, Described(s, answer.AsOf, s.Company is null ? "Market" : Label(s.Company)));
        await AnswerMarketMetricsAsync(q, answer, allowSingleWord: !answer.Answered, notAlone: KindWords(q.Kinds));
        if (!answer.Answered) answer.Note($"I have no {string.Join(" or ", q.Kinds.Select(k => k.Label()).Distinct())}{YearClause(q)}{AsOfClause(answer.AsOf)}.");
    }

    private async Task AnswerRankingAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        // A deal is ranked for the one it pays into.
        static string? Ranked(Signal s) => s.Company ?? (s as FinancingDeal)?.Investee;
        string RankedLabel(Signal s, string market) => Ranked(s) is not { } who ? market : tools.Directory.IsKnown(who) ? Label(who) : who;
        // "8 biggest ai names, total value wiped out": a market figure that sums them, not the largest single one.
        // ("Which company pours the biggest share …" asks for a company, which no market total names.)
        if (q.MarketWide && q.Companies.Count == 0 && (q.Group.Count == 0 || q.Sum) && !(QuestionParser.AsksWho(q.Text) && !q.Sum)
            && await AnswerMarketMetricsAsync(q, answer, allowSingleWord: true, minHits: 3) > 0) return;
        var kind = q.Kinds.FirstOrDefault(SignalKind.Capex);
        if (kind is SignalKind.Capex or SignalKind.CapexGuidance)
        {
            var year = q.Years.Count > 0 ? q.Years[0] : await LatestCapexYearAsync(answer.AsOf);
            var league = await tools.CapexLeagueTableAsync(year, answer.AsOf);
            var table = league.Table;
            if (table.Rows.Count == 0)
            {
                // Market-wide figures may still answer it ("hyperscale capex", "data-centre spending forecast").
                if (q.Companies.Count == 0) await AnswerMarketMetricsAsync(q, answer, allowSingleWord: false);
                if (!answer.Answered) answer.Note($"I have no capex figures for {year}{AsOfClause(answer.AsOf)}.");
                return;
            }
            // "Rank ByteDance, Alibaba and Tencent by AI spending": companies named that the year's table does not all hold
            // (their figures are for other years or in other currencies) are each shown, not ranked.
            if (q.Companies.Count > 1 && !q.Companies.All(c => table.Rows.Any(r => r.Company == c && r.RankingAmount is null or { Currency: "USD" })))
            {
                answer.Lead($"Not ranked: the figures I have for {string.Join(", ", q.Companies.Select(Name))} are for different periods or in different currencies, with no conversion stated; each follows.");
                await AnswerCompaniesAsync(q, answer);
                return;
            }
            var byId = league.Signals.ToDictionary(s => s.Id);
            // Amounts in other currencies are not ranked with dollars: no conversion is stated anywhere they come from.
            // "Rank the Chinese hyperscalers": the group's rows only; "rank Amazon, Meta and Alphabet": the companies named.
            var rows = (q.Group.Count > 0 ? table.Rows.Where(r => q.Group.Contains(r.Company)) : q.Companies.Count > 1 ? table.Rows.Where(r => q.Companies.Contains(r.Company)) : table.Rows)
                .Where(r => !q.SetAside.Contains(r.Company)).ToList();
            // "Rank the Chinese hyperscalers by AI spending": a group none of whose figures are for the year is each shown.
            if (rows.Count == 0 && q.Group.Count > 0 && q.Years.Count == 0)
            {
                answer.Lead($"Not ranked: the figures I have for {string.Join(", ", q.Group.Select(Name))} are for different periods or in different currencies, with no conversion stated; each follows.");
                await AnswerCompaniesAsync(q with { Companies = q.Group }, answer);
                return;
            }
            // ("2025 capex plans: who planned the most, and the total?": the plans ranked and added, not what was spent,
            // when every company shown has one.)
            var byPlan = q.WantsGuidance && !q.WantsActual && rows.Count > 0 && rows.All(r => r.Guidance is not null);
            Money? RankedBy(CapexRow r) => byPlan ? r.Guidance : r.RankingAmount;
            var inDollars = rows.Where(r => RankedBy(r) is null or { Currency: "USD" }).ToList();
            if (byPlan) inDollars = inDollars.OrderByDescending(r => RankedBy(r)?.Amount ?? 0).ToList();
            var apart = rows.Except(inDollars).ToList();
            // ("Which companies guided more than $150bn for 2026?": a bound in dollars keeps the rows past it.)
            if (Bound(q.Text) is { Figure.Currency: null or "USD" } dollars)
            {
                var beyond = inDollars.Where(r => RankedBy(r) is { } m && Beyond(m.Amount, dollars)).ToList();
                if (beyond.Count == 0)
                    answer.Lead($"None: no company's capex {(byPlan ? "plan " : "")}for {year} I have is {BoundPhrase(dollars)}{AsOfClause(answer.AsOf)}; the table follows.");
                else inDollars = beyond;
            }
            answer.Heading($"Capex league table for {year}{AsOfClause(answer.AsOf)} ({(byPlan ? "guidance" : "actual where reported, else guidance")}; ranges at their midpoint; US dollars):");
            var rank = 0;
            foreach (var row in inDollars) answer.Line(RowEvidence(row), $"{++rank}. {Label(row.Company)}: {RowTerms(row)}");
            if (apart.Count > 0)
            {
                answer.Note("Not ranked with these, being in another currency with no stated conversion:");
                foreach (var row in apart) answer.Line(RowEvidence(row), $"{Label(row.Company)}: {RowTerms(row)}");
            }
            // The total of the rows shown: a group's, or what is left when companies are set aside.
            var shownUsd = inDollars.Select(RankedBy).OfType<Money>().ToList();
            if (shownUsd.Count > 1 && shownUsd.Aggregate((a, b) => a + b) is var shownTotal)
            {
                // Worked out here when rows are left out or plans added, so the run's figure check is told of it.
                if (shownTotal != table.TotalUsd || byPlan)
                    Computed("sum", inDollars.SelectMany(r => r.SignalIds), shownTotal, shownTotal);
                answer.Note($"Together{(byPlan ? ", as guided" : "")} (US-dollar figures only): {shownTotal.ToHuman()}.");
            }
            // ("the lowest combined 2026 capex, taking the bottom of each range": the ends named added, not the midpoints.)
            if (byPlan && inDollars.Count > 1 && EndOfEveryRange(q.Text) is { } topEnds
                && inDollars.Select(r => GuidedEnds(r, topEnds)).Select(e => topEnds ? e.High : e.Low).ToList() is var ends
                && ends.All(m => m is { Currency: "USD" }))
            {
                var endsTotal = ends.Select(m => m!.Value).Aggregate((a, b) => a + b);
                Computed("sum", inDollars.SelectMany(r => r.SignalIds), endsTotal, endsTotal);
                answer.Lead($"Together at the {(topEnds ? "top" : "low")} ends of their ranges: {endsTotal.ToHuman()} (worked out), adding {string.Join(", ", inDollars.Zip(ends).Select(x => $"{Name(x.First.Company)} {x.Second!.Value.ToHuman()}"))}.");
            }
            // ("combined 2026 capex — lowest and highest possible total from their guidance?": the low ends added and the
            // top ends added, the span the total can fall in.)
            else if (byPlan && inDollars.Count > 1 && BothEndsAsked.IsMatch(q.Text)
                && inDollars.Select(r => GuidedEnds(r, null)).ToList() is var spans
                && spans.All(m => m is { Low.Currency: "USD", High.Currency: "USD" }))
            {
                var (lowTotal, highTotal) = (spans.Select(m => m.Low!.Value).Aggregate((a, b) => a + b), spans.Select(m => m.High!.Value).Aggregate((a, b) => a + b));
                Computed("sum", inDollars.SelectMany(r => r.SignalIds), lowTotal, highTotal);
                answer.Lead($"Together, from the low ends to the top ends of their ranges: {Span(lowTotal, highTotal)} (worked out), adding {string.Join(", ", inDollars.Zip(spans).Select(x => $"{Name(x.First.Company)} {Span(x.Second.Low!.Value, x.Second.High!.Value)}"))}.");
            }
            if (inDollars.FirstOrDefault() is { } top)
                answer.Lead($"{Label(top.Company)} leads capex {(byPlan ? "plans " : "")}for {year}: {RowTerms(top)}" +
                    (inDollars.Count > 1 ? $", ahead of {string.Join(", ", inDollars.Skip(1).Take(2).Select(r => $"{Name(r.Company)} ({RowTerms(r)})"))}." : "."));
            List<Signal> RowEvidence(CapexRow row) => row.SignalIds.Select(id => byId.GetValueOrDefault(id)).OfType<Signal>().ToList();
            // A row's guidance range as its two ends, a single amount standing for both: the first guidance with the end
            // wanted (top, low, or both when null).
            (Money? Low, Money? High) GuidedEnds(CapexRow row, bool? top) => RowEvidence(row).OfType<CapexGuidance>()
                .Select(g => (Low: g.Low ?? g.Amount, High: g.High ?? g.Amount))
                .FirstOrDefault(e => top is true ? e.High is not null : top is false ? e.Low is not null : e is { Low: not null, High: not null });
            if (q.Companies.Count == 0) await AnswerMarketMetricsAsync(q, answer, allowSingleWord: false);
            // "What capex numbers do you have for 2024?": the market's own capex figures for the year belong beside the table.
            if (q.Companies.Count == 0 && q.Group.Count == 0 && q.Intent == QuestionIntent.Lookup)
            {
                var market = (await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf))
                    .Where(s => s.Company is null && Covers(s, year, false) && Words(NameOf(s)).Any(w => w is "capex" or "spending")).ToList();
                foreach (var s in Newest(market).Where(s => !answer.Shows(s.Id)).Take(4)) answer.Line(s, Described(s, answer.AsOf, "Market"));
            }
            return;
        }

        // The first kind asked that has figures to rank ("gained the most": share-price moves when there are no market-cap moves).
        var signals = new List<Signal>();
        // "Who is stretching its cash flow the most?": with no figures of the cash flow asked, what the cash leaves
        // stands in (the share of it spent on capex, then free cash flow).
        var standIns = q.Kinds.Any(k => k is SignalKind.OperatingCashFlow or SignalKind.FreeCashFlow) ? new[] { SignalKind.CapexCashFlowRatio, SignalKind.FreeCashFlow } : [];
        var tried = q.Kinds.DefaultIfEmpty(kind).Concat(standIns.Where(k => !q.Kinds.Contains(k))).ToList();
        foreach (var k in tried)
        {
            signals = Filter(await tools.SignalsOfKindAsync(k, q.Years.Count > 0 ? q.Years[0] : null, answer.AsOf), q, answer.AsOf)
                .Where(s => (q.Group.Count == 0 || Ranked(s) is { } c && q.Group.Contains(c)) && !(Ranked(s) is { } set && q.SetAside.Contains(set))).ToList();
            // "Which hyperscaler raised the most debt?": deals of the kind named, ranked by the one taking the money.
            if (k == SignalKind.FinancingDeal && DealKindsNamed(q.Text, raised: true) is { Count: > 0 } dealKinds)
                signals = signals.Where(s => s is FinancingDeal d && dealKinds.Contains(d.DealKind)).ToList();
            // ("biggest signing bonus on offer": metrics measure unlike things; those whose names the words use are ranked,
            // not a renewal rate beside a pay package.)
            if (k == SignalKind.Metric && Words(q.Text).Where(w => w.Length >= 4 && !StopWords.Contains(w) && !IsKindWord(w)).ToList() is { Count: > 0 } metricWords
                && signals.OfType<Metric>().Select(m => (Metric: m, Hits: Words(m.Name).Count(t => metricWords.Any(w => SameWord(w, t))))).Where(x => x.Hits > 0).ToList() is { Count: > 0 } named)
                signals = named.Where(x => x.Hits == named.Max(y => y.Hits)).Select(x => (Signal)x.Metric).ToList();
            if (signals.Any(s => s.Figures().Any())) { kind = k; break; }
        }
        var standingIn = !q.Kinds.Contains(kind) && standIns.Contains(kind) ? q.Kinds.First(k => k is SignalKind.OperatingCashFlow or SignalKind.FreeCashFlow) : (SignalKind?)null;
        // "Which AI stocks fell hardest in the sell-off?": moves in per cent and in dollars both answer it; the largest
        // group is ranked and the other listed beside it.
        if (kind is SignalKind.PriceMove or SignalKind.MarketCapMove)
        {
            var other = kind == SignalKind.PriceMove ? SignalKind.MarketCapMove : SignalKind.PriceMove;
            signals = signals.Concat(Filter(await tools.SignalsOfKindAsync(other, q.Years.Count > 0 ? q.Years[0] : null, answer.AsOf), q, answer.AsOf)
                .Where(s => q.Group.Count == 0 || s.Company is { } c && q.Group.Contains(c))).DistinctBy(s => s.Id).ToList();
        }
        var byUnit = signals
            .Select(s => (Signal: s, Figure: s.Figures().FirstOrDefault()))
            .Where(x => x.Figure is not null)
            .GroupBy(x => x.Figure!.Unit)
            .OrderByDescending(g => g.Count())
            .ToList();
        // ("Which company lost more than $200 billion of market value in a single day?": a bound in money ranks the
        // figures in that money, and only those past it.)
        var bound = Bound(q.Text);
        if (bound is { Figure.Currency: var boundCurrency } && byUnit.FindIndex(g => g.Key == (boundCurrency ?? "USD")) is > 0 and var inBound)
            byUnit = [byUnit[inBound], .. byUnit.Where((_, i) => i != inBound)];
        // A rise or a fall asked for ranks by the signed change; otherwise by size.
        var ranked = byUnit.FirstOrDefault()?.OrderByDescending(x => q.Direction == 0 ? Math.Abs(x.Figure!.Value) : q.Direction * x.Figure!.Value).ToList();
        if (bound is { } past && ranked is { Count: > 0 } && byUnit[0].Key == (past.Figure.Currency ?? "USD"))
        {
            var within = ranked.Where(x => Beyond(Math.Abs(x.Figure!.Value), past)).ToList();
            if (within.Count == 0)
            {
                var nearest = ranked[past.Above ? 0 : ^1].Signal;
                answer.Lead($"None: no {kind.Label()} I have{YearClause(q)} is {BoundPhrase(past)}{AsOfClause(answer.AsOf)}; "
                    + $"the {(past.Above ? "largest" : "smallest")} is {RankedLabel(nearest, "the market")}'s, {nearest.DescribeValue()} ({When(nearest, answer.AsOf)}).");
                answer.Line(nearest, Described(nearest, answer.AsOf));
                return;
            }
            ranked = within;
        }
        if (ranked is null || ranked.Count == 0)
        {
            answer.Note($"I have no {kind.Label()} figures to rank{YearClause(q)}{AsOfClause(answer.AsOf)}.");
            return;
        }
        var lowest = QuestionParser.MentionsAny(q.Text, "lowest", "least", "smallest", "thinnest", "weakest", "cheapest", "billigste", "billigsten", "gunstigste", "gunstigsten", "niedrigste", "niedrigsten");
        if (lowest) ranked.Reverse();
        var topSignal = ranked[0].Signal;
        answer.Lead((standingIn is { } missing ? $"I have no {missing.Label()} figures to rank; by {kind.Label()}, " : "")
            + $"{RankedLabel(topSignal, "The market")} has the {(lowest ? "lowest" : "highest")} {kind.Label()}{YearClause(q)}: {topSignal.DescribeValue()} ({When(topSignal, answer.AsOf)}).");
        answer.Heading($"{Capitalise(kind.Label())}, {(lowest ? "lowest" : "highest")} first{AsOfClause(answer.AsOf)}:");
        var i = 0;
        foreach (var (s, _) in ranked.Take(10))
            answer.Line(s, $"{++i}. {RankedLabel(s, "Market")}{PeriodPhrase(s, answer.AsOf)}: {s.DescribeValueWithQualifier()}");
        // Figures in another unit (another currency) are not ranked with these, and the answer says so.
        foreach (var other in byUnit.Skip(1))
            foreach (var (s, f) in other)
                answer.Line(s, $"Not ranked (in {f!.Unit}, no stated conversion): {(s.Company is null ? "Market" : Label(s.Company))}{PeriodPhrase(s, answer.AsOf)}: {s.DescribeValueWithQualifier()}");
        // What the cash leaves, ranked one way, beside the other way for the same companies ("whose cash flow is most
        // stretched": the share spent on capex and the free cash flow left).
        if (kind is SignalKind.CapexCashFlowRatio or SignalKind.FreeCashFlow)
            foreach (var k in new[] { SignalKind.CapexCashFlowRatio, SignalKind.FreeCashFlow }.Where(k => k != kind))
                foreach (var s in Newest(Filter(await tools.SignalsOfKindAsync(k, null, answer.AsOf), q, answer.AsOf).Where(s => ranked.Any(r => r.Signal.Company == s.Company)).ToList()).DistinctBy(s => s.Company))
                    answer.Line(s, Described(s, answer.AsOf));
    }

    private static readonly Regex LongAsked = new(@"\b(own(s|ed)? outright|outright|long positions?|held long|holds? long|long holdings?|(is|are|was|were|go|went|going) long)\b|,\s*long\s*\?", RegexOptions.IgnoreCase);

    private async Task AnswerPositionsAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var filers = q.Filers.Count > 0 ? q.Filers : tools.Directory.Filers.Where(f => f.Watched).Select(f => f.Key).ToList();
        await Task.WhenAll(filers.Select(f => tools.PositionsByFilerAsync(f, answer.AsOf)));
        var callsOnly = Regex.IsMatch(q.Text, @"\b(calls|call options?|call-optionen|kaufoptionen)\b", RegexOptions.IgnoreCase)
            && !Regex.IsMatch(q.Text, @"\b(puts?|put options?|put-optionen|verkaufsoptionen|shorts?|short positions?|leerverk\w*)\b", RegexOptions.IgnoreCase);
        var saidNoneAsked = false;
        // ("What strike prices and expiry dates do Scion's Palantir puts have?": a 13F gives shares and value, never an
        // option's terms; the answer says so and shows what was disclosed.)
        var termsAsked = Regex.IsMatch(q.Text, @"\b(strikes?|strike prices?|expiry|expiries|expiration|expirations|expire|expires|expiring|exercise price|basispreis\w*|verfall\w*|fälligkeit|faelligkeit)\b", RegexOptions.IgnoreCase);
        foreach (var filer in filers)
        {
            var snapshot = await tools.PositionsByFilerAsync(filer, answer.AsOf);
            // ("Burry's bets excluding Nvidia": a position on nothing but companies set aside is left out.)
            var positions = snapshot.Positions.Where(p => (q.Companies.Count == 0 || p.Subjects().Any(q.Companies.Contains))
                && !(q.SetAside.Count > 0 && p.Subjects().Where(tools.Directory.IsKnown).All(q.SetAside.Contains))).ToList();
            positions = Filter(positions, q, answer.AsOf);
            if (positions.Count == 0) continue;
            // "Does Burry hold call options on any AI stock?": calls asked are calls only; a filer with none is said to
            // have none, and what it did disclose (puts, shorts) is shown as context, not as the answer.
            // ("How many Nvidia shares does Scion own outright, long?": shares held long are asked; puts and shorts are bets
            // against, which a 13F's long holdings are not.)
            if (LongAsked.IsMatch(q.Text) && !Regex.IsMatch(q.Text, @"\b(puts?|shorts?|short positions?|options?|bets?)\b", RegexOptions.IgnoreCase)
                && positions.All(p => p is ShortPosition || p is OptionPosition { PutCall: PutCall.Put }))
            {
                answer.Note($"{snapshot.Profile.Name} disclosed no long holding{(q.Companies.Count > 0 ? $" of {string.Join(" or ", q.Companies.Select(Label))}" : "")}{AsOfClause(answer.AsOf)}; what it did disclose are bets against:");
                foreach (var p in positions) answer.Line(p, $"{p.Period.ToHuman()}: {p.DescribeValueWithQualifier()}", answers: false);
                saidNoneAsked = true;
                continue;
            }
            if (callsOnly)
            {
                if (positions.OfType<OptionPosition>().Where(o => o.PutCall == PutCall.Call).ToList() is { Count: > 0 } calls)
                    positions = [.. calls];
                else
                {
                    answer.Note($"{snapshot.Profile.Name} disclosed no call options{(q.Companies.Count > 0 ? $" on {string.Join(" or ", q.Companies.Select(Label))}" : "")}{AsOfClause(answer.AsOf)}; what it did disclose:");
                    foreach (var p in positions) answer.Line(p, $"{p.Period.ToHuman()}: {p.DescribeValueWithQualifier()}", answers: false);
                    saidNoneAsked = true;
                    continue;
                }
            }
            // ("what % of Scion's total put notional is Palantir": the company's options over all the filer's of that date.)
            if (!answer.Answered && q.Companies.Count == 1 && Regex.IsMatch(q.Text, @"\b(what|which) (%|(share|percent|percentage|portion|proportion|part)\b)|\bhow much of\b|\bwelchen? anteil\b", RegexOptions.IgnoreCase)
                && Regex.IsMatch(q.Text, @"\b(total|all|overall|gesamt\w*)\b", RegexOptions.IgnoreCase)
                && positions.OfType<OptionPosition>().Where(p => p.Company == q.Companies[0]).DistinctBy(p => p.Id).ToList() is [var mine]
                && snapshot.Positions.OfType<OptionPosition>().Where(p => p.Period == mine.Period && p.PutCall == mine.PutCall && p.Notional.Currency == mine.Notional.Currency).DistinctBy(p => p.Id).ToList() is { Count: > 1 } all)
            {
                var whole = all.Skip(1).Aggregate(all[0].Notional, (t, p) => t + p.Notional);
                var shareExact = mine.Notional.Amount / whole.Amount * 100;
                var share = Math.Round(shareExact, 1);
                Computed("sum", all.Select(p => p.Id), whole, whole);
                Derived = [.. Derived, new { computed = "share", of = all.Select(p => p.Id).ToList(), percent = share }];
                var about = all.Any(p => p.Qualifier is Qualifier.About) ? "about " : "";
                answer.Lead($"{Capitalise(about)}{PercentRecorded(share, shareExact)} (worked out: {about}{mine.Notional.ToHuman()} of {Name(q.Companies[0])} {(mine.PutCall == PutCall.Put ? "puts" : "calls")} out of {about}{whole.ToHuman()} in all, {string.Join(" and ", all.Select(p => $"{(p.Company is { } c ? Name(c) : p.Issuer)} {p.Notional.ToHuman()}"))}; {mine.Period.ToHuman()}).");
                foreach (var p in all) answer.Line(p, $"{p.Period.ToHuman()}: {p.DescribeValueWithQualifier()}");
            }
            if (termsAsked)
                answer.Lead($"I have no strike price or expiry for {(positions.Count == 1 ? "this position" : "these positions")}: 13F filings give the number of shares under option and their value, not the options' terms. What {snapshot.Profile.Name} disclosed follows.");
            if (!answer.Answered && ImpliedWholeOf(q, positions) is { } implied) answer.Lead($"{implied}.");
            if (!answer.Answered && OptionsTogether(q, positions) is { } together) answer.Lead($"{together}.");
            if (!answer.Answered && OptionsWorked(q, positions) is { } worked) answer.Lead($"{worked}.");
            if (!answer.Answered)
                answer.Lead($"{snapshot.Profile.Name} disclosed {string.Join("; ", positions.Take(3).Select(p => $"{p.DescribeValue()} ({p.Period.ToHuman()})"))}{(positions.Count > 3 ? $", and {positions.Count - 3} more" : "")}.");
            answer.Heading($"{snapshot.Profile.Name}{AsOfClause(answer.AsOf)}:");
            foreach (var p in positions) answer.Line(p, $"{p.Period.ToHuman()}: {p.DescribeValueWithQualifier()}");
            // "Burry's bets on Nvidia, Palantir and Microsoft": a company named with no bet against it is said to have none.
            var without = q.Companies.Where(c => !positions.Any(p => p.Subjects().Contains(c))).ToList();
            if (without.Count > 0 && positions.Count > 0)
                answer.Note($"{snapshot.Profile.Name} disclosed no position on {string.Join(" or ", without.Select(Label))}{AsOfClause(answer.AsOf)}.");
        }
        if (!answer.Answered && !saidNoneAsked)
        {
            var about = q.Companies.Count > 0 ? $" on {string.Join(" or ", q.Companies.Select(Label))}" : "";
            // ("Does Scion hold puts on Microsoft or Meta?": the companies a filer named did disclose positions on, by name.)
            var elsewhere = "";
            foreach (var filer in q.Companies.Count > 0 && q.SetAside.Count == 0 ? q.Filers : [])
                if ((await tools.PositionsByFilerAsync(filer, answer.AsOf)) is { Positions.Count: > 0 } held
                    && held.Positions.SelectMany(p => p.Subjects()).Where(tools.Directory.IsKnown).Distinct().ToList() is { Count: > 0 } names)
                    elsewhere += $" {held.Profile.Name}'s disclosed positions are on {string.Join(" and ", names.Select(Name))}.";
            answer.Note($"I have no disclosed positions{about}{WindowClause(q, answer.AsOf)}{AsOfClause(answer.AsOf)}.{elsewhere}");
            // "Which stock drew short sellers in January 2026?": a headline that says so, as news.
            var phrases = QuestionParser.PhrasesOf(SignalKind.ShortPosition).Concat(["short sellers", "short seller", "leerverkaufer"]).Where(p => p.Length >= 4).ToList();
            var headlines = Filter((await tools.SignalsOfKindAsync(SignalKind.News, null, answer.AsOf)).Where(n => n is News h && (q.Companies.Count == 0 || q.Companies.Contains(h.Company ?? ""))
                && phrases.Any(p => QuestionParser.Mentions(h.Headline, p))).ToList(), q, answer.AsOf);
            foreach (var n in Newest(headlines).Take(3)) answer.Line(n, $"{(n.Company is { } c && tools.Directory.IsKnown(c) ? Label(c) : "Market")}, news{PeriodPhrase(n, answer.AsOf)}: {n.DescribeValueWithQualifier()}");
        }
        if (termsAsked) answer.Withdraw();
    }

    private async Task AnswerAlertsAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        // "any alerts for Tesla?": a company not watched has none; every other company's are not its.
        if (q.Companies.Count == 0 && q.UnknownNames.Count > 0 && !q.MarketWide)
        {
            answer.Note($"No alerts about {q.UnknownNames[0]}: it is not on the watchlist, so no rule watches it{AsOfClause(answer.AsOf)}.");
            return;
        }
        var alerts = new List<Alert>();
        if (q.Companies.Count == 0) alerts.AddRange(await tools.AlertsSinceAsync(0, answer.AsOf));
        else
        {
            foreach (var found in await Task.WhenAll(q.Companies.Select(c => tools.AlertsSinceAsync(0, answer.AsOf, c)))) alerts.AddRange(found);
            // ("any alerts on coreweave?": an alert raised on another company whose finding runs through this one, a
            // financing loop through it, is about it too.)
            alerts.AddRange((await tools.AlertsSinceAsync(0, answer.AsOf)).Where(a => !q.Companies.Contains(a.Company) && alerts.All(x => x.Sequence != a.Sequence)
                && q.Companies.Any(c => Regex.IsMatch(a.Rationale, $@"\b{Regex.Escape(c)}\b"))));
        }
        if (alerts.Count == 0)
        {
            answer.Note($"No alerts{(q.Companies.Count > 0 ? " about " + string.Join(" or ", q.Companies.Select(Label)) : "")}{AsOfClause(answer.AsOf)}.");
            return;
        }
        // "Which alerts were raised in January 2026?": those whose evidence became known then.
        var window = q.Month?.Resolve(Today(answer.AsOf)) ?? (q.Quarter is { } qn && q.Years.Count == 1 ? QuarterWindow(q.Years[0], qn)
            : q.Years.Count == 1 && Regex.IsMatch(q.Text, @"\b(raised|fired|triggered|issued|went off|came|ausgelöst|ausgeloest)\b.*\b(in|during|im)\s+\d{4}\b", RegexOptions.IgnoreCase) ? new DateWindow(new DateOnly(q.Years[0], 1, 1), new DateOnly(q.Years[0], 12, 31), q.Years[0].ToString(CultureInfo.InvariantCulture)) : null);
        var happenedThen = false;
        if (window is not null)
        {
            var within = alerts.Where(a => window.Overlaps(a.KnownOn, a.KnownOn)).ToList();
            // "Were there any drawdown alerts on Nvidia in October 2025?": none known then, but alerts on what happened
            // then (an October fall reported in November) are about that month, and are said to be known later.
            if (within.Count == 0)
            {
                var signals = (await Task.WhenAll(alerts.Select(a => a.Company).Distinct().Where(tools.Directory.IsKnown)
                    .Select(c => tools.SignalsAsync(c, null, null, answer.AsOf, latestOnly: false)))).SelectMany(x => x).DistinctBy(x => x.Id).ToDictionary(x => x.Id);
                var about = alerts.Where(a => a.Evidence.Any(e => signals.TryGetValue(e.SignalId, out var s) && s.Period.Start is not null && InWindow(s, window))).ToList();
                if (about.Count > 0)
                {
                    answer.Note($"No alert became known in {window.Label}; {about.Count} rest{(about.Count == 1 ? "s" : "")} on what happened then, made known later.");
                    within = about;
                    happenedThen = true;
                }
            }
            if (within.Count == 0)
            {
                var days = alerts.Select(a => a.KnownOn).Distinct().Order().ToList();
                answer.Note($"No alerts{(q.Companies.Count > 0 ? " about " + string.Join(" or ", q.Companies.Select(Label)) : "")} rest on figures that became known in {window.Label}{AsOfClause(answer.AsOf)}; "
                    + $"the {alerts.Count} I have rest on figures known between {days[0].ToString("d MMM yyyy", CultureInfo.InvariantCulture)} and {days[^1].ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.");
                return;
            }
            alerts = within;
        }
        // "Who tripped the capex-guidance-jump rule?": that rule's alerts, or that it raised none.
        if (q.RulesNamed.Count > 0)
        {
            var ofRules = alerts.Where(a => q.RulesNamed.Contains(a.Rule)).ToList();
            if (ofRules.Count == 0)
            {
                answer.Note($"The {string.Join(" and ", q.RulesNamed)} rule{(q.RulesNamed.Count == 1 ? "" : "s")} raised no alerts{(q.Companies.Count > 0 ? " about " + string.Join(" or ", q.Companies.Select(Label)) : "")}{AsOfClause(answer.AsOf)}; "
                    + $"the {alerts.Count} I have are of {string.Join(", ", alerts.Select(a => a.Rule).Distinct())}.");
                return;
            }
            alerts = ofRules;
        }
        // "Has any alert fired about capex eating into cash flow?": the alerts of the rules that watch what was asked.
        // ("raised in January" is when, not money raised; news whose headline names the kind counts: "draws short sellers".)
        // ("… on cash flow or on the jump in guidance?": the guidance asked beside it is watched too.)
        // ("Any red flags in Amazon's cash position?": cash named by no kind's words is the cash the company makes.)
        var cashNamed = q.Kinds.Count == 0 && Regex.IsMatch(q.Text, @"\b(cash|liquidity|liquidität|liquiditat)\b", RegexOptions.IgnoreCase);
        if (cashNamed) q = q with { Kinds = [SignalKind.CapexCashFlowRatio] };
        var watched = (q.Kinds.Contains(SignalKind.CapexCashFlowRatio)
            ? Regex.IsMatch(q.Text, @"\b(guid\w*|outlook|prognose)\b", RegexOptions.IgnoreCase) ? [SignalKind.CapexCashFlowRatio, SignalKind.CapexGuidance] : [SignalKind.CapexCashFlowRatio] : q.Kinds)
            .Where(k => k != SignalKind.FinancingDeal || Regex.IsMatch(q.Text, @"\b(circular|loops?|financing|deals?|kreislauf)\b", RegexOptions.IgnoreCase)).ToList();
        var rules = watched.SelectMany(RulesWatching).ToHashSet(StringComparer.Ordinal);
        var phrases = watched.SelectMany(QuestionParser.PhrasesOf).Where(p => p.Length >= 5).ToList();
        if (alerts.Where(a => rules.Contains(a.Rule) || a.Rule == RuleIds.MaterialNews && phrases.Any(p => QuestionParser.Mentions(a.Rationale, p))).ToList() is { Count: > 0 } watching
            && watching.Count < alerts.Count) alerts = watching;
        var ordered = alerts.OrderByDescending(a => a.Severity).ThenBy(a => a.Sequence).ToList();
        answer.Lead($"{alerts.Count} alert{(alerts.Count == 1 ? "" : "s")}{(window is null ? "" : happenedThen ? $" on what happened in {window.Label}" : $" on figures known in {window.Label}")}{AsOfClause(answer.AsOf)}; the most severe: {Whose(ordered[0])}{ordered[0].Rationale}");
        answer.Heading("Most severe first:");
        foreach (var a in ordered)
            answer.Line(a.Evidence, $"[{a.Severity.ToString().ToLowerInvariant()}] {Whose(a)}{a.Rationale}");
        // ("Any red flags in Amazon's cash generation?", "… in its Q4 print: EPS versus expectations?": the company's
        // reported figures the flags are asked about follow, each kind of cash it reports, not only those a rule watches.)
        var reported = q.Kinds.Any(CashKinds.Contains) ? CashKinds.Concat(q.Kinds.Where(ResultKinds.Contains)).Distinct().ToList() : q.Kinds.Where(ResultKinds.Contains).ToList();
        // ("Any cash-flow red flags among the hyperscalers?": of several companies, those the flags are about.)
        var flaggedCompanies = q.Companies.Count == 1 ? q.Companies.ToList()
            : q.Companies.Count == 0 && q.Kinds.Any(CashKinds.Contains) ? ordered.Select(a => a.Company).Where(tools.Directory.IsKnown).Distinct().ToList() : [];
        if (flaggedCompanies.Count > 0 && reported.Count > 0)
        {
            foreach (var company in flaggedCompanies)
            {
                var figures = new List<Signal>();
                foreach (var kind in reported)
                    figures.AddRange(Newest(Filter(await tools.SignalsAsync(company, kind, null, answer.AsOf), q, answer.AsOf)).Take(1));
                if (figures.Count == 0) continue;
                answer.Heading($"{Name(company)}'s figures on that:");
                foreach (var s in figures) answer.Line(s, Described(s, answer.AsOf, Label(company)));
            }
        }
        // ("Any warning lights on Palantir?": the company's figures the flags rest on follow them, as its figures read.)
        else if (q.Companies.Count == 1 && ordered.SelectMany(a => a.Evidence).Select(e => e.SignalId).ToHashSet(StringComparer.Ordinal) is var flagged
            && (await tools.SignalsAsync(q.Companies[0], null, null, answer.AsOf)).Where(s => flagged.Contains(s.Id)).ToList() is { Count: > 0 } behind)
        {
            answer.Heading($"{Name(q.Companies[0])}'s figures behind them:");
            foreach (var s in behind) answer.Line(s, Described(s, answer.AsOf, Label(q.Companies[0])));
        }

        // The company by name before the rule's own words, which use its ticker.
        string Whose(Alert a) => tools.Directory.IsKnown(a.Company) ? $"{Label(a.Company)}: " : "";
    }

    /// <summary>The kinds that say how much cash a company makes and how much of it its spending takes.</summary>
    private static readonly SignalKind[] CashKinds = [SignalKind.OperatingCashFlow, SignalKind.FreeCashFlow, SignalKind.CapexCashFlowRatio];

    /// <summary>The kinds a company reports with its results, which flags on "its print" are about.</summary>
    private static readonly SignalKind[] ResultKinds = [SignalKind.OperatingCashFlow, SignalKind.FreeCashFlow, SignalKind.CapexCashFlowRatio, SignalKind.Eps, SignalKind.Revenue];

    /// <summary>The rules whose alerts are about a kind of figure.</summary>
    private static IEnumerable<string> RulesWatching(SignalKind kind) => kind switch
    {
        SignalKind.CapexCashFlowRatio or SignalKind.OperatingCashFlow or SignalKind.FreeCashFlow => [RuleIds.CapexVsCashFlow],
        SignalKind.Capex or SignalKind.CapexGuidance => [RuleIds.CapexGuidanceJump, RuleIds.CapexVsCashFlow],
        SignalKind.MarketCapMove or SignalKind.PriceMove => [RuleIds.MarketCapDrawdown],
        SignalKind.OptionPosition or SignalKind.ShortPosition => [RuleIds.FilerBearishPosition, RuleIds.FilerPositionChange],
        SignalKind.ExportControl => [RuleIds.ExportControl],
        SignalKind.FinancingDeal => [RuleIds.CircularFinancing],
        SignalKind.Valuation => [RuleIds.ExtremeValuation],
        _ => [],
    };

    private async Task AnswerLoopsAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var financing = await tools.FinancingGraphAsync(answer.AsOf);
        var graph = financing.Graph;
        var loops = graph.Loops.Where(l => q.Companies.Count == 0 || l.Companies.Any(q.Companies.Contains)).ToList();
        // "between Microsoft and OpenAI": the loops that run through every company named, when there are some.
        if (q.Companies.Count > 1 && loops.Where(l => q.Companies.All(l.Companies.Contains)).ToList() is { Count: > 0 } through)
        {
            loops = through;
            answer.Lead($"Yes: money runs in a loop between {string.Join(" and ", q.Companies.Select(Label))}{AsOfClause(answer.AsOf)}: {string.Join("; ", loops.Select(l => l.ToString()))}.");
        }
        if (loops.Count == 0)
        {
            answer.Note($"I see no circular financing{(q.Companies.Count > 0 ? " involving " + string.Join(" or ", q.Companies.Select(Label)) : "")}{AsOfClause(answer.AsOf)}.");
            return;
        }
        // The answer in words first: who the money goes round between.
        answer.Lead($"Money runs in {(loops.Count == 1 ? "a loop" : $"{loops.Count} loops")} {string.Join("; ", loops.Select(l => "between " + string.Join(" and ", l.Companies.Distinct().Select(c => tools.Directory.IsKnown(c) ? Name(c) : c))))}{AsOfClause(answer.AsOf)}.");
        var deals = financing.Deals.ToDictionary(s => s.Id);
        answer.Heading($"{loops.Count} circular financing loop{(loops.Count == 1 ? "" : "s")}{AsOfClause(answer.AsOf)} (money that flows back to where it came from):");
        foreach (var loop in loops)
            answer.Line(loop.Edges.Select(e => deals.GetValueOrDefault(e.SignalId)).OfType<Signal>().ToList(), $"{loop}: {string.Join("; ", loop.Edges.Select(e => e.Summary))}");
        // ("CoreWeave's funding: circular deals, debt?": the kind of deal named beside the loops is the company's own,
        // in a loop or not.)
        if (q.Companies.Count > 0 && DealKindsNamed(q.Text) is { Count: > 0 } named
            && Newest(deals.Values.OfType<FinancingDeal>().Where(d => named.Contains(d.DealKind) && (q.Companies.Contains(d.Investee) || q.Companies.Contains(d.Investor))
                && !answer.Shows(d.Id)).Cast<Signal>().ToList()).ToList() is { Count: > 0 } own)
        {
            answer.Heading($"{string.Join(" and ", q.Companies.Select(Name))}'s {string.Join(" and ", named.Select(k => k switch { DealKind.ComputeContract => "compute-contract", DealKind.PurchaseCommitment => "purchase", _ => k.ToString().ToLowerInvariant() }))} financing:");
            foreach (var d in own.Cast<FinancingDeal>()) answer.Line(d, Described(d, answer.AsOf, Label(q.Companies.Contains(d.Investee) ? d.Investee : d.Investor)));
        }
    }

    private async Task AnswerDealsAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var deals = Filter((await tools.MarketSignalsAsync(SignalKind.FinancingDeal, null, answer.AsOf)).ToList(), q, answer.AsOf);
        // "Which borrowers went to the bond market?": the deals of the kind named.
        var kinds = DealKindsNamed(q.Text);
        if (kinds.Count > 0 && deals.Any(d => d is FinancingDeal f && kinds.Contains(f.DealKind))) deals = deals.Where(d => d is FinancingDeal f && kinds.Contains(f.DealKind)).ToList();
        // "Who are PIMCO and Blue Owl lending money to?": a party the question names that is not a company.
        var parties = System.Text.RegularExpressions.Regex.Matches(q.Text, @"\b[A-Z][A-Za-z]{2,}\b").Select(m => m.Value).Where(w => w is not ("Who" or "What" or "Which" or "How" or "Wer" or "Was" or "Welche")).ToList();
        var named = deals.OfType<FinancingDeal>().Where(d => parties.Any(p => d.Investor.Contains(p, StringComparison.Ordinal) || d.Investee.Contains(p, StringComparison.Ordinal))).Cast<Signal>().ToList();
        if (named.Count > 0) deals = named;
        // "Which financing deals are bigger than $20 billion?": only the deals past the bound, in its money; those with no
        // amount, or in another, are said to be left out.
        var bounded = "";
        var leftOut = 0;
        if (Bound(q.Text) is { Figure.Currency: null or "USD" } bound)
        {
            var priced = deals.Where(d => d is FinancingDeal { Amount.Currency: "USD" }).ToList();
            var past = priced.Where(d => Beyond(((FinancingDeal)d).Amount!.Value.Amount, bound)).ToList();
            leftOut = Newest(deals).Count(d => !priced.Contains(d));
            if (past.Count == 0 && priced.Count > 0)
            {
                var nearest = priced.Cast<FinancingDeal>().OrderBy(d => d.Amount!.Value.Amount * (bound.Above ? -1 : 1)).First();
                answer.Lead($"None: no financing deal I have{YearClause(q)}{AsOfClause(answer.AsOf)} is {BoundPhrase(bound)}; the {(bound.Above ? "largest" : "smallest")} is {nearest.DescribeValue()} ({nearest.Period.ToHuman()}).");
                answer.Line(nearest, $"{nearest.DescribeValueWithQualifier()}{PeriodPhrase(nearest, answer.AsOf)}");
                return;
            }
            deals = past;
            bounded = $" of {BoundPhrase(bound)}";
        }
        var newest = Newest(deals).Take(20).ToList();
        if (newest.Count > 0)
        {
            var largest = newest.OfType<FinancingDeal>().Where(d => d.Amount is { Currency: "USD" }).OrderByDescending(d => d.Amount!.Value.Amount).FirstOrDefault();
            // ("Which AI companies raised money through debt in 2025, and how much each?": the companies that got it, by name.)
            // ("Which of the big spenders is leaning on borrowed money?": so are those it picks from.)
            var raisers = Regex.IsMatch(q.Text, @"\b(which|what)\s+(\w+\s+)?(companies|firms|names|players|unternehmen|konzerne)\b|\bwhich\s+of\s+(the|these|those)\s+\w+", RegexOptions.IgnoreCase)
                ? newest.OfType<FinancingDeal>().GroupBy(d => d.Investee).Select(g => $"{PartyName(g.Key)} {(g.Where(d => d.Amount is not null).Select(d => d.Amount!.Value.ToHuman()).FirstOrDefault() ?? "no amount given")}").ToList()
                : [];
            answer.Lead($"{newest.Count} financing deal{(newest.Count == 1 ? "" : "s")}{bounded}{YearClause(q)}{WindowClause(q, answer.AsOf)}{AsOfClause(answer.AsOf)}" +
                (raisers.Count > 0 ? $", to {string.Join(", ", raisers)}" : "") +
                (largest is null ? "." : $"; the largest in dollars: {largest.DescribeValue()} ({largest.Period.ToHuman()})."));
            if (bounded.Length > 0) newest = [.. newest.OfType<FinancingDeal>().OrderByDescending(d => d.Amount!.Value.Amount)];
        }
        foreach (var d in newest) answer.Line(d, $"{d.DescribeValueWithQualifier()}{PeriodPhrase(d, answer.AsOf)}");
        if (leftOut > 0 && newest.Count > 0) answer.Note($"{leftOut} deal{(leftOut == 1 ? " gives" : "s give")} no dollar amount and {(leftOut == 1 ? "is" : "are")} left out.");
        if (!answer.Answered) answer.Note($"I have no financing deals{AsOfClause(answer.AsOf)}.");
    }

    /// <summary>Kinds of figure that belong to one company (a market has no P/E or free cash flow of its own).</summary>
    private static readonly HashSet<SignalKind> CompanyLevelKinds =
    [
        SignalKind.Revenue, SignalKind.Eps, SignalKind.Valuation, SignalKind.FreeCashFlow, SignalKind.OperatingCashFlow, SignalKind.CapexCashFlowRatio,
        SignalKind.Buyback, SignalKind.OrderIntake, SignalKind.OrderBacklog,
    ];

    /// <summary>Two companies and a deal: the deals between the two, not each one's with others.</summary>
    /// <remarks>("Using OpenAI's own numbers, …": the source's own figures are not each one's own deals.)</remarks>
    private static bool BetweenThem(ParsedQuestion q) =>
        q.Companies.Count == 2 && !q.Receiving && !System.Text.RegularExpressions.Regex.IsMatch(q.Text, @"\b(their|each(?! (year|quarter|month|week|day))|own(?!\s+(numbers|figures|data|words|accounts?|reporting|disclosures?|estimates?)\b)|ihre|ihrer|ihren|jeweils)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>Kinds only companies have (deals, plans, capacity, a company's own figures): a market figure answers none of them.</summary>
    private static readonly HashSet<SignalKind> CompanyOwnKinds =
        [.. CompanyLevelKinds, SignalKind.FinancingDeal, SignalKind.InvestmentPlan, SignalKind.CapacityPlan, SignalKind.OptionPosition, SignalKind.ShortPosition];

    /// <summary>A league-table row: what was spent and what was guided, labelled as such.</summary>
    private static string RowTerms(CapexRow row)
    {
        var parts = new List<string>();
        if (row.ActualText is { } actual) parts.Add($"spent {actual} (actual)");
        if (row.GuidanceText is { } guidance) parts.Add($"guided {guidance}");
        else if (row.Uncapped) parts.Add("guidance with no explicit cap");
        return string.Join(", ", parts);
    }

    private async Task<int> LatestCapexYearAsync(DateOnly? asOf)
    {
        var capex = await tools.MarketSignalsAsync(SignalKind.CapexGuidance, null, asOf);
        var reference = (asOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).Year;
        var years = capex.Where(s => s.Period.Kind == PeriodKind.FiscalYear).Select(s => s.Period.Year!.Value).Distinct().ToList();
        return years.Contains(reference) ? reference : years.Count > 0 ? years.Where(y => y <= reference + 1).DefaultIfEmpty(years.Max()).Max() : reference;
    }

    /// <summary>Market-wide figures (no single company) whose names share the question's words.</summary>
    private async Task<int> AnswerMarketMetricsAsync(ParsedQuestion q, AnswerBuilder answer, bool allowSingleWord, int minHits = 2, IReadOnlySet<string>? notAlone = null)
    {
        var metrics = (await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null).ToList();
        // "bain 2030 numbers": every figure from a source the question names.
        var sources = QuestionParser.SourcesIn(q.Text);
        var fromSource = metrics.Where(s => sources.Any(src => QuestionParser.Mentions($"{NameOf(s)} {s.Note}", src))).ToList();
        // "What does Dell'Oro forecast for 2026?": a source named answers from its own figures only.
        // (Not when another figure is set against the source's as a share or a multiple of it.)
        var setAgainst = SharePart.IsMatch(q.Text) || QuestionParser.AsksRatio(q.Text);
        var candidates = fromSource.Count > 0 && sources.Count < 5 && !q.Versus && !q.Sum && !setAgainst && q.Years.Count < 2 ? fromSource : fromSource.Concat(Relevant(metrics, q, allowSingleWord, minHits, notAlone: notAlone)).DistinctBy(s => s.Id).ToList();
        // ("The big four's AI capex in Q3 2025 alone: what share of Dell'Oro's 2025 figure is that?": the part named before
        // the share is asked is a figure of its own, whatever the whole's many words outweigh it by.)
        if (setAgainst && SharePart.Match(q.Text) is { Success: true, Index: > 0 } asked)
            candidates = candidates.Concat(Relevant(metrics, q with { Text = q.Text[..asked.Index] }, allowSingleWord, minHits, notAlone: notAlone)).DistinctBy(s => s.Id).ToList();
        // "What does Bain expect annual AI capex to reach?": when one figure shares many of the question's words, those
        // sharing two fewer are about something else (the same source's revenue estimate).
        var scored = RelevantScored(candidates, q, allowSingleWord: true, minHits: 1, unique: false);
        // (Not when the question asks for several figures: "two numbers", "X and Y".)
        if (!q.Versus && !q.Sum && q.Companies.Count == 0 && q.Group.Count == 0 && scored.Count > 1 && scored[0].Hits >= 4
            && !Regex.IsMatch(CompanyDirectory.Normalize(q.Text), @"\b(and|und|both|two|three|beide|zwei|drei|plus)\b"))
        {
            // Among figures of one source and subject ("AI stocks' share of S&P 500 returns" and "… of capex growth"), one
            // that shares a word of the question more than any other ("returns") is the one asked.
            var margin = scored.Count > 1 && scored[0].Hits > scored[1].Hits && scored[1].Hits >= 4 ? 0 : 1;
            var close = scored.Where(x => x.Hits >= scored[0].Hits - margin).Select(x => x.Signal.Id).ToHashSet(StringComparer.Ordinal);
            candidates = candidates.Where(s => close.Contains(s.Id)).ToList();
        }
        // "How hard did the AI names get hit in early November?": a move asked for a stretch of days is the market's
        // moves dated in it, before any figure that only shares a word.
        // (Not "which AI stocks slumped": the companies are asked for.)
        if (q.Month is { } month && q.Kinds.Any(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove) && q.Intent != QuestionIntent.Ranking
            && !QuestionParser.AsksWho(q.Text) && !Regex.IsMatch(q.Text, @"^\W*(which|welche|welcher|welches)\b", RegexOptions.IgnoreCase))
        {
            // "early November" without a year: the latest November that has such moves, as for other figures.
            for (var back = 0; back <= (month.Year is null ? 3 : 0); back++)
            {
                var window = month.Resolve(Today(answer.AsOf).AddYears(-back));
                var moves = metrics.Where(s => s.Period.Kind is PeriodKind.Day or PeriodKind.Days or PeriodKind.Month && window.Overlaps(s.Period.Start!.Value, s.Period.End!.Value)
                    && QuestionParser.MentionsAny(NameOf(s), "lost", "change", "value", "fell", "gained", "drop", "decline")).ToList();
                if (moves.Count == 0) continue;
                // The companies' own moves in those days follow the market's, the largest first (not when the market's
                // total is what is asked: "how much was lost", "zusammen verloren").
                var companyMoves = q.Sum || q.WantsFigure || QuestionParser.AsksTotal(q.Text) ? []
                    : await CompanyMovesInAsync(window, q.Kinds.Where(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove), q.Direction, answer.AsOf);
                var all = moves.Concat(companyMoves).DistinctBy(s => s.Id).ToList();
                MarketLead(all, answer, q);
                foreach (var s in all) answer.Line(s, Described(s, answer.AsOf, s.Company is { } c ? Label(c) : "Market"));
                return all.Count;
            }
        }
        // ("China hooked up 429 GW in 2024. How many times Bain's 200 GW is that?": the figures the question quotes and sets
        // against each other come first, whatever other figures share more of its words.)
        var quotedHere = QuotedFigures(q.Text).Where(x => x.Unit is QuotedUnit.Gigawatt or QuotedUnit.Money).ToList();
        if ((setAgainst || QuestionParser.AsksDifference(q.Text) || QuestionParser.AsksPercentChange(q.Text)) && quotedHere.Count >= 2
            && metrics.Where(m => quotedHere.Any(x => Carries(m, x, answer.AsOf))).ToList() is { Count: >= 2 } carried)
            candidates = carried.Concat(candidates).DistinctBy(s => s.Id).ToList();
        candidates = OfPlacesAsked(candidates, q);
        var found = QuarterAskedFirst(Filter(candidates, q, answer.AsOf), q).Take(8).ToList();
        // "What share of European venture capital went to AI in 2025?": when the figures sharing most of the question's
        // words are all of another place or period, those sharing two words or fewer are about something else.
        // (Words of the question's own: a group's company names say nothing of the subject.)
        var own = RelevantScored(candidates, q with { Group = [] }, allowSingleWord: true, minHits: 1, unique: false);
        var hits = own.ToDictionary(x => x.Signal.Id, x => x.Hits, StringComparer.Ordinal);
        if (own.Count > 0 && own[0].Hits >= 4 && found.Count > 0 && found.All(s => hits.GetValueOrDefault(s.Id) <= 2)) found = [];
        // "Global hyperscale capex in 2024 versus Dell'Oro's estimate for 2025": two figures set against each other are
        // the two the words name best, not every figure of those years.
        if (q.Versus && Regex.IsMatch(q.Text, @"\b(versus|vs\.?|against|compared (to|with))\b", RegexOptions.IgnoreCase) && own.Count >= 2 && found.Count > 2 && own[1].Hits >= 2) found = found.Where(s => hits.GetValueOrDefault(s.Id) >= own[1].Hits).ToList();
        MarketLead(found, answer, q);
        foreach (var s in found)
            answer.Line(s, Described(s, answer.AsOf, "Market"));
        return found.Count;
    }

    /// <summary>
    /// Figures of the quarter asked before the others, each group in the order given ("their combined capex in Q3 2025
    /// alone, as a share of the full year's": the quarter's figure is the part).
    /// </summary>
    private static IEnumerable<Signal> QuarterAskedFirst(IEnumerable<Signal> signals, ParsedQuestion q) =>
        signals.OrderBy(s => q.Quarter is { } asked && s.Period is { Kind: PeriodKind.FiscalQuarter, Quarter: var quarter } && quarter == asked ? 0 : 1);

    /// <summary>Watched companies' moves of the kinds given in a stretch of days, the way asked (a fall, a rise), the largest first.</summary>
    private async Task<List<Signal>> CompanyMovesInAsync(DateWindow window, IEnumerable<SignalKind> kinds, int direction, DateOnly? asOf) =>
        (await Task.WhenAll(kinds.Select(k => tools.SignalsOfKindAsync(k, null, asOf)))).SelectMany(x => x)
            .Where(s => s.Company is { } c && tools.Directory.IsKnown(c) && s.Period.Start is { } start && window.Overlaps(start, s.Period.End ?? start)
                && (direction == 0 || Moves(s) is not { } change || Math.Sign(change) == direction))
            .OrderByDescending(s => s is MarketCapMove m ? Math.Abs(m.Change.Amount) : 0).ToList();

    /// <summary>The first line of an answer from the market's figures: the closest one or two, in words and figures.</summary>
    private void MarketLead(IReadOnlyList<Signal> found, AnswerBuilder answer, ParsedQuestion q)
    {
        if (found.Count == 0) return;
        // "…, and what's that per company on average?": the total over the companies it names, worked out first.
        // ("… per company on average, and annualised for all four?": both worked out, in one lead.)
        if (new[] { AveragePerCompany(q, found, answer.AsOf), AnnualisedMarket(q, found, answer.AsOf) }.OfType<string>().ToList() is { Count: > 0 } worked)
            answer.Lead(string.Join(". ", worked) + ".");
        if (MarketPairWorked(q, found, answer.AsOf) is { } pair) answer.Lead($"{pair}.");
        answer.Lead(string.Join("; ", found.Take(2).Select(s => $"{Capitalise(s is Metric ? s.DescribeValue() : $"{KindLabel(s)}: {s.DescribeValue()}")} ({When(s, answer.AsOf)})"))
            + (found.Count > 2 ? $"; and {found.Count - 2} more below." : "."));
    }

    /// <summary>
    /// "What's the gap between global hyperscale capex and data-centre spending in 2024?", "how many points bigger is
    /// AI's share of US venture capital than of global?", "$2tn of revenue as a multiple of $500bn of capex": the two
    /// market figures the question names first, of one unit, set against each other (shares differ in points).
    /// </summary>
    private string? MarketPairWorked(ParsedQuestion q, IReadOnlyList<Signal> found, DateOnly? asOf)
    {
        var ratio = QuestionParser.AsksRatio(q.Text);
        if (found.Take(2).OfType<Metric>().ToList() is not [var a, var b] || a.Unit != b.Unit || a.Value <= 0 || b.Value <= 0) return null;
        // ("AI's share of venture capital globally in 2024 vs in the US in H1 2025: gap in percentage points?": two shares
        // apart in points, whatever else the words ask.)
        var pointsAsked = a.Unit == "percent" && !ratio && Regex.IsMatch(q.Text, @"\b(percentage[ -]points?|how many points|in points|prozentpunkt\w*)\b", RegexOptions.IgnoreCase);
        // (A change runs from one year to another; of one year's two figures, a percent asked is a share: "global hyperscale
        // capex in 2024, and how much of the year's data-centre spending was that in percent?")
        var percentChange = !ratio && !pointsAsked && QuestionParser.AsksPercentChange(q.Text) && a.Period.ReferenceYear != b.Period.ReferenceYear;
        var share = !ratio && !percentChange && !pointsAsked && SharePart.IsMatch(q.Text);
        if (!ratio && !share && !percentChange && !pointsAsked && !QuestionParser.AsksDifference(q.Text) || QuestionParser.AsksTotal(q.Text)) return null;
        var money = a.Unit.Length == 3 && a.Unit.All(char.IsAsciiLetterUpper);
        // (Gigawatts and other units of one kind set against each other as a multiple or a share; percentages apart in points.)
        if (!money && a.Unit != "percent" && !(ratio || share) || a.Unit is "percent" or "count" && share) return null;
        var (upper, lower) = a.Value >= b.Value ? (a, b) : (b, a);
        var about = a.Qualifier is Qualifier.About or Qualifier.AtLeast or Qualifier.AtMost || b.Qualifier is Qualifier.About or Qualifier.AtLeast or Qualifier.AtMost ? "about " : "";
        string Said(Metric m) => $"{m.DescribeValue()} ({When(m, asOf)})";
        if (share)
        {
            var partExact = lower.Value / upper.Value * 100;
            var part = Math.Round(partExact, 1);
            Derived = [.. Derived, new { computed = "share", of = new[] { lower.Id, upper.Id }, percent = part }];
            return $"{Capitalise(about)}{PercentRecorded(part, partExact)} (worked out): {Said(lower)} out of {Said(upper)}";
        }
        // ("Data-centre spend 2024 vs Dell'Oro's 2025 figure — growth in %?": the later figure over the earlier, of money.)
        if (percentChange && money)
        {
            var (later, earlier) = a.Period.ReferenceYear > b.Period.ReferenceYear ? (a, b) : (b, a);
            var changeExact = (later.Value - earlier.Value) / earlier.Value * 100;
            var change = Math.Round(changeExact, 1);
            Derived = [.. Derived, new { computed = "percent change", of = new[] { earlier.Id, later.Id }, percent = change }];
            // ("… how big is the increase in dollars and in percent?": the gap in money too.)
            var inMoney = "";
            if (QuestionParser.AsksDifference(q.Text) || Regex.IsMatch(q.Text, @"\bin (dollars|dollar terms|usd|absolute terms|money)\b", RegexOptions.IgnoreCase))
            {
                var apart = about.Length > 0 ? Significant(new Money(Math.Abs(later.Value - earlier.Value), a.Unit)) : Hundredth(new Money(Math.Abs(later.Value - earlier.Value), a.Unit));
                Computed("difference", [earlier.Id, later.Id], apart, apart);
                inMoney = $", {about}{apart.ToHuman()} {(change < 0 ? "less" : "more")}";
            }
            return $"{(change < 0 ? "Down" : "Up")} {about}{PercentRecorded(Math.Abs(change), Math.Abs(changeExact))}{inMoney} (worked out): {Said(later)} against {Said(earlier)}";
        }
        if (percentChange && !QuestionParser.AsksDifference(q.Text)) return null;
        if (ratio)
        {
            var times = Math.Round(upper.Value / lower.Value, 1);
            Derived = [.. Derived, new { computed = "ratio", of = new[] { upper.Id, lower.Id }, times }];
            // ("… how much more is that, and what multiple?": the gap asked beside the multiple comes first.)
            if (money && QuestionParser.AsksDifference(q.Text))
            {
                var apart = Significant(new Money(upper.Value - lower.Value, upper.Unit));
                Computed("difference", [upper.Id, lower.Id], apart, apart);
                return $"Difference: {about}{apart.ToHuman()}, {about}{TimesRecorded(times, upper.Value / lower.Value)} (worked out): {Said(upper)} against {Said(lower)}";
            }
            return $"{Capitalise(about)}{TimesRecorded(times, upper.Value / lower.Value)} (worked out): {Said(upper)} against {Said(lower)}";
        }
        if (money)
        {
            var gap = Significant(new Money(upper.Value - lower.Value, upper.Unit));
            Computed("difference", [upper.Id, lower.Id], gap, gap);
            return $"Difference: {about}{gap.ToHuman()} (worked out): {Said(upper)} against {Said(lower)}";
        }
        var points = upper.Value - lower.Value;
        Derived = [.. Derived, new { computed = "difference", of = new[] { upper.Id, lower.Id }, points }];
        return $"Difference: {about}{points.ToString(System.Globalization.CultureInfo.InvariantCulture)} percentage points (worked out): {Said(upper)} against {Said(lower)}";
    }

    private static readonly Regex PlannedTotal = new(@"\b(plans?|planned|guidance|outlook|expected|forecast)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// Market-wide figures for a question that names companies: those whose name shares three of its words, or two and
    /// names one of the companies ("combined AI capex of Alphabet, Amazon, Meta and Microsoft").
    /// </summary>
    private async Task<int> AnswerMarketMetricsAboutAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var metrics = (await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null).ToList();
        var names = q.Companies.Select(c => tools.Directory.Profile(c)).SelectMany(p => p.Aliases.Append(p.Name)).ToList();
        // One company with kinds of its own asked about ("Amazon's free cash flow together with …") is a question about
        // that company; several named together, or words only the market's figures share, are one about the market.
        // "OpenAI alone", "Amazon by itself": the company's own figure, which a market total is not.
        if (q.Companies.Count == 1 && (q.Kinds.Count > 0 || QuestionParser.AsksAlone(q.Text))) return 0;
        var found = Relevant(metrics, q, allowSingleWord: false, minHits: 3)
            .Concat(q.Companies.Count > 1 ? Relevant(metrics, q, allowSingleWord: false).Where(s => names.Any(n => QuestionParser.Mentions(NameOf(s), n))) : [])
            // "What did Alphabet, Amazon, Meta and Microsoft spend between them?": a sum asked, and a market figure that
            // names every company asked (of a kind the question asks for) is that sum.
            // (So is it when the share that sum makes of another figure is asked: "what share of global capex comes from
            // Amazon, Meta, Google and Microsoft?")
            .Concat((q.Sum || SharePart.IsMatch(q.Text) || QuotedFigures(q.Text).Any(x => x.Unit == QuotedUnit.Money && metrics.Any(m => Carries(m, x, answer.AsOf)))) && q.Companies.Count > 1 ? metrics.Where(s => tools.Directory.FindMentionsInQuestion(NameOf(s)) is var named && q.Companies.All(c => named.Any(m => m.Candidates.Contains(c))) && (q.Kinds.Count == 0 || q.Kinds.Any(k => QuestionParser.PhrasesOf(k).Any(p => QuestionParser.Mentions(NameOf(s), p))))) : [])
            .DistinctBy(s => s.Id)
            // "Meta's private credit plus Oracle's bonds", "Amazon and Microsoft combined": a total that names companies is
            // the answer only for just those companies (four together are not two of them).
            // ("Nvidia and AMD data-centre revenue": a company's own kind of figure, which no market figure naming no company is.)
            .Where(s => tools.Directory.FindMentionsInQuestion(NameOf(s)).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).ToHashSet() is var named
                && (named.Count == 0 ? !q.Kinds.Any(k => k is SignalKind.Revenue or SignalKind.Eps or SignalKind.Valuation or SignalKind.OperatingCashFlow or SignalKind.FreeCashFlow or SignalKind.Buyback or SignalKind.OrderIntake or SignalKind.OrderBacklog) : named.SetEquals(q.Companies)))
            .ToList();
        found = QuarterAskedFirst(Newest(Filter(found, q, answer.AsOf)), q).Take(8).ToList();
        // "How much do the four together plan to invest?": a total of plans answers it; what they spent in a quarter does not.
        // (A share beside it is no amount spent and stays.)
        if (q is { WantsGuidance: true, WantsActual: false } && found.Any(s => PlannedTotal.IsMatch(NameOf(s))))
            found = found.Where(s => PlannedTotal.IsMatch(NameOf(s)) || s is not Metric { Unit.Length: 3 }).ToList();
        MarketLead(found, answer, q);
        foreach (var s in found) answer.Line(s, Described(s, answer.AsOf, "Market"));
        return found.Count;
    }

    /// <summary>
    /// "What happened in the first week of November?": the moves, deals, news and market figures of that stretch of days,
    /// the largest first.
    /// </summary>
    private async Task AnswerWindowAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var window = q.Month?.Resolve(Today(answer.AsOf)) ?? QuarterWindow(q.Years[0], q.Quarter!.Value);
        var kinds = Enum.GetValues<SignalKind>();
        var reads = await Task.WhenAll(kinds.Select(k => tools.SignalsOfKindAsync(k, null, answer.AsOf)).Append(tools.MarketSignalsAsync(null, null, answer.AsOf)));
        // A month or week holds events; a quarter also the figures reported for it.
        var pool = Filter(reads.SelectMany(r => r).Where(s => s.Company is not null || s.Kind is SignalKind.Metric or SignalKind.FinancingDeal).DistinctBy(s => s.Id).ToList(), q, answer.AsOf);
        List<Signal> Within(DateWindow w) => pool.Where(s => s.Period.Kind is PeriodKind.Day or PeriodKind.Days or PeriodKind.Month ? w.Overlaps(s.Period.Start!.Value, s.Period.End!.Value)
                : q.Month is null && s.Period.Kind == PeriodKind.FiscalQuarter).ToList();
        var signals = Within(window);
        // ("… in dieser Ausverkaufswoche Anfang November": a month without a year is the latest one that has something, going
        // back at most three years, as Filter reads it.)
        foreach (var earlier in EarlierYearsOf(q, answer.AsOf))
        {
            if (signals.Count > 0) break;
            if (Within(earlier) is { Count: > 0 } found) (window, signals) = (earlier, found);
        }
        // "What changed on 5 February 2026?": a single day also holds what became known that day, whatever period it is for.
        var oneDay = window.Start == window.End;
        if (oneDay)
            signals = [.. signals, .. reads.SelectMany(r => r).Where(s => s.KnownOn == window.Start && (s.Company is not null || s.Kind is SignalKind.Metric or SignalKind.FinancingDeal)).DistinctBy(s => s.Id).Where(s => !signals.Contains(s))];
        // ("What did the semiconductor companies announce in the last week of January 2026?": a group's window is what
        // its companies did or made known then.)
        // (A country alone, "American households", names no companies.)
        if (q.Group.Count > 0 && q.GroupSector is not null)
            signals = [.. signals.Where(s => s.Company is { } c && q.Group.Contains(c)),
                .. reads.SelectMany(r => r).Where(s => s.Company is { } c && q.Group.Contains(c) && window.Overlaps(s.KnownOn, s.KnownOn) && !signals.Contains(s)).DistinctBy(s => s.Id)];
        var on = oneDay ? "On" : "In";
        if (signals.Count == 0)
        {
            answer.Note($"I have nothing dated {on.ToLowerInvariant()} {window.Label}{AsOfClause(answer.AsOf)}.");
            return;
        }
        var ordered = signals.OrderByDescending(s => s.Figures().Where(f => f.Unit == "USD").Select(f => Math.Abs(f.Value)).DefaultIfEmpty(0).Max()).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
        answer.Lead($"{on} {window.Label}: {string.Join("; ", ordered.Take(3).Select(s => $"{(s.Company is null ? "" : Name(s.Company) + ", ")}{KindLabel(s)}: {s.DescribeValue()}"))}.");
        foreach (var s in ordered.Take(12))
            answer.Line(s, Described(s, answer.AsOf, s.Company is null ? "Market" : Label(s.Company)));
        // "Macro backdrop in November 2025: consumer sentiment and the tariff on Chinese goods?": market figures the
        // question names that run over the month rather than fall in it.
        var year = window.Start.Year;
        var named = Relevant((await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null && !answer.Shows(s.Id) && Covers(s, year, false)), q, allowSingleWord: false);
        foreach (var s in named.Take(4)) answer.Line(s, Described(s, answer.AsOf, "Market"));
    }

    private static DateWindow QuarterWindow(int year, int quarter)
    {
        var start = new DateOnly(year, quarter * 3 - 2, 1);
        return new DateWindow(start, start.AddMonths(3).AddDays(-1), $"Q{quarter} {year}");
    }

    /// <summary>
    /// A deal with a party that is not on the watchlist ("How much did SoftBank invest in OpenAI?"): only deals whose
    /// other side is that party count; without one, the answer says so rather than give the company's own spending.
    /// </summary>
    private async Task AnswerDealWithOtherAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        foreach (var company in q.Companies)
        {
            var deals = (await tools.SignalsAsync(company, SignalKind.FinancingDeal, null, answer.AsOf)).OfType<FinancingDeal>()
                .Where(d => q.OtherNames.Any(n => d.Investor.Contains(n, StringComparison.OrdinalIgnoreCase) || d.Investee.Contains(n, StringComparison.OrdinalIgnoreCase)))
                .Cast<Signal>().ToList();
            foreach (var d in Newest(Filter(deals, q, answer.AsOf))) answer.Line(d, Described(d, answer.AsOf, Label(company)));
        }
        if (!answer.Answered)
            answer.Note($"I have no deal between {string.Join(" or ", q.Companies.Select(Label))} and {string.Join(" or ", q.OtherNames)}{AsOfClause(answer.AsOf)}; {string.Join(", ", q.OtherNames)} {(q.OtherNames.Count == 1 ? "is" : "are")} not on the watchlist.");
    }

    /// <summary>Capex questions cover guidance, actuals and investment plans unless the words pick one.</summary>
    private static readonly Regex CapexGuidanceNamed = new(@"\b(capex|capital expenditures?|capital spending|investitions?)[ -](guidance|guide|outlook|forecast|prognose|ausblick)\b", RegexOptions.IgnoreCase);

    private static IEnumerable<SignalKind> ExpandKinds(ParsedQuestion q)
    {
        // "How much of its operating cash goes into capex": the share is the answer, not capex or cash flow alone.
        var ratio = q.Kinds.Contains(SignalKind.CapexCashFlowRatio);
        foreach (var kind in q.Kinds)
        {
            if (ratio && (kind is SignalKind.OperatingCashFlow || kind is SignalKind.Capex && !q.WantsGuidance)) continue;
            if (kind == SignalKind.Capex)
            {
                // Two years side by side ("2026 vs 2025 actual") compare a plan with what was spent: both.
                // So does one company's gap ("how far above that guide did actual spending end up").
                var both = q.Years.Count > 1 || q.Companies.Count == 1 && QuestionParser.AsksDifference(q.Text);
                if (q.WantsGuidance || !q.WantsActual || both) yield return SignalKind.CapexGuidance;
                if (q.WantsActual || !q.WantsGuidance || both) yield return SignalKind.Capex;
                // (A plan to build is planned spending, but not when capex guidance is asked for by name: a project is not it.)
                if (q.WantsGuidance && !q.Kinds.Contains(SignalKind.InvestmentPlan) && !CapexGuidanceNamed.IsMatch(q.Text)) yield return SignalKind.InvestmentPlan;
            }
            else if (kind == SignalKind.News)
            {
                // Export-control news is news too.
                yield return SignalKind.News;
                if (!q.Kinds.Contains(SignalKind.ExportControl)) yield return SignalKind.ExportControl;
            }
            else yield return kind;
        }
    }

    private static IEnumerable<T> Newest<T>(IReadOnlyList<T> signals) where T : Signal =>
        signals.OrderByDescending(s => s.Period.ApproximateEnd).ThenByDescending(s => s.KnownOn).ThenBy(s => s.Id, StringComparer.Ordinal);

    private static int KindOrder(SignalKind kind) => kind switch
    {
        SignalKind.CapexGuidance => 0, SignalKind.Capex => 1, SignalKind.CapexCashFlowRatio => 2, SignalKind.OperatingCashFlow => 3,
        SignalKind.FreeCashFlow => 4, SignalKind.Revenue => 5, SignalKind.Valuation => 6, _ => 10 + (int)kind,
    };

    private string Label(string ticker)
    {
        var p = tools.Directory.Profile(ticker);
        return p.Name == p.Ticker ? p.Ticker : $"{p.Name} ({p.Ticker})";
    }

    private string Name(string ticker) => tools.Directory.Profile(ticker).Name;

    /// <summary>An evidence line: whose figure (the company's label, else "Market"), its kind and period, and its value.</summary>
    private string Described(Signal s, DateOnly? asOf, string? who = null) =>
        $"{who ?? (s.Company is { } c && tools.Directory.IsKnown(c) ? Label(c) : "Market")}, {KindLabel(s)}{PeriodPhrase(s, asOf)}: {s.DescribeValueWithQualifier(asOf)}";

    private static string? FilerOf(Signal s) => s switch
    {
        OptionPosition o => o.Filer,
        ShortPosition p => p.Filer,
        _ => null,
    };

    /// <summary>A deal's kind and amount: "equity, $2 billion".</summary>
    private static string DealTerms(FinancingDeal d)
    {
        var value = d.DescribeValue();
        var colon = value.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? value : value[(colon + 2)..];
    }

    /// <summary>A deal's party: a company's name, or the words the source used ("bond investors").</summary>
    /// <summary>
    /// Whether the question names a deal's investor, one the watchlist does not know, by its own words: "Meta (private
    /// credit)", "CoreWeave (public debt+equity)", "CoreWeave (debt and equity)" (the words without "public" name it too).
    /// </summary>
    private bool InvestorNamed(string question, FinancingDeal deal) =>
        !tools.Directory.IsKnown(deal.Investor) && PartyName(deal.Investor).Replace(" investors", "", StringComparison.Ordinal) is var party
        && new[] { party, Regex.Replace(party, @"^public\s+", "") }.Any(p => QuestionParser.Mentions(question.Replace("+", " and ", StringComparison.Ordinal), p));

    private string PartyName(string party) => tools.Directory.IsKnown(party) ? Name(party) : party;

    /// <summary>Capex says whether it is guidance or what was spent, so the two are never read one for the other.</summary>
    private static string KindLabel(Signal s) => s.Kind switch
    {
        SignalKind.Capex => "capex (actual)",
        _ => s.Kind.Label(),
    };

    /// <summary>A signal's period as a reader should see it, a fiscal year with the month it ends in.</summary>
    private string When(Signal s, DateOnly? asOf) =>
        TimeWords.Human(s.Period, s.Company is { } c && tools.Directory.IsKnown(c) ? tools.Directory.Profile(c) : null, Today(asOf));

    private string PeriodPhrase(Signal s, DateOnly? asOf) => s.Kind switch
    {
        SignalKind.ExportControl or SignalKind.News or SignalKind.MarketCapMove or SignalKind.PriceMove or SignalKind.FinancingDeal => $" ({When(s, asOf)})",
        _ => $" for {When(s, asOf)}",
    };

    // ("on 31 December 2025" for a day, "in November 2025" for a longer stretch.)
    private string WindowClause(ParsedQuestion q, DateOnly? asOf) => q.Month is { } m && m.Resolve(Today(asOf)).Label is var label ? $" {(char.IsAsciiDigit(label[0]) && !label.Contains('–') ? "on" : "in")} {label}" : "";

    private static string ProjectClause(ParsedQuestion q) => QuestionParser.ProjectsIn(q.Text) is { Count: > 0 } projects ? $" ({string.Join(", ", projects.Select(Capitalise))})" : "";

    /// <summary>The question asks what runs now ("operate today", "drawing today"), which a plan's target is not.</summary>
    private static bool RunsToday(ParsedQuestion q) =>
        QuestionParser.MentionsAny(q.Text, "operate", "operates", "operating", "in operation", "today", "currently", "right now", "betreibt", "derzeit", "heute");

    /// <summary>How many of a plan's own words (its project, where a place is not named) the question uses, "foreign" and "overseas" counting for "international".</summary>
    private static int PlanWordsNamed(Signal s, string question, IEnumerable<Signal>? others = null)
    {
        if (s is not InvestmentPlan { Project: { Length: > 0 } project }) return 0;
        // (With others given, only the words no other plan's project has.)
        if (others is not null)
            project = string.Join(' ', ProjectWords(project).Except(others.OfType<InvestmentPlan>().SelectMany(o => ProjectWords(o.Project ?? ""))));
        var asked = " " + Regex.Replace(CompanyDirectory.Normalize(question), @"\b(foreign|overseas|abroad|auslandische\w*|imported|non chinese)\b", "international") + " ";
        asked = Regex.Replace(asked, @"\b(at home|home grown|homegrown|local|chinese made|im inland|heimische\w*|einheimische\w*|inlandische\w*)\b", "domestic");
        return ProjectWords(project).Count(w => Regex.IsMatch(asked, $@" {Regex.Escape(w)}(s|es)? "));
    }

    private static IEnumerable<string> ProjectWords(string project) =>
        CompanyDirectory.Normalize(project).Split(' ').Where(w => w.Length >= 4).Select(w => w.EndsWith('s') ? w[..^1] : w).Distinct();

    /// <summary>Where a plan is, as a question would name it ("North Carolina"), if it says.</summary>
    /// <summary>"campus investments other than Pennsylvania": a figure of a place the question sets aside.</summary>
    private static bool PlaceSetAside(Signal s, ParsedQuestion q) => PlaceOf(s) is { } place && q.SetAsideWords.Any(w => QuestionParser.MentionsLoosely(w, place));

    private static string? PlaceOf(Signal s) => s switch
    {
        InvestmentPlan { Location: { Length: > 0 } l } => l.Split(',')[0].Trim(),
        _ => null,
    };

    /// <summary>A figure in money: an amount with a currency.</summary>
    private static bool IsMoney(Signal s) => s.Figures().Any(f => f.Unit is { Length: 3 } u && u.All(char.IsAsciiLetterUpper));

    private static bool FromInvestors(ParsedQuestion q) => q.Companies.Count == 1 &&
        Regex.IsMatch(CompanyDirectory.Normalize(q.Text), @"\b(from|von|bei) (\w+ )?(investors|investoren|geldgebern)\b"
            // "pulled in from public debt and equity markets", "raised in public markets": investors at large.
            + @"|\b(from|in|on|am|an|vom) (the |den |dem )?(public |open |offentlichen )?((debt|equity|bond|stock|capital|credit) (and |or |und )?){1,2}(markets?|markten?|markt)\b|\bpublic markets?\b");

    /// <summary>A deal's payer that is investors at large ("investors", "VCs"), not a company.</summary>
    private bool IsInvestors(string party) => !tools.Directory.IsKnown(party) && QuestionParser.MentionsAny(party, "investors", "investor", "vcs", "venture");

    private static string DirectionClause(ParsedQuestion q) => q.Direction switch { < 0 => " that is a fall", > 0 => " that is a rise", _ => "" };

    // "for Q3 2025" when a quarter of one year was asked: "for 2025" would deny the year's other quarters too.
    private static string YearClause(ParsedQuestion q) => q.Years.Count == 0 ? ""
        : q is { Quarter: { } quarter, Quarters.Count: <= 1, Years.Count: 1 } ? $" for Q{quarter} {q.Years[0]}"
        : $" for {(q.Calendar ? "calendar " : "")}{string.Join(" or ", q.Years)}";

    internal static string AsOfClause(DateOnly? asOf) => asOf is { } d ? $" as of {d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}" : "";

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static Answer NotAnswered(string question, IReadOnlyList<string> companies, DateOnly? asOf, string text) =>
        new(question, text, false, companies, [], asOf, EngineName);

}

internal static class SignalText
{
    /// <summary>
    /// The value (with its qualifier, "about $131 billion") and the source's note. Answered as of a day, a sentence of
    /// the note about what became known later ("Seed 002 later puts …") is left out: it was not known then.
    /// </summary>
    public static string DescribeValueWithQualifier(this Signal s, DateOnly? asOf = null)
    {
        var note = s.Note;
        if (asOf is not null && note is { Length: > 0 })
            note = string.Join(" ", Regex.Split(note, @"(?<=[.!?])\s+").Where(sentence => !Regex.IsMatch(sentence, @"\blater\b", RegexOptions.IgnoreCase)));
        return s.DescribeValue() + (note is { Length: > 0 } ? $" ({note})" : "");
    }
}
