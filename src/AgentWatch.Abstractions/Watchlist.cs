using System.Globalization;
using System.Text;

namespace AgentWatch.Abstractions;

/// <summary>Sectors of the AI-infrastructure trade.</summary>
public static class Sectors
{
    public const string Hyperscaler = "hyperscaler";
    public const string ChipMaker = "chip-maker";
    public const string ChipEquipment = "chip-equipment";
    public const string NeoCloud = "neo-cloud";
    public const string Software = "software";
    public const string AiLab = "ai-lab";
    public const string Fintech = "fintech";
    public const string Other = "other";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Hyperscaler, ChipMaker, ChipEquipment, NeoCloud, Software, AiLab, Fintech, Other };
}

/// <summary>A company on the watchlist (configuration <c>Watchlist:Companies:TICKER</c>).</summary>
public sealed class CompanyOptions
{
    public string Name { get; set; } = "";
    public string Sector { get; set; } = Sectors.Other;

    /// <summary>Other names people use, in English or German ("Google", "Facebook", "Tencent Holdings").</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>False for private companies (OpenAI, ByteDance): their key is a slug, not a ticker.</summary>
    public bool Listed { get; set; } = true;

    /// <summary>Whether its alerts are raised. Companies in the list are watched unless this is false.</summary>
    public bool Watched { get; set; } = true;

    public string? Cik { get; set; }

    /// <summary>CUSIPs of its securities (13F rows name issuers by CUSIP).</summary>
    public List<string> Cusips { get; set; } = [];

    /// <summary>Shares outstanding, to turn price files into market-cap moves (XBRL companyfacts give it too).</summary>
    public decimal? SharesOutstanding { get; set; }

    /// <summary>Month the company's fiscal year ends (Microsoft: 6).</summary>
    public int FiscalYearEndMonth { get; set; } = 12;

    /// <summary>Where it is headquartered, as an ISO 3166 code ("US", "CN"): questions about "Chinese tech giants" use it.</summary>
    public string? Country { get; set; }

    /// <summary>
    /// What people call it without naming it: its trade ("GPU maker", "lithography"). A question using one of these
    /// means it; a trade several companies share needs one of their <see cref="HomeTowns"/> too.
    /// </summary>
    public List<string> Trades { get; set; } = [];

    /// <summary>
    /// Where it is based ("Santa Clara", "Veldhoven"), which tells apart companies of one trade; followed by a word for a
    /// company ("the Hangzhou group"), a home town no other company shares names it alone.
    /// </summary>
    public List<string> HomeTowns { get; set; } = [];
}

/// <summary>An investment manager whose filings are watched (configuration <c>Watchlist:Filers:KEY</c>).</summary>
public sealed class FilerOptions
{
    public string Name { get; set; } = "";
    public string? Cik { get; set; }
    public List<string> Aliases { get; set; } = [];
    public bool Watched { get; set; } = true;
}

/// <summary>The companies and filers AgentWatch knows and watches (configuration section <c>Watchlist</c>).</summary>
public sealed class WatchlistOptions
{
    public const string SectionName = "Watchlist";
    public Dictionary<string, CompanyOptions> Companies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, FilerOptions> Filers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Configuration mistakes, each naming the entry; empty when the watchlist is usable.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (key, c) in Companies)
        {
            if (!Signals.SignalRules.IsCompanyKey(key)) yield return $"Watchlist:Companies:{key}: '{key}' is not a company key (upper-case letters, digits, '.', '-')";
            if (string.IsNullOrWhiteSpace(c.Name)) yield return $"Watchlist:Companies:{key}: Name is empty";
            if (!Sectors.All.Contains(c.Sector)) yield return $"Watchlist:Companies:{key}: Sector '{c.Sector}' is not one of {string.Join(", ", Sectors.All)}";
            if (c.FiscalYearEndMonth is < 1 or > 12) yield return $"Watchlist:Companies:{key}: FiscalYearEndMonth must be 1 to 12";
        }
        foreach (var (key, f) in Filers)
        {
            if (string.IsNullOrWhiteSpace(f.Name)) yield return $"Watchlist:Filers:{key}: Name is empty";
        }
    }
}

/// <summary>A company as the API and the agents show it.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.company-profile")]
public sealed record CompanyProfile(
    string Ticker, string Name, string Sector, IReadOnlyList<string> Aliases, bool Listed, bool Watched, string? Cik, int FiscalYearEndMonth)
{
    /// <summary>A company that is not on the watchlist: known by its key only.</summary>
    public static CompanyProfile Unlisted(string key) => new(key, key, Sectors.Other, [], false, false, null, 12);
}

[GenerateSerializer, Immutable, Alias("agentwatch.filer-profile")]
public sealed record FilerProfile(string Key, string Name, string? Cik, IReadOnlyList<string> Aliases, bool Watched);

/// <summary>
/// How a name in a question or a file resolved; Possessive when it was written in the possessive or the German genitive
/// ("Alphabet's", "NVDA's", "Nvidias", "Meta’s").
/// </summary>
public sealed record CompanyMatch(string Ticker, string MatchedText, int Start, int Length, bool Possessive = false);

/// <summary>
/// Finds companies by ticker, name and alias, case- and accent-insensitively and on word boundaries. A name that fits
/// several companies is reported as ambiguous, never guessed.
/// </summary>
public sealed class CompanyDirectory
{
    private readonly Dictionary<string, CompanyProfile> _byTicker = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _tickers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FilerProfile> _filers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _filersByName = new(StringComparer.Ordinal);
    private readonly int _longestName;
    private readonly Dictionary<string, string> _byCusip = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _byCik = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal> _shares = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _countries = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Ticker, string[] Trades, string[] HomeTowns)> _descriptions = [];

    public CompanyDirectory(WatchlistOptions watchlist)
    {
        foreach (var (key, c) in watchlist.Companies)
        {
            var ticker = key.ToUpperInvariant();
            _byTicker[ticker] = new CompanyProfile(ticker, c.Name, c.Sector, c.Aliases, c.Listed, c.Watched, c.Cik, c.FiscalYearEndMonth);
            foreach (var name in c.Aliases.Append(c.Name)) Add(_byName, name, ticker);
            // Tickers such as NOW, NET or MU are ordinary words too: they count only when written in capitals.
            _tickers.Add(ticker);
            foreach (var cusip in c.Cusips) _byCusip[cusip.Trim()] = ticker;
            if (c.Cik is { Length: > 0 } cik) _byCik[cik.TrimStart('0')] = ticker;
            if (c.SharesOutstanding is { } shares) _shares[ticker] = shares;
            if (c.Country is { Length: > 0 } country) _countries[ticker] = country.ToUpperInvariant();
            if (c.Trades.Count + c.HomeTowns.Count > 0) _descriptions.Add((ticker, c.Trades.Select(Normalize).Where(t => t.Length > 0).ToArray(), c.HomeTowns.Select(Normalize).Where(t => t.Length > 0).ToArray()));
        }
        foreach (var (key, f) in watchlist.Filers)
        {
            _filers[key] = new FilerProfile(key, f.Name, f.Cik, f.Aliases, f.Watched);
            foreach (var name in f.Aliases.Append(f.Name).Append(key)) Add(_filersByName, name, key);
            if (f.Cik is not null) Add(_filersByName, f.Cik, key);
        }
        _longestName = _byName.Keys.Concat(_filersByName.Keys).Select(k => k.Split(' ').Length).DefaultIfEmpty(1).Max();
    }

    public IReadOnlyCollection<CompanyProfile> Companies => _byTicker.Values;
    public IReadOnlyCollection<FilerProfile> Filers => _filers.Values;

    public bool IsKnown(string ticker) => _byTicker.ContainsKey(ticker);

    /// <summary>The country a company is headquartered in (ISO 3166 code), when the watchlist says.</summary>
    public string? Country(string ticker) => _countries.GetValueOrDefault(ticker);
    public bool IsWatched(string ticker) => _byTicker.TryGetValue(ticker, out var p) && p.Watched;

    public CompanyProfile Profile(string ticker) => _byTicker.TryGetValue(ticker, out var p) ? p : CompanyProfile.Unlisted(ticker.ToUpperInvariant());

    public FilerProfile? Filer(string key) =>
        _filers.TryGetValue(key, out var f) ? f
        : _filersByName.TryGetValue(Normalize(key), out var keys) && keys.Count == 1 ? _filers[keys.First()] : null;

    public bool IsWatchedFiler(string key) => Filer(key)?.Watched == true;

    /// <summary>The watched ticker a CUSIP belongs to, or null (13F issuers the watchlist does not map are kept by name).</summary>
    public string? TickerForCusip(string cusip) => _byCusip.GetValueOrDefault(cusip.Trim());

    /// <summary>The ticker of a company by its SEC CIK (leading zeros or not), or null.</summary>
    public string? TickerForCik(string cik) => _byCik.GetValueOrDefault(cik.Trim().TrimStart('0'));

    /// <summary>The filer with this SEC CIK, or null.</summary>
    public FilerProfile? FilerForCik(string cik) => _filers.Values.FirstOrDefault(f => f.Cik?.TrimStart('0') == cik.Trim().TrimStart('0'));

    /// <summary>Shares outstanding from the watchlist, if set.</summary>
    public decimal? SharesOutstanding(string ticker) => _shares.TryGetValue(ticker, out var s) ? s : null;

    /// <summary>
    /// Resolves one name: the tickers it can mean. One ticker: found; several: ambiguous; none: unknown.
    /// </summary>
    public IReadOnlyList<string> Resolve(string text)
    {
        if (_byTicker.ContainsKey(text.Trim())) return [text.Trim().ToUpperInvariant()];
        var key = Normalize(text);
        return _byName.TryGetValue(key, out var tickers) ? tickers.Order().ToList() : [];
    }

    /// <summary>
    /// The companies a name that fits none may have meant, best first: those whose ticker, name or alias starts with it
    /// or holds it ("Micro": Microsoft, Micron) or is held in it ("Nvidia Corp"), then those a few letters off ("Nvidea": Nvidia).
    /// </summary>
    public IReadOnlyList<CompanyProfile> Closest(string text, int max = 5)
    {
        var key = Normalize(text);
        if (key.Length == 0) return [];
        var ranked = new List<(CompanyProfile Profile, int Rank, int Distance)>();
        foreach (var profile in _byTicker.Values)
        {
            var names = profile.Aliases.Append(profile.Name).Append(profile.Ticker).Select(Normalize).Where(n => n.Length > 0).ToList();
            var rank = names.Any(n => n.StartsWith(key, StringComparison.Ordinal) || n.Split(' ').Any(w => w.StartsWith(key, StringComparison.Ordinal))) ? 0
                // "Micro" in "Advanced Micro Devices"; "Nvidia" in "nvidia corp".
                : (key.Length >= 3 && names.Any(n => n.Contains(key, StringComparison.Ordinal))) || names.Any(n => n.Length >= 4 && key.Contains(n, StringComparison.Ordinal)) ? 1 : 2;
            var distance = names.Min(n => Distance(key, n));
            // A typo is a letter or two, not a different word: at most a third of the name's letters.
            if (rank < 2 || distance <= Math.Max(1, key.Length / 3)) ranked.Add((profile, rank, distance));
        }
        return ranked.OrderBy(r => r.Rank).ThenBy(r => r.Distance).ThenBy(r => r.Profile.Ticker, StringComparer.Ordinal).Take(max).Select(r => r.Profile).ToList();
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>Every company named in a text, longest names first, each span used once.</summary>
    public IReadOnlyList<(CompanyMatch Match, IReadOnlyList<string> Candidates)> FindMentions(string text) => Find(text, _byName, _tickers);

    /// <summary>
    /// Every company named in a question, where people also type tickers in lower case ("nvda capex"): a lower-case
    /// ticker counts unless it is an ordinary word ("now", "net").
    /// </summary>
    public IReadOnlyList<(CompanyMatch Match, IReadOnlyList<string> Candidates)> FindMentionsInQuestion(string text) => Find(text, _byName, _tickers, lowerCaseTickers: true);

    /// <summary>
    /// The companies a text describes without naming them ("the Santa Clara GPU maker", "Veldhoven's litho champion",
    /// "the Hangzhou group"), each with the spans of the words that describe it, in the order they appear. A trade that
    /// several companies share needs one of their home towns; a home town alone names a company only when it is the
    /// home of no other and is followed by a word for a company ("group", "firm", "-based").
    /// </summary>
    public IReadOnlyList<(string Ticker, IReadOnlyList<(int Start, int End)> Spans)> FindDescribed(string text)
    {
        var words = Words(text);
        List<(int Start, int End, int Next, int Words)> Spans(string[] phrases)
        {
            var spans = new List<(int, int, int, int)>();
            foreach (var phrase in phrases)
            {
                var parts = phrase.Split(' ');
                for (var i = 0; i + parts.Length <= words.Count; i++)
                    // A trade word may carry an ending ("makers", "retailer's" folds to "retailers").
                    if (Enumerable.Range(0, parts.Length).All(j => words[i + j].Normalized == parts[j] || j == parts.Length - 1 && words[i + j].Normalized == parts[j] + "s"))
                        spans.Add((words[i].Start, words[i + parts.Length - 1].Start + words[i + parts.Length - 1].Length, i + parts.Length, parts.Length));
            }
            return spans;
        }
        var all = _descriptions.Select(d => (d.Ticker, Trade: Spans(d.Trades), Town: Spans(d.HomeTowns))).ToList();
        var found = new List<(string Ticker, IReadOnlyList<(int Start, int End)> Spans)>();
        foreach (var (ticker, trade, town) in all)
        {
            var sharedTrade = all.Any(o => o.Ticker != ticker && o.Trade.Any(t => trade.Any(x => x.Start == t.Start)));
            // "the Chinese search giant" is Baidu; "the search giant" with no country said is Alphabet: in English a
            // foreign company sharing a trade is qualified by its country, and the home company is not.
            // (A home town said for one of them names that one, and a country shared by two names neither.)
            var byCountry = sharedTrade && town.Count == 0 && Country(ticker) is { } own && trade.Any(t =>
                !all.Any(o => o.Ticker != ticker && o.Town.Count > 0 && o.Trade.Any(x => x.Start == t.Start))
                && QualifyingCountry(words, t.Next - t.Words) is var said && (said ?? "US") == own
                && !all.Any(o => o.Ticker != ticker && Country(o.Ticker) == own && o.Trade.Any(x => x.Start == t.Start)));
            var byTrade = trade.Count > 0 && (!sharedTrade || town.Count > 0 || byCountry);
            // ("the Menlo Park company's Hyperion": the noun in the possessive too.)
            // ("the Hangzhou cloud giant", "the Veldhoven chip-tool group": a word or two of trade may stand between the
            // town and the noun.)
            bool NounAt(int i) => i < words.Count && (CompanyNouns.Contains(words[i].Normalized) || words[i].Normalized is [.., 's'] noun && CompanyNouns.Contains(noun[..^1]));
            var byTown = town.Any(t => (NounAt(t.Next) || NounAt(t.Next + 1) || NounAt(t.Next + 2))
                && !all.Any(o => o.Ticker != ticker && o.Town.Any(x => x.Start == t.Start)));
            if (byTrade || byTown) found.Add((ticker, trade.Concat(town).Select(x => (x.Start, x.End)).ToList()));
        }
        return found.OrderBy(f => f.Spans.Min(x => x.Start)).ToList();
    }

    /// <summary>The country the word or two before a description name ("Chinese", "China's", "US"), if any.</summary>
    private static string? QualifyingCountry(List<(string Normalized, int Start, int Length)> words, int first)
    {
        for (var i = first - 1; i >= Math.Max(0, first - 2); i--)
            if (CountryAdjectives.TryGetValue(words[i].Normalized, out var country)) return country;
        return null;
    }

    private static readonly Dictionary<string, string> CountryAdjectives = new(StringComparer.Ordinal)
    {
        ["chinese"] = "CN", ["china"] = "CN", ["chinas"] = "CN", ["chinesische"] = "CN", ["chinesischen"] = "CN", ["chinesischer"] = "CN",
        ["us"] = "US", ["american"] = "US", ["americas"] = "US", ["amerikanische"] = "US", ["amerikanischen"] = "US", ["amerikanischer"] = "US",
    };

    /// <summary>Words that, after a home town, make it a company's description ("the Hangzhou group").</summary>
    private static readonly HashSet<string> CompanyNouns = new(StringComparer.Ordinal)
    {
        "group", "company", "firm", "giant", "outfit", "based", "player", "champion", "conglomerate", "konzern", "gruppe", "unternehmen", "crowd", "camp", "shop",
    };

    /// <summary>Every filer named in a text.</summary>
    public IReadOnlyList<(CompanyMatch Match, IReadOnlyList<string> Candidates)> FindFilerMentions(string text) => Find(text, _filersByName, null);

    private IReadOnlyList<(CompanyMatch, IReadOnlyList<string>)> Find(string text, Dictionary<string, HashSet<string>> names, HashSet<string>? tickers, bool lowerCaseTickers = false)
    {
        var words = Words(text);
        var used = new bool[words.Count];
        var found = new List<(CompanyMatch, IReadOnlyList<string>)>();
        for (var n = Math.Min(_longestName, words.Count); n >= 1; n--)
        {
            for (var i = 0; i + n <= words.Count; i++)
            {
                if (Enumerable.Range(i, n).Any(j => used[j])) continue;
                // Indexing, not Skip(i): a long news text has thousands of words, and Skip would make this quadratic.
                var phrase = n == 1 ? words[i].Normalized : string.Join(' ', Enumerable.Range(i, n).Select(j => words[j].Normalized));
                var original = n == 1 ? text.Substring(words[i].Start, words[i].Length) : "";
                // ("NVDA's P/E", "nvda's p/e": a ticker in the possessive is the ticker.)
                var apostropheS = n == 1 && original.EndsWith("'s", StringComparison.Ordinal) && original.Length > 3;
                if (apostropheS) original = original[..^2];
                // ("amzn 2026 capex", "Amzn 2026 capex vs …": a ticker typed in lower case, or capitalised at the start of a
                // sentence, is the ticker unless it is also a word.)
                var typedLower = lowerCaseTickers && n == 1 && original.Length >= 2 && (original.All(char.IsAsciiLetterLower) || char.IsAsciiLetterUpper(original[0]) && original[1..].All(char.IsAsciiLetterLower))
                    && !OrdinaryWords.Contains(original.ToLowerInvariant());
                if (typedLower) original = original.ToUpperInvariant();
                // ("palantirs pe vs nvdas": a lower-case ticker of four letters or more in the possessive, its apostrophe left
                // out; shorter ones are too often a word with an "s": "arms", "nets".)
                var possessive = original.EndsWith('s') || typedLower && original.Length >= 5 && original.EndsWith('S');
                if (tickers is not null && n == 1 && (tickers.Contains(original) || (possessive && tickers.Contains(original[..^1]))))
                {
                    var ticker = tickers.Contains(original) ? original : original[..^1];
                    used[i] = true;
                    found.Add((new CompanyMatch(ticker, original, words[i].Start, words[i].Length, apostropheS || ticker != original), [ticker]));
                    continue;
                }
                var byStem = false;
                if (!names.TryGetValue(phrase, out var keys))
                {
                    // Possessive and German genitive forms: "Nvidias", "Amazons", "Jensen Huang's" (the apostrophe is folded away).
                    if (phrase.Length > 3 && phrase.EndsWith('s') && names.TryGetValue(phrase[..^1], out var stem)) (keys, byStem) = (stem, true);
                    else continue;
                }
                for (var j = i; j < i + n; j++) used[j] = true;
                var start = words[i].Start;
                var end = words[i + n - 1].Start + words[i + n - 1].Length;
                // ("Meta’s": a typographic apostrophe ends the word, so its "s" follows the name.)
                var possessiveName = byStem || end + 1 < text.Length && text[end] is '\'' or '’' && text[end + 1] is 's' or 'S' && (end + 2 == text.Length || !IsWordChar(text[end + 2]));
                found.Add((new CompanyMatch(keys.Count == 1 ? keys.First() : "", text[start..end], start, end - start, possessiveName), keys.Order().ToList()));
            }
        }
        return found.OrderBy(f => f.Item1.Start).ToList();
    }

    /// <summary>Tickers that are also words, so that written in lower case they are the word.</summary>
    private static readonly HashSet<string> OrdinaryWords = new(StringComparer.Ordinal)
    {
        "now", "net", "all", "are", "can", "for", "one", "two", "the", "and", "has", "was", "who", "how", "big", "key",
        "on", "in", "at", "it", "is", "to", "of", "or", "an", "as", "be", "by", "do", "go", "he", "if", "me", "my", "no", "so", "up", "us", "we", "am", "im", "da", "du", "er", "es", "ab",
    };

    private static void Add(Dictionary<string, HashSet<string>> index, string name, string key)
    {
        var n = Normalize(name);
        if (n.Length == 0) return;
        if (!index.TryGetValue(n, out var set)) index[n] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        set.Add(key);
    }

    /// <summary>Lower case, accents folded, punctuation as spaces, single spaces.</summary>
    public static string Normalize(string text) => string.Join(' ', Words(text).Select(w => w.Normalized));

    private static List<(string Normalized, int Start, int Length)> Words(string text)
    {
        var words = new List<(string, int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i])) i++;
            var start = i;
            while (i < text.Length && (IsWordChar(text[i]) || (text[i] is '.' or '&' or '\'' && i + 1 < text.Length && IsWordChar(text[i + 1]) && i > start))) i++;
            if (i > start) words.Add((Fold(text[start..i]), start, i - start));
        }
        return words;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c);

    private static string Fold(string word)
    {
        // By table, not string.Normalize: with invariant globalization (as AgentWatch runs) there is no ICU, and
        // normalizing leaves "ä" as it is, so "Umsätze" would never meet "umsatze".
        var sb = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (c is '\'' or '’') continue;
            var lower = char.ToLowerInvariant(c);
            if (lower == 'ß') { sb.Append("ss"); continue; }
            var at = lower < 'à' ? -1 : Accented.IndexOf(lower, StringComparison.Ordinal);
            sb.Append(at < 0 ? lower : Plain[at]);
        }
        return sb.ToString();
    }

    private const string Accented = "àáâãäåāăąçćčďèéêëēėęěìíîïīįñńňòóôõöøōőùúûüūůűųýÿžźżśšłř";
    private const string Plain = "aaaaaaaaacccdeeeeeeeeiiiiiinnnoooooooouuuuuuuuyyzzzsslr";}
