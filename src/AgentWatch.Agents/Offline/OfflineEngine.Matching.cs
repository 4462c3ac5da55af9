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
        "me", "tell", "give", "get", "wie", "viel", "viele", "hoch", "ist", "der", "die", "das", "von", "fur", "und", "hat", "den", "dem", "im", "ein", "eine",
    };

    /// <summary>
    /// Metrics and plans whose name (a plan's project and place) shares at least two of the question's words, or, when
    /// <paramref name="allowSingleWord"/>, one longer word that names no other candidate ("Nasdaq", "tariff").
    /// </summary>
    private IReadOnlyList<Signal> Relevant(IEnumerable<Signal> candidates, ParsedQuestion q, bool allowSingleWord, int minHits = 2, bool unique = true)
    {
        var names = q.Companies.Concat(q.Filers).SelectMany(c =>
        {
            var p = tools.Directory.Profile(c);
            return Words(string.Join(' ', p.Aliases.Append(p.Name).Append(p.Ticker)));
        }).ToHashSet(StringComparer.Ordinal);
        var words = Words(q.Text).Where(w => !StopWords.Contains(w) && !names.Contains(w) && !(w.Length == 4 && w.All(char.IsAsciiDigit))).Distinct().ToList();
        // A group asked about ("the four biggest US tech platforms") matches figures that name its companies.
        if (q.Companies.Count == 0) words.AddRange(q.Group.Select(c => CompanyDirectory.Normalize(tools.Directory.Profile(c).Name)).Where(n => !n.Contains(' ')));
        if (words.Count == 0) return [];
        var scored = candidates
            .Select(s => (Signal: s, Hits: words.Where(w => Words(NameOf(s)).Any(x => SameWord(w, x))).ToList()))
            .Where(x => x.Hits.Count > 0)
            .ToList();
        // The figures sharing the most of the question's words first.
        return scored.Where(x => x.Hits.Count >= minHits || (allowSingleWord && x.Hits.Any(h => Synonyms.GetValueOrDefault(h, h).Length >= 5 && !IsKindWord(h) && (!unique || scored.Count(y => y.Hits.Contains(h)) == 1))))
            .OrderByDescending(x => x.Hits.Count).Select(x => x.Signal).ToList();
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
        CompanyDirectory.Normalize(System.Text.RegularExpressions.Regex.Replace(text, @"['’]s\b", "")).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"plan" and "planned", "invest" and "investment": a word and its longer forms.</summary>
    private static bool SameWord(string a, string b)
    {
        (a, b) = (Synonyms.GetValueOrDefault(a, a), Synonyms.GetValueOrDefault(b, b));
        return a == b || (a.Length >= 4 && b.StartsWith(a, StringComparison.Ordinal)) || (b.Length >= 4 && a.StartsWith(b, StringComparison.Ordinal));
    }

    /// <summary>Words that mean the same in a figure's name: "together" for "combined", "spent" for "spending".</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["together"] = "combined", ["total"] = "combined", ["zusammen"] = "combined", ["insgesamt"] = "combined", ["gesamt"] = "combined",
        ["spent"] = "spending", ["spend"] = "spending", ["spends"] = "spending", ["ausgaben"] = "spending", ["ausgegeben"] = "spending",
        ["centers"] = "centres", ["center"] = "centre", ["rechenzentren"] = "centre", ["leaders"] = "leading", ["leader"] = "leading",
        ["fell"] = "change", ["fall"] = "change", ["drop"] = "change", ["dropped"] = "change", ["rose"] = "change", ["gained"] = "change", ["lost"] = "lost",
        ["funding"] = "capex", ["vc"] = "venture", ["loss"] = "lost", ["losses"] = "lost", ["eingebusst"] = "lost", ["verloren"] = "lost", ["wiped"] = "lost",
        ["mcap"] = "market", ["borsenwert"] = "market", ["marktwert"] = "market", ["fuhrenden"] = "leading", ["fuhrende"] = "leading", ["top"] = "leading",
        ["jump"] = "increase", ["yoy"] = "increase", ["growth"] = "increase", ["grow"] = "increase", ["increased"] = "increase", ["anstieg"] = "increase",
        ["zolle"] = "tariff", ["zoll"] = "tariff", ["zusatzzolle"] = "tariff", ["tariffs"] = "tariff", ["durchschnitt"] = "average", ["durchschnittlich"] = "average",
        ["durchschnittliche"] = "average", ["durchschnittlichen"] = "average", ["outside"] = "abroad", ["overseas"] = "abroad", ["ausland"] = "abroad",
        ["international"] = "abroad", ["profit"] = "profitable", ["profits"] = "profitable", ["gewinn"] = "profitable",
        ["infrastruktur"] = "infrastructure", ["jahrlichen"] = "annual", ["jahrliche"] = "annual", ["yearly"] = "annual", ["rechenleistung"] = "compute",
        ["gigawatt"] = "power", ["gw"] = "power", ["zusatzliche"] = "additional", ["zusatzlichen"] = "additional",
        ["worldwide"] = "global", ["weltweit"] = "global", ["globally"] = "global", ["capital"] = "capex", ["investitionen"] = "capex",
        ["biggest"] = "leading", ["largest"] = "leading", ["grossten"] = "leading", ["8"] = "eight", ["acht"] = "eight", ["risikokapital"] = "venture",
        ["risikokapitals"] = "venture", ["halbjahr"] = "half", ["anteil"] = "share", ["gains"] = "returns", ["rendite"] = "returns", ["waren"] = "goods", ["umsatz"] = "revenue", ["umsatze"] = "revenue",
        ["rechnen"] = "justify", ["lohnen"] = "justify", ["lohnt"] = "justify", ["startup"] = "venture", ["startups"] = "venture", ["outlay"] = "spending",
        ["outlays"] = "spending", ["server"] = "data", ["farms"] = "centre", ["pour"] = "capex", ["poured"] = "capex", ["sachanlagen"] = "capex", ["cut"] = "share",
    };
}
