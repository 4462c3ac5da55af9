using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Offline;

public enum QuestionIntent
{
    /// <summary>Figures of given companies (and kinds).</summary>
    Lookup,
    /// <summary>Which company is highest/largest.</summary>
    Ranking,
    /// <summary>Two or more companies side by side.</summary>
    Comparison,
    /// <summary>The alerts raised.</summary>
    Alerts,
    /// <summary>Circular financing loops.</summary>
    Loops,
    /// <summary>Who holds positions (puts, shorts) against whom.</summary>
    Positions,
}

/// <summary>What a question is about, as far as the words tell.</summary>
public sealed record ParsedQuestion(
    string Text,
    IReadOnlyList<string> Companies,
    IReadOnlyList<(string Name, IReadOnlyList<string> Candidates)> Ambiguous,
    IReadOnlyList<string> UnknownNames,
    IReadOnlyList<string> Filers,
    IReadOnlyList<SignalKind> Kinds,
    IReadOnlyList<int> Years,
    int? Quarter,
    QuestionIntent Intent,
    bool WantsGuidance,
    bool WantsActual);

/// <summary>
/// Reads a question in English or German: companies by ticker, name and alias (resolved before anything else; an
/// ambiguous or unknown name is reported, never guessed), signal kinds by keyword, years, quarters, and what kind of
/// answer is wanted.
/// </summary>
public sealed partial class QuestionParser(CompanyDirectory directory)
{
    private static readonly (SignalKind Kind, string[] Phrases)[] KindLexicon =
    [
        (SignalKind.FreeCashFlow, ["free cash flow", "freier cashflow", "freien cashflow", "free cashflow", "fcf"]),
        (SignalKind.CapexCashFlowRatio, ["share of cash flow", "of its cash flow", "of operating cash flow", "reinvest", "reinvests", "reinvested", "reinvestiert", "capex to cash flow", "capex vs cash flow", "capex against cash flow", "des operativen cashflows"]),
        (SignalKind.OperatingCashFlow, ["operating cash flow", "cash flow", "cashflow", "operativer cashflow", "operativen cashflow"]),
        (SignalKind.Capex, ["capex", "capital expenditure", "capital expenditures", "capital spending", "investitionen", "investitionsausgaben", "spend", "spends", "spending", "spent", "invest", "investing", "ausgaben", "ai infrastructure"]),
        (SignalKind.OptionPosition, ["put", "puts", "option", "options", "call options"]),
        (SignalKind.ShortPosition, ["short", "shorts", "shorting", "bet against", "betting against", "bets against", "leerverkauf", "leerverkauft", "wette gegen", "wetten gegen"]),
        (SignalKind.ExportControl, ["export", "exports", "export control", "export controls", "exportkontrolle", "exportkontrollen", "china", "blackwell", "h20", "chip ban"]),
        (SignalKind.MarketCapMove, ["market cap", "market value", "market capitalisation", "market capitalization", "marktkapitalisierung", "borsenwert", "marktwert", "wiped", "lose in market"]),
        (SignalKind.PriceMove, ["share price", "stock price", "shares fell", "shares rose", "shares drop", "stock fall", "stock fell", "aktie", "aktien", "kurs", "fall after", "fell", "drop", "dropped", "rose", "jumped", "after hours", "after-hours", "year to date", "ytd"]),
        (SignalKind.FinancingDeal, ["financing", "finanzierung", "investiert in", "invest in", "invested in", "invests in", "investment in", "investing in", "stake", "funding", "funded",
            "backed", "backs", "put money into", "puts money into", "putting money into", "invested into", "investors in", "backers", "bonds", "bond", "anleihen", "private credit", "raised", "raise", "loan", "compute contract", "pay", "pays", "paying", "paid", "payments", "zahlt", "deal", "deals"]),
        (SignalKind.OrderIntake, ["orders", "order intake", "bookings", "auftrage", "auftragseingang", "auftragseingange"]),
        (SignalKind.OrderBacklog, ["backlog", "auftragsbestand", "order book", "order books"]),
        (SignalKind.Valuation, ["p/e", "p e", "pe ratio", "pe", "price earnings", "price to earnings", "kgv", "kurs gewinn verhaltnis", "valuation", "valued", "bewertung", "worth", "multiple"]),
        (SignalKind.Revenue, ["revenue", "revenues", "sales", "umsatz", "umsatze", "erlos", "turnover"]),
        (SignalKind.Eps, ["eps", "earnings per share", "gewinn pro aktie", "gewinn je aktie"]),
        (SignalKind.Buyback, ["buyback", "buy back", "buybacks", "repurchase", "ruckkauf", "aktienruckkauf"]),
        (SignalKind.InvestmentPlan, ["fab", "factory", "campus", "campuses", "stargate", "plant", "data center project", "programme", "program", "investment plan", "over three years"]),
        (SignalKind.CapacityPlan, ["gigawatt", "gigawatts", "gw", "capacity", "kapazitat", "power capacity"]),
        (SignalKind.MarketShare, ["market share", "marktanteil", "marktanteile", "share of the market"]),
        (SignalKind.Metric, ["renewal", "renewal rate", "employees", "mitarbeiter", "staff", "headcount", "token", "tokens", "pay package", "compensation", "bonus", "salary", "margin", "gpus", "tripled", "growth in", "payment volume"]),
    ];

    private static readonly string[] DealPhrases = ["invest in", "invests in", "invested in", "investing in", "investment in", "stake in", "investiert in", "beteiligung an"];
    private static readonly string[] InvestPhrases = ["invest in", "invests in", "invested in", "investing in", "investment in", "investiert in"];

    /// <summary>Asking who put money into a company: its funders, from the deals, never its own spending.</summary>
    private static readonly string[] FunderWords = ["who", "which investors", "which companies", "investors in", "backers", "wer"];
    private static readonly string[] GuidanceWords = ["guidance", "guide", "guides", "guided", "plan", "plans", "planned", "planning", "expect", "expects", "expected", "forecast", "forecasts", "outlook", "prognose", "prognostiziert", "plant", "will", "going to", "intend", "intends", "budget", "erwartet"];
    private static readonly string[] ActualWords = ["spent", "actual", "actually", "did", "was", "were", "last year", "ausgegeben", "tatsachlich"];
    private static readonly string[] RankingWords = ["highest", "most", "largest", "biggest", "top", "leader", "leaders", "league", "rank", "ranking", "lowest", "least", "smallest", "hochste", "hochsten", "meisten", "grosste", "grossten", "which company", "welches unternehmen", "wer investiert"];
    private static readonly string[] ComparisonWords = ["compare", "compared", "comparison", "vs", "versus", "against", "than", "vergleich", "vergleiche", "gegenuber", "both"];
    private static readonly string[] AlertWords = ["alert", "alerts", "warnung", "warnungen", "red flag", "red flags", "what matters", "warning", "warnings"];
    private static readonly string[] LoopWords = ["loop", "loops", "circular", "round trip", "zirkular", "kreislauf", "closed loop", "geschlossener kreislauf"];
    private static readonly string[] PositionWords = ["who is short", "who bet", "who bets", "who holds", "who has puts", "who is betting", "wer wettet"];

    /// <summary>Capitalised words that are not company names, so an unknown name can be told from ordinary words.</summary>
    private static readonly HashSet<string> CommonCapitalised = new(StringComparer.OrdinalIgnoreCase)
    {
        "What", "Which", "Who", "How", "When", "Where", "Why", "Is", "Are", "Was", "Were", "Did", "Does", "Do", "Has", "Have", "Show", "List", "Tell", "Give",
        "The", "A", "An", "In", "On", "Of", "For", "And", "Or", "Compare", "Capex", "AI", "KI", "GPU", "GPUs", "CEO", "Q1", "Q2", "Q3", "Q4", "FY", "P", "E", "EPS", "US", "USA",
        "China", "Chinese", "Blackwell", "H20", "Rubin", "Trainium", "Inferentia", "Wie", "Was", "Welche", "Welches", "Welcher", "Wer", "Wann", "Wo", "Warum", "Hat", "Haben", "Ist",
        "Sind", "Der", "Die", "Das", "Den", "Dem", "Im", "Und", "Oder", "Mit", "Gegen", "Von", "Zu", "Bis", "Fur", "Seit", "Nach", "Prognose", "Aktie", "Aktien", "Umsatz",
        "Investitionen", "Bewertung", "KGV", "Marktanteil", "Gigawatt", "GW", "Nasdaq", "S", "Dow", "Project", "Dawn", "Kuiper", "Prometheus", "Hyperion", "Stargate", "Singapore",
        "Singapur", "Pennsylvania", "North", "Carolina", "Magnificent", "Seven", "Seventh", "Big", "Tech", "I", "My", "Me", "Please", "Bitte", "Alerts", "Alert", "Burry", "Michael",
        "Scion", "Gemini", "ChatGPT", "Azure", "AWS", "Europe", "European", "Brief", "Loop", "Loops", "Can", "Could", "Would", "Should", "Will", "Any", "All", "Each", "Every",
        "Between", "Vs", "Versus", "Than", "Its", "It", "There", "This", "That", "These", "Those", "Today", "Now", "Year", "Quarter", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December", "Januar",
        "Februar", "Marz", "Mai", "Juni", "Juli", "Oktober", "Dezember", "Dollar", "Dollars", "Euro", "Yuan", "HBM", "NAND", "DeepSeek's", "O1", "R1", "V3", "Hunyuan", "Dell'Oro",
        "Bain", "Pimco", "PIMCO", "Blue", "Owl", "Capital", "Goldman", "Sachs", "Morgan", "Stanley", "PitchBook", "MIT", "Sora", "Moltbot", "Clawdbot", "Human", "Native", "Trump",
        "Xi", "Jinping", "Jassy", "Huang", "Jensen", "Zuckerberg", "Altman", "Andy", "Mark", "Sam", "Elon", "Musk", "Whole", "Foods", "Fresh", "Go", "Prime", "Suncatcher",
    };

    public ParsedQuestion Parse(string question)
    {
        var text = question.Trim();
        var normalized = " " + CompanyDirectory.Normalize(text.Replace("/", " / ", StringComparison.Ordinal)) + " ";
        var slashless = " " + CompanyDirectory.Normalize(text) + " ";

        var companies = new List<string>();
        var ambiguous = new List<(string, IReadOnlyList<string>)>();
        var mentionSpans = new List<(int Start, int End)>();
        foreach (var (match, candidates) in directory.FindMentions(text))
        {
            mentionSpans.Add((match.Start, match.Start + match.Length));
            if (candidates.Count == 1) { if (!companies.Contains(candidates[0])) companies.Add(candidates[0]); }
            else ambiguous.Add((match.MatchedText, candidates));
        }
        var filers = directory.FindFilerMentions(text).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).Distinct().ToList();
        var filerSpans = directory.FindFilerMentions(text).Select(m => (m.Match.Start, m.Match.Start + m.Match.Length)).ToList();

        var kinds = new List<SignalKind>();
        foreach (var (kind, phrases) in KindLexicon)
        {
            if (phrases.Any(p => Contains(normalized, p) || Contains(slashless, p)) && !kinds.Contains(kind)) kinds.Add(kind);
        }
        // "cash flow" inside "free cash flow" or a ratio question is not a question about operating cash flow.
        if (kinds.Contains(SignalKind.FreeCashFlow) && !Contains(normalized.Replace("free cash flow", "", StringComparison.Ordinal), "cash flow"))
            kinds.Remove(SignalKind.OperatingCashFlow);
        if (kinds.Contains(SignalKind.CapexCashFlowRatio)) kinds.Remove(SignalKind.OperatingCashFlow);
        // "short" and "puts" are one question about bearish positions.
        if (kinds.Contains(SignalKind.ShortPosition) && !kinds.Contains(SignalKind.OptionPosition)) kinds.Add(SignalKind.OptionPosition);
        if (kinds.Contains(SignalKind.OptionPosition) && !kinds.Contains(SignalKind.ShortPosition)) kinds.Add(SignalKind.ShortPosition);
        // "Nvidia invests in CoreWeave" is a deal between two companies, not capex; "Amazon invests in North Carolina"
        // or "Google will invest in 2026" names one company, so it is that company's own spending.
        var investWordsOnly = kinds.Contains(SignalKind.FinancingDeal) && InvestPhrases.Any(p => Contains(normalized, p))
            && !KindLexicon.First(k => k.Kind == SignalKind.FinancingDeal).Phrases.Except(InvestPhrases).Any(p => Contains(normalized, p) || Contains(slashless, p));
        var askingFunders = FunderWords.Any(w => Contains(normalized, w));
        if (investWordsOnly && companies.Count + ambiguous.Count <= 1 && !askingFunders)
        {
            kinds.Remove(SignalKind.FinancingDeal);
            foreach (var own in new[] { SignalKind.Capex, SignalKind.InvestmentPlan })
                if (!kinds.Contains(own)) kinds.Add(own);
        }
        else if (kinds.Contains(SignalKind.FinancingDeal) && kinds.Contains(SignalKind.Capex) && !Contains(normalized, "capex") && DealPhrases.Any(p => Contains(normalized, p)))
            kinds.Remove(SignalKind.Capex);
        // Capex against cash flow is the ratio of the two.
        if (kinds.Contains(SignalKind.Capex) && kinds.Contains(SignalKind.OperatingCashFlow) && !kinds.Contains(SignalKind.CapexCashFlowRatio))
            kinds.Add(SignalKind.CapexCashFlowRatio);

        var years = YearPattern().Matches(text).Select(m => int.Parse(m.Value)).Distinct().ToList();
        var quarterMatch = QuarterPattern().Match(text);
        int? quarter = quarterMatch.Success ? int.Parse(quarterMatch.Groups[1].Value) : null;

        var wantsGuidance = GuidanceWords.Any(w => Contains(normalized, w));
        var wantsActual = ActualWords.Any(w => Contains(normalized, w));

        var intent = QuestionIntent.Lookup;
        if (LoopWords.Any(w => Contains(normalized, w))) intent = QuestionIntent.Loops;
        else if (AlertWords.Any(w => Contains(normalized, w))) intent = QuestionIntent.Alerts;
        else if (PositionWords.Any(w => Contains(normalized, w)) || (filers.Count > 0 && companies.Count == 0 && kinds.Count == 0)) intent = QuestionIntent.Positions;
        else if (RankingWords.Any(w => Contains(normalized, w)) && companies.Count != 1) intent = QuestionIntent.Ranking;
        else if (companies.Count >= 2 && (ComparisonWords.Any(w => Contains(normalized, w)) || kinds.Count > 0)) intent = QuestionIntent.Comparison;

        var unknown = companies.Count == 0 && ambiguous.Count == 0 && filers.Count == 0
            ? UnknownNames(text, mentionSpans.Concat(filerSpans).ToList())
            : [];

        return new ParsedQuestion(text, companies, ambiguous, unknown, filers, kinds, years, quarter, intent, wantsGuidance, wantsActual);
    }

    /// <summary>Capitalised words that are not at the start, not common words and not known names: probably a company we do not know.</summary>
    private static List<string> UnknownNames(string text, List<(int Start, int End)> known)
    {
        var names = new List<string>();
        foreach (Match m in CapitalisedWord().Matches(text))
        {
            if (m.Index == 0 || known.Any(k => m.Index >= k.Start && m.Index < k.End)) continue;
            var word = m.Value.TrimEnd('\'', '’', 's');
            var bare = m.Value.EndsWith("'s", StringComparison.Ordinal) || m.Value.EndsWith("’s", StringComparison.Ordinal) ? m.Value[..^2] : m.Value;
            if (CommonCapitalised.Contains(bare) || CommonCapitalised.Contains(word) || YearPattern().IsMatch(bare)) continue;
            if (!names.Contains(bare)) names.Add(bare);
        }
        return names;
    }

    /// <summary>
    /// Whether the text holds the phrase as whole words, its last word also in a plural or inflected form ("free cash
    /// flows", "Investitionsausgaben" for "investitionsausgabe", "Umsätze" for "umsatz"): a phrase of four letters or
    /// more may end in s, es, e, n, en or er.
    /// </summary>
    private static bool Contains(string normalizedWithSpaces, string phrase)
    {
        var normalized = CompanyDirectory.Normalize(phrase);
        if (normalizedWithSpaces.Contains(" " + normalized + " ", StringComparison.Ordinal)) return true;
        if (normalized.Length < 4 || !char.IsAsciiLetter(normalized[^1])) return false;
        foreach (var ending in Endings)
            if (normalizedWithSpaces.Contains(" " + normalized + ending + " ", StringComparison.Ordinal)) return true;
        return false;
    }

    private static readonly string[] Endings = ["s", "es", "e", "n", "en", "er"];

    [GeneratedRegex(@"\b(19[89]\d|20[0-4]\d)\b")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"\bQ([1-4])\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"\b[A-Z][\w'’&\.-]*")]
    private static partial Regex CapitalisedWord();
}
