using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Rules;

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
    /// <summary>A judgement (is it a bubble, who is most exposed): answered from the skeptic's factors.</summary>
    Judgement,
}

/// <summary>A company's side of a financing deal.</summary>
public enum DealRole
{
    /// <summary>The company money goes into.</summary>
    Investee,
    /// <summary>The company the money comes from.</summary>
    Investor,
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
    bool WantsActual)
{
    /// <summary>The month (or week of a month) the question names, if any.</summary>
    public NamedMonth? Month { get; init; }

    /// <summary>−1 for a fall ("lost", "fell"), +1 for a rise ("gained", "rose"), 0 when the words say neither.</summary>
    public int Direction { get; init; }

    /// <summary>Years are calendar years ("calendar 2025"), not the fiscal years companies name theirs by.</summary>
    public bool Calendar { get; init; }

    /// <summary>
    /// The question is about the market as a whole (sector totals, indices, surveys): capitalised names in it may be
    /// indices, surveys or institutions ("Nasdaq", "Bain", "Dell'Oro"), so they are looked for in the market's figures
    /// before they are taken for unknown companies.
    /// </summary>
    public bool MarketWide { get; init; }

    /// <summary>
    /// The companies a group word names when the question names none ("the hyperscalers", "Chinese tech giants",
    /// "chip makers"): by the watchlist's sector and country.
    /// </summary>
    public IReadOnlyList<string> Group { get; init; } = [];

    /// <summary>The question asks for a sum ("together", "between them", "gemeinsam"): a market figure that adds them up.</summary>
    public bool Sum { get; init; }

    /// <summary>Companies the question sets aside ("leaving Nvidia aside", "apart from Amazon"): named, not asked about.</summary>
    public IReadOnlyList<string> SetAside { get; init; } = [];

    /// <summary>
    /// The year each company is asked for, when companies are set against each other each with a year of its own
    /// ("AMZN 26 capex guide vs MSFT's FY25 number"); empty when the years are asked of all of them.
    /// </summary>
    public IReadOnlyDictionary<string, int> CompanyYears { get; init; } = new Dictionary<string, int>();

    /// <summary>The phrases that set something aside, as written ("other than Pennsylvania", "excluding Nvidia"); they are not among the words asked.</summary>
    public IReadOnlyList<string> SetAsideWords { get; init; } = [];

    /// <summary>Years the question sets aside ("the recent figure, not fiscal 2022"): their figures are not asked.</summary>
    public IReadOnlyList<int> SetAsideYears { get; init; } = [];

    /// <summary>Rules named by their id or its words ("the capex-guidance-jump rule"): the question is about their alerts.</summary>
    public IReadOnlyList<string> RulesNamed { get; init; } = [];

    /// <summary>The question asks how the market took something ("how did the shares react", "how did investors take it").</summary>
    public bool Reaction { get; init; }

    /// <summary>The question's verb is one of taking money in ("raised", "borrowed"): each company's own, not deals between them.</summary>
    public bool Receiving { get; init; }

    /// <summary>The question sets things side by side ("versus", "compared with", "oder").</summary>
    public bool Versus { get; init; }

    /// <summary>The question asks about a single day's move ("in one day", "an einem einzigen Handelstag").</summary>
    public bool OneDay { get; init; }

    /// <summary>The question asks for a figure ("how much", "wie hoch"), which a news item alone does not give.</summary>
    public bool WantsFigure { get; init; }

    /// <summary>Names that are neither companies on the watchlist nor common words, beside the companies it names ("SoftBank").</summary>
    public IReadOnlyList<string> OtherNames { get; init; } = [];

    /// <summary>Of <see cref="OtherNames"/>, those listed beside the companies ("Meta, Oracle and xAI"): asked about as they are.</summary>
    public IReadOnlyList<string> ListedOtherNames { get; init; } = [];

    /// <summary>For a deal question about one company: whether it is the one paid into or the one paying.</summary>
    public DealRole? FundingRole { get; init; }

    /// <summary>The question asks for one company's or the market's worst case ("most exposed", "most at risk").</summary>
    public bool WantsWorst { get; init; }

    /// <summary>A measure no kind holds ("net income", "dividend"), asked for by name among the company's metrics.</summary>
    public string? Measure { get; init; }

    /// <summary>The words say plainly that spending is asked ("actually", "spent", "booked"), not just "did" or "was".</summary>
    public bool WantsActualStrongly { get; init; }

    /// <summary>"this year" (0), "last year" (−1), "next year" (+1): years counted from the day the question stands on.</summary>
    public IReadOnlyList<int> RelativeYears { get; init; } = [];

    /// <summary>The countries a group word is limited to ("Chinese hyperscalers"): their companies, not the world's total.</summary>
    public IReadOnlyList<string> GroupCountries { get; init; } = [];

    /// <summary>The sector a group asked about is named by ("the software names"), if one is.</summary>
    public string? GroupSector { get; init; }

    /// <summary>"in its latest quarter": a quarter's figures only, whichever quarter is the latest; a year's are not it.</summary>
    public bool LatestQuarter { get; init; }

    /// <summary>A fund named by its filing that is no filer we know ("bridgewater 13F puts on nvidia?").</summary>
    public string? UnknownFiler { get; init; }

    /// <summary>Two quarters or more named with their years ("Q4 2025 and Q1 2026"): each of them is asked.</summary>
    public IReadOnlyList<(int Quarter, int Year)> Quarters { get; init; } = [];

    /// <summary>The question sets plans aside ("the reported number, not the guidance").</summary>
    public bool ExcludesGuidance { get; init; }

    /// <summary>The day the question says it looks from ("back in mid-September 2025", "as of October 2025"), if any.</summary>
    public DateOnly? StatedAsOf { get; init; }

    /// <summary>A whole year is asked for ("the full calendar year 2025"): twelve months to September are not it.</summary>
    public bool FullYear { get; init; }
}

/// <summary>
/// Reads a question in English or German: companies by ticker, name and alias (resolved before anything else; an
/// ambiguous or unknown name is reported, never guessed), signal kinds by keyword, years, quarters, and what kind of
/// answer is wanted.
/// </summary>
public sealed partial class QuestionParser(CompanyDirectory directory)
{
    // Declared before the lexicon that spreads them in: static fields are set in the order they are written.
    /// <summary>What is left of cash after capex: free cash flow, whatever the words.</summary>
    private static readonly string[] CashAfterCapexPhrases = ["cash left", "have left", "has left", "left over", "leftover", "whats left", "what s left", "what is left", "left with", "after capex", "after paying for capex", "after investments", "nach investitionen", "ubrig", "cash cushion", "cushion", "get to keep", "gets to keep", "cash does it keep", "cash it keeps", "keeps in cash"];

    // ("Is Amazon burning through its cash with all this capex?", "stretching its cash flow?": the strain capex puts on cash
    // is what is left after it and the share of operating cash it takes.)
    private static readonly string[] CashStrainPhrases = ["burning through its cash", "burn through its cash", "burns through its cash", "burning through cash", "stretching its cash", "stretch its cash", "stretches its cash", "eating up its cash", "eat up its cash", "eats up its cash", "eating into its cash", "eats into its cash", "tank dry", "running dry", "run dry", "runs dry", "running out of cash", "run out of cash", "runs out of cash", "running out of money", "run out of money", "cash crunch"];

    /// <summary>Words that ask whether a price is too high: a valuation question, and a judgement.</summary>
    private static readonly string[] RichWords = ["pricey", "cheap", "overvalued", "overpriced", "expensive", "uberbewertet", "teuer", "stretched", "zu hoch bewertet", "too richly valued", "scariest valuation", "scariest valuations", "frothiest valuation", "richest valuation"];

    /// <summary>"How hard did Palantir get hit?": a blow taken is a fall, of the shares or of the market value.</summary>
    // ("Nvidia's five-day loss in early November against its one-day loss in October": a loss over days is a move.)
    private static readonly string[] HitWords = ["get hit", "got hit", "gets hit", "took a hit", "take a hit", "one day loss", "five day loss", "single day loss", "1 day loss", "5 day loss", "one day hit", "five day hit", "single day hit",
        "day loss", "week loss", "weekly loss", "daily loss", "one day drop", "five day drop", "one day fall"];

    private static readonly (SignalKind Kind, string[] Phrases)[] KindLexicon =
    [
        (SignalKind.FreeCashFlow, ["free cash flow", "free cash", "burning cash", "burn cash", "burns cash", "cash burn", "freier cashflow", "freien cashflow", "freie cashflow", "freiem cashflow", "free cashflow", "fcf", .. CashAfterCapexPhrases]),
        (SignalKind.CapexCashFlowRatio, [.. CashStrainPhrases, "share of cash flow", "of its cash flow", "of operating cash flow", "operating cash flow on capex", "operating cash on capex", "cash flow on capex", "of its operating cash", "reinvest", "reinvests", "reinvested", "reinvestiert", "reinvestment", "reinvestment rate", "reinvestitionsquote", "capex ocf", "capex to ocf", "capex vs ocf", "capex to cash flow", "capex vs cash flow", "capex against cash flow", "des operativen cashflows",
            "of it goes into", "of it goes to", "of it go into", "of that goes into", "of that goes to", "of it is spent on", "of it spent on", "stretching its cash flow", "stretching their cash flow", "stretches its cash flow", "stretch its cash flow", "ploughs back", "plows back", "plough back", "plow back", "ploughed back", "plowing back", "ploughing back", "plowed back", "pouring back", "pumping back", "steckt wieder", "goes back into", "go back into", "going back into", "put back into", "puts back into",
            "straight back into", "straight back out", "back out the door", "out the door on", "plowed straight back", "ploughed straight back", "out of its own cash flow",
            "from its own cash flow", "out of its own cash", "out of operating cash", "self fund", "self funded", "self funding", "self financed", "aus eigener kraft", "aus dem eigenen cashflow"]),
        (SignalKind.OperatingCashFlow, ["operating cash flow", "operating cash", "cash from operations", "cash from ops", "ocf", "cash flow", "cashflow", "operativer cashflow", "operativen cashflow", "operating cf", "operativer cf", "operativen cf", "operativem cf", "cash generation", "generates cash", "cash generated",
            "mittelzufluss", "mittelzuflusses", "from its operations", "from operations", "generates from its operations", "throws off", "throw off", "throwing off", "day to day business", "its operations generate", "laufender geschaftstatigkeit", "operativen mittelzufluss"]),
        (SignalKind.Capex, ["capex", "capital expenditure", "capital expenditures", "capital spending", "investitionen", "investitionsausgaben", "capx", "property and equipment", "sachanlagen", "spend", "spends", "spending", "spent", "invest", "investing", "ausgaben", "ai infrastructure", "ki infrastruktur", "infrastruktur", "in rechenzentren", "earmark", "earmarked", "ausgegeben", "investiert", "investierte", "investieren", "set aside", "sets aside", "setting aside", "earmarking",
            "plough into", "ploughs into", "ploughing into", "ploughed into", "plow into", "plows into", "plowing into", "plowed into"]),
        (SignalKind.OptionPosition, ["put", "puts", "option", "options", "call options", "their positions", "positions on", "13f positions", "disclosed positions", "fund positions", "hedge fund positions", "bearish bet", "bearish bets", "bearish wager", "bearish wagers"]),
        (SignalKind.ShortPosition, ["short", "shorts", "shorting", "bearish position", "bearish positions", "bearish bet", "bearish bets", "bearish wager", "bearish wagers", "bet against", "betting against", "bets against", "positioned against", "positioning against", "positions against", "wagered against", "wagering against", "wager against", "leerverkauf", "leerverkauft", "wette gegen", "wetten gegen"]),
        (SignalKind.ExportControl, ["export", "exports", "export control", "export controls", "exportkontrolle", "exportkontrollen", "china", "blackwell", "h20", "chip ban"]),
        (SignalKind.MarketCapMove, ["market cap", "marketcap", "mktcap", "mcap", "market value", "market capitalisation", "market capitalization", "marktkapitalisierung", "borsenwert", "marktwert", "wiped", "lose in market", "drawdown", "drawdowns", .. HitWords]),
        (SignalKind.PriceMove, ["rally", "rallied", "run up", "runup", "its run", "2025 run", "stock moved", "shares moved", "stock reacted", "kursreaktion", "kursreaktionen", "reaktion der aktie", "aktienreaktion", "borsenreaktion", "reaktion der borse", "shares reacted", "howd they trade", "howd it trade", "how d they trade", "how did they trade", "how did it trade", "how did the stock trade", "best performing", "worst performing", "performer", "performers", "go up", "went up", "go down", "went down", "up or down", "how much down", "down how much", "how far down", "was down", "is down", "were down", "stock down", "shares down", "after the bell", "nach den zahlen", "nach zahlen", "nach den q1 zahlen", "nach den q2 zahlen", "nach den q3 zahlen", "nach den q4 zahlen", "stock move", "share move", "shares move", "react", "reacted", "reaction", "reagiert", "reagierte", "share price", "stock price", "shares fell", "shares rose", "shares drop", "stock fall", "stock fell", "aktie", "aktien", "kurs", "fall after", "fell", "drop", "dropped", "rose", "jumped", "after hours", "after-hours", "year to date", "ytd", "move", "moves", "mover", "movers", "percentage move", "was up", "is up", "were up", "up huge", "up big", "stock up", "shares up", "up on the year", .. HitWords]),
        (SignalKind.FinancingDeal, ["on the hook to", "on the hook for", "zugesagt", "zugesichert", "financing", "finanzierung", "investiert in", "invest in", "invested in", "invests in", "investment in", "investing in", "stake", "funding", "funded", "financed",
            "backed", "backs", "equity", "cheque", "cheques", "equity check", "wrote a check", "put money into", "puts money into", "putting money into", "invested into", "investors in", "backers", "bonds", "bond", "anleihen", "private credit", "raised", "raise", "loan", "compute contract", "compute bill", "cloud bill", "money flow", "cloud money", "flow of money", "pay", "pays", "paying", "paid", "payments", "zahlt", "zahlen", "bezahlen", "bezahlt", "uberweist", "uberweisen", "uberwiesen", "uberweisung", "ueberweist", "deal", "deals", "finanziert", "fremdkapital",
            "borrow", "borrowed", "borrowing", "debt", "flowing into", "flows into", "money into", "lending", "lend", "lends", "lent", "put in", "money in", "money out", "gesteckt", "steckt", "abnahmeverpflichtung",
            "abnahmeverpflichtungen", "beteiligt", "beteiligte", "beteiligung", "beteiligungen", "beteiligungszusage", "beteiligungszusagen", "investitionszusage", "investitionszusagen", "zugesagt", "eingestiegen", "einsteigen", "steigt ein", "stieg ein", "verpflichtung", "verpflichtungen", "owes", "owe", "owed", "owing", "bill", "bills", "collect from", "collects from", "collected from", "collecting from", "receive from", "receives from", "received from", "pledged to", "pledge to", "pledges to", "schulden", "kredit", "kredite", "eingesammelt", "einsammeln", "investoren", "geldgeber", "contract", "contracts", "vertrag", "vertrage",
            "buy", "committed", "committing", "commits to", "commit to", "commitment", "commitments", "buying", "buys", "purchase", "purchases", "purchasing", "customer", "customers", "kauft", "kaufen", "kunden", "funded by", "backed by", "buyer", "buyers", "abnehmer", "kaufer", "bankroll", "bankrolls", "bankrolled", "bankrolling"]),
        (SignalKind.OrderIntake, ["orders", "order intake", "order wise", "orderwise", "bookings", "auftrage", "auftragseingang", "auftragseingange", "order book", "order books", "auftragsbuch", "auftragsbucher"]),
        (SignalKind.OrderBacklog, ["backlog", "auftragsbestand", "order book", "order books", "remaining performance obligations", "remaining performance obligation", "rpo"]),
        (SignalKind.Valuation, ["p/e", "p e", "pe ratio", "pe", "price earnings", "price to earnings", "years of profits", "years of earnings", "for each dollar of", "per dollar of profit", "per dollar of earnings", "years of today s profits", "years of todays profits", "years of profit", "times earnings", "times its earnings", "times their earnings", "times profits", "times forward earnings", "kgv", "kurs gewinn verhaltnis", "valuation", "valued", "bewertung", "bewertet", "worth", "multiple", .. RichWords]),
        (SignalKind.Revenue, ["beat expectations", "beat estimates", "missed expectations", "missed estimates", "what they make", "what it makes", "rev", "revenue", "revenues", "sales", "top line", "earns", "earned", "brings in", "bring in", "bringing in", "takes in", "take in", "verdient", "umsatz", "umsatze", "erlos", "turnover", "afford", "affordable", "affordability", "leisten", "bezahlbar", "einnahmen", "eingenommen", "einnehmen", "umgesetzt", "umsetzen", "umsetzte", "erlost", "erwirtschaftet"]),
        (SignalKind.Eps, ["eps", "earnings per share", "profit per share", "profit for each share", "earnings for each share", "per share", "earnings numbers", "earnings figures", "or earnings", "and earnings", "earnings estimate", "earnings estimates", "profits per share", "per share profit", "per share earnings", "income per share", "gewinn pro aktie", "gewinn je aktie", "je aktie", "pro aktie", "beat on earnings", "earnings beat", "beat earnings", "miss on earnings", "missed on earnings", "earnings miss", "beat estimates", "beat expectations", "missed estimates", "missed expectations", "beat the street"]),
        (SignalKind.Buyback, ["buyback", "buy back", "own stock off", "own shares off", "stock off the market", "shares off the market", "buying its own", "buy its own", "buys its own", "retire shares", "retiring shares", "buybacks", "buying back", "buys back", "bought back", "repurchase", "ruckkauf", "aktienruckkauf", "back to shareholders", "return to shareholders", "announce for shareholders", "announced for shareholders", "announce for its shareholders", "announced for its shareholders", "shareholder returns", "shareholder return", "capital return", "capital returns", "return capital", "returning capital", "returning cash", "return cash", "an die aktionare"]),
        (SignalKind.InvestmentPlan, ["fab", "fabrik", "werk", "factory", "campus", "campuses", "rechenzentrumscampus", "rechenzentrumsstandort", "rechenzentrumsprojekt", "stargate", "plant", "data center project", "programme", "program", "investment plan", "over three years",
            "cost to build", "build cost", "construction cost", "baukosten", "cost", "site specific", "sites", "standort", "standorte"]),
        (SignalKind.CapacityPlan, ["gigawatt", "gigawatts", "gw", "capacity", "kapazitat", "power capacity", "how much power", "wie viel strom", "power draw", "draws power", "drawing power", "how much electricity", "much electricity", "electricity use", "electricity demand", "electricity consumption", "power consumption", "power demand", "drawing today", "draw today", "draws today"]),
        (SignalKind.MarketShare, ["grip on", "hold on the", "dominance", "losing to", "lose to", "chatbot war", "chatbot race", "chatbot wars", "gaining on", "catching up", "beating", "market share", "losing share", "lose share", "loses share", "lost share", "gained share", "gaining share", "gains share", "chatbot share", "chatgpt share", "chatgpt s share", "chatgpts share", "gemini share", "gemini s share", "geminis share", "user share", "losing ground", "marktanteil", "marktanteile", "share of the market", "share of the chatbot market", "share of ai chatbots", "share of chatbots", "share of the ai chatbots", "chatbot market", "ai chatbot market", "share of the ai chatbot market", "of the chatbot market", "of the ai chatbot market", "combined share", "share of the search market", "share of the cloud market",
            "chat assistants", "chat assistant", "chatbot users", "chatbot user", "ai assistants", "ki assistenten", "chatbot nutzer"]),
        (SignalKind.News, ["news", "headline", "headlines", "nachrichten", "nachricht", "meldung", "meldungen", "schlagzeilen", "layoffs", "job cuts", "stellenabbau", "entlassungen"]),
        (SignalKind.Metric, ["talent", "recruits", "hiring", "profit", "profits", "gehalt", "renewal", "renewal rate", "employees", "mitarbeiter", "staff", "headcount", "token", "tokens", "pay package", "compensation", "bonus", "salary", "margin", "gpus", "tripled", "growth in", "payment volume", "zahlungsvolumen", "sticking with", "stick with", "sticky", "stickiness", "hang on to", "hangs on to", "hold on to", "holds on to", "sticking around", "stick around", "stays with", "staying with", "retention", "churn", "loyal", "loyalty", "renewing", "renew", "renews", "verlangern", "verlangert", "verlangerungsrate", "sign up again", "signing up again", "signs up again", "sign on again", "re sign", "re up", "a100", "a100s", "h100", "h100s", "op inc", "operating income", "operating profit", "adj op", "ebit"]),
    ];

    /// <summary>
    /// German compounds carry the kind in a part of the word ("Aktienrückkaufprogramm", "Investitionsplanung",
    /// "Quartalsumsätze"): a word holding one of these stems is that kind.
    /// </summary>
    private static readonly (SignalKind Kind, string Stem)[] GermanStems =
    [
        (SignalKind.Capex, "investition"), (SignalKind.Capex, "sachinvestition"), (SignalKind.Revenue, "umsatz"), (SignalKind.Revenue, "umsatze"),
        (SignalKind.Revenue, "erlos"), (SignalKind.Buyback, "ruckkauf"), (SignalKind.ShortPosition, "leerverkauf"), (SignalKind.ShortPosition, "leerverkaufe"),
        (SignalKind.OperatingCashFlow, "cashflow"), (SignalKind.OperatingCashFlow, "kapitalfluss"), (SignalKind.Valuation, "bewertung"), (SignalKind.MarketCapMove, "marktkapitalisierung"),
        (SignalKind.MarketCapMove, "borsenwert"), (SignalKind.OrderBacklog, "auftragsbestand"), (SignalKind.OrderIntake, "auftragseingang"),
        (SignalKind.ExportControl, "exportkontroll"), (SignalKind.ExportControl, "exportverbot"), (SignalKind.FinancingDeal, "finanzierung"),
        (SignalKind.CapacityPlan, "kapazitat"), (SignalKind.MarketShare, "marktanteil"), (SignalKind.Eps, "gewinnjeaktie"), (SignalKind.Valuation, "kurs gewinn"),
        (SignalKind.FinancingDeal, "kredit"), (SignalKind.FinancingDeal, "anleihe"), (SignalKind.InvestmentPlan, "fabrik"), (SignalKind.Metric, "marge"),
    ];

    private static readonly string[] FallWords = ["lost", "lose", "loses", "losing", "fell", "fall", "falls", "falling", "dropped", "drop", "drops", "declined", "decline", "slumped", .. HitWords,
        "slump", "plunged", "plunge", "sank", "sink", "tumbled", "tumble", "crashed", "wiped", "shed", "verlor", "verloren", "verliert", "gefallen", "fiel", "fielen",
        "eingebrochen", "einbruch", "absturz", "abgesturzt", "sank", "gesunken", "sell off", "selloff", "sell offs", "ausverkauf", "kursrutsch", "tank", "tanked", "tanking", "tanks", "slid", "slide", "slides", "give back", "gave back",
        "giving back", "wiped out", "evaporated", "evaporate", "vanished", "erased", "hit", "hurt", "worst performing", "punish", "punished", "punishing", "bestraft", "eingebrochen", "went down", "go down", "goes down", "gone down", "going down",
        "how much down", "down how much", "how far down", "was down", "is down", "were down", "stock down", "shares down",
        "verbrannt", "vernichtet", "knocked off", "knock off", "knocks off", "wiped off", "lopped off", "shaved off", "taken off", "came off", "come off"];
    private static readonly string[] RiseWords = ["gained", "gain", "gains", "rose", "rise", "rises", "rising", "jumped", "jump", "jumps", "climbed", "climb", "surged", "surge",
        "rallied", "rally", "soared", "pop", "popped", "was up", "is up", "were up", "went up", "go up", "goes up", "gone up", "going up", "up huge", "up big", "best performing", "gewann", "gewonnen", "gestiegen", "stieg", "stiegen", "zugelegt"];

    private static readonly string[] JudgementWords = ["bubble", "bubbles", "undercut", "undercuts", "undercutting", "undermine", "undermines", "case for", "case against", "blase", "ki blase", "exposed", "exposure", "unwind", "unwinds", "unwinding", "overvalued", "overheated",
        "overheating", "bubble risk", "at risk", "most risk", "riskiest", "risky", "riskant", "gefahrdet", "crash", "correction", "sustainable", "nachhaltig", "uberbewertet",
        "too much", "worried", "worry", "dangerous", "gefahrlich", "fragile", "vulnerable", "anfallig", "skeptic", "skeptics", "bear case", "beyond its means",
        "overextending", "overextended", "overextend", "overstretched", "stretched", "reliance", "paying off", "pay off", "pays off", "lohnt", "bears right", "bears",
        "have a point", "has a point", "is he right", "are they right", "hat er recht", "nervous", "nervos", "making money", "making any money", "make money", "make any money", "makes money", "geld verdienen", "verdienen sie geld",
        "afford", "carry that", "carry it", "carry this", "on fumes", "out of its cash flow", "out of cash flow", "fund it", "leisten", "worth buying", "buy or sell", "should i buy", "earn back", "earn its keep", "pay back", "payback",
        "too ambitious", "ambitious", "zu ehrgeizig", "ehrgeizig", "losing to", "justify", "justified", "worth it", "rechtfertigt", "punish", "punished", "punishing", "bestraft", "too dependent", "dependent on", "reliant on", "depend on",
        "concentrated", "concentration", "abhangig", "klumpenrisiko", "overpaying", "killing", "threat", "disrupt", "disrupting", "bedroht", "solide", "solid",
        "well funded", "strong enough", "stark genug", "self fund", "self funded", "selbst finanzieren", "outside financing", "external financing", "credible", "realistic", "glaubwurdig", "realistisch", "own pocket", "out of pocket", "eigener tasche", "right to bet", "right to short",
        "was he right", "were they right", "proven right", "prove him right", "proved him right", "prove them right", "proved them right", "prove her right", "recht behalten", "froth", "frothy", "bubbly", "foamy", "mania", "euphoria", "furthest to fall",
        "creditworthy", "kreditwurdig", "counterparty risk", "own it or", "fade it", "overreaction", "overreacted", "overreact", "overreacting", "deserved", "warranted", "overdone", "ubertrieben",
        "stemmen", "aus eigener kraft", "aus dem eigenen cashflow", "early warning", "warning sign", "eating into", "eat into", "eats into", "getting ahead of", "get ahead of", "outpacing", "outpace", "outpaces", "overspending", "overspend", "overspends", "ubernimmt sich", "ubernehmen sich", "sich ubernimmt", "verhebt sich", "too thin", "getting thin", "wearing thin", "dangerously thin", "zu dunn", "zu knapp"];
    private static readonly string[] WorstWords = ["most exposed", "most at risk", "riskiest", "most vulnerable", "most fragile", "most dangerous", "which company", "which companies",
        "who is most", "am starksten", "am meisten", "welches unternehmen", "welche unternehmen", "which firm", "which stock", "which stocks"];

    /// <summary>Research houses, surveys and data providers the market's figures come from: naming one asks about the market.</summary>
    private static readonly string[] Sources = ["bain", "dell oro", "delloro", "pitchbook", "gartner", "idc", "mckinsey", "goldman sachs", "morgan stanley", "university of michigan", "michigan", "mit study", "mit report", "mit nanda"];

    private static readonly string[] MarketWords = ["stock market", "the market", "markets", "sector", "industry", "total", "overall", "index", "indices", "survey", "study", "estimate", "estimates",
        "venture capital", "vc", "returns", "s&p", "s p", "economy", "gdp", "data centre", "data center", "data centres", "data centers", "rechenzentren", "rechenzentrum",
        "branche", "markt", "gesamt", "umfrage", "studie", "schatzung", "worldwide", "world wide", "global", "globally", "weltweit", "weltweiten", "weltweite", "hyperscale", "hyperscalers", "big tech", "magnificent seven", "chip stocks",
        "tech stocks", "nasdaq", "s p 500", "dow jones", "dax", "venture", "together", "combined", "zusammen", "insgesamt", "in total", "sentiment", "consumer", "tariff", "tariffs", "zoll", "zolle", "zusatzzoll", "zusatzzolle", "strafzoll", "strafzolle",
        "zolle", "ai stocks", "ai leaders", "leading ai", "world", "welt", "laut", "risikokapital", "risikokapitals", "wagniskapital", "wagniskapitals", "ai names", "biggest ai", "most valuable ai", "largest ai", "top ai", "ai giants", "ai heavyweights", "ai majors", "8 ai", "eight ai", "s&p", "s&p s", "according to", "gemeinsame", "gemeinsamer", "datacenter", "datacenters", "big 4", "big four", "research house", "research houses", "research firms", "forecasters", .. Sources];

    /// <summary>
    /// Whether a question names the market by more than a word of adding up ("in total", "insgesamt"): "…, and what is
    /// the notional in total?" asks for a total of what came before, not the market's.
    /// </summary>
    public static bool NamesMarket(string text)
    {
        var normalized = " " + CompanyDirectory.Normalize(text) + " ";
        return MarketNamingWords.Any(w => Contains(normalized, w));
    }

    /// <summary>
    /// Whether a question asks what a blow cost the company it is about ("… and what did it cost them?"): the market value
    /// it lost. The engine asks it of a later part whose company the first answer found.
    /// </summary>
    public static bool AsksWhatItCostThem(string text) =>
        WhatItCost.Match(" " + CompanyDirectory.Normalize(text) + " ") is { Success: true } cost && CostsWhom(cost);

    private static readonly Regex WhatItCost = new(@" (what|how much) (did|has|have|had) (it|that|this|the \w+) cost (?<who>\w+) ");

    private static bool CostsWhom(Match cost) =>
        cost.Groups["who"].Value is "them" or "it" or "him" or "her" or "the" or "shareholders" or "investors" or "its";

    /// <summary>The sources a question names ("According to Bain, …"), as written in it.</summary>
    public static IReadOnlyList<string> SourcesIn(string question)
    {
        var normalized = " " + CompanyDirectory.Normalize(question) + " ";
        // "Which research houses' forecasts do you have?": all of them.
        if (new[] { "research house", "research houses", "research firms", "forecasters", "which sources", "welche quellen" }.Any(p => Contains(normalized, p))) return Sources;
        return Sources.Where(src => Contains(normalized, src)).ToList();
    }

    /// <summary>
    /// Measures no kind holds ("net income", "dividend"): asked for, they are looked for among the company's metrics by
    /// name, and otherwise the answer says it does not have them, rather than answer with another figure.
    /// </summary>
    private static readonly (string Phrase, string Measure)[] Measures =
    [
        ("net income", "net income"), ("net profit", "net profit"), ("nettogewinn", "net profit"), ("reingewinn", "net profit"), ("jahresuberschuss", "net profit"),
        ("subscribers", "subscribers"), ("subscriber", "subscribers"), ("abonnenten", "subscribers"), ("paying users", "subscribers"), ("paid users", "subscribers"),
        ("dividend", "dividend"), ("dividends", "dividend"), ("dividende", "dividend"), ("ebitda", "EBITDA"), ("gross margin", "gross margin"),
        ("bruttomarge", "gross margin"), ("coupon", "coupon"), ("maturity", "maturity"), ("laufzeit", "maturity"), ("interest rate", "interest rate"),
        ("dividend yield", "dividend yield"), ("dividendenrendite", "dividend yield"), ("price target", "price target"), ("target price", "price target"),
        ("kursziel", "price target"), ("analyst rating", "analyst rating"), ("debt to equity", "debt-to-equity ratio"), ("leverage ratio", "leverage ratio"),
        ("verschuldungsgrad", "debt-to-equity ratio"), ("price to sales", "price-to-sales ratio"), ("ev ebitda", "EV/EBITDA"), ("free float", "free float"), ("employ", "employees"), ("employees", "employees"), ("people work", "employees"), ("people working", "employees"), ("leute arbeiten", "employees"), ("menschen arbeiten", "employees"), ("arbeiten bei", "employees"), ("arbeiten fur", "employees"), ("work at", "employees"), ("work for", "employees"), ("headcount", "employees"), ("workforce", "employees"), ("team", "employees"), ("team size", "employees"), ("belegschaft", "employees"), ("going rate", "pay"),
        ("mitarbeiter", "employees"), ("mitarbeiterzahl", "employees"), ("beschaftigtenzahl", "employees"), ("belegschaftsgrosse", "employees"), ("beschaftigt", "employees"), ("staff", "employees"), ("debt ratio", "debt ratio"), ("credit rating", "credit rating"), ("short interest", "short interest"), ("market share of", "market share"),
        ("write down", "write-down"), ("wrote down", "write-down"), ("write downs", "write-down"), ("writedown", "write-down"), ("writedowns", "write-down"),
        ("cash on its balance sheet", "cash on the balance sheet"), ("cash on the balance sheet", "cash on the balance sheet"), ("cash on hand", "cash on the balance sheet"),
        ("on its balance sheet", "cash on the balance sheet"), ("on their balance sheet", "cash on the balance sheet"), ("cash pile", "cash on the balance sheet"), ("cash reserves", "cash on the balance sheet"), ("cash hoard", "cash on the balance sheet"),
        ("cash and equivalents", "cash on the balance sheet"), ("net cash", "cash on the balance sheet"), ("barmittel", "cash on the balance sheet"), ("liquide mittel", "cash on the balance sheet"),
        ("jobs", "job cuts"), ("job cuts", "job cuts"), ("layoffs", "job cuts"), ("laid off", "job cuts"), ("stellenabbau", "job cuts"),
        ("much interest", "interest payments"), ("interest payments", "interest payments"), ("interest expense", "interest payments"), ("interest costs", "interest payments"),
        ("zinszahlungen", "interest payments"), ("zinskosten", "interest payments"), ("inflation expectations", "inflation expectations"), ("inflationserwartungen", "inflation expectations"),
        ("total return", "total return"), ("gesamtrendite", "total return"), ("operating income", "operating income"), ("operating profit", "operating income"), ("operating margin", "operating margin"), ("operative marge", "operating margin"),
        ("unemployment", "unemployment rate"), ("jobless", "unemployment rate"), ("arbeitslosenquote", "unemployment rate"), ("arbeitslosigkeit", "unemployment rate"), ("betriebsergebnis", "operating income"), ("impairment", "write-down"), ("inventory charge", "write-down"), ("abschreibung", "write-down"), ("abschreibungen", "write-down"),
        ("government shutdown", "government-shutdown cost"), ("shutdown", "government-shutdown cost"), ("regierungsstillstand", "government-shutdown cost"), ("haushaltssperre", "government-shutdown cost"),
    ];

    /// <summary>Words only a deal between parties has: with one of them, money into something is a deal, never own spending.</summary>
    private static readonly string[] DealOnlyWords = ["stake", "equity", "debt", "bond", "bonds", "loan", "loans", "private credit", "kredit", "kredite", "anleihen", "schulden", "backed", "backers", "investors", "investoren", "geldgeber", "compute contract", "borrow", "borrowed", "lend", "lent"];

    /// <summary>Paying money into a company, as opposed to a put (option) on it.</summary>
    private static readonly string[] MoneyIntoPhrases = ["put money into", "puts money into", "putting money into", "put money in", "put into", "puts into", "putting into", "put in", "flowing into", "flows into", "money into", "geld gesteckt", "steckt geld", "gesteckt"];

    /// <summary>"The semiconductor companies": those making chips and those making the tools for them.</summary>
    private const string Semiconductors = "semiconductors";

    /// <summary>"The private companies on the watchlist": those not listed on an exchange, whatever their trade.</summary>
    private const string Private = "private";

    private static readonly (string Phrase, string Sector)[] SectorWords =
    [
        ("hyperscaler", Sectors.Hyperscaler), ("cloud giants", Sectors.Hyperscaler), ("cloud companies", Sectors.Hyperscaler), ("cloud konzerne", Sectors.Hyperscaler),
        ("tech platforms", Sectors.Hyperscaler), ("technologiekonzerne", Sectors.Hyperscaler), ("cloud providers", Sectors.Hyperscaler), ("big tech", Sectors.Hyperscaler), ("big 4", Sectors.Hyperscaler), ("big four", Sectors.Hyperscaler),
        ("chip maker", Sectors.ChipMaker), ("chipmaker", Sectors.ChipMaker), ("chip makers", Sectors.ChipMaker), ("chip stocks", Sectors.ChipMaker),
        ("semiconductor", Semiconductors), ("chiphersteller", Sectors.ChipMaker), ("halbleiter", Semiconductors), ("neo cloud", Sectors.NeoCloud),
        ("neocloud", Sectors.NeoCloud), ("software companies", Sectors.Software), ("software stocks", Sectors.Software), ("saas", Sectors.Software), ("software", Sectors.Software),
        ("softwarefirmen", Sectors.Software), ("ai labs", Sectors.AiLab), ("model makers", Sectors.AiLab), ("ki labore", Sectors.AiLab), ("fintech", Sectors.Fintech),
        ("private companies", Private), ("private firms", Private), ("privately held", Private), ("unlisted", Private), ("not listed", Private), ("private unternehmen", Private),
        ("privaten unternehmen", Private), ("nicht borsennotiert", Private), ("nicht borsennotierten", Private),
    ];

    private static readonly (string Phrase, string Country)[] CountryWords =
    [
        ("chinese", "CN"), ("chinesisch", "CN"), ("chinesische", "CN"), ("chinesischen", "CN"), ("china s", "CN"), ("american", "US"), ("amerikanisch", "US"),
        ("amerikanische", "US"), ("amerikanischen", "US"), ("us tech", "US"), ("taiwanese", "TW"), ("dutch", "NL"), ("european", "NL"), ("europaische", "NL"),
    ];

    private static readonly string[] OneDayWords = ["on the day", "that day", "the same day", "am tag", "one day", "a single day", "single day", "in a day", "one session", "single session", "a session", "one trading day", "single trading day", "einem tag",
        "einem einzigen tag", "einzigen handelstag", "einem handelstag", "an einem tag"];

    /// <summary>Words that fill a subject's place without naming a company ("how much is it spending", "did they raise").</summary>
    private static readonly HashSet<string> SubjectWords = new(StringComparer.Ordinal)
    {
        "it", "they", "he", "she", "we", "you", "i", "the", "a", "an", "this", "that", "these", "those", "there", "everyone", "anyone", "someone", "each", "every",
        "company", "companies", "market", "sector", "industry", "world", "hyperscalers", "big", "tech", "chinese", "us", "american", "ai", "each", "one", "all", "most",
        "investors", "funds", "analysts", "people", "who", "which", "what", "much", "many", "more", "less", "capex", "spending", "money", "cash",
    };

    private static readonly string[] SumWords = ["together", "combined", "between them", "in total", "insgesamt", "gemeinsam", "gemeinsamen", "gemeinsame", "gemeinsamer", "zusammen", "zusammengenommen", "zusammengerechnet", "all told", "add up", "added up", "adding up", "total up", "sum up", "sum of", "aggregate", "summe", "addiert", "altogether", "all in all"];

    /// <summary>The market words that are not words of adding up (see <see cref="NamesMarket"/>).</summary>
    private static readonly string[] MarketNamingWords = [.. MarketWords.Except(SumWords).Except(["total", "gesamt"])];

    private static readonly string[] ReactionWords = ["react", "reacted", "reaction", "investors take", "investors took", "market take", "market took", "investors receive",
        "market make of", "market made of", "investors make of", "investors made of", "make of the news", "made of the news",
        "investors greet", "greeted", "reagiert", "reagierte", "reaktion"];

    /// <summary>Words for a piece of writing ("the January article", "the Xpert.Digital report"), as typed or normalised.</summary>
    private const string PieceWords = "article|articles|piece|story|report|write-?up|write up|artikel|bericht|beitrag";

    /// <summary>Verbs of money put into something ("put", "pumping", "sank"): into another company, a stake or a loan.</summary>
    public const string MoneyInVerbs = "put|puts|putting|pump|pumps|pumped|pumping|pour|pours|poured|pouring|sink|sinks|sank|sunk|sinking";

    /// <summary>"the engineer it hired from Apple": what comes before the company people were hired away from.</summary>
    private static readonly Regex HiredFrom = new(@"\b(poach|poached|poaching|hire|hired|hiring|lure|lured|luring|recruit|recruited|abwerben|abgeworben)\b[^.?!;]{0,40}(from|von)\s+$", RegexOptions.IgnoreCase);

    private static readonly string[] FigureWords = ["how much", "how many", "how big", "how high", "size", "amount", "wie viel", "wieviel", "wie viele", "wie hoch", "wie gross", "hohe", "in dollars", "in usd", "in euros", "budget", "how large",
        "exact", "exactly", "zahl", "konkrete", "concrete number", "concrete figure", "hard number", "dollar figure", "put a number", "put a figure", "put a dollar", "what percentage", "genau", "genaue"];

    private static readonly string[] DealVerbs = ["invest", "back", "fund", "bankroll", "put money", "puts money", "putting money", "put in", "financ", "lend", "lent", "buy", "purchas", "pay", "investiert", "finanziert", "kauf", "gesteckt", "steckt", "committed"];

    /// <summary>Verbs whose subject is the one money goes into, wherever it stands: "Meta raised", "how much did Oracle borrow".</summary>
    private static readonly string[] ReceiveVerbs = ["rais", "borrow", "received", "receive", "secured", "got money", "eingesammelt", "einsammeln", "aufgenommen", "geliehen", "pulled in", "outside money"];

    private static readonly string[] DealPhrases = ["invest in", "invests in", "invested in", "investing in", "investment in", "stake in", "investiert in", "beteiligung an", "beteiligungszusage an", "investitionszusage an"];
    private static readonly string[] InvestPhrases = ["invest in", "invests in", "invested in", "investing in", "investment in", "investiert in", "eingestiegen", "einsteigen", "committed", "commit", "commits", "commitment", "commitments", "steckt", "gesteckt", "stecken"];

    /// <summary>Asking who put money into a company: its funders, from the deals, never its own spending.</summary>
    private static readonly string[] FunderWords = ["who", "which investors", "which companies", "investors in", "backers", "wer", "funders", "geldgeber"];
    private static readonly string[] GuidanceWords = ["guidance", "guidence", "guidnace", "guide", "guides", "guided", "plan", "plans", "planned", "planning", "expect", "expects", "expected", "pencil", "pencils", "pencilled", "penciled", "forecast", "forecasts", "outlook", "prognose", "prognostiziert", "plant", "angepeilt", "anpeilen", "peilt", "will", "going to", "intend", "intends", "budget", "erwartet", "earmark", "earmarked", "would spend", "would invest", "would pour", "would put", "would be spending", "said it will", "says it will", "say it will"];
    private static readonly string[] ActualWords = ["spent", "actual", "actually", "did", "was", "were", "last year", "ausgegeben", "tatsachlich", "overshot", "overshoot", "exceeded", "came in", "ended up", "waren es", "war es"];
    private static readonly string[] StrongActualWords = ["spent", "actual", "actually", "waren es", "ausgegeben", "tatsachlich", "overshot", "overshoot", "exceeded", "came in", "ended up", "booked", "book", "reported", "landed",
        "land inside", "land within", "stay within", "stayed within", "stay inside", "inside its range", "within its range", "inside the range", "within the range", "hit its guidance", "meet its guidance", "met its guidance"];
    private static readonly string[] RankingWords = ["best performing", "worst performing", "highest", "richest", "scariest", "frothiest", "craziest", "wildest", "most expensive", "priciest", "cheapest", "loftiest", "most", "largest", "biggest", "top", "league", "rank", "ranking", "lowest", "least", "smallest", "thinnest", "weakest", "hochste", "hochsten", "meisten", "grosste", "grossten", "which company", "any company", "any companies", "welches unternehmen", "wer investiert", "am starksten", "am meisten", "am hochsten", "hardest", "the most", "teuerste", "teuersten", "billigste", "billigsten", "gunstigste", "gunstigsten"];
    private static readonly string[] ComparisonWords = ["compare", "compared", "comparison", "vs", "versus", "against", "than", "vergleich", "vergleiche", "verglichen", "gegenuber", "both",
        "next to", "side by side", "is that right", "is this right", "is it true", "is that true", "is that correct", "stimmt das", "stimmt es", "check my math"];
    private static readonly string[] AlertWords = ["alert", "alerts", "flagged", "alarm", "alarme", "alarmiert", "schlagt alarm", "schlaegt alarm", "anything critical", "warnung", "warnungen", "red flag", "red flags", "what matters", "warning", "warnings"];
    private static readonly string[] LoopWords = ["loop", "loops", "circular", "round trip", "in circles", "round in circles", "im kreis", "zirkular", "kreislauf", "closed loop", "geschlossener kreislauf", "straight back", "comes back as", "come back as", "zuruckfliessen", "fliesst zuruck",
        // "Where is the seller financing its own buyer?": vendor financing is money that comes back as orders.
        "vendor financing", "seller financing", "financing its own buyer", "financing its own buyers", "financing its own customer", "financing its own customers", "funding its own customers", "funds its own customers", "finances its own customers",
        // "buying Nvidia GPUs with money Nvidia itself put into them", "smells like round-tripping".
        "round tripping", "itself put into", "itself invested in", "with its own money"];
    private static readonly string[] PositionWords = ["who is short", "who bet", "who bets", "who holds", "who has puts", "who is betting", "wer wettet"];

    /// <summary>Capitalised words that are not company names, so an unknown name can be told from ordinary words.</summary>
    private static readonly HashSet<string> CommonCapitalised = new(StringComparer.OrdinalIgnoreCase)
    {
        "What", "Which", "Who", "How", "When", "Where", "Why", "Is", "Are", "Was", "Were", "Did", "Does", "Do", "Has", "Have", "Show", "List", "Tell", "Give",
        "The", "A", "An", "In", "On", "Of", "For", "And", "Or", "Compare", "Capex", "AI", "KI", "GPU", "GPUs", "CEO", "Q1", "Q2", "Q3", "Q4", "H1", "H2", "FY", "P", "E", "EPS", "US", "USA", "DC", "DCs", "SPX", "NDX", "TTM", "YoY", "QoQ", "OCF", "FCF", "VC", "AUM", "ARR", "PA", "NC",
        "China", "Chinese", "Blackwell", "H20", "Rubin", "Trainium", "Inferentia", "Wie", "Was", "Welche", "Welches", "Welcher", "Wer", "Wann", "Wo", "Warum", "Hat", "Haben", "Ist",
        "Sind", "Der", "Die", "Das", "Den", "Dem", "Im", "Und", "Oder", "Mit", "Gegen", "Von", "Zu", "Bis", "Fur", "Seit", "Nach", "Prognose", "Aktie", "Aktien", "Umsatz",
        "Investitionen", "Bewertung", "KGV", "Marktanteil", "Gigawatt", "GW", "Nasdaq", "S", "Dow", "Project", "Dawn", "Kuiper", "Prometheus", "Hyperion", "Stargate", "Singapore",
        "Singapur", "Pennsylvania", "North", "Carolina", "Magnificent", "Seven", "Seventh", "Big", "Tech", "I", "My", "Me", "Please", "Bitte", "Alerts", "Alert", "Burry", "Michael",
        "Scion", "Gemini", "ChatGPT", "Azure", "AWS", "Europe", "European", "Brief", "Loop", "Loops", "Can", "Could", "Would", "Should", "Will", "Any", "All", "Each", "Every",
        "Between", "Vs", "Versus", "Than", "IPO", "IPOs", "Roughly", "Approximately", "About", "Around", "Score", "Scores", "Components", "Factors", "Rating", "Its", "It", "There", "This", "That", "These", "Those", "Today", "Now", "Year", "Quarter", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December", "Januar",
        "Februar", "Marz", "Mai", "Juni", "Juli", "Oktober", "Dezember", "Dollar", "Dollars", "Euro", "Yuan", "HBM", "NAND", "DeepSeek's", "O1", "R1", "V3", "Hunyuan", "Dell'Oro",
        "Bain", "Pimco", "PIMCO", "Blue", "Owl", "Capital", "Goldman", "Sachs", "Morgan", "Stanley", "PitchBook", "MIT", "Sora", "Moltbot", "Clawdbot", "Human", "Native", "Trump",
        "Xi", "Jinping", "United", "States", "Kingdom", "UK", "EU", "Germany", "Deutschland", "Japan", "Taiwan", "Korea", "India", "America", "Americas", "Washington",
        "Beijing", "Peking", "Silicon", "Valley", "Wall", "Street", "Fed", "SEC", "Cloud", "Tech", "Anfang", "Ende", "Mitte", "Herbst", "Frühjahr", "Sommer", "Winter", "Beginn", "Unternehmen", "Firma", "Firmen", "Konzern", "Konzerne", "Welt", "Geld", "Markt", "Börse",
        "Jahr", "Quartal", "Monat", "Woche", "Partner", "Partners", "Partnern", "Anleger", "Investor", "Aktionäre", "Milliarden", "Millionen", "Prozent", "Percentage", "Percent", "Ratio", "Multiple", "Growth", "Jump", "Share", "Total", "Sum", "Gap", "Difference", "Change", "Increase", "Chips", "Rechenzentrum", "Fabrik", "Blase", "Zahlen", "Jassy", "Huang", "Jensen", "Zuckerberg", "Altman", "Andy", "Mark", "Sam", "Elon", "Musk", "Whole", "Foods", "Fresh", "Go", "Prime", "Suncatcher", "Universität", "Universitat", "University", "Mrd", "Mio", "Bn", "Uncle",
        // (Words that open a terse question: "Extreme valuation warnings in the system?")
        "Extreme", "Latest", "Recent", "Current", "Active", "Major", "Key", "Critical", "Serious", "Huge", "Massive", "Biggest", "Important", "Warning", "Warnings",
    };

    public ParsedQuestion Parse(string question)
    {
        var text = question.Trim();
        var normalized = " " + Idioms(MoneyPut(InvestInYear(Corrected(Units(CompanyDirectory.Normalize(text.Replace("/", " / ", StringComparison.Ordinal))))))) + " ";
        var slashless = " " + Idioms(MoneyPut(InvestInYear(Corrected(Units(CompanyDirectory.Normalize(text)))))) + " ";

        var companies = new List<string>();
        var ambiguous = new List<(string, IReadOnlyList<string>)>();
        var mentionSpans = new List<(int Start, int End)>();
        var mentions = directory.FindMentionsInQuestion(text);
        foreach (var (match, candidates) in mentions)
        {
            mentionSpans.Add((match.Start, match.Start + match.Length));
            if (candidates.Count == 1) { if (!companies.Contains(candidates[0])) companies.Add(candidates[0]); }
            else ambiguous.Add((match.MatchedText, candidates));
        }
        // "since ChatGPT came out", "seit dem Start von ChatGPT": a point in time, not the company asked about.
        foreach (var (match, _) in mentions.Where(m => Regex.IsMatch(text[..m.Match.Start], @"\b(since|seit)\s+(the\s+|dem\s+)?(launch\s+of\s+|start\s+von\s+)?$", RegexOptions.IgnoreCase)))
            companies.Remove(match.Ticker);
        // "Meta's pay package for the ex-Apple AI engineer": where someone used to work describes them; the company asked
        // about is the other one.
        foreach (var (match, _) in mentions.Where(m => Regex.IsMatch(text[..m.Match.Start], @"\b(ex|former|formerly\s+(of|at|with)|früher\s+bei|ehemalige[rsnm]?)[-\s]+$", RegexOptions.IgnoreCase)).ToList())
            if (companies.Count > 1) companies.Remove(match.Ticker);
        // "Leaving Nvidia and Microsoft aside, …", "apart from Amazon, who …": companies set aside are not asked about;
        // with none left, the question is about the others (a league table without them).
        var setAsideCompanies = new List<string>();
        // ("other than Pennsylvania": a place set aside, too.)
        var setAsidePhrases = new List<string>();
        foreach (Match aside in SetAside().Matches(text))
        {
            var setAside = aside.Groups["x"];
            // ("Amazon's budget other than AWS": a company also named outside the phrase is asked about; a part of it is set aside.)
            bool Inside(CompanyMatch m) => m.Start >= setAside.Index && m.Start < setAside.Index + setAside.Length;
            var excluded = mentions.Where(m => m.Candidates.Count == 1 && Inside(m.Match)).Select(m => m.Candidates[0])
                .Where(c => !mentions.Any(o => !Inside(o.Match) && o.Candidates.Count == 1 && o.Candidates[0] == c)).ToList();
            companies.RemoveAll(excluded.Contains);
            setAsideCompanies.AddRange(excluded);
            setAsidePhrases.Add(aside.Value);
        }
        // "the Santa Clara GPU maker", "Veldhoven's litho champion": a company described by its trade (and home town)
        // rather than named.
        var describedAt = new Dictionary<string, int>(StringComparer.Ordinal);
        var describedSpans = new List<(int Start, int End)>();
        // ("the Redmond Windows maker": a description beside a name of the same company is part of that mention.)
        foreach (var described in directory.FindDescribed(text).Where(d => !setAsideCompanies.Contains(d.Ticker)))
        {
            mentionSpans.AddRange(described.Spans);
            describedSpans.AddRange(described.Spans);
            if (companies.Contains(described.Ticker)) continue;
            companies.Add(described.Ticker);
            describedAt[described.Ticker] = described.Spans.Min(x => x.Start);
        }
        // In the order the question names them: the first is the one asked about ("the engineer the Instagram owner hired
        // from Apple" is Meta's).
        if (describedAt.Count > 0)
        {
            int At(string c) => describedAt.TryGetValue(c, out var d) ? d : mentions.Where(m => m.Candidates.Count == 1 && m.Candidates[0] == c).Select(m => m.Match.Start).DefaultIfEmpty(int.MaxValue).Min();
            var ordered = companies.OrderBy(At).ToList();
            companies.Clear();
            companies.AddRange(ordered);
        }
        var filers = directory.FindFilerMentions(text).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).Distinct().ToList();
        var filerSpans = directory.FindFilerMentions(text).Select(m => (m.Match.Start, m.Match.Start + m.Match.Length)).ToList();

        var others = UnknownNames(text, mentionSpans.Concat(filerSpans).ToList());
        // The first word is skipped as a name (questions start with a capital), but may be a misspelt company ("Nvida ...").
        if (CapitalisedWord().Match(text) is { Success: true, Index: 0 } opening && !mentionSpans.Any(m => m.Start == 0) && !CommonCapitalised.Contains(opening.Value))
            others.Insert(0, opening.Value.TrimEnd('\'', '’', 's'));
        // "Intel: is its free cash flow negative?", "Intel's capex?": an opening word set apart as the subject (by a colon
        // or a possessive) is a name, when it would be one anywhere else in the question.
        // ("Intel foundry losses last year?", "Tesla 2026 capex?": so is one that opens a short question before what is
        // asked of it or the year it is asked for.)
        bool OpensAsName(string name) => !directory.IsKnown(name.ToUpperInvariant())
            && (Regex.IsMatch(text, $@"^{Regex.Escape(name)}(['’]s\b|\s*:)")
                || Regex.IsMatch(text, $@"^{Regex.Escape(name)}\s+(?!(die|der|das|den|dem|des|ein|eine|the|a|an|to|of|in|on|for|and|or|is|are|was|were)\b)(?:[a-z]|(?:20)?\d\d\b)") && name.Skip(1).Any(char.IsLower) && !IsGerman(normalized) && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 7 && !IsOrdinaryWord(name) && !text.TrimEnd().EndsWith('.'))
            && UnknownNames(" " + text, mentionSpans.Concat(filerSpans).Select(k => (Start: k.Item1 + 1, End: k.Item2 + 1)).ToList()).Contains(name);
        // A name one letter off a company's ("Nvida", "Microsft") is that company, misspelt.
        foreach (var name in others.ToList())
        {
            if (Misspelt(name) is { } ticker)
            {
                others.Remove(name);
                if (!companies.Contains(ticker)) companies.Add(ticker);
                var at = text.IndexOf(name, StringComparison.Ordinal);
                mentionSpans.Add((at, at + name.Length));
            }
            else if (text.StartsWith(name, StringComparison.Ordinal) && !OpensAsName(name)) others.Remove(name);
        }
        // "corewave", "nvidea" typed in lower case: a slip of the keyboard for a company's name all the same.
        foreach (Match word in Regex.Matches(text, @"\b[a-z][a-z]{4,}\b"))
        {
            if (mentionSpans.Any(m => word.Index >= m.Start && word.Index < m.End) || Vocabulary.Contains(word.Value) || IsOrdinaryWord(word.Value)) continue;
            // ("whats amazns capx": misspelt in the possessive too.)
            if ((Misspelt(word.Value) ?? (word.Value.EndsWith('s') && word.Length > 5 ? Misspelt(word.Value[..^1]) : null)) is { } ticker && !companies.Contains(ticker))
            {
                companies.Add(ticker);
                mentionSpans.Add((word.Index, word.Index + word.Length));
            }
        }
        // German capitalises every noun: in a German question only a word that is plainly a name (an inner capital,
        // "SoftBank") is taken for a party we do not know.
        if (IsGerman(normalized)) others.RemoveAll(n => !n.Skip(1).Any(char.IsUpper) && !Regex.IsMatch(text, $@"\b(?i:von|bei|an|für|fur|gegen|über|uber|mit|hat|haben|hatte|plant|investiert|zahlt|verdient|ist|sind|war|waren|wird|werden)\s+{Regex.Escape(n)}\b")
            // "Wie viel hat Amazon in Anthropic investiert?": what money went into is a party.
            && !Regex.IsMatch(text, $@"\b(?i:in)\s+{Regex.Escape(n)}\s+(?i:investiert|gesteckt|eingestiegen|investieren|stecken|pumpt|gepumpt)\b")
            // "Teslas geplante Investitionen": a name in the genitive before what is its.
            && !(n.EndsWith('s') && Regex.IsMatch(text, $@"\b{Regex.Escape(n)}\s+(?!(in|im|auf|an|am|von|vom|für|fur|mit|bei|und|oder|zu|zum|zur|der|die|das|den|dem|des|ein|eine|einen|ist|sind|hat|haben|war)\b)[a-zäöüß]"))
            // ("Teslas KI-Investitionen", "Teslas Umsatz": a name in the genitive before a noun naming a kind of figure.)
            && !(n.EndsWith('s') && Regex.Match(text, $@"\b{Regex.Escape(n)}\s+(?<noun>[\wÄÖÜäöüß-]+)") is { Success: true } genitive
                && " " + CompanyDirectory.Normalize(genitive.Groups["noun"].Value) + " " is var folded && (GermanStems.Any(g => folded.Contains(g.Stem, StringComparison.Ordinal)) || KindLexicon.Any(k => k.Phrases.Any(p => Contains(folded, p))))) && !Regex.IsMatch(text, $@"\b(die|der|das)\s+{Regex.Escape(n)}\s+[A-ZÄÖÜ]"));
        var kinds = new List<SignalKind>();
        foreach (var (kind, phrases) in KindLexicon)
        {
            if (phrases.Any(p => Contains(normalized, p) || Contains(slashless, p)) && !kinds.Contains(kind)) kinds.Add(kind);
        }
        foreach (var (kind, stem) in GermanStems)
        {
            if (!kinds.Contains(kind) && HoldsStem(normalized, stem)) kinds.Add(kind);
        }
        // ("the GPU-renting neocloud's capacity target": the words that describe a company by its trade ask nothing of it.)
        var undescribed = normalized;
        if (describedSpans.Count > 0)
        {
            var blanked = text.ToCharArray();
            foreach (var (start, end) in describedSpans) Array.Fill(blanked, ' ', start, end - start);
            undescribed = " " + Idioms(MoneyPut(InvestInYear(Corrected(Units(CompanyDirectory.Normalize(new string(blanked))))))) + " ";
            kinds.RemoveAll(k => !KindLexicon.Any(x => x.Kind == k && x.Phrases.Any(p => Contains(undescribed, p))) && !GermanStems.Any(g => g.Kind == k && HoldsStem(undescribed, g.Stem)));
        }
        // ("Flag anything worth knowing about DocuSign.": worth knowing is no value put on the company.)
        if (kinds.Contains(SignalKind.Valuation) && Regex.IsMatch(normalized, @" worth (knowing|noting|watching|a look|looking at|mentioning|flagging|keeping an eye on|reading|following|tracking|my time) ")
            && !KindLexicon.First(k => k.Kind == SignalKind.Valuation).Phrases.Except(["worth"]).Any(p => Contains(normalized, p)))
            kinds.Remove(SignalKind.Valuation);
        // ("Gibt es Zahlen zum Börsenwert von Microsoft?": "Zahlen" the noun is figures, not paying.)
        if (kinds.Contains(SignalKind.FinancingDeal) && Regex.IsMatch(normalized, @" ((gibt es|keine|welche|irgendwelche|neue|aktuelle|die|den|mit|ohne) zahlen|zahlen (zu|zum|zur|uber|von|fur|fuer)) ")
            && !KindLexicon.First(k => k.Kind == SignalKind.FinancingDeal).Phrases.Except(["zahlen"]).Any(p => Contains(normalized, p)))
            kinds.Remove(SignalKind.FinancingDeal);
        // "Can China's tech giants keep up on AI investment?": China naming whose figures are asked, beside a kind of
        // figure, is no question about export rules.
        if (kinds.Contains(SignalKind.ExportControl) && !Regex.IsMatch(normalized, @" (export|exports|exported|exporting|blackwell|h20|h200|ban|banned|bans|restrict\w*|licen[cs]e\w*|sell|sells|selling|sale|sales|ship|shipments|ausfuhr\w*|verbot\w*|export\w+|zugang|access) ")
            && (kinds.Any(k => k is not SignalKind.ExportControl) || Regex.IsMatch(normalized, @" (tech giants|tech konzerne|techkonzerne|tech firms|tech companies|hyperscalers?|hyperscalern|konzerne|giants|companies|firms|rivals) ")))
        {
            kinds.Remove(SignalKind.ExportControl);
            if (kinds.Count == 0 && Regex.IsMatch(normalized, @" (investment|investments|invest|investing|investieren|spend|spending) ")) kinds.Add(SignalKind.Capex);
        }
        // "What did it cost DeepSeek to get to R1-level performance?": what doing something cost is a figure of the company.
        // ("What did DeepSeek spend to get to R1-level performance?": what it spent to get somewhere is such a cost.)
        if (companies.Count > 0 && !kinds.Contains(SignalKind.Metric) && Regex.IsMatch(normalized, @" (did|does|do|will) (it|that|this) cost | cost (\w+ )?to (train|develop|get|reach) | (spend|spent|spending|pay|paid) (\w+ ){0,2}to (train|develop|get to|reach|build its model) ")) kinds.Add(SignalKind.Metric);
        // "Does Palantir's valuation make sense given its growth?": a company's growth beside its valuation is its revenue's.
        if (kinds.Count == 1 && kinds[0] == SignalKind.Valuation && companies.Count > 0 && Regex.IsMatch(normalized, @" (its|their|the) (revenue )?(growth|growth rate) | (grow|grows|growing|wachstum) ")) kinds.Add(SignalKind.Revenue);
        // "What will the build-out have cost Meta by 2028?": what a company's spending costs it is its capex as much as a
        // project's cost.
        if (kinds.Count == 1 && kinds[0] == SignalKind.InvestmentPlan && companies.Count > 0 && Regex.IsMatch(normalized, @" (cost|costs|kosten) ")
            && !KindLexicon.First(k => k.Kind == SignalKind.InvestmentPlan).Phrases.Except(["cost"]).Any(p => Contains(normalized, p)))
            kinds.Add(SignalKind.Capex);
        // "AWS did $35.6bn in Q4 2025": a company doing an amount in a period is its revenue.
        if (kinds.Count == 0 && companies.Count > 0 && Regex.IsMatch(normalized, @" (did|made|posted|booked|brought in|generated|pulled in) (usd )?\d[\d.]* (bn|billion|b|m|mn|million|tn|trillion) ")) kinds.Add(SignalKind.Revenue);
        // "Was nimmt OpenAI im Jahr ein?": German takes money in with a verb split around the rest of the sentence.
        if (!kinds.Contains(SignalKind.Revenue) && Regex.IsMatch(normalized, @" (nimmt|nehmen|nahm|nahmen) (\w+ ){1,6}ein ")) kinds.Add(SignalKind.Revenue);
        // "What's Micron's share of the HBM market?": a share of any market named is a market share.
        if (!kinds.Contains(SignalKind.MarketShare) && Regex.IsMatch(normalized, @" share of the (\w+ ){1,2}market ")) kinds.Add(SignalKind.MarketShare);
        // "Nvidia invested $2 billion in CoreWeave": an amount put into another is a deal, not the company's own capex.
        if (Regex.IsMatch(normalized, @" (invest|invests|invested|investing|put|puts|pumped|poured|sank) (usd )?\d[\d.,]* ?(bn|billion|b|m|mn|million)? (in|into) "))
        {
            kinds.Remove(SignalKind.Capex);
            if (!kinds.Contains(SignalKind.FinancingDeal)) kinds.Add(SignalKind.FinancingDeal);
        }
        // "What does OpenAI pay Oracle every year for data-centre capacity?": what one pays another is their deal; the
        // capacity is what it buys, not a plan of either.
        if (companies.Count == 2 && kinds.Contains(SignalKind.CapacityPlan) && Regex.IsMatch(normalized, @" (pay|pays|paying|paid|owe|owes|zahlt|zahlen) "))
        {
            kinds.Remove(SignalKind.CapacityPlan);
            if (!kinds.Contains(SignalKind.FinancingDeal)) kinds.Add(SignalKind.FinancingDeal);
        }
        // "Wie viel hat Amazon in Anthropic investiert?": money put into another, not the company's own capex.
        if (Regex.IsMatch(normalized, @" in (\w+ ){1,2}(investiert|gesteckt|gepumpt) ") && (others.Count > 0 || companies.Count > 1))
        {
            kinds.Remove(SignalKind.Capex);
            if (!kinds.Contains(SignalKind.FinancingDeal)) kinds.Add(SignalKind.FinancingDeal);
        }
        // "How fast did AWS grow in Q4?": a company growing, with no other figure named, is its revenue growing.
        if (kinds.Count == 0 && companies.Count > 0 && Regex.IsMatch(normalized, @" (grow|grew|grown|growing|growth|wachsen|wuchs|gewachsen|wachst|wachstum) ")) kinds.Add(SignalKind.Revenue);
        // "Anything on CoreWeave?", "anything from October about …": whatever was reported, news included.
        if (companies.Count > 0 && kinds.Count > 0 && Regex.IsMatch(normalized, @"^ (anything|any news|whats new|what s new|gibt es neues|neues) ") && !kinds.Contains(SignalKind.News)) kinds.Add(SignalKind.News);
        // "Wie viel hat Microsoft in OpenAI investiert?": money put into a company named is a deal, not spending.
        if (kinds.Contains(SignalKind.Capex) && Regex.IsMatch(normalized, " (investiert|investierte|investieren|investiere) ")
            && mentions.Any(m => Regex.IsMatch(text[..m.Match.Start], @"\b(in|into)\s+$", RegexOptions.IgnoreCase)))
        {
            kinds.Remove(SignalKind.Capex);
            if (!kinds.Contains(SignalKind.FinancingDeal)) kinds.Add(SignalKind.FinancingDeal);
        }
        // "Cash-flow news from the last week of January": cash flow not called operating is any of the cash-flow figures.
        if (kinds.Contains(SignalKind.OperatingCashFlow) && kinds.Contains(SignalKind.News) && !Regex.IsMatch(normalized, @" (operating|operativen?|from operations|ocf|operations) "))
            kinds.InsertRange(kinds.IndexOf(SignalKind.OperatingCashFlow) + 1, new[] { SignalKind.FreeCashFlow, SignalKind.CapexCashFlowRatio }.Where(k => !kinds.Contains(k)).ToList());
        // "How much is ASML spending to take its own stock off the market?": spending on a buyback is the buyback.
        if (kinds.Contains(SignalKind.Buyback) && kinds.Contains(SignalKind.Capex) && !Contains(normalized, "capex") && !Contains(normalized, "capital expenditure")) kinds.Remove(SignalKind.Capex);
        // "Who is wagering that Nvidia and Palantir shares drop?": a bet on a fall is a position against the stock.
        var betOnFall = Regex.IsMatch(normalized, @" (wager|wagers|wagering|wagered|bet|bets|betting|gambling|gamble) (that|on) (\w+ ){0,6}(drop|drops|fall|falls|decline|declines|go down|goes down|crash|crashes|tank|tanks|sink|sinks) ");
        if (betOnFall)
        {
            kinds.RemoveAll(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove);
            foreach (var k in new[] { SignalKind.ShortPosition, SignalKind.OptionPosition }) if (!kinds.Contains(k)) kinds.Insert(0, k);
        }
        // "What's its free cash flow after all the data-centre spending?": free cash flow is what is left after the
        // spending; the spending is not asked beside it.
        if (kinds.Contains(SignalKind.FreeCashFlow) && kinds.Contains(SignalKind.Capex)
            && Regex.IsMatch(normalized, @" (after|nach) (all |the |that |this |its |their |all the |dem |den |der )?(\w+ ){0,3}(capex|spending|spend|investment|investments|investitionen|guide|guidance|build out|buildout|ausgaben) ")
            && !Regex.IsMatch(normalized, @" (and|und|plus|versus|vs|against|compared) (\w+ ){0,3}(capex|spending|investitionen) "))
            kinds.Remove(SignalKind.Capex);
        // "If Amazon reinvests 90 % of its cash flow, is there room left for buybacks?": what is left is the free cash flow.
        if (kinds.Contains(SignalKind.Buyback) && !kinds.Contains(SignalKind.FreeCashFlow) && Regex.IsMatch(normalized, @" (room|left|leftover|headroom|spare|enough|afford|fund|pay for|spielraum|ubrig) "))
            kinds.Add(SignalKind.FreeCashFlow);
        // "Can Amazon keep spending like this given its cash flow?": what it spends and plans beside what its cash leaves.
        var affordAsked = kinds.Contains(SignalKind.Capex) && Regex.IsMatch(normalized, @" (keep (spending|investing|funding|paying for|financing|this up)|afford|sustain|sustainable|leisten|durchhalten|pay for (\w+ ){0,3}out of|fund (\w+ ){0,3}(out of|from)) ") && Regex.IsMatch(normalized, @" (cash|cashflow|geld) ");
        if (affordAsked)
            foreach (var k in new[] { SignalKind.CapexGuidance, SignalKind.FreeCashFlow, SignalKind.CapexCashFlowRatio }) if (!kinds.Contains(k)) kinds.Add(k);
        // "Wie viel Prozent seines operativen Kapitalflusses steckt Amazon in Investitionen?": a share of cash flow that
        // goes to capex is the ratio of the two.
        // ("torching its OCF on data centers, what %": spending on data centres is capex.)
        if (kinds.Contains(SignalKind.OperatingCashFlow) && !kinds.Contains(SignalKind.Capex) && Regex.IsMatch(normalized, @" (on|into|for) (\w+ )?(data ?cent(er|re)s?|rechenzentren|servers|infrastructure)( |$)"))
            kinds.Add(SignalKind.Capex);
        if (kinds.Contains(SignalKind.Capex) && kinds.Contains(SignalKind.OperatingCashFlow) && !kinds.Contains(SignalKind.CapexCashFlowRatio)
            && (text.Contains('%') || Regex.IsMatch(normalized, @" (percent|percentage|prozent|share|anteil|proportion|portion|fraction|chunk|slice|how much of|of every dollar|every dollar|wie viel von|wie viel vom|wieviel von|wieviel vom|stretched|strained|squeezed|stretching|straining|squeezing|eaten|eating|eats|burn|burning|belastet) ")))
            kinds.Insert(0, SignalKind.CapexCashFlowRatio);
        // "Which hyperscaler looks most financially stretched by its capex?": stretched by spending is the share of cash
        // it takes, not a rich valuation.
        if (kinds.Contains(SignalKind.Capex) && Regex.IsMatch(normalized, @" (financially )?(stretched|overstretched|strained|squeezed) (by|from|with) ")
            && !Regex.IsMatch(normalized, @" (valuation|valued|multiple|p e|pe|kgv|bewertung) "))
        {
            kinds.Remove(SignalKind.Valuation);
            if (!kinds.Contains(SignalKind.CapexCashFlowRatio)) kinds.Insert(0, SignalKind.CapexCashFlowRatio);
        }
        // "Wie viel gibt Google für Suncatcher aus?": "ausgeben" split around its object is spending.
        if (!kinds.Contains(SignalKind.Capex) && Regex.IsMatch(normalized, @" (gibt|geben|gab|gaben) .* aus "))
            kinds.Add(SignalKind.Capex);
        // "How much money flowed through Stripe?": money through a company is its payment volume, not a deal.
        if (Regex.IsMatch(normalized, @" (flowed|flows|flow|went|goes|moved) through | processed | abgewickelt "))
        {
            kinds.Remove(SignalKind.FinancingDeal);
            if (!kinds.Contains(SignalKind.Metric)) kinds.Add(SignalKind.Metric);
        }
        // "How much has Microsoft put into OpenAI?": money put into a company is a deal ("put into new fabs" is spending).
        // (A company found misspelt or described counts as named: "how much did nvidai put into corewave".)
        // ("How much did Nvidia commit to OpenAI?", "Redmond's cumulative check into Altman's shop": money promised or
        // written to a company is a deal too.)
        // ("… expecting to sink into Meta's build-out": money into a company's own project is its spending.)
        bool IntoOwnProject((int Start, int End) m) => (Regex.IsMatch(text[..m.End], @"['’]s$") || Regex.IsMatch(text[m.End..], @"^['’]s\b"))
            && OwnProjectAfter().IsMatch(Regex.Replace(text[m.End..], @"^['’]s\b", ""));
        if (!kinds.Contains(SignalKind.FinancingDeal) && mentionSpans.Any(m => !IntoOwnProject(m) && Regex.IsMatch(text[..m.Start], $@"\b({MoneyInVerbs})\s+(\w+\s+){{0,3}}?into\s+(the\s+)?$|\b(commit|commits|committed|committing|pledge|pledges|pledged|pledging)\s+(\w+\s+){{0,3}}?to\s+(the\s+)?$|\b(check|checks|cheque|cheques)\s+(in)?to\s+(the\s+)?$", RegexOptions.IgnoreCase)))
        {
            kinds.Remove(SignalKind.Capex);
            kinds.Add(SignalKind.FinancingDeal);
        }
        if (kinds.Count == 0 && mentionSpans.Any(IntoOwnProject) && Regex.IsMatch(text, $@"\b({MoneyInVerbs}|spend\w*|invest\w*)\s+(\w+\s+){{0,3}}?into\b", RegexOptions.IgnoreCase))
            kinds.Add(SignalKind.Capex);
        // "How much is Nvidia betting on OpenAI?": one company betting on another backs it with money; a bet of a fund
        // (a filer) is a position, and a bet against is a short.
        if (!kinds.Contains(SignalKind.FinancingDeal) && companies.Count >= 2 && filers.Count == 0 && Regex.IsMatch(normalized, @" (bet|bets|betting|wettet|setzt) (big |heavily |so much |much )?(on|auf) "))
            kinds.Add(SignalKind.FinancingDeal);
        // "chips bought abroad, mostly from Nvidia": the seller of what another company buys is not a company asked about
        // (unless the question is about deals, where both sides are).
        // "to poach a top AI engineer from Apple": the company people are hired away from is not the one asked about,
        // even when it is the only one named.
        if (companies.Count == 1 && mentions.Count(m => m.Candidates.Count == 1) == 1
            && mentions.First(m => m.Candidates.Count == 1) is var only && HiredFrom.IsMatch(text[..only.Match.Start]))
            companies.Remove(only.Candidates[0]);
        // "the engineer the Instagram owner hired from Apple": of several companies, the one people were hired away from
        // is not asked about either.
        if (companies.Count > 1)
            foreach (var (match, _) in mentions.Where(m => m.Candidates.Count == 1 && m.Candidates[0] != companies[0]
                && HiredFrom.IsMatch(text[..m.Match.Start])).ToList())
                companies.Remove(match.Ticker);
        if (companies.Count > 1 && !kinds.Contains(SignalKind.FinancingDeal))
            foreach (var (match, _) in mentions.Where(m => m.Candidates.Count == 1 && m.Candidates[0] != companies[0]
                && Regex.IsMatch(text[..m.Match.Start], @"(\b(bought|buys|purchased|supplied|sourced|made|poached|hired|lured|recruited|abgeworben)\b[^.?!;]{0,40}|\b(mostly|mainly|largely|chiefly|often|usually|meist|meistens|vor allem)\s+)(from|by|von)\s+$", RegexOptions.IgnoreCase)))
                companies.Remove(match.Ticker);
        // "pay an engineer", "zahlt einem KI-Ingenieur": pay to people is a figure of the company's, not a deal.
        // ("How much did Meta offer the engineer it poached from Apple?": an offer to a person is pay, whatever kind else.)
        var paidPeople = (kinds.Contains(SignalKind.FinancingDeal) || kinds.Count == 0 && Regex.IsMatch(normalized, @" (offer|offered|offering|offers) "))
            && (Regex.IsMatch(normalized, @" (engineer|engineers|enginer|enginers|ingenieur|ingenieurs|ingenieuren|researcher|researchers|forscher|employee|employees|mitarbeiter|recruit|recruits|abgeworben|hired|talent|staff|ceo|executives?) ")
            // (A chief named for the company paid, "what OpenAI pays Larry Ellison", names two companies: that is a deal.)
            || companies.Count < 2 && Regex.IsMatch(normalized, @" (paid|pay|pays|earn|earned|earns|verdient|verdiente|bezahlt) ") && Regex.IsMatch(normalized, @" (huang|altman|zuckerberg|jassy|nadella|pichai|ellison|karp|musk|su) "));
        if (paidPeople)
        {
            kinds.Remove(SignalKind.FinancingDeal);
            kinds.Remove(SignalKind.Revenue);
            if (!kinds.Contains(SignalKind.Metric)) kinds.Add(SignalKind.Metric);
        }
        // "public bond market rather than private credit for AI infrastructure": the deal is the question, the
        // infrastructure its purpose.
        if (kinds.Contains(SignalKind.FinancingDeal) && kinds.Contains(SignalKind.Capex) && !Contains(normalized, "capex")
            && (DealOnlyWords.Any(w => Contains(normalized, w)) || GermanStems.Any(g => g.Kind == SignalKind.FinancingDeal && HoldsStem(normalized, g.Stem)))) kinds.Remove(SignalKind.Capex);
        // ("What share of the S&P 500's total return came from AI stocks?": a share of the return is a figure of its own.)
        var measure = Measures.Where(m => Contains(normalized, m.Phrase) && !(m.Measure == "total return" && (AsksShareOf(text) || AsksPercent(text)
                || MentionsAnyOf(normalized, "share", "proportion", "attributable", "anteil", "konto", "came from", "accounted", "prozent der"))))
            .Select(m => m.Measure).FirstOrDefault() ?? (paidPeople ? "pay" : null)
            // "What percentage of OpenAI does Microsoft own?": a holding's size, which no deal's amount says.
            // (Of one company by another: "how much of the chatbot pie does ChatGPT own" is a market share.)
            ?? (companies.Count + filers.Count >= 2 && !kinds.Contains(SignalKind.MarketShare) && Regex.IsMatch(normalized, @" (percentage|percent|share|stake|portion|how much) of (\w+ ){1,3}(does|do|did) (\w+ ){1,3}(own|hold) | (anteil|prozent) (an|von) (\w+ ){1,3}(halt|besitzt) ") ? "ownership stake" : null);
        // "what dividend does nvidia pay": a measure asked of a company, not a payment between companies.
        if (measure is not null && measure != "market share" && measure != "short interest")
        {
            // "How much did Nvidia write down because of the export rules?": the charge is asked, the news around it is not.
            if (measure is "write-down" or "ownership stake" or "government-shutdown cost") kinds.Clear();
            // ("Revenue and adjusted operating income": revenue named beside the measure is asked too, and so are the
            // metrics that may hold the measure.)
            var revenueNamed = Regex.IsMatch(normalized.Replace(" price to sales ", " ", StringComparison.Ordinal), @" (revenue|revenues|sales|umsatz|umsatze|top line) ");
            kinds.RemoveAll(k => k is SignalKind.FinancingDeal or SignalKind.Eps || !revenueNamed && k is SignalKind.Revenue or SignalKind.Metric);
            if (kinds.Count == 0) kinds.Add(SignalKind.Metric);
            else measure = null;
        }
        else measure = null;
        // ("aws annualised run rate off the Q4 25 number?": a run rate with no other figure named is of revenue.)
        // (A quarter's figure, that is: a run rate a business states is a metric of its own.)
        if (kinds.Count == 0 && Regex.IsMatch(normalized, @" (run rate|runrate|annuali[sz]ed|annuali[sz]e|annuali[sz]ing) ") && Regex.IsMatch(normalized, @" q[1-4] ")) kinds.Add(SignalKind.Revenue);
        // "raised its guidance" is a plan moved up, not money raised; "lost market value" is a move, not a loss-making deal.
        var guidanceRaised = GuidanceWords.Any(w => Contains(normalized, w)) && (Contains(normalized, "raised") || Contains(normalized, "raise") || Contains(normalized, "raises"))
            && !KindLexicon.First(k => k.Kind == SignalKind.FinancingDeal).Phrases.Except(["raised", "raise", "pay", "pays", "paying", "paid"]).Any(p => Contains(normalized, p));
        if (guidanceRaised) kinds.Remove(SignalKind.FinancingDeal);
        // ("Did Amazon raise its guidance or raise debt?": a guidance raised asked beside money raised is asked too.)
        else if (Regex.IsMatch(normalized, @" (?<!(not|rather than|instead of|nicht) )(raise|raised|raises|raising) (its |their |the )?(\w+ )?(guidance|guide|outlook|forecast) ")
            && !kinds.Contains(SignalKind.CapexGuidance) && !kinds.Contains(SignalKind.Capex))
            kinds.Add(SignalKind.CapexGuidance);
        // "How much did Burry put into Palantir puts?": money a fund put into options is its position, not a deal.
        // ("Nvidia puts $2bn into CoreWeave": "puts" the verb is no option.)
        if (kinds.Contains(SignalKind.FinancingDeal) && (filers.Count > 0 && Regex.IsMatch(normalized, @" (puts|calls|options|put options|call options|shorts) ")
                || Regex.IsMatch(normalized, @" (puts|calls|put options|call options) (on|against|in|auf|gegen) | (puts|calls|put options|call options) $"))
            && !DealOnlyWords.Any(w => Contains(normalized, w)))
        {
            kinds.Remove(SignalKind.FinancingDeal);
            if (!kinds.Contains(SignalKind.OptionPosition)) kinds.Add(SignalKind.OptionPosition);
        }
        // "What did this cost the company at the stock market?": a cost in market value is a move of it, not spending.
        if (Regex.IsMatch(normalized, @" (cost|costs|costing|kostete|gekostet) (\w+ ){0,3}?(at|on|in|an|am) (the |der |dem )?(stock market|stock exchange|bourse|borse|aktienmarkt|market value|boerse) "))
        {
            kinds.RemoveAll(k => k is SignalKind.InvestmentPlan or SignalKind.Capex or SignalKind.Metric);
            foreach (var k in new[] { SignalKind.MarketCapMove, SignalKind.PriceMove }) if (!kinds.Contains(k)) kinds.Add(k);
        }
        // "By how many billions does Amazon raise its capex?": spending raised is no money raised.
        if (kinds.Contains(SignalKind.FinancingDeal) && Regex.IsMatch(normalized, @" (raise|raises|raised|raising) (its |their |the |his |her )?(capex|capital expenditure|capital spending|spending|investment|investments|budget|outlook|forecast) ")
            && !DealOnlyWords.Any(w => Contains(normalized, w)))
            kinds.Remove(SignalKind.FinancingDeal);
        // "What does CoreWeave buy back from it?": buying from a company is a purchase, not a share buyback.
        if (kinds.Contains(SignalKind.Buyback) && Regex.IsMatch(normalized, @" (buy|buys|buying|bought) (\w+ )?back from (?!(its|their|the) (owners|shareholders|investors|holders|stockholders) )"))
        {
            kinds.Remove(SignalKind.Buyback);
            if (!kinds.Contains(SignalKind.FinancingDeal)) kinds.Add(SignalKind.FinancingDeal);
        }
        // "Is Amazon's capex growing faster than AWS?": a business unit's growth set beside spending is its revenue's.
        if (companies.Count > 0 && !kinds.Contains(SignalKind.Revenue) && Regex.IsMatch(normalized, @" (aws|azure|google cloud) ") && Regex.IsMatch(normalized, @" (grow|grows|growing|grew|growth|pace|faster|slower|wachst|wachstum) "))
            kinds.Add(SignalKind.Revenue);
        // "How much of the cash Amazon generates is it burning on capex?": a share of the cash it makes is capex against cash flow.
        if (!kinds.Contains(SignalKind.CapexCashFlowRatio) && Regex.IsMatch(normalized, @" (of|von) (the|its|their|dem|seinem) (cash|cash flow|geld) ((\w+ ){0,2})(generates|generated|makes|made|brings in|throws off|produces|erwirtschaftet|verdient) "))
        {
            kinds.Add(SignalKind.CapexCashFlowRatio);
            kinds.Remove(SignalKind.Capex);
        }
        // "Is Amazon's capex eating its cash flow?": what spending leaves of the cash is asked beside the share.
        // ("Is Amazon's capex binge squeezing its cash flow?", "noch gesund, wenn man auf den Cashflow schaut?": so is a strain on
        // the cash, or its health, asked of the spending.)
        if (companies.Count > 0 && (Regex.IsMatch(normalized, @" (eating|eats|eat|swallowing|swallows|consuming|consumes|squeezing|squeezes|squeeze|squeezed|straining|strains|strained|stretching|stretches|pressuring|pressures|weighing on|weighs on|belastet|belasten) (into |on )?(its |their |the |seinen |den )?(cash flow|cashflow|cash) ")
            // ("Is Amazon's capex plan putting its cash flow under strain?")
            || Regex.IsMatch(normalized, @" (cash flow|cashflow|cash) (under|in) (strain|pressure|stress|a squeeze) | (strain|pressure|stress) on (its |their |the )?(cash flow|cashflow|cash) ")
            || kinds.Contains(SignalKind.Capex) && Regex.IsMatch(normalized, @" (healthy|sustainable|gesund|nachhaltig|tragbar|vernunftig) ") && Regex.IsMatch(normalized, @" (cash flow|cashflow) ")))
        {
            // (The share and what is left of the cash first, before the plans a "capex plan" names: they are what the strain
            // is about.)
            kinds.RemoveAll(k => k is SignalKind.CapexCashFlowRatio or SignalKind.FreeCashFlow);
            kinds.InsertRange(0, [SignalKind.CapexCashFlowRatio, SignalKind.FreeCashFlow]);
        }
        else if (companies.Count > 0 && kinds.Contains(SignalKind.CapexCashFlowRatio) && !kinds.Contains(SignalKind.FreeCashFlow) && Regex.IsMatch(normalized, @" (burning|burns|burn) "))
            kinds.Add(SignalKind.FreeCashFlow);
        // ("How many employees does Amazon have left after Project Dawn?": people left are a headcount, not cash.)
        if (kinds.Contains(SignalKind.FreeCashFlow) && Regex.IsMatch(normalized, @" how many (\w+ )?(employees|staff|people|workers|jobs|mitarbeiter\w*|beschaftigte\w*) ")
            && !Regex.IsMatch(normalized, @" (free cash|fcf|freie\w* cashflow|cash) "))
            kinds.Remove(SignalKind.FreeCashFlow);
        // ("Palantir nach den Zahlen": the numbers reported, not a payment.)
        // ("nach den Q3-Zahlen": of a quarter too.)
        if (Regex.IsMatch(normalized, @" (nach|vor|mit|seit) (den )?(q[1-4] |jahres |quartals )?(zahlen|quartalszahlen|jahreszahlen) ")) kinds.Remove(SignalKind.FinancingDeal);
        // ("where forecasts put it by 2030", "put that at $1 trillion": a verb of placing a figure, not an option.)
        if (Contains(normalized, "put out") || Contains(normalized, "put forward") || Regex.IsMatch(normalized, @" (put|puts|putting) (it|that|this|them|the figure|the number|those|these) (at|by|in|around|near|closer|next to|beside|alongside|against|side by side) ")
            || Regex.IsMatch(normalized, @" (forecasts?|estimates?|analysts?|projections?) (put|puts) ")
            // ("did they put a ceiling on fiscal 2026?": a limit set on a plan.)
            || Regex.IsMatch(normalized, @" (put|puts|putting) ((a |an |any )(\w+ ){0,2}?)?(ceiling|cap|limit|floor|lid|upper limit|number|figure|price tag) | (put|puts|putting) (\w+ ){0,2}on the table "))
        { kinds.Remove(SignalKind.OptionPosition); kinds.Remove(SignalKind.ShortPosition); }
        // "Who put more into infrastructure in 2025?": money put into building is spending, not an option.
        if (Regex.IsMatch(normalized, @" (put|puts|putting) (\w+ ){0,2}?into (the |their |its |new )?(ai )?(infrastructure|infrastruktur|data ?cent(er|re)s?|rechenzentren|capex|servers|chips|gpus|fabs?|build ?out|capacity|ai) "))
        {
            kinds.Remove(SignalKind.OptionPosition);
            kinds.Remove(SignalKind.ShortPosition);
            // (Of companies set against each other; "the four biggest spenders put into AI, all together" is the market's
            // total, and "how many billions is Baidu putting into data centres" an amount of any kind.)
            if (companies.Count > 1 && !kinds.Contains(SignalKind.FinancingDeal) && !kinds.Contains(SignalKind.Capex)) kinds.Add(SignalKind.Capex);
        }
        // "in Sachanlagen gesteckt", "poured into capex": spending, not a deal.
        // ("Welche Finanzierungsdeals rund um KI-Infrastruktur": a German compound naming the deal keeps it.)
        if (kinds.Contains(SignalKind.Capex) && kinds.Contains(SignalKind.FinancingDeal)
            && !KindLexicon.First(k => k.Kind == SignalKind.FinancingDeal).Phrases.Except(["gesteckt", "steckt", "put in", "put into", "money into", "purchase", "purchases", "commitment", "commitments"]).Any(p => Contains(normalized, p))
            && !GermanStems.Any(g => g.Kind == SignalKind.FinancingDeal && HoldsStem(normalized, g.Stem)))
            kinds.Remove(SignalKind.FinancingDeal);
        // ("how much did nvidia pay washington for its H20 export licences": a fee to a government for an export licence is
        // no deal between companies; the export-control news is what is held on it.)
        if (kinds.Contains(SignalKind.ExportControl) && kinds.Contains(SignalKind.FinancingDeal) && Regex.IsMatch(normalized, @" (licen[cs]es?|lizenz\w*|fee|fees|gebuhr\w*) "))
            kinds.Remove(SignalKind.FinancingDeal);
        // ("How much is CoreWeave committing to spend on Nvidia GPUs?": spending committed to another is a purchase commitment.)
        if (kinds.Contains(SignalKind.FinancingDeal) && Regex.IsMatch(normalized, @" (committing|committed|commits|commit) to (spend|spending|buy|buying|purchase|purchasing|pay|paying) "))
            kinds.RemoveAll(k => k is SignalKind.Capex or SignalKind.Metric);
        // "funded out of its 2026 budget", "paid for from its capex": the company's own spending, not a deal.
        if (Regex.IsMatch(normalized, @" (funded|financed|paid for|paying for|pays for|bezahlt|finanziert) (out of|from|aus) ") || Contains(normalized, "budget") && !DealOnlyWords.Any(w => Contains(normalized, w)))
        {
            kinds.Remove(SignalKind.FinancingDeal);
            if (!kinds.Contains(SignalKind.Capex)) kinds.Add(SignalKind.Capex);
        }
        // ("How much is Jassy's company planning to pour into AWS data centres, robotics and satellites?": money one company
        // pours into its own build-out, no other party named, is its spending.)
        if (companies.Count == 1 && others.Count == 0 && !DealOnlyWords.Any(w => Contains(normalized, w))
            && Regex.IsMatch(normalized, @" (pour|pours|pouring|poured|pump|pumps|pumping|pumped|sink|sinks|sinking|sank) (\w+ ){0,2}?into (the |their |its |new |aws |ai |more )*(infrastructure|data ?cent(er|re)s?|rechenzentren|capex|servers|chips|gpus|build ?out|capacity) "))
        {
            kinds.Remove(SignalKind.FinancingDeal);
            if (!kinds.Contains(SignalKind.Capex)) kinds.Add(SignalKind.Capex);
        }
        // "steckt Micron in die Fabrik", "putting into the Singapore fab": money into the company's own plant, when no
        // other party is named and no word is one of a deal's own (debt, a stake, bonds).
        if (kinds.Contains(SignalKind.InvestmentPlan) && kinds.Contains(SignalKind.FinancingDeal) && companies.Count == 1 && others.Count == 0 && !DealOnlyWords.Any(w => Contains(normalized, w)))
            kinds.Remove(SignalKind.FinancingDeal);
        // "Alphabet guided 175 to 185 for 2026": what a company guided, no other figure named, is its capex guidance.
        // ("AMZN 26 guide vs GOOGL's range": a year's guide is that too.)
        if (kinds.Count == 0 && companies.Count > 0 && Regex.IsMatch(normalized, @" (guided|guides|guiding) |\d guide "))
            kinds.Add(SignalKind.CapexGuidance);
        // ("How many dollars did AWS add year on year in Q4?": what a company added over a year, no other figure named, is
        // its revenue's growth.)
        if (kinds.Count == 0 && companies.Count > 0 && Regex.IsMatch(normalized, @" (add|adds|added|adding) (\w+ ){0,3}(year on year|yoy|y y|over the year) "))
            kinds.Add(SignalKind.Revenue);
        // ("How many points is ChatGPT still ahead of Gemini?": a lead in points, no other figure named, is of market share.)
        if (kinds.Count == 0 && companies.Count > 0 && Regex.IsMatch(normalized, @" (points?|prozentpunkte?|punkte?) (\w+ ){0,3}(ahead|behind|vorne|voraus) "))
            kinds.Add(SignalKind.MarketShare);
        // ("How much more is the top of Meta's 2026 range than the top of its 2025 range?": a company's range or its
        // midpoint, no other figure named, is what it guided.)
        // ("the low end of Meta's guidance for both 2025 and 2026": an end of a guidance is of a range too.)
        if (kinds.Count == 0 && companies.Count > 0 && (Regex.IsMatch(normalized, @" (range|ranges|spanne|bandbreite|midpoint|midpoints|mid point|mittelwert) ")
            || Regex.IsMatch(normalized, @" (low|lower|top|high|upper|bottom) ends? of (\w+ ){0,3}(guidance|guide|outlook) ")
            // ("Does Alphabet's low end for 2026 beat Meta's high end?": a company's end, standing alone, is of its range for
            // the year named; without a year, the part before says which range.)
            || YearPattern().IsMatch(text) && Regex.IsMatch(normalized, @" (low|lower|top|high|upper|bottom) ends? (?!(chips?|gpus?|models?|products?|servers?|market|segment) )")))
            kinds.Add(SignalKind.CapexGuidance);
        // ("how much did aws make in q4": what a company made, no other figure named, is its revenue.)
        if (kinds.Count == 0 && companies.Count > 0 && Regex.IsMatch(normalized, @" how much (money )?(did|does|do|will|has|have|had) (\w+ ){1,3}(make|made|makes|making) "))
            kinds.Add(SignalKind.Revenue);
        // "was war ursprünglich geplant?", "what had Amazon originally planned?": the plan a company started a year with is
        // its capex guidance.
        if (kinds.Count == 0 && Regex.IsMatch(normalized, @" (originally|initially|at first|ursprunglich|zunachst|anfangs) (\w+ )?(planned|plan|geplant|vorgesehen|budgeted) "))
            kinds.Add(SignalKind.CapexGuidance);
        // "put money into" is paying in, not a put; "puts on" or "put options" still are.
        // "What did Jensen's China comments cost his company in a single day?": market value lost, not a building cost.
        // ("What did the comments end up costing Nvidia shareholders?": what owners of the shares lost is that too.)
        if (kinds.Contains(SignalKind.InvestmentPlan) && Regex.IsMatch(normalized, @" (cost|costs|costing|kostete|kosten) .*(single day|one day|in a day|that day|one session|single session|trading day|at the open|market value|borsenwert|shareholders|holders|stockholders|investors|aktionare|anleger) "))
        {
            kinds.Remove(SignalKind.InvestmentPlan);
            if (!kinds.Contains(SignalKind.MarketCapMove)) kinds.Add(SignalKind.MarketCapMove);
        }
        // "the levy the US puts on Chinese goods": a tariff, not an option.
        if (Regex.IsMatch(normalized, @" (levy|levies|tariff|tariffs|duty|duties|zoll|zolle|strafzoll|strafzolle) "))
        {
            kinds.Remove(SignalKind.OptionPosition);
            kinds.Remove(SignalKind.ShortPosition);
        }
        if (MoneyIntoPhrases.Any(p => Contains(normalized, p)) && !Contains(normalized, "put options") && !Contains(normalized, "puts on") && !Contains(normalized, "short") && !Regex.IsMatch(normalized, @" (puts|calls) $"))
        {
            kinds.Remove(SignalKind.OptionPosition);
            kinds.Remove(SignalKind.ShortPosition);
        }
        // "Auf wie viele Nvidia-Aktien hält Burrys Fonds Puts?": shares under a position are its size, not a share-price move.
        if (kinds.Contains(SignalKind.PriceMove) && kinds.Any(k => k is SignalKind.OptionPosition or SignalKind.ShortPosition)
            && !Regex.IsMatch(normalized, @" (move|moved|moves|fell|fall|falls|rose|rise|rises|drop|dropped|jump|jumped|gained|lost|kurs|kursrutsch|gefallen|gestiegen|price|prices|preis|rally|rallied|slump|slumped|tank|tanked) "))
            kinds.Remove(SignalKind.PriceMove);
        // "CoreWeave's contract backlog": contracts on the books are its order backlog, not a deal with another company.
        if (kinds.Contains(SignalKind.OrderBacklog) && kinds.Contains(SignalKind.FinancingDeal)
            && !KindLexicon.First(k => k.Kind == SignalKind.FinancingDeal).Phrases.Except(["contract", "contracts", "vertrag", "vertrage"]).Any(p => Contains(normalized, p)))
            kinds.Remove(SignalKind.FinancingDeal);
        // "cash left after paying for capex" is free cash flow, not capex and not a payment.
        // (Not when whether it can keep paying is asked: what capex takes of the cash flow answers that too.)
        // ("If it reinvests 90 % of its cash flow, what percentage is left over?": the rest of the share, which it answers.)
        // ("stretching its cash flow … thin cushion?": a strain on cash asked is what capex takes of it too.)
        // ("If Amazon reinvests about 90 % of operating cash flow and free cash flow is what's left, what operating cash flow
        // does that imply?": the cash flow worked back from the two, which keeps the share.)
        var strainAsked = CashStrainPhrases.Any(p => Contains(normalized, p));
        // ("Micron and ASML – what are their big capital commitments?": money a company has committed to spend, its plans,
        // guided capex and buybacks, beside any deal the words name.)
        if (Regex.IsMatch(normalized, @" (capital|spending|investment) commitments? ") && !Regex.IsMatch(normalized, @" (to|in|into|for|an) (it|them) "))
        {
            foreach (var k in new[] { SignalKind.InvestmentPlan, SignalKind.CapexGuidance, SignalKind.Buyback }) if (!kinds.Contains(k)) kinds.Add(k);
        }
        // ("is amazons capex eating up its cash flow?": and what is left after it, the free cash flow.)
        if (strainAsked && kinds.Contains(SignalKind.CapexCashFlowRatio) && !kinds.Contains(SignalKind.FreeCashFlow)) kinds.Add(SignalKind.FreeCashFlow);
        var cashImplied = Regex.IsMatch(normalized, @" (imply|implies|implied|back out|work out|ergibt|impliziert) ") && Regex.IsMatch(normalized, @" (operating cash( flow)?|ocf|cash from operations|operativen? cashflow) ");
        if (CashAfterCapexPhrases.Any(p => Contains(normalized, p)) && kinds.Contains(SignalKind.FreeCashFlow) && !affordAsked)
            kinds.RemoveAll(k => k is SignalKind.Capex or SignalKind.FinancingDeal or SignalKind.OperatingCashFlow || k is SignalKind.CapexCashFlowRatio && !AsksPercent(text) && !strainAsked && !cashImplied);
        // Buying back shares is a buyback, not a purchase from another company; "worth buying" is a judgement.
        if (kinds.Contains(SignalKind.Buyback) || Contains(normalized, "worth buying") || Contains(normalized, "should i buy")) kinds.Remove(SignalKind.FinancingDeal);
        // "how expensive is the new fab" asks its cost, not the company's valuation.
        if (kinds.Contains(SignalKind.InvestmentPlan) && RichWords.Any(w => Contains(normalized, w)) && !Contains(normalized, "overvalued")) kinds.Remove(SignalKind.Valuation);
        // "cash flow" inside "free cash flow" or a ratio question is not a question about operating cash flow.
        if (kinds.Contains(SignalKind.FreeCashFlow) && !Contains(normalized.Replace("free cash flow", "", StringComparison.Ordinal), "cash flow"))
            kinds.Remove(SignalKind.OperatingCashFlow);
        if (kinds.Contains(SignalKind.CapexCashFlowRatio)) kinds.Remove(SignalKind.OperatingCashFlow);
        // "short" and "puts" are one question about bearish positions.
        if (kinds.Contains(SignalKind.ShortPosition) && !kinds.Contains(SignalKind.OptionPosition)) kinds.Add(SignalKind.OptionPosition);
        // Unless the puts are asked apart ("the puts by themselves").
        if (kinds.Contains(SignalKind.OptionPosition) && !kinds.Contains(SignalKind.ShortPosition) && !AsksAlone(text)) kinds.Add(SignalKind.ShortPosition);
        // "Nvidia invests in CoreWeave" is a deal between two companies, not capex; "Amazon invests in North Carolina"
        // or "Google will invest in 2026" names one company, so it is that company's own spending.
        var investWordsOnly = kinds.Contains(SignalKind.FinancingDeal) && InvestPhrases.Any(p => Contains(normalized, p))
            && !KindLexicon.First(k => k.Kind == SignalKind.FinancingDeal).Phrases.Except(InvestPhrases).Any(p => Contains(normalized, p) || Contains(slashless, p));
        var askingFunders = FunderWords.Any(w => Contains(normalized, w));
        // ("What has Nvidia invested in?", "Where has Nvidia invested money?": what a company put money into is its deals,
        // not its own spending.)
        var intoWhat = companies.Count > 0 && Regex.IsMatch(normalized, @" (what|which \w+|worin) (has|have|did|does|do|is|hat|haben) (\w+ ){1,3}(invested in|invested money in|invest in|put money into|poured money into|backed|investiert) | (where|wo|wohin) (has|have|did|does|do|hat|haben) (\w+ ){1,3}(invested|put|poured|pumped|gesteckt|investiert) (its |their |sein |ihr )?(money|cash|geld) ");
        if (intoWhat)
        {
            kinds.RemoveAll(k => k is SignalKind.Capex or SignalKind.CapexGuidance or SignalKind.InvestmentPlan);
            if (!kinds.Contains(SignalKind.FinancingDeal)) kinds.Add(SignalKind.FinancingDeal);
        }
        // "SoftBank invested in OpenAI" names a party we do not know: still a deal, not OpenAI's own spending.
        else if (investWordsOnly && companies.Count + ambiguous.Count <= 1 && !askingFunders && (others.Count == 0 || companies.Count == 0))
        {
            kinds.Remove(SignalKind.FinancingDeal);
            foreach (var own in new[] { SignalKind.Capex, SignalKind.InvestmentPlan })
                if (!kinds.Contains(own)) kinds.Add(own);
        }
        else if (kinds.Contains(SignalKind.FinancingDeal) && kinds.Contains(SignalKind.Capex) && !Contains(normalized, "capex") && DealPhrases.Any(p => Contains(normalized, p)))
            kinds.Remove(SignalKind.Capex);
        // "why is Amazon's free cash flow so thin?": what capex takes of the cash flow explains it.
        if (kinds.Contains(SignalKind.FreeCashFlow) && Regex.IsMatch(normalized, @" (why|warum|wieso|weshalb) "))
            foreach (var k in new[] { SignalKind.CapexCashFlowRatio, SignalKind.Capex }) if (!kinds.Contains(k)) kinds.Add(k);
        // Capex against cash flow is the ratio of the two.
        if (kinds.Contains(SignalKind.Capex) && kinds.Contains(SignalKind.OperatingCashFlow) && !kinds.Contains(SignalKind.CapexCashFlowRatio))
            kinds.Add(SignalKind.CapexCashFlowRatio);

        var years = YearPattern().Matches(text).Select(m => int.Parse(m.Value)).Distinct().ToList();
        // "the 2025 actual, not the 2026 plan": a year set aside is not asked, when another is.
        // ("the recent figure, not fiscal 2022": set aside beside "recent", the year leaves the newest asked.)
        var setAsideYears = new List<int>();
        // ("not 2025's": the year's possessive is the year.)
        var yearsNamed = Regex.Replace(normalized, @" (20[0-4]\d)s ", " $1 ");
        foreach (Match setAside in Regex.Matches(yearsNamed, @" (?:not|rather than|instead of|as opposed to|nicht|statt|anstatt|im gegensatz zu[mr]?|excluding|other than) (?:the |die |den |das |der )?(?:fiscal |fy |calendar |geschaftsjahr )?(?<y>20[0-4]\d) "))
            if (int.Parse(setAside.Groups["y"].Value) is var y && (years.Count > 1 || Regex.IsMatch(normalized, @" (recent|latest|newest|current|aktuell\w*|neueste\w*) ")) && NamedOnce(yearsNamed, y))
            {
                years.Remove(y);
                setAsideYears.Add(y);
            }
        // ("the range it gave before the 2026 outlook came out": an outlook named as an event places the question in time.)
        foreach (Match outlook in Regex.Matches(yearsNamed, @" (?:before|prior to|ahead of|until|bevor|vor) (?:the |its |their |die |den |dem |der |seine[mnr]? |ihre[mnr]? )?(?<y>20[0-4]\d) (?:outlook|guidance|guide|plan|range|forecast|ausblick|prognose|planung) (?:came out|was given|was issued|was published|arrived|landed|kam|erschien)"))
            if (int.Parse(outlook.Groups["y"].Value) is var y && years.Count > 1 && NamedOnce(yearsNamed, y))
            {
                years.Remove(y);
                setAsideYears.Add(y);
            }
        // "I know the 2026 range, but what about 2025 itself?": a year singled out is the one asked.
        if (years.Count > 1 && Regex.Matches(normalized, @" (?<y>20[0-4]\d) (itself|alone|by itself|allein|selbst) ").Select(m => int.Parse(m.Groups["y"].Value)).ToList() is { Count: > 0 } singled)
            years = years.Where(singled.Contains).ToList();
        // Years as people type them: "fy26", "q1 26", "oct 25", "'24"; when a fiscal year is spelt "fy26", the months
        // beside it only say which months it covers.
        var fiscalShort = Regex.IsMatch(text, @"\bfy ?'?(20)?\d{2}\b", RegexOptions.IgnoreCase);
        foreach (Match m in ShortYear().Matches(text))
        {
            if (fiscalShort && !Regex.IsMatch(m.Value, "^(fy|q)", RegexOptions.IgnoreCase)) continue;
            var year = 2000 + int.Parse(m.Groups["y"].Value);
            if (year is >= 2015 and <= 2040 && !years.Contains(year)) years.Add(year);
        }
        // "AMZN 26 guide vs GOOGL's 26 range", "capex 25 actual", "capx guidance for 26": a bare two-digit year beside a
        // word of a figure's kind.
        // ("meta capex guide range 26 vs 25": and the year set against it.)
        if (BareShortYear().IsMatch(text))
            foreach (Match m in BareShortYear().Matches(text).Concat(BareShortYearPair().Matches(text)))
                foreach (var y in new[] { m.Groups["y"], m.Groups["z"] }.Where(g => g.Success))
                    if (2000 + int.Parse(y.Value, CultureInfo.InvariantCulture) is var bare && !years.Contains(bare)) years.Add(bare);
        // "before Amazon's Q4 call", "the Q4 earnings call on 5 February": a report named as an event places the question
        // in time; its quarter is not what is asked.
        var quarterMatch = QuarterPattern().Match(ReportAsEvent().Replace(text, " "));
        int? quarter = quarterMatch.Success ? int.Parse(quarterMatch.Groups[1].Value)
            : QuarterWords.Where(w => Contains(normalized, w.Phrase)).Select(w => (int?)w.Quarter).FirstOrDefault()
            // "in the last quarter of 2025", "im letzten Quartal 2025": a year's last quarter is its fourth.
            ?? (Regex.IsMatch(normalized, @" (last|final|closing|letzten|letztes|schlussquartal) (quarter|quartal)( of| des jahres)? (the year |20\d\d )") ? 4 : null);
        // A fiscal year spelt out ("msft capex fy26 (jul 25 - jun 26)") names its months to say which year it is.
        // ("The January article quotes a 2024 number": a month naming a piece says when it was written, not what is asked.)
        var month = Contains(normalized, "fiscal") || Regex.IsMatch(normalized, @"\bfy ?\d") ? null
            : TimeWords.FindMonth(Regex.Replace(normalized, $@" ({TimeWords.MonthStems})[a-z]*( 20\d\d)? ({PieceWords}) ", " "));
        // "Jan-Mar 2026", "April to June": a calendar quarter spelt as its months is that quarter, and those months.
        if (QuarterMonths().Match(normalized) is { Success: true } span)
        {
            var first = TimeWords.MonthNumber(span.Groups["from"].Value)!.Value;
            int? spanYear = span.Groups["y"].Success ? int.Parse(span.Groups["y"].Value) : null;
            if (TimeWords.MonthNumber(span.Groups["to"].Value) == first + 2 && first % 3 == 1)
            {
                quarter ??= (first + 2) / 3;
                month = new NamedMonth(first, spanYear, null) { Through = new NamedMonth(first + 2, spanYear, null) };
            }
        }
        // "the fiscal year running from July 2025 to June 2026": the fiscal year named by the year it ends in.
        if (FiscalSpan().Match(normalized) is { Success: true } fiscalSpan && kinds.Any(k => k is SignalKind.Capex or SignalKind.Revenue or SignalKind.Eps or SignalKind.OperatingCashFlow or SignalKind.FreeCashFlow or SignalKind.CapexCashFlowRatio))
            years = [int.Parse(fiscalSpan.Groups["y"].Value)];
        // "grown since fiscal 2022": that year and every one after it, to set the first against the latest.
        if (Regex.Match(normalized, @" (since|seit) (the )?(fiscal |fy |calendar |geschaftsjahr |dem geschaftsjahr |dem jahr )?(year )?(?<y>20\d\d) ") is { Success: true } since
            && years.Count == 1 && years[0] == int.Parse(since.Groups["y"].Value))
            years = Enumerable.Range(years[0], 6).ToList();
        // "beyond 2025", "after 2025": the years that follow it.
        if (Regex.Match(normalized, @" (beyond|after|past|nach|uber) (?<y>20\d\d) ") is { Success: true } beyond && years.Count == 1 && years[0] == int.Parse(beyond.Groups["y"].Value))
            years = Enumerable.Range(years[0] + 1, 5).ToList();
        // "the September quarter of 2025": a month without a year of its own takes the question's year.
        // "In the last week of January 2026, what Q4 order intake did ASML report?": a fourth quarter reported early in a
        // year is the year before's.
        if (month is { Year: { } reportYear, Month: <= 3 } && quarter is 4 && years.Count == 1 && years[0] == reportYear && !Regex.IsMatch(text, @"\bQ4\W{0,2}(20)?\d\d\b|\b(fourth quarter|Q4) (of )?20\d\d\b", RegexOptions.IgnoreCase)
            && Regex.IsMatch(normalized, @" (reported|report|reports|announced|published|released|results|numbers|call) "))
            years = [reportYear - 1];
        // "reported Q4 2025 in late January": an early month after a late quarter's year is the next year's.
        // (Not when the year is the figure's: "what did it guide for calendar 2026 when it reported its Q4 numbers in February".)
        if (month is { Year: null, Month: <= 3 } && years.Count == 1 && quarter is 4 && Regex.IsMatch(normalized, @" (reported|report|reports|announced|published|released|results|numbers|call) ")
            && !Regex.IsMatch(text, $@"\b(for|calendar|fiscal|fy)\s?{years[0]}\b", RegexOptions.IgnoreCase))
            month = month with { Year = years[0] + 1 };
        if (month is { Year: null } && years.Count == 1) month = month with { Year = years[0], Through = month.Through is { Year: null } through ? through with { Year = years[0] } : month.Through };
        // "at the end of January 2026", "by 1 September 2025": the day the question stands on (as of), not a period asked for.
        foreach (Match m in AsOfDate().Matches(normalized))
            if (int.Parse(m.Groups["y"].Value) is var y && NamedOnce(normalized, y)) years.Remove(y);
        // "Nvidia reported its third quarter of fiscal 2026 in November 2025": when a period was reported is not a period asked.
        if (quarter is not null && Regex.Match(normalized, @" (reported|released|published|posted|announced|berichtete|meldete|veroffentlichte) .{0,80}? (in|im|on|am) (" + TimeWords.MonthStems + @")[a-z]* (?<y>20[0-4]\d) ") is { Success: true } reported
            && int.Parse(reported.Groups["y"].Value, CultureInfo.InvariantCulture) is var reportedYear && NamedOnce(normalized, reportedYear) && years.Count > 1)
        {
            years.Remove(reportedYear);
            if (month is { } m && m.Year == reportedYear && m.Through is null) month = null;
        }
        // "Tencent spent $10.7bn on capex in 2024. What did it end up spending in 2025?": a statement before the question
        // sets the scene; when the question names a year of its own, the statement's years are not asked.
        // ("we know Alphabet's 2026 guide, but what did Google spend in 2025?": a clause before "but" is such a statement.)
        var (scene, asked) = Scene(text);
        if ((years.Count > 1 || quarter is not null) && scene is not null && asked is not null)
        {
            HashSet<int> askedYears;
            // (Not when the question works with the statement's figure: "back out", "per year", "how does it compare".)
            if (Regex.IsMatch(asked, @"\b(that|this|those|these|then|back out|compare\w*|vs|versus|than|more|less|bigger|smaller|higher|lower|difference|gap|per|average|starting|since|from|differenz|unterschied|vergleich\w*|davon|dessen|gegenüber|gegenuber|pro|seit)\b", RegexOptions.IgnoreCase)) askedYears = [];
            else askedYears = Regex.Matches(asked, @"\b20[0-4]\d\b").Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToHashSet();
            if (askedYears.Count > 0) years.RemoveAll(y => !askedYears.Contains(y) && Regex.IsMatch(scene, $@"\b{y}\b"));
            // ("… the Q4 call spooked me. What is the 2026 capex number?": the statement's quarter is not asked either.)
            var quarterWords = @"\b(q[1-4]|quarter|quartal)\b";
            if (askedYears.Count > 0 && quarter is not null && Regex.IsMatch(scene, quarterWords, RegexOptions.IgnoreCase) && !Regex.IsMatch(asked, quarterWords, RegexOptions.IgnoreCase))
                quarter = null;
        }
        // ("By how much did the five-day loss in early November exceed the one-day loss in October?": two months set against
        // each other, or added, are both asked; neither alone is the window.)
        // ("one-day loss in October 2025 and its loss over 3-7 November": days of one month are one of the two times.)
        if ((month is { Through: null } || month is { Through: { } daysTo } && daysTo.Month == month.Month && daysTo.Year == month.Year) && Regex.Matches(normalized, @" (january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|marz|mai|juni|juli|oktober|dezember) ")
                .Select(m => TimeWords.MonthNumber(m.Groups[1].Value)).OfType<int>().Distinct().Count() >= 2
            && (AsksDifference(text) || AsksRatio(text) || AsksTotal(text) || Regex.IsMatch(normalized, @" (vs|versus|against|exceed|exceeded|exceeds|bigger|larger|smaller|worse|compared|compare|add|plus|together|combined) ")))
            month = null;
        // ("CoreWeave went public in March 2025. How much has it raised since last year?": a month the statement names,
        // which the question does not point back at, sets the scene only.)
        // ("Back in summer 2025 Amazon guided $118bn. What did it end up spending?": a season the statement names likewise.)
        const string MonthWord = @"\b(?:(?:" + TimeWords.MonthStems + @")[a-z]*\.?|early|mid|late|spring|summer|autumn|fall|h1|h2|first half of|second half of|anfang|mitte|ende|frühjahr|fruhjahr|sommer|herbst)[\s-]+(20[0-4]\d)\b";
        if (month is not null && scene is not null && asked is not null && Regex.Match(scene, MonthWord, RegexOptions.IgnoreCase) is { Success: true } sceneMonth
            && !Regex.IsMatch(asked, MonthWord, RegexOptions.IgnoreCase) && !Regex.IsMatch(asked, @"\b(that|this|those|these|then|same|davon|damals|dann)\b", RegexOptions.IgnoreCase)
            // ("… since ChatGPT launched in late 2022": a span the statement opens runs on into what is asked.)
            && !Regex.IsMatch(scene, @"\b(since|seit)\b", RegexOptions.IgnoreCase))
        {
            month = null;
            var sceneYear = int.Parse(sceneMonth.Groups[1].Value, CultureInfo.InvariantCulture);
            if (NamedOnce(normalized, sceneYear)) years.Remove(sceneYear);
        }
        // "Back in mid-September 2025, how much was Amazon planning to spend?": the day the question looks from, not a
        // month asked about.
        DateOnly? statedAsOf = null;
        // "Back in October 2025, what did Nvidia lose in one day?" asks about then; only plans looked at from then ("back
        // in September, how much was Amazon planning to spend?") are a day to look from.
        if (StatedAsOfPattern().Match(normalized) is { Success: true } stated && TimeWords.MonthNumber(stated.Groups["m"].Value) is { } statedMonth
            // ("Scion's puts as of 30 September 2025": a filing's positions are as of a day, which is no day to look from.)
            // ("As of the end of September 2025, which puts did Scion hold?": so is the end of a month.)
            && !((stated.Groups["d"].Success || stated.Groups["part"].Value.EndsWith("end of", StringComparison.Ordinal) || stated.Groups["part"].Value == "ende") && Regex.IsMatch(normalized, @" (13f|13 f|positions?|puts?|calls?|options?|holdings?|held|holds?|hold|filing|filings|filed|disclosed|fund|funds|scion|burry|assets|short|shorts|shares) "))
            // ("Where did Meta's capex guidance stand in mid-October 2025?" looks from then; "where did Palantir's P/E stand in
            // early November 2025?" asks of then.)
            && (!Regex.IsMatch(stated.Value, @"back in|damals|(?<!as (it|they|things)) (stand|stood) (in|at) ")
                || Regex.IsMatch(normalized, @" (plan|plans|planned|planning|expect|expected|expecting|guide|guided|guiding|guidance|forecast|forecasting|outlook|budget|budgeted|intend|intended|planen|plante|geplant|erwartet|prognose) ")
                   && Regex.IsMatch(normalized, @" (spend|spending|invest|investing|capex|budget|ausgeben|investieren|investitionen) ")
                // "back in September 2025, what did we know about …": what was known then.
                || KnownThen().IsMatch(normalized)))
        {
            var y = int.Parse(stated.Groups["y"].Value);
            var last = DateTime.DaysInMonth(y, statedMonth);
            // ("as of 10 November 2025": the day itself, when one is named.)
            statedAsOf = new DateOnly(y, statedMonth, stated.Groups["d"].Success && int.Parse(stated.Groups["d"].Value) is var day and >= 1 && day <= last ? day
                : stated.Groups["part"].Value switch { "start of" or "beginning of" => 1, "early" or "anfang" => 5, "mid" or "mitte" => 15, _ => last });
            if (month is { } named && named.Month == statedMonth && (named.Year ?? y) == y && named.Through is null) month = null;
            if (NamedOnce(normalized, y)) years.Remove(y);
        }
        // "Say it's 1 Feb 2026", "It's mid-September 2025 and …", "by the end of January 2026 … what was public at that
        // time": the user places the question on a day, and only what was known by then counts.
        if (statedAsOf is null && SupposedDay(text, normalized) is { } supposed)
        {
            statedAsOf = supposed;
            if (month is { } named && named.Month == supposed.Month && (named.Year ?? supposed.Year) == supposed.Year && named.Through is null) month = null;
            if (NamedOnce(normalized, supposed.Year)) years.Remove(supposed.Year);
        }
        // "As of New Year's Eve 2025": a holiday names the day the question stands on as well as a month would.
        // "Where do Meta's capex plans stand at the end of 2025?": where they stood then, not the year's own plan.
        if (statedAsOf is null && Regex.Match(normalized, @" (?:stand|stood|standing|stehen|standen) (?:at|by|as of|zum|am) (?:the )?end of (?<y>20[0-4]\d) ") is { Success: true } standing
            && int.Parse(standing.Groups["y"].Value) is var standYear && NamedOnce(normalized, standYear))
        {
            statedAsOf = new DateOnly(standYear, 12, 31);
            years.Remove(standYear);
        }
        // ("Going into year-end 2025, what was Amazon guiding on capex?": the turn of the year the question stands at, not
        // the year's own figure.)
        if (statedAsOf is null && Regex.Match(normalized, @" (?:going|heading|headed|moving) into (?:the )?(?:year end|end of|turn of(?: the year)?) (?<y>20[0-4]\d) ") is { Success: true } goingInto
            && int.Parse(goingInto.Groups["y"].Value) is var intoYear && NamedOnce(normalized, intoYear))
        {
            statedAsOf = new DateOnly(intoYear, 12, 31);
            years.Remove(intoYear);
        }
        if (statedAsOf is null && HolidayAsOf().Match(normalized) is { Success: true } holiday)
        {
            var y = int.Parse(holiday.Groups["y"].Value);
            statedAsOf = holiday.Groups["h"].Value switch
            {
                "new years day" or "new year day" or "neujahr" => new DateOnly(y, 1, 1),
                "christmas eve" or "heiligabend" => new DateOnly(y, 12, 24),
                "christmas" or "weihnachten" => new DateOnly(y, 12, 25),
                _ => new DateOnly(y, 12, 31),
            };
            if (NamedOnce(normalized, y)) years.Remove(y);
        }
        // "since November 2022": from then on, which the years already say; not that month alone.
        if (month is not null && SinceMonth().IsMatch(normalized)) month = null;
        // ("in calendar 2025 (January to December)": the whole of a year the question names is the year, not a window in it.)
        if (month is { Month: 1, Week: null, Through: { Month: 12, Week: null } december } && (month.Year ?? december.Year) is { } wholeYear && years.Contains(wholeYear)) month = null;
        // "how much more was that than the $118bn it had guided in mid-2025?": the season says when the guide was given,
        // not which figures are asked; what was spent came later.
        // ("… how does it compare with the plan it had in mid-2025?", "the figure it had pencilled in for 2025 back in
        // mid-2025", "Mid-2025 Amazon was quoted at $118bn for 2025; what did it end up spending?", "Back in mid-2025
        // everyone was anchoring on $118bn …: where did capex actually land?")
        const string When = @"(mid|early|late|h1|h2|the first half of|the second half of|first half of|second half of|spring|summer|autumn|fall|(" + TimeWords.MonthStems + @")[a-z]*) (of )?20\d\d";
        if (month is not null && (Regex.IsMatch(normalized, @" (guided|guide|forecast|forecasted|projected|planned|announced|promised|pencilled|penciled) (back )?in (mid|early|late|h1|h2|the first half of|the second half of) (of )?20\d\d ")
                && ActualWords.Any(w => Contains(normalized, w))
            || (Regex.IsMatch(normalized, @" (plan|plans|guidance|outlook|budget|budgets|number|numbers|figure|figures|forecast|forecasts|target|targets) (\w+ ){0,6}?(back )?(in|from|at|as of) (the )?" + When + " ")
                || Regex.IsMatch(normalized, @"^ (back )?(in )?" + When + @" (\w+ ){0,6}(quoted|guided|guiding|anchoring|anchored|planned|planning|forecast|forecasting|expected|expecting|pencilled|penciled|promised|said|talking|saying) "))
                && (StrongActualWords.Any(w => Contains(normalized, w)) || Regex.IsMatch(normalized, @" (end up|land|landed) "))))
            month = null;
        // ("In November 2025 Amazon said it would spend more than $30bn in each of the next two quarters. What's the minimum
        // for Q4 2025 and Q1 2026 combined?": a month a statement opens with dates the saying; the quarters are asked.)
        if (month is not null && Regex.IsMatch(normalized, @" (q[1-4]|quarter|quarters|quartal\w*) ")
            && Regex.IsMatch(normalized, @"^ (back )?(in )?" + When + @" (\w+ ){0,4}(said|says|guided|told|announced|promised|flagged|signalled|signaled|indicated|projected|pencilled|penciled|sagte|kundigte) "))
            month = null;
        // "global 2024 vs US first half 2025", "the mid-2025 plan against the 2026 guidance": years compared, one of them
        // with months; the years are what is compared, so the months of one do not shut the other out.
        if (month is { Year: { } monthYear } && (month.Through?.Year ?? monthYear) == monthYear && years.Count > 1 && years.Any(y => y != monthYear)) month = null;
        // "before the November slide" places the question in time; the slide is not what is asked about.
        var directional = Regex.Replace(BeforeEvent().Replace(normalized, " ").Replace(" losing to ", " ", StringComparison.Ordinal).Replace(" lose to ", " ", StringComparison.Ordinal), @" (sink|sank|sunk|sinking|sinks) (into|in) ", " spend into ");
        // ("Nvidia's one-day Blackwell loss", "its five-day November loss": a loss of so many days, whatever names it, is a move.)
        var fall = FallWords.Any(w => Contains(directional, w)) || Regex.IsMatch(directional, @" (one|two|three|four|five|single|\d+) (day|days|week|weeks|session|trading day) (\w+ ){1,2}(loss|losses|drop|hit|fall|decline|slide) ");
        var rise = RiseWords.Any(w => Contains(directional, w));
        // "What did the consumer sentiment index rise to in November?", "Auf welchen Wert fiel der Index?": the level an
        // index or survey reached is its reading, whichever way it went; no shares moved.
        if ((fall || rise) && companies.Count == 0 && filers.Count == 0
            && Regex.IsMatch(normalized, @" (index|indices|sentiment|survey|indicator|reading|umfrage|\w*index|\w*stimmung\w*) ")
            && Regex.IsMatch(normalized, @" (rise|rises|rose|risen|fall|falls|fell|fallen|drop|drops|dropped|sink|sinks|sank|sunk|slip|slipped|slide|slid|climb|climbed|jump|jumped) to | auf welchen (wert|stand) | (fiel|fielen|stieg|stiegen|sank|sanken|gefallen|gestiegen|gesunken) auf "))
            fall = rise = false;
        // "… and what did it cost them?": what a blow cost a company is the market value it lost, not a plan's cost.
        // (Of whom: "them", "the company", or a company named right after "cost".)
        if (WhatItCost.Match(normalized) is { Success: true } cost
            && (CostsWhom(cost) || mentions.Any(m => Regex.IsMatch(text[..m.Match.Start], @"\bcost\s+$", RegexOptions.IgnoreCase))))
        {
            kinds.RemoveAll(k => k is SignalKind.InvestmentPlan);
            if (!kinds.Contains(SignalKind.MarketCapMove)) kinds.Add(SignalKind.MarketCapMove);
            fall = true;
        }
        // "lost" alone asks about a market-cap move; "fell" about a share price.
        var shareWords = new[] { "stock", "stocks", "share", "shares", "aktie", "aktien", "kurs" }.Any(w => Contains(normalized, w));
        // "What slice of people using AI chat assistants still stick with ChatGPT?": users staying with a chatbot are its
        // share of them, not a renewal rate.
        if (kinds.Contains(SignalKind.MarketShare) && kinds.Contains(SignalKind.Metric) && Regex.IsMatch(normalized, @" (chatbot|chatbots|chat|assistant|assistants|assistenten) "))
            kinds.Remove(SignalKind.Metric);
        // "Can Nvidia sell its newest GPUs to Chinese buyers at the moment?": selling chips into China is what export rules
        // allow, not a deal with a buyer.
        if (Regex.IsMatch(normalized, @" (sell|sells|selling|sold|ship|ships|shipping|shipped|shipments|export|exports|exporting|deliver|delivering|verkaufen|verkauft|liefern|exportieren) (\w+ ){0,6}(to|into|in|nach) (china|chinese|beijing|chinesische|chinesischen) ")
            && !kinds.Contains(SignalKind.ExportControl))
        {
            kinds.RemoveAll(k => k is SignalKind.FinancingDeal or SignalKind.Revenue);
            kinds.Insert(0, SignalKind.ExportControl);
        }
        // "What is Nvidia's total market capitalisation right now?": a level, which no move says.
        // ("What's Nvidia's market cap right now, after the November sell-off?": the level now, whatever came before.)
        if (kinds.Contains(SignalKind.MarketCapMove) && measure is null && companies.Count > 0
            && (!fall && !rise && Regex.IsMatch(normalized, @" (what is|what s|whats|how big is|how large is|how much is|current|currently|right now|today|total|stand at|stands at|wie hoch ist|aktuell|derzeit) ")
                && !Regex.IsMatch(normalized, @" (move|moves|moved|change|changed|changes|swing|swings|swung|added|add|shed|day|days|week|weeks|session|month|since|after|before|during) ")
                || Regex.IsMatch(normalized, @" (what is|what s|whats|wie hoch ist) (\w+ ){0,2}(market cap|market value|market capitali[sz]ation|borsenwert|marktkapitalisierung) (right now|now|currently|today|aktuell|derzeit|heute) ")
                // ("What was Nvidia's total market capitalisation after the Blackwell news?": a total, whenever, is a level.)
                || !fall && !rise && Regex.IsMatch(normalized, @" (total|overall|entire|whole|gesamte?n?) (market cap|market capitali[sz]ation|market value|borsenwert|marktkapitalisierung) ")))
        {
            kinds.RemoveAll(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove);
            // ("… after the Blackwell news": the news places the level in time; it is not asked.)
            if (Regex.IsMatch(normalized, @" (after|following|since|nach) (the |its |dem |den |der )?(\w+ ){0,3}(news|comment|comments|remarks|statement|announcement|nachricht\w*|meldung\w*) "))
                kinds.RemoveAll(k => k is SignalKind.ExportControl or SignalKind.News);
            if (kinds.Count == 0) kinds.Add(SignalKind.Metric);
            measure = "market capitalisation";
        }
        // "Welche Aktie hat die höchste Bewertung nach KGV?", "which stock has the richest P/E?": the stock is what is picked;
        // its valuation is asked, not how its shares moved.
        if (kinds.Contains(SignalKind.Valuation) && kinds.Contains(SignalKind.PriceMove) && !fall && !rise
            && Regex.IsMatch(normalized, @" (which|what|welche\w*) (ai |ki )?(stock|stocks|share|shares|aktie|aktien|titel) ")
            && !Regex.IsMatch(normalized, @" (move|moved|moves|performance|performed|run|rally|rallied|kurs\w*|price|preis\w*|ytd|year to date) "))
            kinds.RemoveAll(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove);
        // "how did they trade": however their value moved, in price or in market value.
        // "What went down in AI stocks that week?": of no company in particular, a stock's move is either kind of move.
        // ("Nvidia's one-day October drop": a fall counted in days is either kind of move too.)
        if (kinds.Contains(SignalKind.PriceMove) && !kinds.Contains(SignalKind.MarketCapMove) && (Contains(normalized, "trade") || companies.Count == 0 && filers.Count == 0
            || Regex.IsMatch(normalized, @" (one|two|three|four|five|single|\d+) (day|days|session|sessions|trading day|week) (\w+ ){0,2}(drop|drops|fall|loss|losses|slide|decline|hit) "))) kinds.Add(SignalKind.MarketCapMove);
        // "How many dollars are investors paying for each dollar of Nvidia's profit?": the price of earnings, not a deal.
        if (MentionsAnyOf(normalized, "for each dollar of", "per dollar of profit", "per dollar of earnings") && kinds.Contains(SignalKind.Valuation))
            kinds.RemoveAll(k => k != SignalKind.Valuation);
        // "By what multiple have deliveries grown?": a multiple of growth is no valuation.
        if (kinds.Contains(SignalKind.Valuation) && MentionsAnyOf(normalized, "multiple") && MentionsAnyOf(normalized, "grown", "grow", "grew", "growth", "increased", "risen", "gewachsen")
            && !MentionsAnyOf(normalized, "p/e", "p e", "valuation", "valued", "kgv", "worth", "earnings multiple"))
            kinds.Remove(SignalKind.Valuation);
        // "capex guide as a multiple of TTM FCF?", "compute bill vs FY25 rev, multiple?": a multiple of two other figures is
        // their ratio, no valuation.
        // ("what's that as a multiple of his 2026 plan midpoint?": said of one figure against another, too.)
        if (kinds.Contains(SignalKind.Valuation) && (kinds.Count > 1 || Contains(normalized, "as a multiple of")) && MentionsAnyOf(normalized, "multiple") && AsksRatio(text)
            // ("which one trades on the richer multiple?": the multiple a stock trades on is its valuation.)
            && !MentionsAnyOf(normalized, "p/e", "p e", "pe", "valuation", "valued", "kgv", "worth", "earnings multiple", "bewertung", "profit", "profits", "earnings", "gewinn", "paying", "pay",
                "trades on", "trades at", "trade on", "trade at", "trading on", "trading at", "richer multiple", "richest multiple", "higher multiple", "lower multiple", "cheaper multiple"))
            kinds.Remove(SignalKind.Valuation);
        // "How much of Nvidia's worth evaporated in a session?": worth that fell is market value lost, not a multiple.
        // "How much was knocked off Nvidia's valuation that day?": value taken off is market value lost, however it is named.
        if ((fall || rise) && kinds.Contains(SignalKind.Valuation) && companies.Count > 0 && MentionsAnyOf(normalized, "worth", "value", "valuation")
            && (!MentionsAnyOf(normalized, "p/e", "p e", "valuation", "multiple", "kgv", "valued") || Regex.IsMatch(normalized, @" (knocked|knock|knocks|wiped|lopped|shaved|taken|came|come) off ") && !MentionsAnyOf(normalized, "p/e", "p e", "multiple", "kgv")))
        {
            kinds.Remove(SignalKind.Valuation);
            if (!kinds.Contains(SignalKind.MarketCapMove)) kinds.Insert(0, SignalKind.MarketCapMove);
        }
        // "How did AWS do in Q4 2025?": how a business did is its results; how its shares did is their moves.
        if (kinds.Count == 0 && companies.Count > 0 && Regex.IsMatch(normalized, @" how (did|does|has|have) (\w+ ){1,4}(do|done|perform|performed|fare|fared) "))
            kinds.AddRange(shareWords ? [SignalKind.PriceMove, SignalKind.MarketCapMove] : [SignalKind.Revenue, SignalKind.Eps]);
        // "How did investors take the statement?": the market's reaction is the company's moves.
        var reaction = ReactionWords.Any(w => Contains(normalized, w))
            // ("What happened to Amazon shares after the capex guidance?", "what did the stock do after it?": so is what the
            // shares did after something.)
            || Regex.IsMatch(normalized, @" what (happened|happens) to (the |its |their )?(\w+ )?(shares|stock|stocks|share price|stock price) (after|following|on|when) | what did (the |its |their )?(\w+ )?(shares|stock) do (after|following|on|when) ");
        if (reaction && companies.Count > 0)
            foreach (var move in new[] { SignalKind.MarketCapMove, SignalKind.PriceMove }) if (!kinds.Contains(move)) kinds.Add(move);
        // "How did CoreWeave stock react to Nvidia's $2bn investment?": the shares named first are the ones asked about;
        // the company whose move set it off is not. ("Micron's and Amazon's shares": a list before the shares is asked.)
        if (reaction && companies.Count > 1 && mentions.Where(m => m.Candidates.Count == 1).OrderBy(m => m.Match.Start).Take(1).ToList() is [var firstNamed]
            && Regex.IsMatch(text[(firstNamed.Match.Start + firstNamed.Match.Length)..], @"^(['’]s)?\s+(stock|shares|share price|aktie|aktien)\b", RegexOptions.IgnoreCase))
            companies.RemoveAll(c => c != firstNamed.Candidates[0]);
        // "Any hard numbers on how AI agents hit them?": what hit a business is told by its news and figures, not by its
        // shares (which are not named).
        var impact = kinds.Count == 0 && companies.Count > 0 && !shareWords && !MentionsAnyOf(normalized, "market cap", "market value", "valuation", "worth", "marktwert", "borsenwert")
            && Regex.IsMatch(normalized, @" how (\w+ ){0,4}(hit|hits|hurt|hurts|affect|affects|affected|impact|impacts|impacted|trifft|getroffen) ");
        if (impact) kinds.AddRange([SignalKind.News, SignalKind.Metric]);
        // "What big money moves did Micron and ASML announce?": plans and deals announced, not moves of the shares.
        if (Regex.IsMatch(normalized, @" money (move|moves) | (big|major|bold) moves (\w+ ){0,4}(announce|announced|announcing|unveil|unveiled) ")) kinds.Remove(SignalKind.PriceMove);
        // "Which company sold data-centre capacity to OpenAI?": capacity sold is a contract between them, not a plan to build.
        if (Regex.IsMatch(undescribed, @" (sold|sell|sells|selling|rent|rents|rented|renting|lease|leases|leased|leasing|provide|provides|provided|providing|supply|supplies|supplied) (\w+ ){0,3}(capacity|compute|computing power|cloud capacity|servers) (\w+ )?(to|for) "))
        {
            kinds.Remove(SignalKind.CapacityPlan);
            if (!kinds.Contains(SignalKind.FinancingDeal)) kinds.Insert(0, SignalKind.FinancingDeal);
        }
        if (!impact && !betOnFall)
        {
            if ((fall || rise) && !kinds.Any(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove) && kinds.Count == 0)
                kinds.AddRange(shareWords ? [SignalKind.PriceMove, SignalKind.MarketCapMove] : [SignalKind.MarketCapMove, SignalKind.PriceMove]);
            // "Which hurt Nvidia more, the remarks or the sell-off?": a company's rise or fall is its moves.
            // "How much revenue has Nvidia lost …?": revenue lost is not a move of the shares.
            else if ((fall || rise) && companies.Count > 0 && !kinds.Any(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove) && !kinds.Contains(SignalKind.Buyback) && !kinds.Contains(SignalKind.MarketShare)
                && !(kinds.Contains(SignalKind.Revenue) && !shareWords)
                // ("a huge jump in spending": the rise is the spending's, not the shares'.)
                // ("how big a jump is amazon's 2026 capex?": so is a rise said of capex, with no word of the shares.)
                && !(kinds.Contains(SignalKind.Capex) && !shareWords && (Regex.IsMatch(normalized, @" (jump|jumps|rise|increase|surge|leap|hike|ramp|step up|anstieg|sprung) in (\w+ )?(spending|capex|investment|investments|ausgaben|investitionen|budget) ")
                    || Regex.IsMatch(normalized, @" (a|the) (jump|rise|increase|leap|hike|step up) (is|was|in|for|of) (\w+ ){0,3}(capex|capx|spending|budget|guidance|plan) "))))
                kinds.AddRange([SignalKind.MarketCapMove, SignalKind.PriceMove]);
            // "How much did Micron shares rise on the news?": the move, whatever else the words name.
            else if ((fall || rise) && shareWords && !kinds.Contains(SignalKind.PriceMove) && !kinds.Contains(SignalKind.MarketCapMove) && !kinds.Contains(SignalKind.Buyback))
                kinds.Insert(0, SignalKind.PriceMove);
        }

        // "What were ASML's net sales in Q4 2025? Not orders, actual sales.": a kind set aside is not asked, when another is.
        // (The words set aside are no longer the question's: "not orders" names no figure to look for.)
        // ("capex increse": the words asked, slips of the keyboard corrected, are what figures are matched on.)
        // (A plural or a longer form is no slip: "projects" stays as it is.)
        var askedText = Regex.Replace(text, @"\b[a-z]{2,}\b", m =>
        {
            if (mentionSpans.Any(s => m.Index >= s.Start && m.Index < s.End)) return m.Value;
            if (ShortSlips.TryGetValue(m.Value, out var shorthand)) return shorthand;
            if (m.Length < 5) return m.Value;
            var corrected = Corrected(m.Value);
            return corrected.StartsWith(m.Value, StringComparison.Ordinal) || m.Value.StartsWith(corrected, StringComparison.Ordinal) ? m.Value : corrected;
        });
        foreach (var phrase in setAsidePhrases) askedText = askedText.Replace(phrase, " ", StringComparison.Ordinal);
        // ("…, not the growth rate.": a closing clause setting words aside leaves them out of the words asked.)
        askedText = Regex.Replace(askedText, @"(?<=[,;(–—-])\s*(?:not|rather than|instead of|nicht|statt|anstatt)\s+(?:the\s+|die\s+|den\s+|das\s+|a\s+|any\s+)?[\w-]+(?:\s+[\w-]+)?\s*[.?!)]*\s*$", " ", RegexOptions.IgnoreCase);
        foreach (var (setAside, phrases) in KindLexicon)
            if (kinds.Contains(setAside) && kinds.Count > 1
                && phrases.Where(p => p.Length >= 3).Select(p => Regex.Match(text, $@"(?<=^|[,.;:?!(–—-]\s*|\b(?:and|but|aber|und) )(?:not|rather than|instead of|nicht|statt|anstatt)\s+(?:the\s+|die\s+|den\s+|das\s+|any\s+)?{Regex.Escape(p)}\b", RegexOptions.IgnoreCase)).FirstOrDefault(m => m.Success) is { } setAsideWords)
            {
                kinds.Remove(setAside);
                askedText = askedText.Replace(setAsideWords.Value, " ", StringComparison.Ordinal);
            }
        // "forget the plan", "not the plans", "nicht geplant": what was spent, not what was planned.
        var excludesGuidance = Regex.IsMatch(normalized, @" (forget|not|nicht|ignore|excluding|ohne|rather than|instead of|keine) (the |die |den |a |eine )?((early|earlier|first|original|initial|old|fruhere|ursprungliche) )?(plan|plans|planned|guidance|guide|geplant|prognose|forecast|outlook|ausblick) ");
        // ("Amazon's $200bn plan for 2026 is wild. What did they actually spend in 2025?": a plan that only sets the scene
        // is not asked for, when the question does not point back at it.)
        var guidanceText = scene is not null && asked is not null && !Regex.IsMatch(asked, PointsBack, RegexOptions.IgnoreCase)
            ? " " + CompanyDirectory.Normalize(asked) + " " : normalized;
        // ("Welche Capex-Range hat Meta ausgegeben?": a range asked for is a guide, whatever the verb.)
        var wantsGuidance = (GuidanceWords.Any(w => Contains(guidanceText, w)) || Regex.IsMatch(guidanceText, @" (what|which|welche|welcher|welches) (\w+ ){0,2}(range|spanne|bandbreite) ")) && !excludesGuidance;
        // "Amazon's 2026 plan plus the top of Google's 2026 range": a company's plan or range for a year, no other kind
        // named, is its capex guidance.
        if (wantsGuidance && kinds.Count == 0 && companies.Count > 0 && years.Count > 0 && Regex.IsMatch(normalized, @" (plan|plans|range|ranges|guide|guides|guidance|guidances) "))
            kinds.Add(SignalKind.Capex);
        // "which months does that actually cover": "actually" of what a figure covers asks nothing about spending.
        var actualText = Regex.Replace(normalized, @" actually (cover|covers|covered|mean|means|meant|include|includes|refer|refers|count|counts|work|works|say|says|said|give|gave|given|put|announce|announced|guide|guided|commit|committed) ", " $1 ");
        // ("What did Amazon announce in the first week of February 2026 on capex?": what was announced is a plan as much as
        // a result; "did" of announcing asks for neither.)
        // ("What did Amazon announce …, and what did it end up spending?": the other "did" still asks; "what did it say it
        // would spend" asks the plan and, by "did", what came of it.)
        if (!StrongActualWords.Any(w => Contains(actualText, w)))
            actualText = Regex.Replace(actualText, @" did ((\w+ ){1,3}(announce|announced|unveil|unveiled|disclose|disclosed|publish|published|release|released|put out)) ", " $1 ");
        // ("For 2025, how much more did Amazon plan to spend than Microsoft?": "did" of planning asks the plan, not what came
        // of it; "what did each spend, or plan to spend" still asks both.)
        actualText = Regex.Replace(actualText, @" did ((the |its |their )?(?!spend|spent|each)\w+ )(plan|guide|budget|intend|expect|pencil in) ", " $1$3 ");
        // ("… against its original 2025 plan rather than the actual spend": the actual set aside is not asked.)
        actualText = Regex.Replace(actualText, @" (rather than|instead of|not|nicht|statt) (the |its |their |what (it|they) )?(actual|actuals|actually spent|spent|ausgegeben|tatsachlich\w*)( (spend|spending|figure|number|capex|ausgaben))? ", " ");
        var wantsActual = ActualWords.Any(w => Contains(actualText, w));

        // "All this debt going into data centres, red flag?": asked of a thing, a red flag is a judgement on it, not an alert.
        var judgement = JudgementWords.Any(w => Contains(normalized, w)) || Regex.IsMatch(normalized, @" (make|makes|making|made|earn|earns|earning) (\w+ ){0,2}(any |real )?money ")
            // ("Can Meta fund its 2026 capex out of cash flow?": whether it can is a judgement; "the deal it did to fund its
            // expansion" is not.)
            || Regex.IsMatch(normalized, @" (can|could|will|would|able to|enough to) (\w+ ){0,3}(fund|finance) ")
            || Regex.IsMatch(text, @"\b(is (this|that|it) a|a|another) red flag\b|,\s*red flag\s*\?", RegexOptions.IgnoreCase);
        // "How much yearly revenue would be needed by 2030 to justify it?": the figure needed is asked, not a judgement.
        if (judgement && Regex.IsMatch(normalized, @" how much (\w+ ){0,3}(would|will|is|are|was|be|has to|have to|must) (\w+ ){0,2}(needed|required|necessary|made|earned|generated) ")) judgement = false;
        // "KI-Blase? Welche Aktie hat die höchste Bewertung nach KGV?": a label of a word or two before a question that ranks
        // is the theme, not the question; the ranking is asked.
        if (judgement && Regex.Match(text, @"^\W*[\w'’-]+(\s+[\w'’-]+)?\s*[?:]\s+(?<asked>\S.*)$") is { Success: true } labelled
            && !JudgementWords.Any(w => Contains(" " + CompanyDirectory.Normalize(labelled.Groups["asked"].Value) + " ", w))
            && Regex.IsMatch(labelled.Groups["asked"].Value, @"^(which|what|welche\w*|wer)\b.*\b(highest|lowest|biggest|largest|most|richest|höchste\w*|hochste\w*|niedrigste\w*|größte\w*|grosste\w*|meiste\w*)\b", RegexOptions.IgnoreCase))
            judgement = false;
        // ("Bain: revenue needed by 2030 to justify AI data centres vs the annual capex they see by then — how big is the gap?":
        // the revenue that would justify it is a figure, and the gap to another is asked.)
        if (judgement && AsksDifference(text) && !JudgementWords.Any(w => w is not ("justify" or "justified" or "rechtfertigt") && Contains(normalized, w))) judgement = false;
        // "Wie viel hat AMD im November-Crash an Börsenwert verloren?": what a company lost in a crash is a figure asked.
        if (judgement && companies.Count > 0 && (kinds.Contains(SignalKind.MarketCapMove) || kinds.Contains(SignalKind.PriceMove))
            && Regex.IsMatch(normalized, @"^ (how much|wie viel|wieviel|by how much|um wie viel) ") && FallWords.Any(w => Contains(normalized, w))) judgement = false;
        // ("I'm worried the search giant is overspending. What's its capex plan for 2026?": a worry said first, then a figure
        // asked in so many words, asks the figure.)
        if (judgement && kinds.Count > 0 && Regex.Match(text, @"^(?<said>[^?]*[.!])\s+(?<asked>(?:what|how much|how big|how large|how many|how far|wie viel|wie gro(?:ß|ss)|was)\b[^.?!]*\?)\s*$", RegexOptions.IgnoreCase) is { Success: true } worry
            && !JudgementWords.Any(w => Contains(" " + CompanyDirectory.Normalize(worry.Groups["asked"].Value) + " ", w))) judgement = false;
        var intent = QuestionIntent.Lookup;
        // "Who tripped the capex-guidance-jump rule?": a rule named by its id asks for its alerts. (An id of two words,
        // "export-control", "bubble-risk", is ordinary words unless "rule" follows.)
        var rulesNamed = RuleIds.All.Where(r => Contains(normalized, r.Replace('-', ' ') + " rule")
            || r.Count(c => c == '-') >= 2 && text.Contains(r, StringComparison.OrdinalIgnoreCase)).ToList();
        // "goes straight back into buildings and machines" of a company's own cash is reinvestment, not a loop.
        // ("Which red flags has the system raised on Nvidia? I'm thinking … circular-financing loops": the alerts are asked,
        // whatever they are about.)
        if (Regex.IsMatch(normalized, @" (which|what|any|all) (\w+ ){0,2}(alerts|red flags|warnings|warnungen) (has|have|did|does|do|is|are|were|was|hat|haben|gibt) ")) intent = QuestionIntent.Alerts;
        // ("Circular financing check: how much has Nvidia committed to CoreWeave and OpenAI together?": an amount added up
        // is asked, not the loops.)
        else if (LoopWords.Any(w => Contains(normalized, w) && !(w == "straight back" && kinds.Contains(SignalKind.CapexCashFlowRatio)))
            && !(companies.Count > 1 && (AsksTotal(text) || SumWords.Any(w => Contains(normalized, w))) && Regex.IsMatch(normalized, @" how much "))) intent = QuestionIntent.Loops;
        // "Which stock looks most overvalued?" ranks valuations; "Is Palantir overvalued?" is a judgement on Palantir.
        // ("Has any alert fired about capex eating into cash flow?": alerts asked by name are alerts, whatever they are about.)
        else if (judgement && !(RichWords.Any(w => Contains(normalized, w)) && companies.Count == 0) && !Regex.IsMatch(normalized, @" (any|an|the|which|what) (\w+ )?(alert|alerts|alarm|alarms) ")) intent = QuestionIntent.Judgement;
        // ("Alert check: any single-stock drops of 10% or more in the data?": a label before a question about figures is no
        // question about alerts.)
        else if (AlertWords.Any(w => Contains(AlertLabel().Match(text) is { Success: true } label && kinds.Count > 0 ? " " + CompanyDirectory.Normalize(text[label.Length..]) + " " : normalized, w))
            || rulesNamed.Count > 0) intent = QuestionIntent.Alerts;
        // "who holds what share of the chatbot market": a market share held, not a position in a stock.
        else if (PositionWords.Any(w => Contains(normalized, w)) && !(kinds.Contains(SignalKind.MarketShare) && filers.Count == 0) || (filers.Count > 0 && (kinds.Count == 0
                // "Burry's bearish bets on Nvidia, Palantir and Microsoft": bets of any kind, the filer's (not "his puts",
                // nor bets to be added up or set against each other, which are the companies' figures).
                || kinds.Count == 2 && kinds.Contains(SignalKind.OptionPosition) && kinds.Contains(SignalKind.ShortPosition)
                   && !SumWords.Any(w => Contains(normalized, w)) && !AsksTotal(text) && !AsksDifference(text) && !AsksRatio(text)))) intent = QuestionIntent.Positions;
        // "its most recent round" is the latest, not a ranking.
        // "What did the four biggest cloud spenders put in, all together?": a group counted out and summed, not a ranking.
        // ("Which watched company lost …": a company picked out of those watched is "which company".)
        else if (RankingWords.Any(w => Contains(Regex.Replace(Regex.Replace(Regex.Replace(normalized, @" which (watched|tracked|listed|covered|ai|tech|chip|single|one) (company|firm) ", " which company "), @" most (recent|recently|latest) ", " latest "), @" (the )?top (end )?of | top ends? ", " upper end of "), w)) && companies.Count != 1
            // "How much did the eight most valuable AI companies lose that week?": a group counted out, asked of as one.
            && !((SumWords.Any(w => Contains(normalized, w)) || !AsksWho(text) && !Regex.IsMatch(normalized, @"^ (which|welche|welcher|welches) "))
                && Regex.IsMatch(normalized, @" (two|three|four|five|six|seven|eight|nine|ten|zwei|drei|vier|funf|sechs|sieben|acht|neun|zehn|\d+) (biggest|largest|top|leading|most valuable|most highly valued|wertvollsten|grossten|fuhrenden) "))) intent = QuestionIntent.Ranking;
        else if (companies.Count >= 2 && (ComparisonWords.Any(w => Contains(normalized, w)) || kinds.Count > 0)) intent = QuestionIntent.Comparison;

        // A question about the market as a whole names indices, surveys and institutions ("Nasdaq", "Bain", "Dell'Oro"),
        // not companies: their names are no reason to ask back.
        var unknown = companies.Count == 0 && ambiguous.Count == 0 && filers.Count == 0 ? others : [];
        // "Has Burry disclosed any puts on Tesla?": a fund's bets on a company not on the watchlist are not known.
        if (companies.Count == 0 && ambiguous.Count == 0 && filers.Count > 0)
            // ("Did Scion also short Tesla?": the object of the bet is as plain.)
            // ("Burry's Tesla puts": the company before the bet is its object too.)
            unknown = others.Where(n => Regex.IsMatch(text, $@"\b(on|in|against|gegen|auf|short|shorted|shorting|shorts|puts? on|bet against)\s+{Regex.Escape(n)}\b|\b{Regex.Escape(n)}\s+(puts?|calls?|options?|shorts?|short position|positions?|bets?|stake)\b", RegexOptions.IgnoreCase)).ToList();
        // "how much is arm holdings spending on capex": a subject typed in lower case that is no company we know.
        if (unknown.Count == 0 && companies.Count == 0 && filers.Count == 0 && UnknownSubject().Match(text.ToLowerInvariant()) is { Success: true } subject)
        {
            var words = subject.Groups["name"].Value.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
            // ("How much did Big Blue spend?": a nickname written with capitals is a name, when its last word names no group.)
            var written = text.Substring(subject.Groups["name"].Index, subject.Groups["name"].Length);
            var nickname = words.Length > 1 && written.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).All(w => char.IsUpper(w[0]))
                && !SubjectWords.Contains(words[^1]) && !Vocabulary.Contains(words[^1]) && !MarketWords.Any(m => m == words[^1]);
            if (nickname || words.All(w => !SubjectWords.Contains(w) && !Vocabulary.Contains(w) && !MarketWords.Any(m => m == w)))
                unknown = [written];
        }
        // "xiaomi ai capex 2025??", "broadcom free cash flow": a short question typed in lower case that opens with a
        // name we do not know, followed by what is asked of it.
        if (unknown.Count == 0 && companies.Count == 0 && filers.Count == 0 && ambiguous.Count == 0 && kinds.Count > 0
            // ("Broadcom AI semiconductor revenue last quarter": so is one written with a capital, before what is asked of it.)
            && Regex.Match(text, @"^(?<w>[a-z][a-z0-9]{3,})\b|^(?<w>(?-i:[A-Z])[a-z0-9]{3,})(?=(['’]s\s+|\s+(?:AI|KI)\s+)|\s+(?<next>[a-z][\w-]*))") is { Success: true } opener
            && opener.Groups["w"].Value.ToLowerInvariant() is var openerWord
            // (Of a capitalised one, only before "'s", "AI" or a word that names a kind: "Flag any misses" is a verb; and
            // a capitalised opener may be a verb anyway: "Gibt es Exportbeschränkungen …?", "Show Nvidia's …".)
            && (char.IsLower(opener.Groups["w"].Value[0])
                || (!opener.Groups["next"].Success || KindsNamed(opener.Groups["next"].Value).Count > 0)
                    && !OrdinaryOpeners.Contains(openerWord) && !GermanOpeningVerb().IsMatch(openerWord))
            && text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 7
            && !IsOrdinaryWord(openerWord) && Misspelt(openerWord) is null
            // ("chinas new powr capacty", "globl hyperscale capx": a slip of an ordinary or a country's word is no name.)
            && !IsOrdinaryWord(openerWord.TrimEnd('s')) && Corrected(openerWord) == openerWord && !CommonCapitalised.Contains(opener.Groups["w"].Value)
            && !CountryWords.Any(c => c.Phrase == openerWord.TrimEnd('s')) && !MarketWords.Any(w => Contains(normalized, w)))
            unknown = [opener.Groups["w"].Value];
        // "whats samsungs capex plan for 2026": a lower-case name in the possessive, before what is asked of it.
        if (unknown.Count == 0 && companies.Count == 0 && filers.Count == 0 && ambiguous.Count == 0 && kinds.Count > 0
            && Regex.Match(text.ToLowerInvariant(), @"^\W*(?:whats|what's|what is|hows|how's|how is|how big is|how much is)\s+(?<name>[a-z][a-z0-9&-]{2,}?)(?:'s|’s|s)\s+(?:capex|capital|revenue|sales|free|operating|cash|valuation|p/e|eps|earnings|buyback|market|investment|spending|budget)\b") is { Success: true } owner
            && owner.Groups["name"].Value is var ownerName && !IsOrdinaryWord(ownerName) && !IsOrdinaryWord(ownerName + "s") && !SubjectWords.Contains(ownerName) && !SubjectWords.Contains(ownerName + "s")
            && Misspelt(ownerName) is null)
            unknown = [ownerName];

        // A level asked ("market cap right now, after the sell-off") is no move, whatever words of a fall came with it.
        var levelAsked = measure == "market capitalisation";
        if (levelAsked) kinds.RemoveAll(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove);
        // ("capex in 2025, the plan for 2026, and how big is the jump in dollars?": a jump between spending figures is their
        // gap, not a move of the shares, unless the shares or the market value are named.)
        if (kinds.Any(k => k is SignalKind.Capex or SignalKind.CapexGuidance or SignalKind.Revenue or SignalKind.FreeCashFlow or SignalKind.OperatingCashFlow)
            && AsksDifference(text) && Regex.IsMatch(normalized, @" (jump|leap|step up|sprung) ")
            && !Regex.IsMatch(normalized, @" (shares?|stock|stocks|market (cap|value)|kurs|aktien?|borsenwert) "))
            kinds.RemoveAll(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove);
        // ("What did Meta guide for 2025, what for 2026, and how big is the jump between the midpoints?": a jump between
        // what a company guided, no other figure named, is the gap between its guides.)
        else if (companies.Count > 0 && kinds.Count > 0 && kinds.All(k => k is SignalKind.MarketCapMove or SignalKind.PriceMove)
            && AsksDifference(text) && Regex.IsMatch(normalized, @" (jump|leap|step up|sprung) ") && Regex.IsMatch(normalized, @" (guide|guides|guided|guiding|midpoints?) ")
            && !Regex.IsMatch(normalized, @" (shares?|stock|stocks|market (cap|value)|kurs|aktien?|borsenwert) "))
        {
            kinds.Clear();
            kinds.Add(SignalKind.CapexGuidance);
        }
        // ("AMZN 2026 guide vs 2025 actual": spending said of one year beside a guide for another is asked too.)
        if (kinds.Contains(SignalKind.CapexGuidance) && !kinds.Contains(SignalKind.Capex) && years.Count >= 2
            && Regex.IsMatch(normalized, @" (20\d\d|fy ?\d\d) (actual|actuals|spend|spent|spending) | (actual|actuals|actually spent|spent) (in |for )?(fy ?)?(20\d\d|\d\d) "))
            kinds.Add(SignalKind.Capex);
        // ("Microsoft's capex guidance, not the fiscal 2026 one, the one before": the year before the one set aside.)
        if (Regex.Match(text, @"\bnot (the )?(fiscal (year )?|fy ?)?(?<y>20\d\d)\b.{0,24}?\bthe (one|year|guide|figure|number) before\b", RegexOptions.IgnoreCase) is { Success: true } before
            && int.Parse(before.Groups["y"].Value, CultureInfo.InvariantCulture) is var yearSetAside && years.Remove(yearSetAside))
            years.Add(yearSetAside - 1);
        // ("Any Micron news in January 2026?": news of a company in a window is whatever it made known then, a plan or
        // the shares' move as much as a headline.)
        if (kinds is [SignalKind.News] && month is not null && companies.Count > 0 && Regex.IsMatch(normalized, @" (any|anything|what) ") && Regex.IsMatch(normalized, @" (news|nachrichten|neuigkeiten) "))
            kinds.Clear();
        // ("What did Amazon guide for calendar 2026 when it reported its Q4 numbers?": the quarter only dates when it was
        // said; the year named for the figure is asked.)
        if (quarter is not null && years.Count == 1 && Regex.IsMatch(text, @"\b(when|as|after)\s+(it|they|\w+)\s+(reported|released|posted|published|announced|presented)\s+(its|their|the)\s+q[1-4]\b", RegexOptions.IgnoreCase)
            && Regex.IsMatch(text, $@"\b(for|calendar|fiscal|fy)\s?{years[0]}\b", RegexOptions.IgnoreCase))
            quarter = null;
        // ("How did AMZN trade after hours following the Q4 2025 call?": a quarter named as the report a move followed dates
        // the report, which comes after the quarter; the move is not in it.)
        if (kinds.Any(k => k is SignalKind.PriceMove or SignalKind.MarketCapMove)
            && Regex.Match(text, @"\b(after|following|on|nach|auf)\s+(the\s+|its\s+|their\s+|\w+['’]s\s+|den\s+|die\s+|der\s+)?q[1-4]\s*(?<y>20\d\d)?\s+(call|earnings|results|report|print|numbers|zahlen|bericht|quartalszahlen)\b", RegexOptions.IgnoreCase) is { Success: true } reportOfQuarter)
        {
            quarter = null;
            if (reportOfQuarter.Groups["y"].Success) years.Remove(int.Parse(reportOfQuarter.Groups["y"].Value, CultureInfo.InvariantCulture));
        }
        // ("bridgewater 13F puts on nvidia?": a name before "13F" that is no filer, no company and no ordinary word; so is
        // the holder in "Welche Puts hält Bridgewater auf Nvidia?".)
        var unknownFiler = filers.Count == 0 && Regex.Match(text, @"\b(?<name>[A-Za-z][A-Za-z&.'-]{3,})(?:['’]s)?\s+(?:latest\s+|q[1-4]\s+)?13-?f\b|\b(?<name>(?-i:[A-Z])[A-Za-z&.'-]{3,})\s+(?:report|reported|reports|file|filed|files|disclose|disclosed|discloses|show|showed|shows)\b[^.?!]{0,40}\b13-?f\b|^\W*(?:does|did|has|have|is)\s+(?<name>(?-i:[A-Z])[A-Za-z&.'-]{3,})\s+(?:hold|holds|held|own|owns|have|has|bought|buy)\s+(?:any\s+)?(?:puts?|calls?|put options?|call options?|short positions?)\b|^\W*(?:which|what|welche\w*|was\s+f(?:ü|ue|u)r)\s+(?:puts?|calls?|options?|optionen|positions?|positionen|shorts?|short positions?|leerverk\w*)\s+(?:does|did|do|has|have|is|hält|haelt|halt|hielt|hat)\s+(?<name>(?-i:[A-Z])[A-Za-z&.'-]{3,})\b", RegexOptions.IgnoreCase) is { Success: true } filing
            && filing.Groups["name"].Value is var fund && !IsOrdinaryWord(fund.ToLowerInvariant()) && directory.FindMentionsInQuestion(fund).Count == 0
            && !Regex.IsMatch(fund, @"^(the|its|their|his|her|latest|recent|last|this|that|which|what|form|any|in|from|der|die|das|seine\w*|ihre\w*)$", RegexOptions.IgnoreCase)
            // ("nvda puts scoin 13f": a slip of a filer's or a company's name is that name.)
            && Misspelt(fund) is null && !directory.Filers.SelectMany(f => f.Aliases.Append(f.Name)).SelectMany(a => CompanyDirectory.Normalize(a).Split(' '))
                .Any(w => w.Length >= 4 && CompanyDirectory.Normalize(fund) is var typed && (EditDistanceAtMostOne(typed, w) || typed.Length == w.Length && typed.Order().SequenceEqual(w.Order()))) ? fund : null;
        var groupSector = SectorWords.Where(w => Contains(normalized, w.Phrase)).Select(w => w.Sector).FirstOrDefault();
        var groupCountries = CountriesOf(normalized);
        return new ParsedQuestion(askedText, companies, ambiguous, unknown, filers, kinds, years, quarter, intent, wantsGuidance, wantsActual)
        {
            CompanyYears = CompanyYearsIn(text, mentions, companies, years),
            UnknownFiler = unknownFiler,
            // (A level has no month or direction: "after the November sell-off" only says when the question is asked.)
            Month = levelAsked ? null : month,
            Direction = fall == rise || impact || levelAsked ? 0 : fall ? -1 : 1,
            // ("Nvidia's fiscal calendar trips me up": the calendar a company reports by is no call for calendar years.)
            Calendar = Contains(normalized, "calendar") && !Regex.IsMatch(normalized, @" (fiscal|financial|earnings|reporting) calendar ") || Contains(normalized, "kalenderjahr"),
            MarketWide = MarketWords.Any(w => Contains(normalized, w)),
            OneDay = OneDayWords.Any(w => Contains(normalized, w)) && !Contains(normalized, "week") && !Contains(normalized, "woche") && !Regex.IsMatch(normalized, @" (two|three|four|five|2|3|4|5) days? "),
            Reaction = reaction,
            // ("Gesamte Capex-Pläne 2026 von Amazon, Alphabet und Meta": the whole of several companies' plans is their sum.)
            Sum = SumWords.Any(w => Contains(normalized, w)) || companies.Count > 1 && Regex.IsMatch(normalized, @"^ (die |der |das )?gesamte[nrs]? "),
            Receiving = ReceiveVerbs.Any(v => Regex.IsMatch(text.ToLowerInvariant(), $@"\b{Regex.Escape(v)}")),
            // "Which hurt Nvidia more, the remarks or the sell-off week?": two things set against each other.
            Versus = ComparisonWords.Any(w => Contains(normalized, w)) || WhichMoreOr().IsMatch(normalized),
            // ("the Chinese hyperscalers other than Alibaba": the group without the companies set aside.)
            // ("the big four's 2025 capex plans": the four US spenders the sources mean by it, not every hyperscaler.)
            Group = companies.Count == 0 ? (BigFour(normalized, groupCountries) ?? GroupOf(groupSector, groupCountries)).Where(c => !setAsideCompanies.Contains(c)).ToList() : [],
            GroupCountries = companies.Count == 0 && groupSector is not null ? groupCountries : [],
            GroupSector = companies.Count == 0 ? groupSector : null,
            // "What was Baidu's capital expenditure in 2025?": a figure asked by its name.
            // ("What's Baidu spending on capex?": what a company spends is an amount.)
            WantsFigure = FigureWords.Any(w => Contains(normalized, w)) || Regex.IsMatch(text, @"%\s*of\b|\bper ?cent of\b|\bof (the )?float\b|\bin\s*(?:\$|€|£|usd|eur|euros?|dollars?)\W*$", RegexOptions.IgnoreCase) || (Regex.IsMatch(normalized, @"^ (what|whats|what s) (was|were|is|are) ") || Regex.IsMatch(normalized, @"^ (what|whats|what s) (is |are |was |were )?(\w+ ){1,2}(spending|spend|investing|paying|earning|making|bringing in) ")
                    || Regex.IsMatch(normalized, @"^ (what|whats|what s) (did|does|do|will) (\w+ ){1,5}(spend|invest|pay|earn|make|bring in|raise|lay out) "))
                && kinds.Any(k => k is not (SignalKind.News or SignalKind.ExportControl)),
            OtherNames = companies.Count > 0 ? others : [],
            ListedOtherNames = companies.Count > 0 ? ListedBeside(text, others, mentionSpans) : [],
            FundingRole = kinds.Contains(SignalKind.FinancingDeal) && companies.Count == 1 ? RoleOf(text, mentions.Where(m => m.Candidates.Count != 1 || !setAsideCompanies.Contains(m.Candidates[0])).Select(m => (m.Match.Start, m.Match.Start + m.Match.Length)).ToList()) : null,
            SetAside = setAsideCompanies,
            SetAsideWords = setAsidePhrases,
            SetAsideYears = setAsideYears,
            RulesNamed = rulesNamed,
            // "most" of a company ("which is most exposed"), not of a crowd ("most companies' early AI projects").
            WantsWorst = WorstWords.Any(w => Contains(normalized, w)) || Contains(normalized, "am meisten")
                || Contains(normalized, "most") && !Regex.IsMatch(normalized, @" most (companies|firms|businesses|of the|of them|people|investors|analysts|unternehmen) "),
            Measure = measure,
            WantsActualStrongly = StrongActualWords.Any(w => Contains(actualText, w)),
            StatedAsOf = statedAsOf,
            ExcludesGuidance = excludesGuidance,
            Quarters = QuarterYearPattern().Matches(text).Select(m => (int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture), 2000 + int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) % 100)).Distinct().ToList() is { Count: > 1 } pairs ? pairs : [],
            LatestQuarter = quarter is null && Regex.IsMatch(normalized, @" (latest|last|most recent|recent|past|previous|prior|letzten|jungsten|vergangenen) (reported )?(quarter|quartal|qtr)(?! of) "),
            RelativeYears = RelativeYear().Matches(normalized).Select(m => m.Groups[1].Value switch { "this" or "dieses" or "diesem" or "current" => 0, "last" or "letztes" or "letzten" or "vergangenen" or "previous" => -1, _ => 1 }).Distinct().ToList(),
            FullYear = Regex.IsMatch(YearOnlyDates().Replace(normalized, " "), @" (full|whole|entire|ganze|ganzen|gesamte|gesamten|gesamtes) (of )?(calendar |kalender)(year |jahr |jahres )?| (full|whole|entire) year 20\d\d | (whole|entire|all) of 20\d\d | (ganzen|gesamten|gesamte|ganze) (jahr|geschaftsjahr|kalenderjahr) 20\d\d | 20\d\d as a whole | (not|nicht) (just |only |nur )?(one|a|a single|ein|einem) (quarter|quartal) | (january|jan|januar) (through|to|thru|until|bis) (december|dec|dezember) ")
                && !Regex.IsMatch(normalized, @" (ttm|trailing|twelve months|12 months|12 mo) ")
                // ("What full-year capex figure has Amazon given for 2026?": the full year named before the year, when no
                // quarter is asked beside it.)
                || Regex.IsMatch(normalized, @" (full|whole|entire) year (\w+ ){1,6}(for|in|of|on) 20\d\d ") && !Regex.IsMatch(normalized, @" (q[1-4]|quarters?|quarterly|quartal\w*) "),
        };
    }

    /// <summary>
    /// Which side of a deal the one company named is on: the one paid into ("who invested in CoreWeave", "CoreWeave was
    /// backed by") or the one paying ("which companies has Nvidia backed"). Read from the order of the name and the deal
    /// verb, turned round by "by"/"from"/"von" between them.
    /// </summary>
    private static DealRole? RoleOf(string text, List<(int Start, int End)> mentions)
    {
        var lower = text.ToLowerInvariant();
        // "deals involving Microsoft, either paying or getting paid": both sides.
        if (Regex.IsMatch(lower, @"\b(either|both|involv\w*|any side|all deals|money in and out|in and out|both ways)\b") || lower.Contains("money in", StringComparison.Ordinal) && lower.Contains("money out", StringComparison.Ordinal)) return null;
        // "If OpenAI can't keep paying its bills, who is left holding the bag?": what it owes others.
        if (Regex.IsMatch(lower, @"\b(can ?not|can't|cant|unable to|fails? to|stops?|stopped) (keep |keeps )?(pay|paying)\b|\bdefaults?\b|\bholding the bag\b|\bleft holding\b|\bzahlungsunfahig|\bpleite\b")) return DealRole.Investor;
        // "Who has the most riding on OpenAI being able to pay its bills?": those it owes.
        if (Regex.IsMatch(lower, @"\b(able to|ability to|keep|keeps|keeping) (pay|paying)\b|\b(pay|paying|pays|meet|meeting) (its|their) (bills|obligations|commitments)\b")) return DealRole.Investor;
        if (ReceiveVerbs.Any(v => Regex.IsMatch(lower, $@"\b{Regex.Escape(v)}"))) return DealRole.Investee;
        // "How has CoreWeave funded itself?": money raised, whoever paid it in.
        if (Regex.IsMatch(lower, @"\b(fund|funds|funded|funding|financ\w*|finanziert|finanzieren)\s+(itself|themselves|sich)\b")) return DealRole.Investee;
        // "How is Oracle paying for its data-centre buildout?": how it funds its own spending, on either side of its deals.
        if (Regex.IsMatch(lower, @"\bhow (is|are|does|do|did|will|has|have) \w+(\s\w+)? (paying|pay|funding|fund|financing|finance|bankrolling|bankroll) for (its|their) ")) return null;
        // "… the OpenAI story … who has put money into it": money into "it" is money into the company named.
        if (Regex.IsMatch(lower, @"\b(who|which \w+|wer)\b[^.?!]{0,40}\b(put|puts|putting|invested|invest|pumped|poured|sunk|backed|lent)\b[^.?!]{0,20}\b(into|in|behind) (it|them)\b")) return DealRole.Investee;
        // (The words that follow need where the company is named; a name found only once its slip is mended has no place.)
        if (mentions.Count == 0) return null;
        var name = mentions.Min(m => m.Start);
        // ("What purchase commitments does OpenAI have?": what a company committed to buy it pays others; "purchase
        // commitments with Nvidia" are paid to the company named after them.)
        if (Regex.IsMatch(lower, @"\b(purchase (commitments?|agreements?)|abnahmezusagen?|kaufzusagen?)\b"))
            return Regex.IsMatch(lower[..name], @"\b(with|from|to|bei|von|an|mit)\s+$") ? DealRole.Investee : DealRole.Investor;
        // ("How is CoreWeave funded?", "How was OpenAI financed?": the company the passive is asked of is the one paid into.)
        if (Regex.IsMatch(lower[..name], @"\b(is|are|was|were|has been|have been|wird|wurde)\s+$")
            && Regex.IsMatch(lower[name..], @"^[\w.&'’-]+\s+(\w+ly\s+)?(being\s+)?(funded|financed|backed|bankrolled|capitali[sz]ed|finanziert)\b")) return DealRole.Investee;
        // ("Is CoreWeave's build-out financed sustainably?": so is the company whose spending is.)
        if (Regex.IsMatch(lower[name..], @"^[\w.&-]+['’]s\s+([\w-]+\s+){1,2}(is\s+|are\s+|was\s+|were\s+|being\s+)?(funded|financed|bankrolled|finanziert)\b")) return DealRole.Investee;
        // ("CoreWeave total funding?", "CoreWeave's overall funding": money taken in, all of it, whoever paid it.)
        if (Regex.IsMatch(lower, @"\b(total|overall|all|gesamte?)\s+(funding|financing|finanzierung)\b")) return DealRole.Investee;
        // "Show me Meta's financing": the company's financing as a noun is every deal it is a party to.
        if (Regex.IsMatch(lower[name..], @"^[\w.&-]+(['’]s)?\s+(financing|funding|finanzierung|finanzierungen)\b(?!\s+(of|for|von|für|fur))")) return null;
        // "Wer steckt hinter der Finanzierung von CoreWeave?", "who's behind CoreWeave's funding": the one paid into.
        if (Regex.IsMatch(lower[..name], @"\b(behind|hinter)\b") || Regex.IsMatch(lower[..name], @"\b(financing|finanzierung|funding|funders|backers|geldgeber|lenders|kreditgeber)\s+(of|von|for|für|fur|behind)\s+$")) return DealRole.Investee;
        // "Geld in OpenAI gesteckt", "invested in CoreWeave", "commitments for Nvidia GPUs": the company money goes into.
        if (Regex.IsMatch(lower[..name], @"\b(in|into|an|for|fur|für)\s+$")) return DealRole.Investee;
        // "Nvidia's new equity stake", "nvda stake": a stake said as the company's own is one it holds in another.
        if (Regex.IsMatch(lower[name..], @"^[\w.&-]+(['’]s)?\s+(new\s+|latest\s+|own\s+)?(equity\s+)?(stake|stakes|beteiligung|beteiligungen|beteiligungszusagen?|investitionszusagen?)\b(?!\s+(in|an)\s+(it|them|ihm|ihr)\b)")) return DealRole.Investor;
        // "vendor financing check", "circular financing": a noun, not the verb that says who paid whom.
        var verbMatch = DealVerbs.SelectMany(v => Regex.Matches(lower, $@"\b{Regex.Escape(v)}"))
            .Where(m => !Regex.IsMatch(lower[m.Index..], @"^financ\w*\s+(check|deal|deals|loop|loops|round|rounds|structure|scheme|risk|web|circle)\b") && !Regex.IsMatch(lower[..m.Index], @"(vendor|circular|zirkulare?)\s+$"))
            .OrderBy(m => m.Index).FirstOrDefault();
        if (verbMatch is null) return null;
        var verb = verbMatch.Index;
        // Buying from a company pays it: "committed to buy from Nvidia" makes Nvidia the one paid.
        var buying = Regex.IsMatch(verbMatch.Value, "^(buy|purchas|kauf|committed)");
        if (name > verb)
        {
            // "buying Nvidia's chips", "buy from Nvidia": the seller is paid.
            if (buying) return DealRole.Investee;
            var between = lower[verb..name];
            return Regex.IsMatch(between, @"\b(by|from|von)\b") ? DealRole.Investor : DealRole.Investee;
        }
        var after = lower[verb..];
        // "how CoreWeave is funded", "which labs are being backed": a passive puts the company on the receiving end.
        if (Regex.IsMatch(after, @"^\w*ed\b") && Regex.IsMatch(lower[name..verb], @"\b(is|are|being|be|get|gets|getting)\s+(\w+ly\s+)?$")) return DealRole.Investee;
        // "did Meta fund its data centres with debt": money into the company's own build-out.
        if (Regex.IsMatch(after, @"^\w*\s+(its|their|seine|ihre)\s+(?!own\s+customers|customers|clients|partners|suppliers|kunden)")) return DealRole.Investee;
        return Regex.IsMatch(after, @"^\w*\s+(by|from|von)\b") || Regex.IsMatch(lower[name..verb], @"\b(was|were|been|got|gets|received|wurde)\b") ? DealRole.Investee : DealRole.Investor;
    }

    /// <summary>
    /// A bar a multiple is held against ("above 100x earnings", "P/E over 50", "unter 30 mal Gewinn"): the number and
    /// whether those above it are asked; null when the question sets none.
    /// </summary>
    public static (decimal Value, bool Above)? MultipleBar(string text)
    {
        var normalized = " " + Units(CompanyDirectory.Normalize(text.Replace("/", " / ", StringComparison.Ordinal))) + " ";
        var m = Regex.Match(normalized, @" (?:(?<dir>above|over|more than|higher than|greater than|beyond|exceeding|north of|uber|mehr als|below|under|less than|lower than|beneath|south of|unter|weniger als) (?<n>\d+(?:\.\d+)?) (?:times|mal) (?:(?:forward|trailing|its|their) )?(?:earnings|profits|gewinn\w*)|(?:p / e|p e|pe|pe ratio|p e ratio|kgv|multiple) (?:of |von |is |ist )?(?<dir>above|over|more than|higher than|greater than|beyond|exceeding|north of|uber|below|under|less than|lower than|south of|unter) (?<n>\d+(?:\.\d+)?)) ");
        if (!m.Success) return null;
        var above = !Regex.IsMatch(m.Groups["dir"].Value, "^(below|under|less|lower|beneath|south|unter|weniger)");
        return (decimal.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), above);
    }

    /// <summary>Units written onto numbers ("5gw", "20bn") stand apart; "100x earnings" is a multiple, "100 times earnings".</summary>
    private static string Units(string normalized) => Regex.Replace(Regex.Replace(normalized, @"\b(\d+(?:\.\d+)?)(gw|bn|mn|tn|mrd)\b", "$1 $2"),
        @"\b(\d+(?:\.\d+)?) ?x (?=(?:(?:forward|trailing|its|their) )?(?:earnings|profits|sales|revenue|gewinn)\b)", "$1 times ");

    /// <summary>"put $13 billion or more into OpenAI": an amount put into something is money into it, not a put option.</summary>
    /// <remarks>("Did Microsoft invest at least $10bn in OpenAI?" invests in OpenAI as much.)</remarks>
    private static string MoneyPut(string normalized) =>
        // ("who put more into OpenAI?", "put the most in": how much was put in is said of money, not of options; "put more
        // into infrastructure" is spending of its own.)
        Regex.Replace(Regex.Replace(Regex.Replace(normalized, @"\b(put|puts|putting) (?:more|most|the most|less|the least|the more|the bigger sum|the biggest sum|more money|the most money|more cash|billions) (into|in)\b(?! (infrastructure|data|capex|capital|ai|chips?|gpus?|compute|servers?|spending|build\w*|its|their|r d|research|fabs?|plants?|factories|capacity)\b)", "$1 money $2"), @"\b(put|puts|putting) (?:(?:usd|eur|about|around|over|some|at least|roughly|nearly|almost) )*\d[\d.]*(?: ?(?:billion|bn|b|million|mn|m|trillion|milliarden|mrd))?(?: or (?:more|less))? (into|in)\b", "$1 money $2"),
            @"\b(invest|invests|invested|investing) (?:(?:usd|eur|about|around|over|more than|some|at least|roughly|nearly|almost) )*\d[\d.]*(?: ?(?:billion|bn|b|million|mn|m|trillion|milliarden|mrd))?(?: or (?:more|less))? (in|into)\b(?! \d)", "$1 $2");

    /// <summary>
    /// "did they put a number on FY26?" puts no option on anything; "the $118bn it had flagged" is what it guided, not an
    /// alert; "was plant der Konzern für 2026?" is the German verb, not a plant.
    /// </summary>
    private static string Idioms(string normalized) =>
        GermanPlans().Replace(Regex.Replace(Regex.Replace(Regex.Replace(Regex.Replace(normalized, @"\b(?:put|puts|putting) (a|any|an|no) ((?:full year |annual |hard |firm |dollar |exact |concrete )?(?:numbers?|figures?|cap|ceiling|limit|price|value|dollar figure|total|estimate)) on\b", "give $1 $2 on"),
                // ("what does that put Q4 2024 at?": where a figure puts another is an estimate of it.)
                @"\b(does|do|would|did) (that|this|it|those|these) put\b", "$1 $2 give"),
            // ("Dell'Oro puts 2025 data-centre capex at ~$500bn": a source putting a figure at an amount estimates it.)
            // (Only of a source: "Burry's Palantir puts covered 5 million shares at $912m" are options.)
            @"(?<=\b(?:oro|bain|pitchbook|gartner|idc|analysts?|article|report|study|survey|forecast|estimate|consensus|it|he|she|they|which|management)\s)(puts|pegs|pegged)(?= (?!on\b|against\b)(?:\w+ ){1,6}?at (?:about |around |roughly |nearly |almost |some |over |more than |under |less than )?\d)", "estimates"),
            @"\b(it|they|he|she|management) (had |has |have |originally |initially |first )?flagged\b|(?<!\b(?:been|was|were|is|are|be|get|got|gets) )\bflagged(?= (?:for|at) (?:q[1-4]|fy|20\d\d|\d|the next|the coming|each|both))", "$1 $2guided"), "${before}plans${after}");

    [GeneratedRegex(@"(?<before>\b(?:was|wieviel|viel|er|sie|es|man|konzern|unternehmen) )plant(?<after>\b)|(?<before>)\bplant(?<after> (?:der|die|das|den|dem|er|sie|es|man)\b)")]
    private static partial Regex GermanPlans();

    /// <summary>"plans to invest in 2025" is spending in a year, not an investment in a company.</summary>
    private static string InvestInYear(string normalized) => Regex.Replace(normalized, @"\b(invest|invests|invested|investing|investment|spend|spending) in (?=\d)", "$1 ");

    /// <summary>Month names, so that "novembr" or "janaury" is still the month.</summary>
    private static readonly string[] MonthNames = ["january", "february", "march", "april", "august", "september", "october", "november", "december", "januar", "februar", "oktober", "dezember"];

    /// <summary>The words of the lexicon, for spotting a slip of the keyboard in a question ("capx", "guidnce", "opreating").</summary>
    private static readonly HashSet<string> Vocabulary = KindLexicon.SelectMany(k => k.Phrases).Concat(GuidanceWords).Concat(ActualWords)
        .SelectMany(p => CompanyDirectory.Normalize(p).Split(' ')).Append("operating").Append("guidance").Append("increase").Append("foreign").Append("domestic").Append("overseas").Concat(MonthNames).Where(w => w.Length >= 5).ToHashSet(StringComparer.Ordinal);

    /// <summary>Ordinary words one letter off a lexicon word ("ending" is not "lending").</summary>
    private static readonly HashSet<string> NoSlips = new(StringComparer.Ordinal) { "ending", "ended", "pending", "bending", "standing", "landing", "sending", "tending", "trading", "heading", "reading", "holding", "folding", "eating", "heating", "seating", "wider" };

    private static readonly Dictionary<string, string> ShortSlips = new(StringComparer.Ordinal)
    {
        ["fal"] = "fall", ["fel"] = "fell", ["dorp"] = "drop", ["rsie"] = "rise", ["flwo"] = "flow", ["folw"] = "flow", ["cahs"] = "cash", ["csah"] = "cash", ["frre"] = "free", ["capx"] = "capex", ["cpaex"] = "capex", ["shar"] = "share", ["shre"] = "share", ["fre"] = "free", ["fcash"] = "free cash", ["mkt"] = "market", ["mrkt"] = "market", ["mkts"] = "markets", ["mrkts"] = "markets", ["fcst"] = "forecast", ["dc"] = "data centre", ["spx"] = "s p 500", ["ndx"] = "nasdaq", ["wk"] = "week", ["wks"] = "weeks",
    };

    /// <summary>A word one edit away from exactly one lexicon word, and no word of it itself, is read as that word.</summary>
    private static string Corrected(string normalized) => string.Join(' ', normalized.Split(' ').Select(w =>
    {
        // Four letters are too few to tell a slip from another word ("free" is not "freie"), but for a few common swaps.
        if (ShortSlips.TryGetValue(w, out var slip)) return slip;
        if (w.Length < 5 || Vocabulary.Contains(w) || NoSlips.Contains(w) || w.Any(char.IsAsciiDigit)) return w;
        // Slips of the keyboard drop, double or swap letters; a changed letter is as often another word ("leading", "lending").
        var near = Vocabulary.Where(v => EditDistanceAtMostOne(w, v, substitution: false)).Take(2).ToList();
        return near.Count == 1 ? near[0] : w;
    }));

    /// <summary>The company a name is a slip of the keyboard for: one edit away from a name or alias of six letters or more.</summary>
    private string? Misspelt(string name)
    {
        var word = CompanyDirectory.Normalize(name);
        if (word.Length < 5) return null;
        var hits = directory.Companies
            .SelectMany(c => c.Aliases.Append(c.Name).Select(n => (c.Ticker, Name: CompanyDirectory.Normalize(n))))
            // A short name is too near other words for any slip but a doubled letter ("metta" for "meta").
            // (A long name takes two slips, "palanteer" for "palantir", when its first three letters are kept.)
            .Where(x => !x.Name.Contains(' ') && (x.Name.Length >= 6 && EditDistanceAtMostOne(word, x.Name) || x.Name.Length >= 4 && IsDoubledLetter(word, x.Name)
                || x.Name.Length >= 8 && word.Length >= 7 && word[..3] == x.Name[..3] && CompanyDirectory.Distance(word, x.Name) <= 2))
            .Select(x => x.Ticker).Distinct().ToList();
        return hits.Count == 1 ? hits[0] : null;
    }

    private static bool IsDoubledLetter(string typed, string name) =>
        typed.Length == name.Length + 1 && Enumerable.Range(1, name.Length).Any(i => typed[i] == typed[i - 1] && typed.Remove(i, 1) == name);

    private static bool EditDistanceAtMostOne(string a, string b, bool substitution = true)
    {
        if (!substitution && a.Length == b.Length && !IsTransposition(a, b)) return false;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { i++; j++; continue; }
            if (++edits > 1) return false;
            // Two letters swapped ("Nivdia") count as one slip; a swap keeps the length ("Plantir" lacks a letter).
            if (a.Length == b.Length && i + 1 < a.Length && a[i] == b[j + 1] && a[i + 1] == b[j]) { i += 2; j += 2; }
            else if (a.Length > b.Length) i++;
            else if (b.Length > a.Length) j++;
            else { i++; j++; }
        }
        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }

    private static readonly string[] GermanWords = ["wieviel", "wieviele", "vom", "ging", "gingen", "floss", "flossen", "weltweit", "weltweiten", "weltweite", "ans", "auf", "nicht", "noch", "auch", "sich", "zum", "zur", "nach", "wie", "viel", "hoch", "hat", "hatte", "der", "die", "das", "ist", "sind", "gibt", "es", "bei", "von", "welche", "welcher", "welches", "wer", "und", "fur", "im", "den", "dem", "eine", "einen", "wurde", "wird", "seine", "ihre", "steckt", "stecken", "gesteckt", "seit", "letztem", "letzten", "eingesammelt", "wieviel", "mit", "auf", "aus", "noch", "schon", "nicht", "geld", "kohle", "hinter", "eingestiegen", "viele", "bis", "laut", "kommen", "hinzu"];

    private static bool IsGerman(string normalized) => normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => GermanWords.Contains(w)) >= 2;

    /// <summary>
    /// The countries a question's group words name. "China's tech giants against the American hyperscalers": both, to
    /// set side by side; "Chinas Tech-Konzerne": the country's name before a group word is the country's group.
    /// </summary>
    private static List<string> CountriesOf(string normalized)
    {
        var countries = CountryWords.Where(w => Contains(normalized, w.Phrase)).Select(w => w.Country).Distinct().ToList();
        if (!countries.Contains("CN") && Regex.IsMatch(normalized, @" chinas? (s )?(tech|hyperscal\w*|cloud|big tech|internet|konzerne|giants|ki|ai) ")) countries.Add("CN");
        return countries;
    }

    /// <summary>
    /// The countries a text names ("China", "the USA", "amerikanischen"), for telling a market figure of one country from
    /// a question about another. "US" counts only in capitals: "tell us" names none.
    /// </summary>
    public static IReadOnlySet<string> PlacesNamed(string text)
    {
        var places = new HashSet<string>(StringComparer.Ordinal);
        if (Regex.IsMatch(text, @"\b(china|chinas?|chinese|chinesisch\w*|beijing|peking)\b", RegexOptions.IgnoreCase)) places.Add("CN");
        if (Regex.IsMatch(text, @"\b(US|USA|U\.S\.A?\.?)\b") || Regex.IsMatch(text, @"\b(usa|united states|america|american|amerikanisch\w*|vereinigten staaten)\b", RegexOptions.IgnoreCase)) places.Add("US");
        if (Regex.IsMatch(text, @"\b(taiwan\w*)\b", RegexOptions.IgnoreCase)) places.Add("TW");
        if (Regex.IsMatch(text, @"\b(europe\w*|europa|europäisch\w*|eu)\b", RegexOptions.IgnoreCase)) places.Add("EU");
        return places;
    }

    /// <summary>"The big four", "die großen Vier": the four US spenders the sources mean by it; null when not named.</summary>
    private List<string>? BigFour(string normalized, IReadOnlyList<string> countries) =>
        countries.Count == 0 && Regex.IsMatch(normalized, @" (the )?(big fours?|big 4s?|grossen vier|großen vier) ")
            ? BigFourTickers.Where(t => directory.Companies.Any(c => c.Watched && c.Ticker == t)).ToList() : null;

    private static readonly string[] BigFourTickers = ["AMZN", "GOOGL", "META", "MSFT"];

    /// <summary>The watched companies a group word names: a sector, a country, or both ("Chinese hyperscalers").</summary>
    private List<string> GroupOf(string? sector, IReadOnlyList<string> countries)
    {
        if (sector is null && countries.Count == 0) return [];
        return directory.Companies.Where(c => c.Watched && (sector is null || c.Sector == sector || sector == Semiconductors && c.Sector is Sectors.ChipMaker or Sectors.ChipEquipment || sector == Private && !c.Listed) && (countries.Count == 0 || countries.Contains(directory.Country(c.Ticker) ?? "")))
            .Select(c => c.Ticker).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A question that is two ("…, and how much did it spend in 2025?", "…? And …", "… und wie hoch …", "X + Y",
    /// "X vs what Y …") split into its
    /// parts; one question comes back whole. Each part must be a question of three words or more.
    /// </summary>
    public static IReadOnlyList<string> SplitCompound(string question)
    {
        var parts = OutsideBrackets(question, CompoundJoint()).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (!(parts.Count > 1 && parts.All(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 3))) parts = [question];
        // "the gap between OpenAI's revenue and what it pays Oracle": "between" joins both sides of one question.
        else if (Regex.IsMatch(parts[0], @"\b(gap|difference|unterschied|distance)\s+(between|zwischen)\b", RegexOptions.IgnoreCase) && parts.Count == 2) parts = [question];
        // "Total up the debt: Meta's private credit, Oracle's bonds and what CoreWeave raised since last year": the last of a
        // list to add, a thing named by what was done ("what X raised"), not a question of its own.
        else if (parts.Count == 2 && Regex.IsMatch(parts[0], @"\b(total|tally|sum|add up|combined|together|insgesamt|zusammen)\b", RegexOptions.IgnoreCase) && parts[0].Contains(',')
            && Regex.IsMatch(parts[1], @"^(what|how much)\s+(?!(is|are|was|were|did|does|do|has|have|had|will|would|can|could)\b)\S+\s+(\w+ed|spent|paid|put|got|took|lent|owes|pays)\b", RegexOptions.IgnoreCase)) parts = [question];
        // "META private credit + ORCL bond deal, combined $?": a plus in a question that asks a total adds, it does not list.
        else if (question.Contains(" + ", StringComparison.Ordinal) && AsksTotal(question) && !CompoundJoint().Split(question.Replace(" + ", " and ", StringComparison.Ordinal)).Skip(1).Any()) parts = [question];
        // "Stripe valuation and 2024 TPV": two figures joined, a year written right beside the second only, are two
        // questions, the year the second's.
        if (parts.Count == 1 && Regex.Match(question.Trim(), @"^(?<a>[^,;?]+?)\s+(?:and|und|plus|&)\s+(?<b>(?:(?:fy\s?)?20[0-4]\d(?:\s+[\w'’-]+){1,3}|(?:[\w'’-]+\s+){1,3}(?:fy\s?)?20[0-4]\d)\s*\??)$", RegexOptions.IgnoreCase) is { Success: true } joined
            && !Regex.IsMatch(joined.Groups["a"].Value, @"\b20[0-4]\d\b") && KindsNamed(joined.Groups["a"].Value) is { Count: > 0 } firstKinds
            && KindsNamed(joined.Groups["b"].Value) is { Count: > 0 } secondKinds && !firstKinds.Overlaps(secondKinds))
            parts = [joined.Groups["a"].Value, joined.Groups["b"].Value];
        // ("Gesamte Capex-Pläne von Amazon, Meta, Google und Microsoft für 2025 und ihre gemeinsamen KI-Ausgaben im dritten
        // Quartal?": a year's figure, then "and their" figure for a time of its own, are two questions about the same companies.)
        if (parts.Count == 1 && Regex.Match(question.Trim(), @"^(?<a>[^;?]+?\b20[0-4]\d)\s*,?\s+(?:and|und)\s+(?<b>(?:their|its|ihre[nmrs]?|seine[nmrs]?|deren)\s+[^;?]+?)\s*\??$", RegexOptions.IgnoreCase) is { Success: true } theirs
            && Regex.IsMatch(theirs.Groups["b"].Value, @"\b(q[1-4]|(first|second|third|fourth|1st|2nd|3rd|4th|ersten|zweiten|dritten|vierten)\s+(quarter|quartal)|quarter|quartal|first half|h[12])\b", RegexOptions.IgnoreCase)
            && !Regex.IsMatch(theirs.Groups["b"].Value, @"\b20[0-4]\d\b") && KindsNamed(theirs.Groups["b"].Value).Count > 0)
            parts = [theirs.Groups["a"].Value + "?", theirs.Groups["b"].Value + "?"];
        // "Palantir was up huge for 2025. How much of that did it give back …?": a statement of a figure, then a
        // question, is two; a statement that only sets the scene ("Nvidia's fiscal year ends in January.") is not.
        return parts.SelectMany(part =>
        {
            var sentences = SentenceJoint().Split(part).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
            // "How do they compare?", "Is that right?": a follow-up to the sentence before, not a question of its own.
            if (sentences.Count < 2 || sentences.Skip(1).Any(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 4
                || CompanyDirectory.Normalize(p).Split(' ').All(FollowUpWords.Contains))) return [part];
            var first = " " + CompanyDirectory.Normalize(sentences[0]) + " ";
            // The question must point back at it ("how much of that"); otherwise the statement is the question's context.
            var pointsBack = sentences.Skip(1).All(p => Regex.IsMatch(p, @"\b(that|this|those|these|davon|dessen)\b", RegexOptions.IgnoreCase));
            var statesFigure = pointsBack && (KindLexicon.Any(k => k.Phrases.Any(p => Contains(first, p))) || RiseWords.Concat(FallWords).Any(w => Contains(first, w)));
            return statesFigure ? sentences : [part];
        }).ToList();
    }

    /// <summary>
    /// The text split at the joints that stand outside brackets: "(Blackwell/China day + the November week)" names what is
    /// added, it does not start a question of its own.
    /// </summary>
    private static IEnumerable<string> OutsideBrackets(string text, Regex joints)
    {
        var start = 0;
        foreach (Match joint in joints.Matches(text))
        {
            if (text[..joint.Index].Count(c => c == '(') > text[..joint.Index].Count(c => c == ')')) continue;
            yield return text[start..joint.Index];
            start = joint.Index + joint.Length;
        }
        yield return text[start..];
    }

    /// <summary>The kinds a few words name by the lexicon, typing slips mended ("valuaton").</summary>
    private static HashSet<SignalKind> KindsNamed(string words)
    {
        var normalized = " " + Corrected(Units(CompanyDirectory.Normalize(WrittenOut(words)))) + " ";
        return KindLexicon.Where(k => k.Phrases.Any(p => Contains(normalized, p))).Select(k => k.Kind).ToHashSet();
    }

    /// <summary>
    /// Each company's own year, when every company named is followed (before the next one) by a year of its own and the
    /// years differ: "Amazon's 2026 guidance against Microsoft's fiscal 2025".
    /// </summary>
    private static Dictionary<string, int> CompanyYearsIn(string text, IReadOnlyList<(CompanyMatch Match, IReadOnlyList<string> Candidates)> mentions,
        IReadOnlyList<string> companies, IReadOnlyList<int> years)
    {
        var own = new Dictionary<string, int>(StringComparer.Ordinal);
        if (companies.Count < 2 || years.Distinct().Count() < 2) return own;
        var named = mentions.Where(m => m.Candidates.Count == 1 && companies.Contains(m.Candidates[0])).OrderBy(m => m.Match.Start).ToList();
        for (var i = 0; i < named.Count; i++)
        {
            var from = named[i].Match.Start + named[i].Match.Length;
            var to = i + 1 < named.Count ? named[i + 1].Match.Start : text.Length;
            if (to <= from || own.ContainsKey(named[i].Candidates[0])) continue;
            if (OwnYear().Match(text[from..to]) is { Success: true } m && (m.Groups["y"].Value.Length == 4 ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture)
                    : 2000 + int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture)) is var year && years.Contains(year))
                own[named[i].Candidates[0]] = year;
        }
        return own.Count == companies.Count && own.Values.Distinct().Count() > 1 ? own : [];
    }

    // A year right after a company's name, before any other words but a few: "AMZN 26 capex", "MSFT's FY25", "Meta's fiscal 2025".
    [GeneratedRegex(@"^\W*(?:s\b\W*)?(?:\w+\W+){0,2}?(?:fy\s?'?|fiscal\s+(?:year\s+)?|geschäftsjahr\s+|'|)(?<![$€£\d.,])(?<y>20[1-4]\d|[1-4]\d)\b(?![.,]\d|\s*(?:%|percent|bn|billion|b\b|mrd|m\b|mn|million|x\b|times|gw))", RegexOptions.IgnoreCase)]
    private static partial Regex OwnYear();

    /// <summary>
    /// The question with the short forms people type written out ("intl", "avg per yr", "thru 2028", "pts", "TPV"), so
    /// that every reading of it (kinds, topics, time words) sees the same words.
    /// </summary>
    /// <remarks>("what slice of global capex is it?": a slice, chunk or piece of a whole is a share of it.)</remarks>
    public static string WrittenOut(string question) => DataCentreCompound().Replace(SliceOf().Replace(ShortForm().Replace(question, m => m.Value.ToLowerInvariant() switch
    {
        "intl" or "int'l" or "int’l" => "international",
        "avg" => "average",
        "yr" => "year",
        "yrs" => "years",
        "thru" => "through",
        "pts" => "points",
        "pct" => "percent",
        "shr" => "share",
        "tpv" => "total payment volume",
        "big4" => "big four",
        "debt/equity" => "debt and equity",
        "equity/debt" => "equity and debt",
        var other => other,
    }), "${asked} share of"), "${what} in Rechenzentren");

    // ("Rechenzentrumsinvestitionen": what is spent on data centres, as "Investitionen in Rechenzentren" says it.)
    [GeneratedRegex(@"\bRechenzentrums(?<what>investitionen|ausgaben)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DataCentreCompound();

    [GeneratedRegex(@"\b(?<asked>what|which|how big a|how large a|what kind of) (slice|chunk|piece|cut) of\b", RegexOptions.IgnoreCase)]
    private static partial Regex SliceOf();

    /// <summary>
    /// A full year named only to date what is asked ("before it gave a full-year 2026 number, what had it guided for Q4?"):
    /// the year is not asked.
    /// </summary>
    [GeneratedRegex(@"\b(before|until|bevor|ehe)\s+(\w+\s+){1,3}(a|an|its|their|the|eine\w*|seine\w*|ihre\w*)\s+(full[- ]year|annual|whole[- ]year|jahres\w*)\b", RegexOptions.IgnoreCase)]
    public static partial Regex YearOnlyDates();

    [GeneratedRegex(@"\b(intl|int['’]l|avg|yrs?|thru|pts|pct|shr|tpv|big4|debt/equity|equity/debt)\b(?!['’])", RegexOptions.IgnoreCase)]
    private static partial Regex ShortForm();

    /// <summary>
    /// The question without a statement before it about other companies that the question does not work with ("OpenAI's
    /// at about $100bn. What is DeepSeek valued at?" asks only of DeepSeek); otherwise the question as it is.
    /// </summary>
    public string WithoutUnusedScene(string question)
    {
        if (Regex.Match(question, @"^(?<scene>[^?]*[^\s.?](?<!\b(?:vs|Mrd|Mio|bn|Inc|Corp|Co|Ltd|etc|ca|approx))\.)\s+(?<asked>(?:What|How|Which|Who|Is|Was|Did|Does|Do|Has|Wie|Was|Welche\w*|Wer|Ist|Hat)\b[^.]*)$") is not { Success: true } scene
            || Regex.IsMatch(scene.Groups["asked"].Value, PointsBack, RegexOptions.IgnoreCase))
            return question;
        HashSet<string> Named(string text) => directory.FindMentionsInQuestion(text).Where(m => m.Candidates.Count == 1).Select(m => m.Candidates[0]).ToHashSet();
        var asked = Named(scene.Groups["asked"].Value);
        var set = Named(scene.Groups["scene"].Value);
        return asked.Count > 0 && set.Count > 0 && !set.Overlaps(asked) ? scene.Groups["asked"].Value : question;
    }

    /// <summary>The question with the companies it names taken out, to carry what it asks to a part that names others.</summary>
    public string WithoutCompanies(string text)
    {
        var spans = directory.FindMentionsInQuestion(text).Select(m => (m.Match.Start, m.Match.Length)).OrderByDescending(m => m.Start).ToList();
        foreach (var (start, length) in spans) text = text.Remove(start, length);
        return Regex.Replace(text, @"\s+", " ").Trim();
    }

    private static readonly HashSet<string> OrdinaryOpeners = new(StringComparer.Ordinal)
    {
        "which", "what", "where", "when", "whose", "while", "there", "their", "these", "those", "about", "after", "before", "since", "latest", "recent",
        "current", "total", "global", "average", "annual", "quarterly", "monthly", "weekly", "please", "compare", "explain", "biggest", "largest", "highest",
        "lowest", "sector", "market", "stock", "stocks", "shares", "price", "prices", "chips", "china", "chinese", "american", "european", "german", "overall",
        "combined", "cloud", "foundry", "memory", "semis", "bubble", "burry", "scion", "could", "would", "should", "might", "tells", "count", "listing", "summary",
        "show", "shows", "gimme", "anything", "everything", "bullish", "bearish", "hyperscale", "hyperscaler", "hyperscalers", "chipmaker", "chipmakers",
        "welche", "welcher", "welches", "warum", "wieviel", "wieviele", "bitte", "zeige", "gesamt", "aktuelle", "neueste", "letzte", "nvidias", "amazons",
        "tell", "give", "list", "does", "did", "have", "has", "how", "is", "are", "was", "were", "can", "will",
        "set", "add", "sum", "rank", "put", "take", "line", "stack", "weigh", "break", "annualise", "annualize", "annualised", "annualized", "divide", "split",
        "spread", "multiply", "subtract", "frame", "map", "walk", "run", "check", "convert", "use", "assume", "according", "going", "based",
        // "… trips me up. You have a figure for …": pronouns and joining words open sentences, not names.
        "you", "your", "we", "our", "they", "their", "he", "she", "his", "her", "if", "so", "but", "also", "then", "now", "just", "only", "both",
        "either", "neither", "still", "again", "yes", "no", "not", "ok", "okay", "thanks", "honestly", "really", "actually", "same", "another",
        // ("… Smells like round-tripping to me.": a verb of impression opens a sentence, not a name.)
        "smells", "looks", "seems", "sounds", "feels",
        // ("… at $500bn. Against the $290bn spent in 2024, …", "With about $13bn of revenue, …": prepositions and joining
        // words open sentences too.)
        "against", "with", "without", "using", "given", "at", "on", "in", "for", "from", "by", "as", "of", "to", "into", "under", "over",
        "and", "or", "plus", "minus", "assuming", "suppose", "supposing", "based", "counting", "excluding", "including", "compared", "relative",
    };

    /// <summary>The lexicons' phrases and the first words of their longer ones: words that open questions without naming anyone.</summary>
    private static readonly HashSet<string> PhraseOpeners = new[] { GuidanceWords, ActualWords, RankingWords, MarketWords, SumWords, JudgementWords, ComparisonWords, AlertWords, LoopWords, FallWords, RiseWords, FigureWords }
        .SelectMany(list => list).Concat(KindLexicon.SelectMany(k => k.Phrases))
        .SelectMany(p => p.Contains(' ') ? new[] { p, p[..p.IndexOf(' ')] } : [p]).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a word of the text holds the German stem inside a longer word ("Finanzierungsdeals").</summary>
    private static bool HoldsStem(string normalized, string stem) =>
        normalized.Split(' ').Any(w => w.Length > stem.Length && w.Contains(stem.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));

    /// <summary>A word that opens questions without naming anything: a question word, a word of the lexicons, a common word.</summary>
    /// <summary>Words a letter away from a watched name that are words all the same ("strike prices" is not Stripe).</summary>
    private static readonly HashSet<string> WordsNearNames = new(StringComparer.Ordinal) { "strike", "strikes", "stride", "strides", "strip", "goggle", "goggles" };

    private static bool IsOrdinaryWord(string word)
    {
        var w = CompanyDirectory.Normalize(word);
        return OrdinaryOpeners.Contains(w) || Vocabulary.Contains(w) || WordsNearNames.Contains(w) || CommonCapitalised.Contains(w) || SubjectWords.Contains(w) || PhraseOpeners.Contains(w)
            || TimeWords.MonthNumber(w) is not null || w.Length >= 5 && w.EndsWith("ing", StringComparison.Ordinal);
    }

    /// <summary>
    /// "How much did Oracle spend in fiscal 2025?": a past spending verb, with no word of planning, asks what was spent;
    /// a plan still to run is not its answer.
    /// </summary>
    public static bool AsksSpent(string question) =>
        Regex.IsMatch(" " + CompanyDirectory.Normalize(question) + " ", @" did (?!.* (plan|planned|plans|planning|guide|guided|expect|expected|budget|budgeted|intend|intended|want|wanted|aim|aimed|target|targeted|say|said|promise|promised|pledge|pledged|commit|committed) ).* (spend|invest) ");

    /// <summary>"How much more is Amazon planning to spend in 2026 than it spent in 2025?": the gap between two figures.</summary>
    public static bool AsksDifference(string question) =>
        Regex.IsMatch(" " + CompanyDirectory.Normalize(question) + " ", @" (how much (more|mor|higher|bigger|larger|less|lower|smaller|cheaper|dearer|pricier|costlier|wider|narrower)|how (many|much) extra|difference|diffrence|differnce|difrence|gap between|(the|s the|is the) (annual |yearly |dollar |absolute )?gap|absolute (increase|rise|gain|change|growth)|the gap|the hole|how big a hole|um wie viel|um wie viele (milliarden|millionen|mrd|mio|dollar|euro|punkte|prozentpunkte)|wie viel mehr|wie viel weniger|by how many (billion|billions|million|millions|dollars|bn)|wie ?viele? (milliarden|millionen|dollar|euro) (mehr|weniger)|unterschied|by how many dollars|how far (\w+ ){0,8}(above|below|ahead of|behind|beyond)|how many dollars (more|did|has|have)|overshoot|overshot|overshooting|overshoots|undershoot|undershooting|shortfall|how many (percentage )?points (more|higher|bigger|larger|lower|less|smaller|apart|faster|slower|quicker)|(by )?how much (does|did|do|is|was) .+ (exceed|exceeds|exceeded|exceeding|top|topping|beat|beating|overshoot|overshot|overshooting|miss|missed|missing)|by how much (does|did|do|is|was|has|have) .+ (above|below|ahead of|behind)|how many (billions?|millions?|dollars?) (more|less|higher|lower)|how many (more|fewer|extra) (billions?|millions?|dollars?)|how much (up|down) (on|from|over|vs|versus|against)|(growth|increase|rise|gain|change) in (bn|billions?|dollars?|usd|mn|millions?|dollar terms|absolute terms)|how much (has|have|did|had) .+ (lifted|lift|increased|increase|cut|lowered|trimmed|grown|grow)|how much (has|have|did|had) .+ (raised|raise) (its|their|the|his|her) (\w+ )?(guidance|guide|forecast|outlook|plan|capex|budget|target|estimate)|(which|who|whos|wer|welche\w*) (.+ )?(more|less|bigger|larger|mehr|weniger) .*by how much|(how big|how large|what|wie gross|wie hoch) (is|was|s) the (jump|increase|rise|step up|leap|sprung|anstieg)|(the|s the|is the) (dollar |absolute )?(step up|jump)|wie gross (ist|war) (der|die) (sprung|anstieg|abstand|lucke|verfehlung|abweichung)|how far apart|how far (is|was|are|were) (\w+ ){1,8}from (the|a|an|its|their|his|her)|by how many (percentage )?points (does|did|do|is|was|are|were|has|have)|how much (\w+ ){0,4}(did|has|have|had) (\w+ ){1,3}add(?! (up|together|them|those|these|it up) )|minus|differenz|how many dollars (is|was) the|diff|delta) ") || TerseGap().IsMatch(question)
        // ("Meta capex step-up 2025->2026, midpoint to midpoint, in dollars?": a rise asked in money is a gap.)
        || Regex.IsMatch(question, @"\b(step(?:[- ]?up)?|jump|increase|rise|hike|growth|gain)\b.{0,80}\bin (dollars|dollar terms|usd|absolute terms)\b", RegexOptions.IgnoreCase)
        // ("by how much above the top of Google's range?", "is how much above the $118bn", "midpoint vs midpoint, how much up")
        || Regex.IsMatch(question, @"\bhow much (above|below|over|under|up|down)\b", RegexOptions.IgnoreCase)
        // ("how much is the 2026 guide up on it?")
        || Regex.IsMatch(question, @"\bhow much (is|was|are|were) ([\w'’-]+ ){1,6}(up|down) (on|from|over|against|vs\.?|versus)\b", RegexOptions.IgnoreCase)
        || Regex.IsMatch(question, @"\bby how much (above|below|over|under|higher|lower|more|less|bigger|larger|smaller)\b", RegexOptions.IgnoreCase)
        // ("is amazons 2026 guide above alphabets top end? by how much": a comparison, then how much it is by.)
        || Regex.IsMatch(question, @"\b(above|below|over|under|higher|lower|more|less|bigger|larger|smaller|ahead of|behind|exceed\w*|beat|beats|top|tops|outspend\w*)\b[^.?!]*[?.!]?\s*(and\s+)?by how much\s*[?.!]*\s*$", RegexOptions.IgnoreCase)
        // ("By how much did the midpoint of Meta's capex guidance go up from 2025 to 2026?": however many words name what rose.)
        // ("How much did the midpoint … rise from 2025 to 2026?": without "by", only between two times named.)
        || Regex.IsMatch(question, @"\b(?<by>by )?how much (does|did|do|will|would|has|have|is|was)\b(\s+[\w'’-]+){1,10}?\s+(rise|rises|rose|risen|grow|grows|grew|grown|increase|increases|increased|climb|climbs|climbed|jump|jumps|jumped|go up|goes up|went up|gone up|going up|go down|goes down|went down|gone down|going down|fall|falls|fell|fallen|drop|drops|dropped|shrink|shrinks|shrank|change|changes|changed)\b(?(by)|.{0,20}\bfrom\b.{1,30}\bto\b)", RegexOptions.IgnoreCase)
        // ("How many points is ChatGPT still ahead of Gemini?": a lead in points is a gap.)
        || Regex.IsMatch(question, @"\bhow many (percentage )?points\b.{0,40}\b(ahead|behind|clear)\b|\bum wie viele? (prozent)?punkte\b.{0,40}\b(vorne|voraus|zurück)\b", RegexOptions.IgnoreCase)
        // ("Minimum capex increase for Meta: 2026 low end vs 2025 high end?": a least or greatest rise between two figures set
        // side by side.)
        || Regex.IsMatch(question, @"\b(minimum|maximum|min|max|smallest|largest|biggest|least|greatest)\s+(\w+\s+)?(increase|rise|step[- ]?up|jump|gap|decline|drop)\b.*\b(vs\.?|versus|against|compared (with|to)|over|from)\b", RegexOptions.IgnoreCase)
        // ("growth in $ and %?", "What's the increase and the multiple?": a rise asked in money, or beside another measure, is a gap.)
        || Regex.IsMatch(question, @"\b(increase|rise|jump|growth|gain|change)\s+in\s+(\$|dollars|usd)|\bin (\$|dollars|usd) and (%|percent|per cent)|\bwhat(['’]s| is| was) the (increase|rise|jump|step[- ]?up) and\b", RegexOptions.IgnoreCase)
        // ("what was it for 2025, what is it for 2026, and how much did it rise?": a figure's own rise between the years.)
        || Regex.IsMatch(question, @"\bhow much (did|has|have) (it|they|that|this) (rise|risen|rose|grow|grown|increase|increased|climb|climbed|jump|jumped|go up|gone up)\b", RegexOptions.IgnoreCase)
        // ("nvidia data center rev fiscal 2022 vs fiscal 2025, and the increase": a rise asked last, of two figures, is their gap.)
        || Regex.IsMatch(question, @"(,|\band|\bplus)\s+(what(['’]s| is| was)\s+)?(the|its|their)\s+(increase|rise|jump|step[- ]?up)\s*[?.!]*\s*$", RegexOptions.IgnoreCase)
        // ("What did Amazon end up spending in 2025, and how does it compare with the plan it had in mid-2025?": what was
        // spent set against the plan is their gap.)
        || Regex.IsMatch(question, @"\bhow (does|did) (it|that|this) compare (with|to|against) (the|its|their) (\w+ )?(plan|guidance|guide|budget|forecast|outlook)\b", RegexOptions.IgnoreCase)
            && Regex.IsMatch(question, @"\b(end(ed)? up|actual|actually|spent|landed|came in)\b", RegexOptions.IgnoreCase)
        // ("How did Amazon's 2025 capex compare with its mid-2025 plan?")
        || Regex.IsMatch(question, @"\bhow (does|did) [\w'’]+ (\w+ ){0,3}(capex|spending|actuals?) compare (with|to|against) (the|its|their) ([\w-]+ )?(plan|guidance|guide|budget|forecast|outlook)\b", RegexOptions.IgnoreCase);

    /// <summary>The day a question places itself on in so many words ("say it's 1 Feb 2026"), or
    /// the end of a month when it asks what was known by then.</summary>
    private static DateOnly? SupposedDay(string text, string normalized)
    {
        var said = SupposedDayPattern().Match(text);
        // ("Looking from 12 Nov 2025: …", "as far as was known on 30 January 2026": a day the question is looked at from,
        // not a day its figures fall on. Not "as of 30 September 2025": a filing's positions are as of a day.)
        if (!said.Success) said = LookedFromDayPattern().Match(text);
        if (!said.Success && KnownThen().IsMatch(normalized)) said = EndOfMonthPattern().Match(text);
        // ("Was wusste man am 10. November 2025 über …?", "what was known on 10 November 2025": that day.)
        if (!said.Success && KnownThen().IsMatch(normalized)) said = OnDayPattern().Match(text);
        // ("On 1 October 2025, what was Amazon's capex plan for 2025?": a plan said on a day is the plan as it stood then;
        // no plan covers a single day. A move on a day is that day's move.)
        if (!said.Success && PlanWordsPattern().IsMatch(normalized) && !MoveWordsPattern().IsMatch(normalized)) said = OnDayPattern().Match(text);
        // ("Back on 1 September 2025, what was the number for Amazon's 2025 capex?": a day looked back to, or a figure asked
        // for a year not over by that day, is where the question stands.)
        if (!said.Success && !MoveWordsPattern().IsMatch(normalized) && OnDayPattern().Match(text) is { Success: true } onDay
            && (Regex.IsMatch(text[..onDay.Index], @"\bback\s*$", RegexOptions.IgnoreCase)
                || Regex.Matches(text.Remove(onDay.Index, onDay.Length), @"\b20[0-4]\d\b").Any(y => int.Parse(y.Value, CultureInfo.InvariantCulture) >= int.Parse(onDay.Groups["y"].Value, CultureInfo.InvariantCulture))))
            said = onDay;
        if (!said.Success || TimeWords.MonthNumber(said.Groups["m"].Value.ToLowerInvariant()) is not { } month) return null;
        var year = int.Parse(said.Groups["y"].Value, CultureInfo.InvariantCulture);
        var last = DateTime.DaysInMonth(year, month);
        var day = said.Groups["d"].Success ? int.Parse(said.Groups["d"].Value, CultureInfo.InvariantCulture)
            : said.Groups["part"].Value.ToLowerInvariant() switch { "early" => 5, "mid" => 15, _ => last };
        return day is >= 1 && day <= last ? new DateOnly(year, month, day) : null;
    }

    /// <summary>Whether a year is written once only: then the phrase it was found in is all it says, and it can go.</summary>
    private static bool NamedOnce(string normalized, int year) => Regex.Matches(normalized, $@"\b{year}\b").Count == 1;

    /// <summary>"How many times bigger is …", "what multiple of …": the ratio of two figures.</summary>
    public static bool AsksRatio(string question) =>
        Regex.IsMatch(" " + CompanyDirectory.Normalize(question) + " ", @" (how many times|what multiple|which multiple|wie ?viel ?mal|wie ?viel ?fach\w*|wie viele male|the ratio|ratio between|ratio of|verhaltnis|as a multiple|multiple of|how many years of|um welchen faktor|welcher faktor|by what factor|by which factor|what factor|how many x|wie viel x|growth multiple|divided by|geteilt durch) ") || Regex.IsMatch(question, @"\bhow many\b.*\b(for every|for each)\b|\bhow many (dollars|euros)\b[^?]*\bper (dollar|euro)\b|\bhow many\b[^.?!]*\bfit (in|into)\b|\bhow many\b(?! (years|quarters|months|weeks|days)\b)[^.?!]*\b(would|could|can|will|might)\b[^.?!]*\b(pay for|fund|finance|bankroll|buy|cover)\b|\bhow many years (would|will) [^.?!]*\b(need|take)\b|\bhow many years to (pay|fund|cover)\b", RegexOptions.IgnoreCase) || Regex.IsMatch(question, @"[,;:—–-]\s*(multiple|ratio)\s*\??\s*$|\b(multiple|ratio)\s*\?\s*$|\b(is that|is it|is this|that's|thats) (a |an )?\d+(\.\d+)?\s?x\b", RegexOptions.IgnoreCase)
        // ("openai oracle bill per yr vs revenue, x?": a bare "x" asked is a multiple.)
        || Regex.IsMatch(question, @"[,:;-]\s*(x|what x|how many x)\s*\??\s*$", RegexOptions.IgnoreCase);

    private static bool MentionsAnyOf(string normalized, params string[] words) => words.Any(w => Contains(normalized, w));

    /// <summary>"How many billions …", "how many dollars …": an amount of money is asked.</summary>
    public static bool AsksMoney(string question) =>
        Regex.IsMatch(" " + CompanyDirectory.Normalize(question) + " ", @" how (many|much) (billions?|millions?|dollars?|euros?|usd|bn) | wie viele (milliarden|millionen|dollar|euro) | in (dollars|usd|euros|dollar terms) | (dollar|euro) (figure|amount|number|value) ");

    /// <summary>"… - what's the total?", "one number please", "add X to Y": a sum asked in other words than "together".</summary>
    public static bool AsksTotal(string question) =>
        Regex.IsMatch(" " + CompanyDirectory.Normalize(question) + " ", @" (what s the (total|sum)|what is the (total|sum)|whats the (total|sum)|the total|the sum|sum (up )?(the|their|both|them|it all)|total (up )?(the|their|both|them|it all)|total of (both|the two|them|those|these|all)|(sum|total|add) (them|these|those|it all) up|one total|one number|one figure|combined figure|the combined (total|amount|number|sum)|add (up )?(the|it|them|that|this|those|these|both)|adds? up to|added up|if you add|added to|summed|summe|zusammengerechnet|addiert|across (the )?(two|both|three|four)|across both|total range|combined range|combined (floor|minimum|ceiling|maximum)|(total|combined|gesamt\w*) notional|notional (total|combined|together)|(total|overall|combined) (funding|financing)|gesamtfinanzierung) ") || Regex.IsMatch(question, @"\b(total|sum)\s*\??\s*$|^\W*(total|sum)\b|(^|[:;.?!]\s*)add\b|[,;:—–-]\s*(total|combined|sum)\s*[$€]?\s*\??\s*$|[:;]\s*total\b|\bcombined\s*[$€]\s*\??\s*$|\b(each|both|separately) and (combined|in total|the total|together)\b|\band combined\s*\??\s*$", RegexOptions.IgnoreCase)
        // ("Over those two quarters, at least how much?")
        || Regex.IsMatch(question, @"\b(over|across)\s+(those|these|the)\s+(two|three|four|2|3|4)\s+(quarters|qtrs|years|months)\b[^?]*\bhow much\b|\bhow much\b[^?]*\b(over|across)\s+(those|these|the)\s+(two|three|four|2|3|4)\s+(quarters|qtrs|years|months)\b", RegexOptions.IgnoreCase)
        // ("min total for the two qtrs?")
        // ("what is the two-quarter total at minimum?")
        || Regex.IsMatch(question, @"\b(min(imum)?|max(imum)?|overall)\s+total\b|\btotal\s+for\s+(the|both|those|these)\b|\btotal\s+at\s+(a\s+)?(minimum|maximum|least|most)\b|\b(two|three|four|2|3|4)[- ]quarters?\s+total\b", RegexOptions.IgnoreCase)
        // ("burry total put notional on palantir + nvidia?"; not "what % of Scion's total put notional is Palantir", a share of it.)
        || Regex.IsMatch(" " + CompanyDirectory.Normalize(question) + " ", @"(?<! of (\w+ ){0,3})(total|combined) (put|call|option|options) notional ");

    /// <summary>Whether the text names a place, each of its words written or one letter off ("north carolna").</summary>
    public static bool MentionsLoosely(string text, string phrase)
    {
        if (Mentions(text, phrase)) return true;
        var words = CompanyDirectory.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return CompanyDirectory.Normalize(phrase).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .All(p => words.Any(w => w == p || p.Length >= 5 && (EditDistanceAtMostOne(w, p) || EditDistanceAtMostOne(GermanPlaceEnding().Replace(w, "ia"), p))));
    }

    /// <summary>"Pennsylvanien", "Kalifornien": the German ending of a place name the English one ends in "ia".</summary>
    [GeneratedRegex("ien$")]
    private static partial Regex GermanPlaceEnding();

    /// <summary>Whether the question asks who (which company) did or is something.</summary>
    public static bool AsksWho(string question) =>
        Regex.IsMatch(" " + CompanyDirectory.Normalize(question) + " ", @" (who|who s|whos|anybody|anyone|somebody|someone|which company|which companies|any company|any companies|which firm|which group|which tech group|which chinese|which american|welche firma|welches unternehmen|welcher konzern|wer) ");

    /// <summary>Whether a text holds any of the phrases as whole words.</summary>
    public static bool MentionsAny(string text, params string[] phrases)
    {
        var normalized = " " + CompanyDirectory.Normalize(text) + " ";
        return phrases.Any(p => Contains(normalized, p));
    }

    /// <summary>Projects, products and sites that stand for their company ("Hyperion", "Stargate", "Kuiper").</summary>
    private static readonly string[] Projects = ["hyperion", "prometheus", "stargate", "kuiper", "suncatcher", "blackwell", "trainium", "rubin", "h20", "dawn", "hbm", "nand", "instant checkout"];

    /// <summary>The projects a question names, as the words of a figure's note or name would hold them.</summary>
    public static IReadOnlyList<string> ProjectsIn(string question)
    {
        var normalized = " " + CompanyDirectory.Normalize(question) + " ";
        return Projects.Where(p => !p.Contains(' ') && Contains(normalized, p)).ToList();
    }

    /// <summary>The question asks what has been done so far ("already bought back", "actually spent so far"), which a programme or pledge is not.</summary>
    public static bool AsksDone(string question) =>
        MentionsAny(question, "so far", "already", "to date", "bereits", "bisher", "schon", "actually spent", "actually been spent", "tatsachlich ausgegeben");

    /// <summary>The question asks for a percentage ("by what percentage", "how many percent"), which an amount does not give.</summary>
    /// <summary>"What's the % step-up?", "um wie viel Prozent mehr": a change between two figures as a percentage.</summary>
    public static bool AsksPercentChange(string question) =>
        // ("Against the $290bn spent in 2024, what growth is that?": a growth asked of two figures set against each other.)
        Regex.IsMatch(question, @"\bwhat (growth|increase|rise)( rate)? (is|was|would be|does) (that|this)\b", RegexOptions.IgnoreCase) ||
        Regex.IsMatch(question, @"%\s*(step[- ]?up|increase|rise|jump|growth|change|gain|more|higher|mehr|anstieg|steigerung)|\b(percent(age)?|prozent(ual)?)\s+(step[- ]?up|increase|rise|jump|growth|change|gain|more|higher|mehr|höher|hoher|anstieg|steigerung)\b|\bum wie viel prozent\b|\bby (roughly |about |around |approximately |approx\.? )?(what|how many) (percent|per cent|%)|\bin (percent(age)?|per cent|%) terms\b|\b(growth|grew|yoy|y/y)\b.*\b(?:fy\s?)?(?:20)?\d{2}\s*(vs\.?|versus|over|against|on)\s*(?:fy\s?)?(?:20)?\d{2}\b|\b(up|down|higher|lower) on\b.*\bin (percent|%)|\bwhat %\s*\??\s*$|\bhow many percent (more|higher)\b|\b(increase|rise|jump|growth|step[- ]?up) in (percent|%)|\bin (dollars|dollar terms) and (in )?(percent|per cent|%)|\b(relative|relativ)\w*\b.*\b(percent|prozent|%)|\b(percent|prozent|%)\b.*\b(relative|relativ)\w*|\b(higher|more|up|bigger|larger|lower|less|down|grow\w*|growht|rise|rose|increase\w*|change)\b[^.?!]{0,30}\bin\s*(%|percent|per cent|prozent)|\bin\s*(%|percent)\s*\??\s*$|\b(and|und)\s*(in\s*)?(%|percent|per cent|prozent)\s*\)?\s*[?.]?\s*$|\bin relative terms\b|\brelative (change|drop|fall|decline|increase|rise|growth)\b", RegexOptions.IgnoreCase);

    public static bool AsksPercent(string question) =>
        Regex.IsMatch(CompanyDirectory.Normalize(question), @"\b(what|which) (percentage|percent)\b|\bhow many percent\b|\bby how much percent\b|\bwie viel prozent\b|\bum wie viel prozent\b|\bwie viele prozent\b|\bwelchen prozentsatz\b|\b(what|which) share of (\w+ ){0,2}assets\b|\b(the|a|what s the|what is the) (percentage|percent) (drop|fall|decline|loss|gain|rise|increase|change|move|jump)\b");

    /// <summary>Revenue that was not made ("revenue lost", "entgangener Umsatz"), which no reported revenue is.</summary>
    public static bool AsksRevenueLost(string question) =>
        !Regex.IsMatch(CompanyDirectory.Normalize(question), @"\b(beat|beats|street|estimates?|expectations?|consensus)\b") && Regex.IsMatch(CompanyDirectory.Normalize(question), @"\b(revenue|sales|umsatz)\b.*\b(lose|loses|lost|losing|forgo|forgoes|forgone|miss|misses|missed|verliert|verloren|entgeht|entgangen)\b|\b(lost|forgone|missed|entgangene[rn]?) (revenue|sales|umsatz)\b");

    /// <summary>The question sets one company apart from the rest ("Amazon by itself", "Nvidia alone").</summary>
    public static bool AsksAlone(string question) => MentionsAny(question, "alone", "by itself", "on its own", "allein", "fur sich", "by themselves");

    /// <summary>The question asks for a part of a whole ("what share of", "how much of the", "account for"), not an amount.</summary>
    public static bool AsksShareOf(string question) =>
        System.Text.RegularExpressions.Regex.IsMatch(CompanyDirectory.Normalize(question),
            @"\b(what|which) (share|percentage|proportion|portion|fraction|part)\b|\bhow much of (the|all|\w+ s|\w+s)\b|\baccounts? for\b|\bwelchen? anteil\b|\bwie viel prozent\b|\bwie viele prozent\b");

    /// <summary>The question asks what something costs ("cost to build", "price tag", "was kostet"): an amount of money.</summary>
    public static bool AsksCost(string question) =>
        MentionsAny(question, "cost", "costs", "price tag", "kosten", "kostet", "how much money", "how many dollars", "budget");

    /// <summary>The words that make a question about a kind, for finding it in headlines.</summary>
    public static IEnumerable<string> PhrasesOf(SignalKind kind) =>
        KindLexicon.Where(k => k.Kind == kind).SelectMany(k => k.Phrases).Concat(GermanStems.Where(g => g.Kind == kind).Select(g => g.Stem));

    /// <summary>Whether a text holds a phrase as whole words (or an inflected form of its last word).</summary>
    public static bool Mentions(string text, string phrase) => Contains(" " + CompanyDirectory.Normalize(text) + " ", phrase);

    /// <summary>−1 when the text speaks of a fall, +1 of a rise, 0 when neither or both.</summary>
    public static int DirectionOf(string text)
    {
        var normalized = " " + CompanyDirectory.Normalize(text) + " ";
        var (fall, rise) = (FallWords.Any(w => Contains(normalized, w)), RiseWords.Any(w => Contains(normalized, w)));
        return fall == rise ? 0 : fall ? -1 : 1;
    }

    private static bool IsTransposition(string a, string b)
    {
        var diff = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
        return diff.Count == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]];
    }

    /// <summary>Capitalised words that are not at the start, not common words and not known names: probably a company we do not know.</summary>
    [GeneratedRegex(@"\b(der|die|das|des|dem|den|ein|eine|einen|einem|einer|eines|welche|welchen|welcher|welches|welchem|seine|seinen|seines|seinem|seiner|ihre|ihren|ihres|ihrem|ihrer|diese|diesen|dieses|diesem|dieser|jede|jeden|jedes|kein|keine|keinen|keines)\s+((?-i:[a-zäöüß]+)\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex GermanDeterminer();

    /// <summary>"Meta, Oracle, CoreWeave and xAI": names set in a list with the companies, one item of it each.</summary>
    private static List<string> ListedBeside(string text, IEnumerable<string> names, List<(int Start, int End)> known) =>
        names.Where(name => text.IndexOf(name, StringComparison.Ordinal) is >= 0 and var at && Regex.Match(text[(at + name.Length)..], @"^(['’]s)?") is var possessive
            && (known.Any(k => k.End <= at && ListJoin().IsMatch(text[k.End..at])) || known.Any(k => k.Start >= at + name.Length + possessive.Length && ListJoin().IsMatch(text[(at + name.Length + possessive.Length)..k.Start]))))
            .ToList();

    [GeneratedRegex(@"^(['’]s)?\s*(,|(,\s*)?(and|und|&|or|oder|plus))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ListJoin();

    private static List<string> UnknownNames(string text, List<(int Start, int End)> known)
    {
        var names = new List<string>();
        foreach (Match m in CapitalisedWord().Matches(text))
        {
            if (m.Index == 0 || known.Any(k => m.Index >= k.Start && m.Index < k.End)) continue;
            // "Fremd- und Eigenkapital": the first half of a German compound, not a name.
            if (m.Value.EndsWith('-') && Regex.IsMatch(text[(m.Index + m.Length)..], @"^\s+(und|oder|and|or)\b")) continue;
            var value = m.Value.TrimEnd('.', '-');
            var word = value.TrimEnd('\'', '’', 's');
            var bare = value.EndsWith("'s", StringComparison.Ordinal) || value.EndsWith("’s", StringComparison.Ordinal) ? value[..^2] : value;
            if (CommonCapitalised.Contains(bare) || CommonCapitalised.Contains(word) || YearPattern().IsMatch(bare)) continue;
            // "FY25", "FY2026", "Q3'25": a period as people type it, not a name.
            if (Regex.IsMatch(bare, @"^(FY|Q[1-4]|H[12])\s?'?(20)?\d{2}$", RegexOptions.IgnoreCase)) continue;
            // "The Xpert.Digital article says …": the publisher of a piece is where a figure was read, not a company asked about.
            if (Regex.IsMatch(text[(m.Index + m.Length)..], $@"^\s*({PieceWords})\b", RegexOptions.IgnoreCase)) continue;
            // "I'm", "I'd", "I've": the asker, not a name.
            if (Regex.IsMatch(bare, @"^I['’](m|d|ve|ll)$")) continue;
            // "… pay Oracle? Set its revenue against …": an ordinary word opening a sentence is capitalised, not a name.
            // ("Looking at who has put money into it": a word ending in -ing opening a sentence is a verb.)
            // ("Work it out from the figures.": a word opening a sentence with "it" or "me" after it is a verb said to the reader.)
            if (Regex.IsMatch(text[..m.Index], @"[.?!:;]\s*$") && (OrdinaryOpeners.Contains(CompanyDirectory.Normalize(bare)) || Regex.IsMatch(bare, "^[A-Z][a-z]{3,}ing$")
                || Regex.IsMatch(text[(m.Index + m.Length)..], @"^\s+(it|them|me|us|that|this|those|these)\b", RegexOptions.IgnoreCase))) continue;
            // "über Private Credit von PIMCO": a kind of figure written with capitals (as German does) is no name, whichever
            // of its two words this is.
            var before = Regex.Match(text[..m.Index], @"(\w+)\s+$").Groups[1].Value;
            var after = Regex.Match(text[(m.Index + m.Length)..], @"^\s+(\w+)").Groups[1].Value;
            if (new[] { $"{before} {bare}", $"{bare} {after}" }.Select(pair => " " + CompanyDirectory.Normalize(pair) + " ")
                .Any(pair => KindLexicon.Any(k => k.Phrases.Any(p => p.Contains(' ') && pair.Contains(" " + p + " ", StringComparison.Ordinal))))) continue;
            // "KI-Infrastruktur", "US-Risikokapital": compounds of a common word and a noun.
            if (bare.Contains('-') && CommonCapitalised.Contains(bare[..bare.IndexOf('-')])) continue;
            // A word that names a kind of figure ("Investoren", "Umsätze") or the market ("Rechenzentren") is no company's name.
            var folded = " " + CompanyDirectory.Normalize(bare) + " ";
            if (KindLexicon.Any(k => k.Phrases.Any(p => Contains(folded, p))) || GermanStems.Any(g => folded.Contains(g.Stem, StringComparison.Ordinal))) continue;
            if (MarketWords.Any(w => Contains(folded, w)) || SectorWords.Any(w => Contains(folded, w.Phrase)) || CountryWords.Any(w => Contains(folded, w.Phrase))) continue;
            // "Welchen Anteil des weltweiten Risikokapitals": in German every noun is capitalised; one after an article,
            // a question word or a possessive is a noun, not a company's name.
            // A name of two capitalised words ("die Deutsche Telekom") stays a name.
            if (GermanDeterminer().IsMatch(text[..m.Index]) && !Regex.IsMatch(text[(m.Index + m.Length)..], @"^\s+[A-Z]")) continue;
            // "Schaetzung", "Sicherheit", "Wirtschaft": a word with the ending of a German noun is a noun, not a name.
            if (Regex.IsMatch(bare, "^[A-ZÄÖÜ][a-zäöüß]{5,}(ung|ungen|heit|keit|schaft|schaften)$")) continue;
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
        // ("fund it" is not "fund its": a phrase ending in a short word takes no endings.)
        if (normalized.Length < 4 || !char.IsAsciiLetter(normalized[^1]) || normalized.Length - normalized.LastIndexOf(' ') - 1 < 3) return false;
        foreach (var ending in Endings)
            if (normalizedWithSpaces.Contains(" " + normalized + ending + " ", StringComparison.Ordinal)) return true;
        return false;
    }

    private static readonly string[] Endings = ["s", "es", "e", "n", "en", "er", "ing", "ed"];

    private static readonly (string Phrase, int Quarter)[] QuarterWords =
    [
        ("first quarter", 1), ("second quarter", 2), ("third quarter", 3), ("fourth quarter", 4), ("march quarter", 1), ("june quarter", 2),
        ("september quarter", 3), ("december quarter", 4), ("first three months", 1), ("ersten drei monate", 1), ("ersten drei monaten", 1), ("ersten quartal", 1), ("zweiten quartal", 2),
        ("dritten quartal", 3), ("vierten quartal", 4), ("erstes quartal", 1), ("zweites quartal", 2), ("drittes quartal", 3), ("viertes quartal", 4),
    ];

    [GeneratedRegex(@"\b(19[89]\d|20[0-4]\d)\b")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@" (before|vor) (the|dem|der) (\w+ ){0,2}?(slide|sell off|selloff|crash|drop|fall|rally|plunge|slump|einbruch|absturz|kursrutsch) ")]
    private static partial Regex BeforeEvent();

    [GeneratedRegex(@"(?:\b(?:fy ?(?:20)?|q[1-4] ?(?:fy ?)?|h[12] ?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* )'?|')(?<y>[1-4]\d)\b(?! ?%)(?!(?:st|nd|rd|th)?,?\s+20\d\d\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ShortYear();

    [GeneratedRegex(@"(?<=\b(?:capex|capx|guide|guidance|plan|range|spend|spent|actual|actuals|budget|outlook|fcf|ocf|revenue|rev|guided|planned|budgeted)\s(?:for\s)?)(?<y>2[0-9]|30)\b(?![.,]\d|\s*(?:%|percent|prozent|billion|bn|mrd|milliard\w*|million\w*|mn|times|x|mal|gw)\b)|(?<![$€\d.]\s?)(?<!\d,\s?)\b(?<y>2[0-9]|30)(?=\s(?:capex|capx|guide|guidance|plan|range|spend|spent|actual|actuals|budget|outlook|fcf|ocf|revenue|rev|mid[- ]?point|midpt|low end|high end|top end)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex BareShortYear();

    [GeneratedRegex(@"(?<![$€\d.]\s?)(?<!\d,\s?)\b(?<y>2[0-9]|30)\s*(?:vs\.?|versus|against|and|to|or|&|/)\s*(?<z>2[0-9]|30)\b(?![.,]\d|\s*(?:%|percent|prozent|billion|bn|mrd|milliard\w*|million\w*|mn|times|x|mal|gw)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex BareShortYearPair();

    /// <summary>"vs FY25 actual, $ gap?", "low end vs high end, gap": the gap asked in a word at the end of a terse question.</summary>
    [GeneratedRegex(@"[,;:—–-]\s*[$€]?\s*(?:gap|diff|delta|difference)\b|\b[$€]\s*(?:gap|diff|delta)\b|\b(?:gap|diff|delta)\s*\??\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TerseGap();

    // (", and Jassy's 2026 capex number?": a second figure with its own period after a comma is a second question.)
    /// <summary>German verbs a question opens with ("Gibt es …", "Lohnt sich …", "Zeig mir …"), not names.</summary>
    [GeneratedRegex(@"^(gibt|gab|gäbe|gabe|hat|hatte|haben|hatten|ist|war|sind|waren|wird|wurde|werden|wurden|kann|konnte|können|konnen|muss|musste|müssen|mussen|soll|sollte|darf|lohnt|steht|stehen|stand|liegt|liegen|lag|geht|ging|kommt|kam|bringt|brachte|macht|machte|zahlt|zahlte|verdient|investiert|plant|plante|rechne|berechne|nenne|nennt|zeig\w*|erklär\w*|erklar\w*|vergleich\w*|stimmt|droht|drohte|bleibt|blieb|reicht|deckt|fiel|stieg|sank|verlor|gewann|meldet|meldete|wie|was|wer|wo|wann|warum|welche\w*)$", RegexOptions.IgnoreCase)]
    private static partial Regex GermanOpeningVerb();

    [GeneratedRegex(@";\s+(?:and\s+)?also\s+(?=\w)|;\s+plus\s+(?=(?:how|what|which|who|when|where|is|are|was|were|did|does|do|has|have|wie|was|welche|welcher|welches|wer|wann|ist|sind|hat|haben)\b)|(?:,\s*|;\s*|\?\s+|\s+)(?:and|und)\s+(?=(?:(?:for|at|worth)\s+(?:how|what)\b|how|what|which|who|when|where|is|are|was|were|did|does|do|has|have|had|wie|was|welche|welcher|welches|wer|wann|ist|sind|hat|haben)\b)|,\s*(?:and|und)\s+(?=(?:its|their|[A-Z][\w.&-]*['’]s)\s+(?:fiscal\s+|fy\s*)?(?:20\d\d|q[1-4])\b)|(?<=\?)\s+(?=\S)|\s+\+\s+|\s+(?:vs\.?|versus|verglichen mit)\s+(?=(?:what|how|which|the|wie|was|welche|der|die|das)\b)(?!what (?:analysts|the street|wall street|the market|investors|consensus) )", RegexOptions.IgnoreCase)]
    private static partial Regex CompoundJoint();

    [GeneratedRegex(@"\b(?:is|did|does|has|will|was|are|whats|what's|hows|how's)\s+(?<name>[a-z][a-z0-9&.'-]*(?:\s+[a-z][a-z0-9&.'-]*)?)\s+(?:spend|spending|invest|investing|plan|planning|paying|pay|raise|raising|raised|earn|earning|earned|report|reporting|reported|worth|valued)\b")]
    private static partial Regex UnknownSubject();

    [GeneratedRegex(@"\b(?:(?:leaving|leave|setting|set|putting|put)\s+(?<x>[^,?;]+?)\s+aside|(?:excluding|apart from|aside from|other than|besides|not counting|except for|except|abgesehen von|au(?:ß|ss)er|(?:anyone|anybody|anything|everyone|everybody|all) but)\s+(?<x>[^,?;]+?)(?=\s+(?:has|have|had|is|are|was|were|did|does|do|will|would|can|could|put|puts|invested|invests|spent|spends|made|makes|got|gets|hat|haben|ist|sind)\b|\s*[,?;.!]|\s*$)|^\W*beyond\s+(?<x>[^,?;]+?)(?=\s*,))", RegexOptions.IgnoreCase)]
    private static partial Regex SetAside();

    [GeneratedRegex(@" (?<from>jan|january|januar|apr|april|jul|july|juli|oct|october|oktober|okt) (?:to |bis |through |thru |until )?(?<to>mar|march|marz|jun|june|juni|sep|sept|september|dec|december|dezember|dez)(?: (?<y>20[0-4]\d))? ")]
    private static partial Regex QuarterMonths();

    [GeneratedRegex(@" (which|welche|welcher|welches|what) .*\b(more|harder|bigger|larger|worse|better|less|most|starker|mehr|schlimmer)\b.* (or|oder) ")]
    private static partial Regex WhichMoreOr();

    private static readonly HashSet<string> FollowUpWords = new(StringComparer.Ordinal)
    {
        "how", "do", "does", "did", "they", "it", "compare", "compared", "stack", "up", "is", "was", "that", "this", "right", "true", "correct", "what", "about",
        "them", "these", "those", "the", "two", "both", "against", "each", "other", "with", "one", "another", "really", "so", "wie", "verhalten", "sich", "stimmt", "das",
    };

    // ("By the start of December 2025, how much …": "by" with the part of the month named is the day looked from.)
    [GeneratedRegex(@" (?:back in|as of|as at|stand(?: in| at)?|stood(?: in| at)|as (?:it|they|things) stood(?: in| at| as of)?|at the time of|damals im|damals|by(?= (?:the )?(?:early|mid|late|end|start|beginning)\b)) (?:the )?(?<part>early|mid|late|end of|the end of|start of|beginning of|anfang|mitte|ende)?(?: of)? ?(?:(?<d>[0-3]?\d)(?:st|nd|rd|th)? (?:of )?)?(?<m>" + TimeWords.MonthStems + @")[a-z]* (?<y>20[0-4]\d) ")]
    private static partial Regex StatedAsOfPattern();

    private const string MonthName = @"(?<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";

    [GeneratedRegex(@"\b(?:(?:(?:say|suppose|imagine|pretend)(?: that)?,? )?(?:it['’]s|it is|today is|we['’]re on|we are on|we['’]re in|we are in)(?: the)?) (?:(?<part>early|mid|late|end of)[\s-]+)?(?:(?<d>\d{1,2})(?:st|nd|rd|th)? (?:of )?)?" + MonthName + @" (?:(?<d>\d{1,2})(?:st|nd|rd|th)?,? )?(?<y>20[0-4]\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SupposedDayPattern();

    [GeneratedRegex(@"\b(?:looking (?:back )?from|looked at from|viewed from|seen from|as far as (?:it )?(?:was |we )?knew|as far as (?:it )?(?:was |we )?(?:known|knew) (?:on|by)|known (?:on|by)|standing on|from the vantage point of|stand (?:am|vom))\s+(?:the\s+)?(?:(?<d>\d{1,2})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?" + MonthName + @"|" + MonthName + @"\s+(?<d>\d{1,2})(?:st|nd|rd|th)?),?\s+(?<y>20[0-4]\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LookedFromDayPattern();

    [GeneratedRegex(@"\b(?:by|at) the (?<part>end) of " + MonthName + @",? (?<y>20[0-4]\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EndOfMonthPattern();

    [GeneratedRegex(@"\b(?:am|on|at) (?<d>\d{1,2})(?:\.|st|nd|rd|th)? (?:of )?(?<m>" + TimeWords.MonthStems + @")[a-z]*\.?,? (?<y>20[0-4]\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnDayPattern();

    [GeneratedRegex(@" (plan|plans|planned|planning|guidance|guide|guided|guiding|outlook|forecast|latest|expected|expecting|budget|budgeted|prognose|geplant|plante|planung) ")]
    private static partial Regex PlanWordsPattern();

    [GeneratedRegex(@"^\s*(alert|alarm|red flag|warning)s?(\s+(check|scan|sweep|watch))?\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex AlertLabel();

    [GeneratedRegex(@"^\s+(own\s+)?([\w-]+\s+)?(build[- ]?outs?|infrastructure|data[- ]?cent\w*|capex|expansion|campus\w*|facilities|fabs?|network|projects?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OwnProjectAfter();

    [GeneratedRegex(@" (fall|fell|falls|drop|dropped|drops|lose|lost|loses|rise|rose|rises|jump|jumped|move|moved|moves|gain|gained|trading|traded|close|closed|stock|shares|share price|market cap|market value|verlor|verloren|fiel|stieg|kurs|aktie) ")]
    private static partial Regex MoveWordsPattern();

    [GeneratedRegex(@" (as known|as it was known|we know|we knew|we already know|we yet know|did we know|was known|were known|did we have|had we|at that point|at the time|at that time|back then|was public|were public|publicly known|public at|bekannt|wussten wir|wusste man|wusste) ")]
    private static partial Regex KnownThen();

    [GeneratedRegex(@" (?:as of|as at|by|on|at|stand|zu) (?:the )?(?<h>new years? eve|new years? day|christmas eve|christmas|silvester|neujahr|heiligabend|weihnachten) (?<y>20[0-4]\d) ")]
    private static partial Regex HolidayAsOf();

    [GeneratedRegex(@" (?:at the end of|by the end of|as of|as at|by|stand|zum|bis ende|per) (?:the )?(?:\d{1,2} )?(?:" + TimeWords.MonthStems + @")[a-z]* (?:\d{1,2} )?(?<y>20[0-4]\d) ")]
    private static partial Regex AsOfDate();

    [GeneratedRegex(@" (this|last|next|current|previous|dieses|diesem|letztes|letzten|vergangenen|nachstes|nachsten) (?:calendar |fiscal )?(?:year|jahr|jahres) ")]
    private static partial Regex RelativeYear();

    [GeneratedRegex(@" (?:fiscal|geschaftsjahr)\b.*? (?:" + TimeWords.MonthStems + @")[a-z]* 20[0-4]\d (?:to|bis|through|until|thru) (?:" + TimeWords.MonthStems + @")[a-z]* (?<y>20[0-4]\d) ")]
    private static partial Regex FiscalSpan();

    [GeneratedRegex(@" (since|seit) (?:the |dem |der )?(?:start of |beginning of |anfang )?(?:" + TimeWords.MonthStems + @")[a-z]* ")]
    private static partial Regex SinceMonth();

    [GeneratedRegex(@"(?<=[.!])\s+(?=(?:How|What|Which|Who|When|Where|Is|Are|Was|Were|Did|Does|Do|Has|Have|Wie|Was|Welche|Wer|Wann|Ist|Sind|Hat)\b)")]
    private static partial Regex SentenceJoint();

    /// <summary>The sentences of a text: a break after "." or "!" before a capital.</summary>
    public static string[] Sentences(string text) => SentenceBreak().Split(text.Trim());

    [GeneratedRegex(@"(?<=[.!])\s+(?=[A-ZÄÖÜ])")]
    private static partial Regex SentenceBreak();

    /// <summary>Where a statement setting the scene ends: a sentence break, or ", but" before the question.</summary>
    /// <summary>Words by which a question after a statement works with the statement's figures ("the two", "the difference").</summary>
    private const string PointsBack = @"\b(that|this|those|these|such|two|both|each|difference|gap|compare\w*|vs|versus|than|more|less|ratio|times|sum|total|together|the (figure|number|amount)|davon|dessen|beide\w*)\b";

    /// <summary>
    /// A statement that sets the scene before the question ("Palantir slipped after Q3 earnings. What was its gain?"),
    /// and the question after it; nulls when the question opens as one.
    /// </summary>
    public static (string? Scene, string? Asked) Scene(string text)
    {
        var sentences = SceneBreak().Split(text.Trim());
        if (sentences.Length < 2 || sentences[0].TrimEnd().EndsWith('?')
            || Regex.IsMatch(sentences[0], @"^\W*(how|what|which|who|when|where|why|is|are|was|were|did|does|do|has|have|can|could|should|wie|was|welche\w*|wer|wann|wo|warum)\b", RegexOptions.IgnoreCase))
            return (null, null);
        return (sentences[0], string.Join(" ", sentences.Skip(1)));
    }

    [GeneratedRegex(@"(?<=[.!])\s+(?=[A-ZÄÖÜ])|,\s+but\s+(?=(?:what|how|which|who|when|did|does|is|was)\b)")]
    private static partial Regex SceneBreak();

    [GeneratedRegex(@"\b(?:before|ahead of|prior to|vor)(?: \S+){0,2}? Q[1-4](?: (?:20)?\d\d)? (?:call|earnings|report|results|numbers|zahlen)\b|\bQ[1-4](?: (?:20)?\d\d)? (?:earnings |results )?(?:call|report|release) (?:on|dated) |\b(?:react\w*|reaction|respond\w*|response|trade\w*)\b.{0,40}\b(?:to|after|following|on) (?:the |its |their )?Q[1-4](?: (?:20)?\d\d)? (?:print|results|earnings|report|numbers|call|release)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReportAsEvent();

    [GeneratedRegex(@"\bQ([1-4])\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"\bQ(?<q>[1-4])\s*(?:'|fy|FY)?\s*(?<y>(?:20)?\d\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex QuarterYearPattern();

    // "xAI", "iPhone": a name may start in lower case with a capital inside.
    [GeneratedRegex(@"\b(?:[A-Z]|[a-z]{1,2}[A-Z])[\w'’&\.-]*")]
    private static partial Regex CapitalisedWord();
}
