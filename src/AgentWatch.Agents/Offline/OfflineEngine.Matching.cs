using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

/// <summary>Tying a question's words to figures the kinds do not reach: metrics and plans by their names.</summary>
public sealed partial class OfflineEngine
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "how", "much", "many", "what", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been", "the", "a", "an", "of", "in", "on", "for",
        "to", "did", "does", "do", "its", "it", "their", "they", "by", "and", "or", "than", "that", "this", "these", "those", "with", "at", "from", "as",
        "about", "into", "there", "any", "has", "have", "had", "will", "would", "can", "could", "should", "per", "ai", "company", "companies", "s", "show",
        "me", "tell", "give", "get", "early", "late", "mid", "wie", "viel", "viele", "hoch", "ist", "der", "die", "das", "von", "fur", "und", "hat", "den", "dem", "im", "ein", "eine",
    };

    /// <summary>
    /// Metrics and plans whose name (a plan's project and place) shares at least two of the question's words, or, when
    /// <paramref name="allowSingleWord"/>, one longer word that names no other candidate ("Nasdaq", "tariff").
    /// </summary>
    private IReadOnlyList<Signal> Relevant(IEnumerable<Signal> candidates, ParsedQuestion q, bool allowSingleWord, int minHits = 2, bool unique = true, IReadOnlySet<string>? notAlone = null) =>
        RelevantScored(candidates, q, allowSingleWord, minHits, unique, notAlone).Select(x => x.Signal).ToList();

    /// <summary><see cref="Relevant"/> with how many of the question's words each figure shares.</summary>
    private IReadOnlyList<(Signal Signal, int Hits)> RelevantScored(IEnumerable<Signal> candidates, ParsedQuestion q, bool allowSingleWord, int minHits = 2, bool unique = true, IReadOnlySet<string>? notAlone = null)
    {
        var names = q.Companies.Concat(q.Filers).SelectMany(c =>
        {
            var p = tools.Directory.Profile(c);
            return Words(string.Join(' ', p.Aliases.Append(p.Name).Append(p.Ticker)));
        }).ToHashSet(StringComparer.Ordinal);
        var words = Words(WithNamesOfDescriptions(q.Text)).Where(w => !StopWords.Contains(w) && !names.Contains(w) && !(w.Length == 4 && w.All(char.IsAsciiDigit))).Distinct().ToList();
        // A group asked about ("the four biggest US tech platforms") matches figures that name its companies.
        if (q.Companies.Count == 0) words.AddRange(q.Group.Select(c => CompanyDirectory.Normalize(tools.Directory.Profile(c).Name)).Where(n => !n.Contains(' ')));
        if (words.Count == 0) return [];
        var scored = candidates
            .Select(s => (Signal: s, Hits: words.Where(w => Words(NameOf(s)).Any(x => SameWord(w, x))).ToList()))
            .Where(x => x.Hits.Count > 0)
            .ToList();
        // The figures sharing the most of the question's words first.
        return scored.Where(x => x.Hits.Count >= minHits || (allowSingleWord && x.Hits.Any(h => Synonyms.GetValueOrDefault(h, h).Length >= 5 && !IsKindWord(h) && notAlone?.Contains(h) != true && (!unique || scored.Count(y => y.Hits.Contains(h)) == 1))))
            .OrderByDescending(x => x.Hits.Count).Select(x => (x.Signal, x.Hits.Count)).ToList();
    }

    /// <summary>
    /// The last resort for a question no kind, company or market figure was read from ("Is electricity the bottleneck,
    /// and is China better placed?"): the figures whose names and notes share at least two of its topic words, the
    /// closest first. Nothing is offered on one shared word, which ties too many figures to too many questions.
    /// </summary>
    private async Task AnswerClosestAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var words = TopicWords(q).Select(w => Synonyms.GetValueOrDefault(w, w)).Distinct().ToList();
        if (words.Count < 2) return;
        var watched = tools.Directory.Companies.Where(c => c.Watched).Select(c => c.Ticker).ToList();
        var candidates = (await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null)
            .Concat((await Task.WhenAll(watched.Select(t => tools.SignalsAsync(t, null, null, answer.AsOf)))).SelectMany(x => x))
            .DistinctBy(s => s.Id).ToList();
        // A figure of another country than the one asked is not close to it.
        candidates = OfPlacesAsked(candidates, q);
        var scored = candidates
            .Select(s => (Signal: s, Hits: words.Count(w => Words(NameOf(s)).Concat(TopicWordsOf(s)).Any(x => SameWord(w, x)))))
            .Where(x => x.Hits >= 2).ToList();
        if (scored.Count == 0) return;
        var best = scored.Max(x => x.Hits);
        var closest = scored.Where(x => x.Hits >= best - 1 && x.Hits >= 2).OrderByDescending(x => x.Hits).ThenBy(x => KindOrder(x.Signal.Kind))
            .Select(x => x.Signal).Take(4).ToList();
        // "AI stocks delivered three quarters of S&P 500 returns. What's the equivalent share for capex growth?": after a
        // statement, the figures the question itself names come first; the statement's own figure is not the answer.
        if (closest.Count > 1 && QuestionParser.Sentences(q.Text) is { Length: >= 2 } sentences
            && Words(sentences[^1]).Where(w => !StopWords.Contains(w)).Select(w => Synonyms.GetValueOrDefault(w, w)).Distinct().ToList() is { Count: >= 2 } asked)
        {
            var byAsked = closest.Select(c => (Signal: c, Hits: asked.Count(w => Words(NameOf(c)).Concat(TopicWordsOf(c)).Any(x => SameWord(w, x))))).ToList();
            var top = byAsked.Max(x => x.Hits);
            if (top >= 2 && byAsked.Count(x => x.Hits == top) < byAsked.Count) closest = byAsked.Where(x => x.Hits == top).Select(x => x.Signal).ToList();
        }
        // "global hyperscale capex in 2023?" when the figure is 2024's: the periods held are said, not another year's figure.
        if (q.Years.Count > 0 && closest.All(s => !q.Years.Any(y => Covers(s, y, q.Calendar))))
        {
            answer.Note($"I have no figure for {string.Join(" or ", q.Years)} on that{AsOfClause(answer.AsOf)}; what I have is for other periods: {OtherPeriods(closest, answer.AsOf)}.");
            return;
        }
        // "… in the second half of 2025?" when the figure is the first half's: likewise.
        if (q.Month?.Resolve(Today(answer.AsOf)) is { } window && closest.All(s => TimeWords.Span(s.Period, FiscalYearEndMonth(s)) is var (start, end) && !window.Overlaps(start, end)))
        {
            answer.Note($"I have no figure for {window.Label} on that{AsOfClause(answer.AsOf)}; what I have is for other periods: {OtherPeriods(closest, answer.AsOf)}.");
            return;
        }
        answer.Lead($"No figure answers that directly{AsOfClause(answer.AsOf)}; the closest I have: {string.Join("; ", closest.Select(s => $"{(s.Company is { } c && tools.Directory.IsKnown(c) ? Name(c) + " " : "")}{KindLabel(s)}{(s is Metric m ? $" ({m.Name})" : "")}: {s.DescribeValueWithQualifier()} ({When(s, answer.AsOf)})"))}.");
        foreach (var s in closest) answer.Line(s, Described(s, answer.AsOf));
    }

    /// <summary>Figures named by what they measure and when, never by their values: they answer another period.</summary>
    private string OtherPeriods(IEnumerable<Signal> figures, DateOnly? asOf) =>
        string.Join("; ", figures.Select(s => $"{(s.Company is { } c && tools.Directory.IsKnown(c) ? Name(c) + " " : "")}{(s is Metric m ? m.Name : KindLabel(s))} ({When(s, asOf)})"));

    /// <summary>What people call a thing instead of naming it ("the tech-heavy index" is the Nasdaq Composite).</summary>
    private static readonly (string Description, string Name)[] Descriptions =
    [
        ("tech heavy index", "nasdaq composite"), ("tech index", "nasdaq composite"), ("technology index", "nasdaq composite"),
        ("tech heavy", "nasdaq composite"), ("techlastige", "nasdaq composite"), ("technologiebörse", "nasdaq composite"), ("technologieborse", "nasdaq composite"),
        ("technologieindex", "nasdaq composite"), ("broad market index", "s&p 500"), ("benchmark index", "s&p 500"), ("leitindex", "s&p 500"),
        ("corporate america", "s&p 500"), ("whole stock market", "s&p 500"), ("us stock market", "s&p 500"), ("american stock market", "s&p 500"),
        ("stock market depend", "s&p 500"), ("stock market dependent", "s&p 500"), ("us aktienmarkt", "s&p 500"), ("amerikanische aktienmarkt", "s&p 500"), ("america s biggest companies", "s&p 500"), ("largest us companies", "s&p 500"),
    ];

    /// <summary>The question's text with the name of each thing it describes added.</summary>
    private static string WithNamesOfDescriptions(string text)
    {
        var normalized = CompanyDirectory.Normalize(text);
        var names = Descriptions.Where(d => QuestionParser.Mentions(normalized, d.Description)).Select(d => d.Name).Distinct().ToList();
        return names.Count == 0 ? text : $"{text} {string.Join(' ', names)}";
    }

    /// <summary>Words too common in notes and headlines to tell one figure's topic from another's.</summary>
    private static readonly HashSet<string> TopicStopWords = new(StringComparer.Ordinal)
    {
        "market", "value", "share", "shares", "stock", "stocks", "price", "prices", "billion", "million", "trillion", "percent", "year", "years", "quarter",
        "quarters", "month", "week", "days", "trading", "after", "before", "since", "first", "last", "next", "guidance", "plan", "plans", "planned", "figure",
        "figures", "article", "stated", "states", "says", "said", "about", "more", "less", "than", "also", "only", "each", "other", "company", "companies",
        "capex", "spend", "spending", "spent", "investment", "invest", "total", "fiscal", "numbers", "number", "what", "where", "when", "does", "doing", "have",
        "with", "their", "them", "they", "this", "that", "there", "been", "being", "from", "into", "over", "under", "still", "just", "like", "much", "many", "know",
        "anything", "something", "latest", "recent", "current", "news", "deal", "deals", "money", "loss", "losses", "lost", "lose", "gain", "gains", "gained",
        "drop", "dropped", "fell", "fall", "rise", "rose", "move", "moves", "moved", "change", "verloren", "hurt", "harder", "compare", "compared", "versus",
        "ends", "ended", "ending", "dollars", "dollar", "euros", "euro", "yuan", "renminbi", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "januar", "februar", "marz", "juni", "juli", "oktober", "dezember", "early", "late", "whole", "single", "statement", "announcement", "results",
    };

    /// <summary>The question's own words that may name a topic: no company, no stop word, no figure, four letters or more.</summary>
    private IReadOnlyList<string> TopicWords(ParsedQuestion q)
    {
        var names = q.Companies.Concat(q.Filers).SelectMany(c =>
        {
            var p = tools.Directory.Profile(c);
            return Words(string.Join(' ', p.Aliases.Append(p.Name).Append(p.Ticker)));
        }).ToHashSet(StringComparer.Ordinal);
        return Words(q.Text).SelectMany(CompoundParts).Where(w => w.Length >= 4 && !w.Any(char.IsAsciiDigit) && !StopWords.Contains(w) && !TopicStopWords.Contains(w) && !names.Contains(w)).Distinct().ToList();
    }

    /// <summary>"Rechenzentrumsausgaben" is "Rechenzentrum" and "Ausgaben": a German compound on a head the figures' words know.</summary>
    private static IEnumerable<string> CompoundParts(string word)
    {
        var head = CompoundHeads.FirstOrDefault(h => word.Length >= h.Length + 4 && word.StartsWith(h, StringComparison.Ordinal));
        if (head is null) return [word];
        var rest = word[head.Length..];
        return [head, rest.StartsWith('s') && rest.Length > 4 ? rest[1..] : rest];
    }

    private static readonly string[] CompoundHeads = ["rechenzentrum", "risikokapital", "marktanteil", "borsenwert"];

    /// <summary>The words of what a figure is about (its note, headline, project, place, products, segment), not of its value.</summary>
    private static HashSet<string> TopicWordsOf(Signal s, int minLength = 4)
    {
        var text = string.Join(' ', new[]
        {
            s.Note, (s as TextSignal)?.Headline, (s as InvestmentPlan)?.Project, (s as InvestmentPlan)?.Location, (s as Metric)?.Name,
            (s as FinancingDeal)?.Instrument, (s as Revenue)?.Segment, (s as CapacityPlan)?.Project, (s as ExportControl)?.Region, string.Join(' ', (s as ExportControl)?.Products ?? []),
        }.Where(t => !string.IsNullOrEmpty(t)));
        return Words(text).Where(w => w.Length >= minLength && !TopicStopWords.Contains(w)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Of several figures of one kind, those about what the question names beside the kind ("the market-cap hit from the
    /// Blackwell statement"): only when some are and some are not; the kind's own words say nothing about the topic.
    /// </summary>
    private IEnumerable<Signal> OnTopic(IReadOnlyList<Signal> signals, ParsedQuestion q)
    {
        // Moves only: their notes say what caused them, while other kinds' notes qualify the figure. Figures set side
        // by side are all wanted.
        if (signals.Count < 2 || signals.Any(s => s.Kind is not (SignalKind.MarketCapMove or SignalKind.PriceMove)) || q.Versus || q.Sum || QuestionParser.AsksTotal(q.Text) || q.Years.Count > 1) return signals;
        var kindWords = signals.Select(s => s.Kind).Distinct().SelectMany(k => k is SignalKind.CapexGuidance or SignalKind.Capex or SignalKind.InvestmentPlan
            ? QuestionParser.PhrasesOf(SignalKind.Capex).Concat(QuestionParser.PhrasesOf(SignalKind.InvestmentPlan)) : QuestionParser.PhrasesOf(k)).ToHashSet(StringComparer.Ordinal);
        var words = TopicWords(q).Where(w => !kindWords.Contains(w)).ToList();
        if (words.Count == 0) return signals;
        var matched = signals.Where(s => TopicWordsOf(s) is var topic && words.Any(topic.Contains)).ToList();
        return matched.Count > 0 && matched.Count < signals.Count ? matched : signals;
    }

    /// <summary>Kinds that answer for one another: what is built (capex, plans, capacity) is one family.</summary>
    private static SignalKind Family(SignalKind kind) => kind is SignalKind.Capex or SignalKind.CapexGuidance or SignalKind.InvestmentPlan or SignalKind.CapacityPlan ? SignalKind.Capex : kind;

    /// <summary>The words of a measure and of the phrases that ask for it, which alone tie no other figure to the question.</summary>
    private static HashSet<string> MeasureWords(string measure) =>
        [.. Words(measure), "pay", "paid", "bonus", "compensation", "salary", "package", "employ", "employees", "people", "staff", "headcount", "workforce", "dividend", "profit", "income", "net"];

    /// <summary>Whether a metric's name is of the measure asked ("pay" takes in packages, bonuses and salaries).</summary>
    private static bool IsMeasure(string name, string measure) => measure == "pay"
        ? QuestionParser.MentionsAny(name, "pay", "bonus", "compensation", "salary", "package")
        : QuestionParser.Mentions(name, measure);

    /// <summary>The words of the kinds asked for ("order" and "backlog" of "order backlog").</summary>
    private static HashSet<string> KindWords(IReadOnlyList<SignalKind> kinds) =>
        kinds.SelectMany(QuestionParser.PhrasesOf).SelectMany(p => CompanyDirectory.Normalize(p).Split(' ')).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The deals between two companies as the question asks them: the way the money goes when a verb says who pays
    /// ("CoreWeave paying Nvidia"), and of the deals left, those its words name ("cloud money") when some do and some not.
    /// </summary>
    private List<Signal> DealsAsAsked(List<Signal> deals, ParsedQuestion q)
    {
        if (q.Companies.Count == 2)
        {
            // Where each is first named, as the parser found them.
            var at = tools.Directory.FindMentionsInQuestion(q.Text).Where(m => m.Candidates.Count == 1)
                .GroupBy(m => m.Candidates[0]).ToDictionary(g => g.Key, g => g.Min(m => m.Match.Start));
            var (first, second) = at.GetValueOrDefault(q.Companies[0], -1) <= at.GetValueOrDefault(q.Companies[1], -1) ? (q.Companies[0], q.Companies[1]) : (q.Companies[1], q.Companies[0]);
            var (a, b) = (at.GetValueOrDefault(first, -1), at.GetValueOrDefault(second, -1));
            // ("How much did Nvidia invest in CoreWeave?": the verb's base form after "did" too.)
            // German puts the verb last: "hat sich Nvidia an CoreWeave beteiligt".
            if (a >= 0 && b > a && (Regex.IsMatch(q.Text[a..b], @"\b(pay|pays|paying|paid|buy|buys|buying|bought|lend|lends|lent|lending|invest|invests|invested|investing|puts|put|bet|bets|betting|backs|backed|backing)\b|\b(commits|committed|committing|pledges|pledged|pledging|pours|poured|pouring)\s+(to|into)\s*$", RegexOptions.IgnoreCase)
                || Regex.IsMatch(q.Text[b..], @"^\S+\s+(\S+\s+){0,3}(beteiligt|investiert|gesteckt|geliehen|bezahlt|gezahlt)\b", RegexOptions.IgnoreCase))
                // "… and does CoreWeave then buy Nvidia chips with it?": the money going back is asked too; so is either way round.
                && !Regex.IsMatch(q.Text[b..], @"\b(and|und)\b.*\b(buy|buys|kauft|kaufen|pay|pays|zahlt|spend|spends)\b|\b(other way (round|around)|vice versa|umgekehrt)\b", RegexOptions.IgnoreCase))
            {
                var directed = deals.Where(d => d is FinancingDeal f && f.Investor == first && f.Investee == second).ToList();
                if (directed.Count > 0) deals = directed;
            }
            // "How much does Microsoft collect from OpenAI?": the money goes from the second named to the first.
            else if (a >= 0 && b > a && Regex.IsMatch(q.Text[a..b], @"\b(collects?|collected|collecting|receives?|received|receiving|charges?|charged|bills?|billed)\b(\s+\S+){0,3}\s*$|\b(collects?|collected|collecting|receives?|received|receiving|gets?|got)\s+(\S+\s+){0,3}from\s*$", RegexOptions.IgnoreCase))
            {
                var directed = deals.Where(d => d is FinancingDeal f && f.Investor == second && f.Investee == first).ToList();
                if (directed.Count > 0) deals = directed;
            }
        }
        var words = TopicWords(q);
        var matched = deals.Where(d => TopicWordsOf(d).Any(t => words.Any(w => SameWord(w, t)))).ToList();
        return matched.Count > 0 && matched.Count < deals.Count && !q.Versus ? matched : deals;
    }

    /// <summary>The AI models a text names ("GPT-4", "o1", "R1", "V3"), folded ("gpt4"), to tell one model's figure from another's.</summary>
    private static HashSet<string> ModelsIn(string text) =>
        Regex.Matches(text, @"\b(gpt[- ]?\d(?:\.\d)?o?|o\d|r\d|v\d)\b", RegexOptions.IgnoreCase)
            .Select(m => m.Value.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The accelerator generations a text names ("H20", "Blackwell"), lower-cased.</summary>
    private static HashSet<string> ChipsIn(string text) =>
        Regex.Matches(text, @"\b(h20|h100|h200|h800|a100|a800|b200|b300|gb200|gb300|blackwell|hopper|rubin|mi300x?|mi350|ascend)(?=s?\b)", RegexOptions.IgnoreCase)
            // ("ship H20s to China": a chip named in the plural is the same chip.)
            .Select(m => m.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    /// <summary>A figure that names models (in its name or note), none of them one the question asks about.</summary>
    private static bool OfAnotherModel(Signal s, IReadOnlySet<string> asked) =>
        asked.Count > 0 && ModelsIn($"{NameOf(s)} {s.Note}") is { Count: > 0 } named && !named.Overlaps(asked);

    /// <summary>
    /// Figures that name no country or one the question names: "How much new power did the USA connect?" is not answered
    /// by China's 429 GW, however many words it shares.
    /// </summary>
    private static List<Signal> OfPlacesAsked(List<Signal> figures, ParsedQuestion q) =>
        QuestionParser.PlacesNamed(q.Text) is { Count: > 0 } places
            ? figures.Where(s => QuestionParser.PlacesNamed(NameOf(s)) is var its && (its.Count == 0 || its.Overlaps(places))).ToList()
            : figures;

    /// <summary>
    /// The kinds of deal a question names ("debt", "bonds", "a stake"), if any; those it sets aside ("compute contracts,
    /// not the equity or debt deals") are not, when another is named.
    /// </summary>
    private static HashSet<DealKind> DealKindsNamed(string question, bool raised = false)
    {
        var kept = Regex.Replace(question, @"\b(not|rather than|instead of|other than|excluding|except|nicht|statt|anstatt)\b[^.?!;]*", " ", RegexOptions.IgnoreCase);
        return kept != question && KindsNamed(kept, raised) is { Count: > 0 } asked ? asked : KindsNamed(question, raised);
    }

    private static HashSet<DealKind> KindsNamed(string question, bool raised)
    {
        var named = new HashSet<DealKind>();
        if (QuestionParser.MentionsAny(question, "debt", "bond", "bonds", "loan", "loans", "borrow", "borrowing", "borrowed", "lend", "lends", "lent", "lending", "lender", "lenders", "credit", "kredit", "anleihen", "anleihe", "privatkredit", "fremdkapital", "schulden", "geliehen", "verliehen")) named.Add(DealKind.Debt);
        if (QuestionParser.MentionsAny(question, "stake", "equity", "shares in", "beteiligung", "beteiligungszusage", "beteiligungszusagen", "beteiligt", "beteiligte")) named.Add(DealKind.Equity);
        // "sold data-centre capacity to OpenAI": capacity or compute bought is a contract for it (when no money raised is
        // asked beside it).
        if (named.Count == 0 && !QuestionParser.MentionsAny(question, "raised", "raise", "raises", "raising", "investors", "backers", "eingesammelt", "investoren")
            && QuestionParser.MentionsAny(question, "compute contract", "compute contracts", "cloud contract", "cloud contracts", "data centre capacity", "data center capacity", "computing capacity", "cloud capacity", "compute capacity")) named.Add(DealKind.ComputeContract);
        // ("CoreWeave's GPU purchase commitment with Nvidia": a purchase named as such.)
        if (QuestionParser.MentionsAny(question, "purchase commitment", "purchase commitments", "purchase agreement", "purchase agreements", "abnahmezusage", "abnahmezusagen", "kaufzusage", "kaufzusagen")) named.Add(DealKind.PurchaseCommitment);
        // ("Who does OpenAI pay for compute and cloud capacity?": compute on its own is the chips bought too.)
        if (named.Contains(DealKind.ComputeContract) && Regex.IsMatch(question, @"\b(?:pay|pays|paying|paid|spend\w*)\b.{0,30}\bcompute\b(?!\s+(?:contracts?|capacity|bills?)\b)", RegexOptions.IgnoreCase))
            named.Add(DealKind.PurchaseCommitment);
        // Money raised is borrowed or sold as shares, never a customer's contract.
        var raisedWords = QuestionParser.MentionsAny(question, "raised", "raise", "raises", "raising", "eingesammelt", "pulled in", "outside money");
        if (raised && named.Count == 0 && raisedWords) named.UnionWith([DealKind.Debt, DealKind.Equity]);
        // ("the capital it raised plus Nvidia's stake": a stake named beside money raised, which may be borrowed too.)
        if (raisedWords && named.SetEquals([DealKind.Equity])) named.Add(DealKind.Debt);
        // "is that equity, debt or a compute contract?": a deal's kind asked among the kinds, which picks none of them.
        if (named.Count == 2 && QuestionParser.MentionsAny(question, "compute contract", "compute contracts", "cloud contract", "cloud contracts")) named.Clear();
        return named;
    }

    private static readonly string[] Segments = ["gaming", "automotive", "data center", "data centre", "datacenter", "cloud", "aws", "azure", "google cloud", "advertising", "ads", "search",
        "youtube", "iphone", "services", "devices", "hardware", "networking", "professional visualization", "hbm", "memory", "foundry"];

    /// <summary>
    /// Revenue as asked: of the segment named ("gaming revenue" is not data-centre revenue), and in money when the
    /// question asks for dollars (a growth rate is not an amount).
    /// </summary>
    private List<Signal> RevenueAsked(IReadOnlyList<Signal> signals, ParsedQuestion q, IReadOnlyList<Signal> companyRevenue)
    {
        // "AWS, Palantir and DocuSign": a segment word that names a company is the company.
        var asked = Segments.Where(seg => QuestionParser.Mentions(q.Text, seg) && tools.Directory.FindMentionsInQuestion(seg).Count == 0).ToList();
        var found = signals.ToList();
        // "OpenAI versus Nvidia's data center segment": with several companies, a segment is asked only of those that
        // report it; the others' revenue as a whole is theirs.
        var reportsIt = companyRevenue.Any(s => s is Revenue { Segment: { } seg } && asked.Any(a => SameSegment(a, seg)));
        if (asked.Count > 0 && (q.Companies.Count < 2 || reportsIt))
            found = found.Where(s => s is Revenue { Segment: { } seg } && asked.Any(a => SameSegment(a, seg))).ToList();
        // ("Amazon's total net sales for Q4 2025, all segments together": one segment's revenue is not the whole.)
        if (asked.Count == 0 && Regex.IsMatch(q.Text, @"\b(total|all (its |their )?(segments|businesses|units)|overall|company[- ]wide|consolidated|group[- ]wide|gesamt\w*|konzernumsatz|konzernweit)\b", RegexOptions.IgnoreCase))
            found = found.Where(s => s is not Revenue { Segment: not null }).ToList();
        var dollars = Regex.IsMatch(q.Text, @"(\bdollars?\b|\busd\b|\beuros?\b|\bhow much revenue\b|\bhow much in revenue\b|\bbook(ed)?\b)", RegexOptions.IgnoreCase)
            // ("in dollars, not the growth rate": a growth set aside is not asked.)
            && !Regex.IsMatch(Regex.Replace(q.Text, @"\b(not|rather than|instead of|nicht)\s+(the\s+|die\s+|das\s+)?(\w+\s+){0,2}?(growth|percent|percentage|wachstum|rate)\b", " ", RegexOptions.IgnoreCase),
                @"\b(grow|grew|growth|wachstum|gewachsen|increase|rise|rose|percent|%)", RegexOptions.IgnoreCase);
        if (dollars) found = found.Where(s => s is Revenue { Amount: not null }).ToList();
        // A product's or a place's revenue is not the revenue of a segment that is not it, nor the company's whole.
        if (PartsOfRevenueAsked(q.Text).Any(isPart => !companyRevenue.Any(s => s is Revenue { Segment: { } seg } && isPart(seg))))
            found = [];
        return found;
    }

    private static readonly Regex RevenueOfPlace = new(@"\b(revenue|sales|umsatz)\s+(\w+\s+){0,2}(from|in|aus)\s+(the\s+)?(?<place>china|the us|us|europe|asia|japan|taiwan|india)\b|\b(?<place>china|chinese|european|asian|japanese)\s+(revenue|sales|umsatz)\b", RegexOptions.IgnoreCase);

    /// <summary>
    /// The parts of a business a question asks the revenue of besides its segment words, each as a test of whether a
    /// reported segment is that part: the products named beside a revenue word ("What run rate has Amazon's Trainium and
    /// Inferentia chip business reached?") and the place ("What share of Nvidia's revenue comes from China?").
    /// </summary>
    private static IEnumerable<Func<string, bool>> PartsOfRevenueAsked(string question)
    {
        var products = QuestionParser.ProjectsIn(question).Where(p => Regex.IsMatch(question, $@"\b{Regex.Escape(p)}\w*(?:\s*/\s*[\w-]+)*\s+([\w&-]+\s+){{0,3}}(business|revenue|sales|run[- ]rate|unit|division|arm|umsatz)\b|\b(revenue|sales|run[- ]rate|umsatz)\s+(of|from|with|aus|mit)\s+([\w&-]+\s+){{0,3}}{Regex.Escape(p)}", RegexOptions.IgnoreCase)).ToList();
        if (products.Count > 0) yield return seg => products.Any(p => SameSegment(p, seg));
        if (RevenueOfPlace.Match(question) is { Success: true } place) yield return seg => QuestionParser.Mentions(seg, place.Groups["place"].Value);
    }

    private static bool SameSegment(string asked, string segment)
    {
        static string Fold(string x) => CompanyDirectory.Normalize(x).Replace("centre", "center", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        // "Amazon's cloud arm" is AWS, Microsoft's is Azure: the cloud businesses go by their brands.
        if (Fold(asked) == "cloud" && Fold(segment) is "aws" or "azure" or "googlecloud") return true;
        return Fold(segment).Contains(Fold(asked), StringComparison.Ordinal) || Fold(asked).Contains(Fold(segment), StringComparison.Ordinal);
    }

    /// <summary>A word that names a kind of figure ("spending", "revenue"): one such word alone ties no figure to the question.</summary>
    private static bool IsKindWord(string word) => Enum.GetValues<SignalKind>().Any(k => QuestionParser.PhrasesOf(k).Contains(word, StringComparer.Ordinal));

    private static string NameOf(Signal s) => s switch
    {
        Metric m => m.Name,
        InvestmentPlan p => $"{p.Project} {p.Location}",
        _ => "",
    };

    /// <summary>A text's words, possessives dropped ("S&P's" is "S&P").</summary>
    private static IEnumerable<string> Words(string text) =>
        CompanyDirectory.Normalize(Regex.Replace(Regex.Replace(text, @"['’]s\b", ""), @"\bDCs?\b", "data centre", RegexOptions.IgnoreCase)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"plan" and "planned", "invest" and "investment": a word and its longer forms.</summary>
    private static bool SameWord(string a, string b)
    {
        (a, b) = (Synonyms.GetValueOrDefault(a, a), Synonyms.GetValueOrDefault(b, b));
        if (a == b || (a.Length >= 4 && b.StartsWith(a, StringComparison.Ordinal)) || (b.Length >= 4 && a.StartsWith(b, StringComparison.Ordinal))) return true;
        // "planned" and "plans": one stem, two endings.
        var (x, y) = (Stem(a), Stem(b));
        if (x.Length >= 4 && x == y) return true;
        // "enginer" for "engineer": a long word typed with a letter dropped.
        return Math.Min(a.Length, b.Length) >= 7 && Math.Abs(a.Length - b.Length) == 1 && LetterDropped(a.Length < b.Length ? a : b, a.Length < b.Length ? b : a);
    }

    private static bool LetterDropped(string shorter, string longer) =>
        Enumerable.Range(0, longer.Length).Any(i => string.CompareOrdinal(longer, 0, shorter, 0, i) == 0 && string.CompareOrdinal(longer, i + 1, shorter, i, shorter.Length - i) == 0);

    private static string Stem(string word)
    {
        foreach (var ending in (string[])["ned", "ed", "ing", "es", "s"])
            if (word.Length - ending.Length >= 4 && word.EndsWith(ending, StringComparison.Ordinal)) return word[..^ending.Length];
        return word;
    }

    /// <summary>Words that mean the same in a figure's name: "together" for "combined", "spent" for "spending".</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["together"] = "combined", ["total"] = "combined", ["zusammen"] = "combined", ["insgesamt"] = "combined", ["gesamt"] = "combined",
        ["spent"] = "spending", ["spend"] = "spending", ["spends"] = "spending", ["ausgaben"] = "spending", ["ausgegeben"] = "spending",
        ["centers"] = "centres", ["center"] = "centre", ["rechenzentren"] = "centre", ["rechenzentrum"] = "centre", ["rechenzentrums"] = "centre", ["spx"] = "500", ["renditen"] = "returns", ["anteile"] = "share", ["aktien"] = "stocks", ["leaders"] = "leading", ["leader"] = "leading",
        ["fell"] = "change", ["fall"] = "change", ["drop"] = "change", ["dropped"] = "change", ["rose"] = "change", ["gained"] = "change", ["lost"] = "lost",
        ["funding"] = "capex", ["vc"] = "venture", ["loss"] = "lost", ["losses"] = "lost", ["eingebusst"] = "lost", ["verloren"] = "lost", ["wiped"] = "lost",
        ["mcap"] = "market", ["borsenwert"] = "market", ["marktwert"] = "market", ["fuhrenden"] = "leading", ["fuhrende"] = "leading", ["top"] = "leading",
        ["jump"] = "increase", ["yoy"] = "increase", ["growth"] = "increase", ["grow"] = "increase", ["increased"] = "increase", ["anstieg"] = "increase",
        ["zolle"] = "tariff", ["zoll"] = "tariff", ["zusatzzolle"] = "tariff", ["zusatzzoll"] = "tariff", ["tariffs"] = "tariff", ["durchschnitt"] = "average", ["durchschnittlich"] = "average",
        ["durchschnittliche"] = "average", ["durchschnittlichen"] = "average", ["outside"] = "abroad", ["overseas"] = "abroad", ["ausland"] = "abroad",
        ["international"] = "abroad", ["profit"] = "profitable", ["profits"] = "profitable", ["gewinn"] = "profitable",
        ["infrastruktur"] = "infrastructure", ["jahrlichen"] = "annual", ["jahrliche"] = "annual", ["yearly"] = "annual", ["rechenleistung"] = "compute",
        ["american"] = "us", ["america"] = "us", ["usa"] = "us", ["amerikanischen"] = "us", ["amerikanische"] = "us", ["flowed"] = "going", ["flowing"] = "going", ["flows"] = "going", ["went"] = "going", ["flossen"] = "going", ["hit"] = "lost", ["hammered"] = "lost", ["battered"] = "lost", ["cheaper"] = "price", ["pricing"] = "price", ["priced"] = "price", ["gigawatt"] = "power", ["electricity"] = "power", ["prognose"] = "forecast", ["prognostiziert"] = "forecast", ["rechenzentren"] = "centre", ["rechenzentrum"] = "centre", ["energy"] = "power", ["strom"] = "power", ["gw"] = "power", ["zusatzliche"] = "additional", ["zusatzlichen"] = "additional",
        ["worldwide"] = "global", ["weltweit"] = "global", ["globally"] = "global", ["capital"] = "capex", ["investitionen"] = "capex",
        ["biggest"] = "leading", ["largest"] = "leading", ["grossten"] = "leading", ["8"] = "eight", ["acht"] = "eight", ["risikokapital"] = "venture",
        ["risikokapitals"] = "venture", ["wagniskapital"] = "venture", ["wagniskapitals"] = "venture", ["floss"] = "going", ["fliesst"] = "going", ["ki"] = "ai", ["halbjahr"] = "half", ["anteil"] = "share", ["gains"] = "returns", ["rendite"] = "returns", ["waren"] = "goods", ["umsatz"] = "revenue", ["umsatze"] = "revenue",
        ["rechnen"] = "justify", ["lohnen"] = "justify", ["lohnt"] = "justify", ["startup"] = "venture", ["startups"] = "venture", ["outlay"] = "spending",
        ["outlays"] = "spending", ["extra"] = "additional", ["pilots"] = "initiatives", ["pilot"] = "initiatives", ["projects"] = "initiatives",
        ["steigert"] = "increase", ["steigern"] = "increase", ["steigen"] = "increase", ["steigt"] = "increase", ["gestiegen"] = "increase", ["vorjahr"] = "prior", ["investitionsausgaben"] = "capex", ["steigerung"] = "increase", ["erhoht"] = "increase", ["erhohung"] = "increase", ["zuwachs"] = "increase",
        ["gesteckt"] = "capex", ["steckt"] = "capex", ["gewinnmarge"] = "margin", ["marge"] = "margin", ["margins"] = "margin",
        ["sink"] = "capex", ["sank"] = "capex", ["sunk"] = "capex", ["add"] = "combined", ["geschrumpft"] = "lost", ["schrumpfte"] = "lost",
        ["a100"] = "gpus", ["a100s"] = "gpus", ["h100"] = "gpus", ["h100s"] = "gpus", ["size"] = "area", ["grosse"] = "area", ["projekte"] = "initiatives",
        ["unternehmen"] = "corporate", ["profitabel"] = "profitable", ["rentabel"] = "profitable",
        ["added"] = "combined", ["datacenter"] = "centre", ["datacenters"] = "centre",
        ["eingabe"] = "input", ["feeding"] = "input", ["feed"] = "input", ["reading"] = "input", ["ausgabe"] = "output", ["kostet"] = "price", ["charge"] = "price", ["charges"] = "price", ["street"] = "expectations", ["consensus"] = "expectations", ["kraftwerksleistung"] = "power", ["kraftwerke"] = "power",
        ["electricity"] = "power", ["chinese"] = "china", ["chinesische"] = "china", ["chinesischen"] = "china", ["flowed"] = "volume", ["processed"] = "volume", ["abgewickelt"] = "volume", ["strom"] = "power", ["energy"] = "power", ["server"] = "data", ["farms"] = "centre", ["pour"] = "capex", ["poured"] = "capex", ["sachanlagen"] = "capex", ["cut"] = "share",
        ["kraftwerkskapazitat"] = "power", ["neue"] = "new", ["neuen"] = "new", ["netz"] = "connected", ["angeschlossen"] = "connected", ["grid"] = "connected", ["plugging"] = "connected", ["plugged"] = "connected", ["hooked"] = "connected",
        ["verlangern"] = "renewal", ["verlangert"] = "renewal", ["verlangerung"] = "renewal", ["treu"] = "renewal",
        ["again"] = "renewal", ["renew"] = "renewal", ["renews"] = "renewal", ["renewing"] = "renewal", ["sticky"] = "renewal", ["stickiness"] = "renewal",
        ["retention"] = "renewal", ["foreign"] = "abroad", ["auslandische"] = "abroad", ["auslandischen"] = "abroad", ["ausland"] = "abroad", ["heimische"] = "domestic", ["heimischen"] = "domestic", ["inlandische"] = "domestic", ["inlandischen"] = "domestic",
    };
}
