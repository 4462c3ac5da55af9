using System.Globalization;
using System.Text;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Offline;

/// <summary>
/// Answers questions without a model: it reads the question (<see cref="QuestionParser"/>), reads through the kernel
/// functions (<see cref="IMarketReader"/>; in a run, <see cref="OfflineChatClient"/> turns its reads into function calls,
/// so reads that do not depend on each other are started together and go out in one round), and writes the answer
/// from templates. Every figure in an answer comes from a signal listed as evidence, with its date and source; when it
/// has nothing to go on it says so plainly.
/// </summary>
public sealed class OfflineEngine(IMarketReader tools, QuestionParser parser, TimeProvider time)
{
    public const string EngineName = "offline";
    private const int MaxLinesPerCompany = 6;

    public async Task<Answer> AnswerAsync(string question, DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(question))
            return NotAnswered(question ?? "", [], asOf, "Ask me about a company's capex, cash flow, revenue, valuation, positions against it, export news or financing deals, e.g. \"What is Amazon's capex guidance for 2026?\"");
        var q = parser.Parse(question);
        var answer = new AnswerBuilder(asOf);

        if (q.Ambiguous.Count > 0)
        {
            var (name, candidates) = q.Ambiguous[0];
            return NotAnswered(question, q.Companies, asOf,
                $"'{name}' could mean {string.Join(" or ", candidates.Select(Label))}. Which one do you mean?");
        }
        if (q.Companies.Count == 0 && q.Filers.Count == 0 && q.UnknownNames.Count > 0 && q.Intent is QuestionIntent.Lookup or QuestionIntent.Comparison)
        {
            return NotAnswered(question, [], asOf,
                $"I don't know a company called '{q.UnknownNames[0]}'. I watch: {string.Join(", ", tools.Directory.Companies.OrderBy(c => c.Ticker).Select(c => $"{c.Name} ({c.Ticker})"))}. Add others to config/watchlist.json.");
        }

        switch (q.Intent)
        {
            case QuestionIntent.Loops: await AnswerLoopsAsync(q, answer); break;
            case QuestionIntent.Alerts: await AnswerAlertsAsync(q, answer); break;
            case QuestionIntent.Positions: await AnswerPositionsAsync(q, answer); break;
            case QuestionIntent.Ranking: await AnswerRankingAsync(q, answer); break;
            default:
                if (q.Companies.Count == 0 && q.Filers.Count > 0) await AnswerPositionsAsync(q, answer);
                else if (q.Companies.Count == 0) await AnswerKindsAcrossMarketAsync(q, answer);
                else await AnswerCompaniesAsync(q, answer);
                break;
        }

        if (!answer.Answered)
        {
            return NotAnswered(question, q.Companies, asOf, answer.Text.Length > 0 ? answer.Text.Trim()
                : "I could not tell what you are asking about. I answer questions about the companies on the watchlist and their capex (guidance and actuals), cash flow, revenue, EPS, valuation, market-cap and price moves, positions against them (puts, shorts), export-control news, financing deals and loops, orders, buybacks and investment plans.");
        }
        return new Answer(question, answer.Text.Trim(), true, q.Companies, answer.Evidence, asOf, EngineName);
    }

    private async Task AnswerCompaniesAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        if (q.Kinds.Count == 0)
        {
            await Task.WhenAll(q.Companies.Select(c => tools.CompanySnapshotAsync(c, answer.AsOf)));
            foreach (var company in q.Companies) await OverviewAsync(company, q, answer);
            return;
        }
        await Task.WhenAll(q.Companies.SelectMany(c => ExpandKinds(q).Select(k => tools.SignalsAsync(c, k, null, answer.AsOf)).Append(tools.SignalsAsync(c, null, null, answer.AsOf))));
        var shown = new HashSet<string>(StringComparer.Ordinal);
        foreach (var company in q.Companies)
        {
            var found = false;
            foreach (var kind in ExpandKinds(q))
            {
                var signals = Filter(await tools.SignalsAsync(company, kind, null, answer.AsOf), q);
                if (kind is SignalKind.OptionPosition or SignalKind.ShortPosition)
                    signals = signals.Where(s => s.Kind == kind).ToList();
                // A deal between two companies asked about: only the deals between them.
                if (kind == SignalKind.FinancingDeal && q.Companies.Count > 1)
                    signals = signals.Where(s => s.Subjects().Count(q.Companies.Contains) > 1).ToList();
                foreach (var s in Newest(signals).Take(MaxLinesPerCompany))
                {
                    found = true;
                    // A deal is on both companies' timelines; say it once.
                    if (!shown.Add(s.Id)) continue;
                    answer.Line(s, $"{Label(company)}, {s.Kind.Label()}{PeriodPhrase(s)}: {s.DescribeValueWithQualifier()}");
                }
            }
            // A figure the kinds do not reach ("planned capex increase", "domestic AI chips"): metrics and plans whose
            // names share the question's words.
            var all = await tools.SignalsAsync(company, null, null, answer.AsOf);
            foreach (var s in Newest(Filter(Relevant(all.Where(x => x.Kind is SignalKind.Metric or SignalKind.InvestmentPlan && !shown.Contains(x.Id)), q, allowSingleWord: !found), q)).Take(MaxLinesPerCompany))
            {
                found = true;
                if (shown.Add(s.Id)) answer.Line(s, $"{Label(company)}, {s.Kind.Label()}{PeriodPhrase(s)}: {s.DescribeValueWithQualifier()}");
            }
            if (!found)
            {
                var have = all.Select(s => s.Kind.Label()).Distinct().ToList();
                answer.Note($"I have no {string.Join(" or ", q.Kinds.Select(k => k.Label()).Distinct())} for {Label(company)}{YearClause(q)}{AsOfClause(answer.AsOf)}." +
                    (have.Count > 0 ? $" What I have on {Name(company)}: {string.Join(", ", have)}." : ""));
            }
        }
    }

    private async Task OverviewAsync(string company, ParsedQuestion q, AnswerBuilder answer)
    {
        var view = await tools.CompanySnapshotAsync(company, answer.AsOf);
        var snapshot = view.Snapshot;
        var current = Filter(snapshot.Current.Where(s => s.Company == company).ToList(), q);
        if (current.Count == 0)
        {
            answer.Note($"I have no figures for {Label(company)}{YearClause(q)}{AsOfClause(answer.AsOf)}.");
            return;
        }
        answer.Heading($"{Label(company)}: {current.Count} current figure{(current.Count == 1 ? "" : "s")}{AsOfClause(answer.AsOf)}.");
        foreach (var s in Newest(current).OrderBy(s => KindOrder(s.Kind)).Take(12))
            answer.Line(s, $"{s.Kind.Label()}{PeriodPhrase(s)}: {s.DescribeValueWithQualifier()}");
        var alerts = view.Alerts;
        if (alerts.Count > 0) answer.Note($"{alerts.Count} alert{(alerts.Count == 1 ? "" : "s")}: {string.Join("; ", alerts.Select(a => a.Rationale))}");
    }

    private async Task AnswerKindsAcrossMarketAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        if (q.Kinds.Count == 0)
        {
            await AnswerMarketMetricsAsync(q, answer, allowSingleWord: true);
            return;
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
        await Task.WhenAll(ExpandKinds(q).SelectMany(k => new Task[] { tools.SignalsOfKindAsync(k, null, answer.AsOf), tools.MarketSignalsAsync(k, null, answer.AsOf) })
            .Append(tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)));
        foreach (var kind in ExpandKinds(q))
        {
            var signals = Filter(await tools.SignalsOfKindAsync(kind, null, answer.AsOf), q);
            var market = Filter((await tools.MarketSignalsAsync(kind, null, answer.AsOf)).Where(s => s.Company is null).ToList(), q);
            foreach (var s in Newest(signals.Concat(market).ToList()).Take(15))
                answer.Line(s, $"{(s.Company is null ? "Market" : Label(s.Company))}, {s.Kind.Label()}{PeriodPhrase(s)}: {s.DescribeValueWithQualifier()}");
        }
        await AnswerMarketMetricsAsync(q, answer, allowSingleWord: !answer.Answered);
        if (!answer.Answered) answer.Note($"I have no {string.Join(" or ", q.Kinds.Select(k => k.Label()).Distinct())}{YearClause(q)}{AsOfClause(answer.AsOf)}.");
    }

    private async Task AnswerRankingAsync(ParsedQuestion q, AnswerBuilder answer)
    {
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
            var byId = league.Signals.ToDictionary(s => s.Id);
            answer.Heading($"Capex league table for {year}{AsOfClause(answer.AsOf)} (actual where reported, else guidance; ranges at their midpoint):");
            var rank = 0;
            foreach (var row in table.Rows)
            {
                rank++;
                var parts = new List<string>();
                if (row.Actual is { } actual) parts.Add($"spent {actual.ToHuman()}");
                if (row.GuidanceLow is { } low && row.GuidanceHigh is { } high) parts.Add($"guided {low.ToHuman()} to {high.ToHuman()}");
                else if (row.Guidance is { } g) parts.Add($"guided {g.ToHuman()}");
                else if (row.Uncapped) parts.Add("guidance without an explicit cap");
                var evidence = row.SignalIds.Select(id => byId.GetValueOrDefault(id)).Where(s => s is not null).Cast<Signal>().ToList();
                answer.Line(evidence, $"{rank}. {Label(row.Company)}: {string.Join(", ", parts)}");
            }
            if (table.TotalUsd is { } total) answer.Note($"Together (US-dollar figures): {total.ToHuman()}.");
            if (q.Companies.Count == 0) await AnswerMarketMetricsAsync(q, answer, allowSingleWord: false);
            return;
        }

        var signals = Filter(await tools.SignalsOfKindAsync(kind, q.Years.Count > 0 ? q.Years[0] : null, answer.AsOf), q);
        var ranked = signals
            .Select(s => (Signal: s, Figure: s.Figures().FirstOrDefault()))
            .Where(x => x.Figure is not null)
            .GroupBy(x => x.Figure!.Unit)
            .OrderByDescending(g => g.Count())
            .FirstOrDefault()?
            .OrderByDescending(x => Math.Abs(x.Figure!.Value))
            .ToList();
        if (ranked is null || ranked.Count == 0)
        {
            answer.Note($"I have no {kind.Label()} figures to rank{YearClause(q)}{AsOfClause(answer.AsOf)}.");
            return;
        }
        var lowest = q.Text.Contains("lowest", StringComparison.OrdinalIgnoreCase) || q.Text.Contains("least", StringComparison.OrdinalIgnoreCase) || q.Text.Contains("smallest", StringComparison.OrdinalIgnoreCase);
        if (lowest) ranked.Reverse();
        answer.Heading($"{Capitalise(kind.Label())}, {(lowest ? "lowest" : "highest")} first{AsOfClause(answer.AsOf)}:");
        var i = 0;
        foreach (var (s, _) in ranked.Take(10))
            answer.Line(s, $"{++i}. {(s.Company is null ? "Market" : Label(s.Company))}{PeriodPhrase(s)}: {s.DescribeValueWithQualifier()}");
    }

    private async Task AnswerPositionsAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var filers = q.Filers.Count > 0 ? q.Filers : tools.Directory.Filers.Where(f => f.Watched).Select(f => f.Key).ToList();
        await Task.WhenAll(filers.Select(f => tools.PositionsByFilerAsync(f, answer.AsOf)));
        foreach (var filer in filers)
        {
            var snapshot = await tools.PositionsByFilerAsync(filer, answer.AsOf);
            var positions = snapshot.Positions.Where(p => q.Companies.Count == 0 || p.Subjects().Any(q.Companies.Contains)).ToList();
            positions = Filter(positions, q);
            if (positions.Count == 0) continue;
            answer.Heading($"{snapshot.Profile.Name}{AsOfClause(answer.AsOf)}:");
            foreach (var p in positions) answer.Line(p, $"{p.Period.ToHuman()}: {p.DescribeValueWithQualifier()}");
        }
        if (!answer.Answered)
        {
            var about = q.Companies.Count > 0 ? $" on {string.Join(" or ", q.Companies.Select(Label))}" : "";
            answer.Note($"I have no disclosed positions{about}{AsOfClause(answer.AsOf)}.");
        }
    }

    private async Task AnswerAlertsAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var alerts = new List<Alert>();
        if (q.Companies.Count == 0) alerts.AddRange(await tools.AlertsSinceAsync(0, answer.AsOf));
        else foreach (var found in await Task.WhenAll(q.Companies.Select(c => tools.AlertsSinceAsync(0, answer.AsOf, c)))) alerts.AddRange(found);
        if (alerts.Count == 0)
        {
            answer.Note($"No alerts{(q.Companies.Count > 0 ? " about " + string.Join(" or ", q.Companies.Select(Label)) : "")}{AsOfClause(answer.AsOf)}.");
            return;
        }
        answer.Heading($"{alerts.Count} alert{(alerts.Count == 1 ? "" : "s")}{AsOfClause(answer.AsOf)}, most severe first:");
        foreach (var a in alerts.OrderByDescending(a => a.Severity).ThenBy(a => a.Sequence))
            answer.Line(a.Evidence, $"[{a.Severity.ToString().ToLowerInvariant()}] {a.Rationale}");
    }

    private async Task AnswerLoopsAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var financing = await tools.FinancingGraphAsync(answer.AsOf);
        var graph = financing.Graph;
        var loops = graph.Loops.Where(l => q.Companies.Count == 0 || l.Companies.Any(q.Companies.Contains)).ToList();
        if (loops.Count == 0)
        {
            answer.Note($"I see no circular financing{(q.Companies.Count > 0 ? " involving " + string.Join(" or ", q.Companies.Select(Label)) : "")}{AsOfClause(answer.AsOf)}.");
            return;
        }
        var deals = financing.Deals.ToDictionary(s => s.Id);
        answer.Heading($"{loops.Count} circular financing loop{(loops.Count == 1 ? "" : "s")}{AsOfClause(answer.AsOf)} (money that flows back to where it came from):");
        foreach (var loop in loops)
            answer.Line(loop.Edges.Select(e => deals.GetValueOrDefault(e.SignalId)).OfType<Signal>().ToList(), $"{loop}: {string.Join("; ", loop.Edges.Select(e => e.Summary))}");
    }

    private async Task AnswerDealsAsync(ParsedQuestion q, AnswerBuilder answer)
    {
        var deals = Filter((await tools.MarketSignalsAsync(SignalKind.FinancingDeal, null, answer.AsOf)).ToList(), q);
        foreach (var d in Newest(deals).Take(20)) answer.Line(d, $"{d.DescribeValueWithQualifier()}{PeriodPhrase(d)}");
        if (!answer.Answered) answer.Note($"I have no financing deals{AsOfClause(answer.AsOf)}.");
    }

    private async Task<int> LatestCapexYearAsync(DateOnly? asOf)
    {
        var capex = await tools.MarketSignalsAsync(SignalKind.CapexGuidance, null, asOf);
        var reference = (asOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).Year;
        var years = capex.Where(s => s.Period.Kind == PeriodKind.FiscalYear).Select(s => s.Period.Year!.Value).Distinct().ToList();
        return years.Contains(reference) ? reference : years.Count > 0 ? years.Where(y => y <= reference + 1).DefaultIfEmpty(years.Max()).Max() : reference;
    }

    /// <summary>Market-wide figures (no single company) whose names share the question's words.</summary>
    private async Task AnswerMarketMetricsAsync(ParsedQuestion q, AnswerBuilder answer, bool allowSingleWord)
    {
        var metrics = (await tools.MarketSignalsAsync(SignalKind.Metric, null, answer.AsOf)).Where(s => s.Company is null);
        foreach (var s in Newest(Filter(Relevant(metrics, q, allowSingleWord), q)).Take(8))
            answer.Line(s, $"Market, {s.Kind.Label()}{PeriodPhrase(s)}: {s.DescribeValueWithQualifier()}");
    }

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
    private IReadOnlyList<Signal> Relevant(IEnumerable<Signal> candidates, ParsedQuestion q, bool allowSingleWord)
    {
        var names = q.Companies.Concat(q.Filers).SelectMany(c =>
        {
            var p = tools.Directory.Profile(c);
            return Words(string.Join(' ', p.Aliases.Append(p.Name).Append(p.Ticker)));
        }).ToHashSet(StringComparer.Ordinal);
        var words = Words(q.Text).Where(w => !StopWords.Contains(w) && !names.Contains(w) && !(w.Length == 4 && w.All(char.IsAsciiDigit))).Distinct().ToList();
        if (words.Count == 0) return [];
        var scored = candidates
            .Select(s => (Signal: s, Hits: words.Where(w => Words(NameOf(s)).Any(x => SameWord(w, x))).ToList()))
            .Where(x => x.Hits.Count > 0)
            .ToList();
        return scored.Where(x => x.Hits.Count >= 2 || (allowSingleWord && x.Hits.Any(h => h.Length >= 5 && scored.Count(y => y.Hits.Contains(h)) == 1)))
            .Select(x => x.Signal).ToList();
    }

    private static string NameOf(Signal s) => s switch
    {
        Metric m => m.Name,
        InvestmentPlan p => $"{p.Project} {p.Location}",
        _ => "",
    };

    private static IEnumerable<string> Words(string text) => CompanyDirectory.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"plan" and "planned", "invest" and "investment": a word and its longer forms.</summary>
    private static bool SameWord(string a, string b) =>
        a == b || (a.Length >= 4 && b.StartsWith(a, StringComparison.Ordinal)) || (b.Length >= 4 && a.StartsWith(b, StringComparison.Ordinal));

    /// <summary>Capex questions cover guidance, actuals and investment plans unless the words pick one.</summary>
    private static IEnumerable<SignalKind> ExpandKinds(ParsedQuestion q)
    {
        foreach (var kind in q.Kinds)
        {
            if (kind == SignalKind.Capex)
            {
                if (q.WantsGuidance || !q.WantsActual) yield return SignalKind.CapexGuidance;
                if (q.WantsActual || !q.WantsGuidance) yield return SignalKind.Capex;
                if (q.WantsGuidance && !q.Kinds.Contains(SignalKind.InvestmentPlan)) yield return SignalKind.InvestmentPlan;
            }
            else yield return kind;
        }
    }

    private static List<Signal> Filter(IReadOnlyList<Signal> signals, ParsedQuestion q) =>
        signals.Where(s => (q.Years.Count == 0 || q.Years.Any(y => Covers(s.Period, y))) &&
                           (q.Quarter is null || s.Period.Kind != PeriodKind.FiscalQuarter || s.Period.Quarter == q.Quarter)).ToList();

    private static bool Covers(Period p, int year) => p.Kind switch
    {
        PeriodKind.FiscalYears => p.Year <= year && year <= p.EndYear,
        PeriodKind.FiscalYear or PeriodKind.FiscalQuarter => p.Year == year,
        _ => p.Start!.Value.Year <= year && year <= p.End!.Value.Year,
    };

    private static IEnumerable<Signal> Newest(IReadOnlyList<Signal> signals) =>
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

    private static string PeriodPhrase(Signal s) => s.Kind switch
    {
        SignalKind.ExportControl or SignalKind.News or SignalKind.MarketCapMove or SignalKind.PriceMove or SignalKind.FinancingDeal => $" ({s.Period.ToHuman()})",
        _ => $" for {s.Period.ToHuman()}",
    };

    private static string YearClause(ParsedQuestion q) => q.Years.Count == 0 ? "" : $" for {string.Join(" or ", q.Years)}";

    internal static string AsOfClause(DateOnly? asOf) => asOf is { } d ? $" as of {d.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}" : "";

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static Answer NotAnswered(string question, IReadOnlyList<string> companies, DateOnly? asOf, string text) =>
        new(question, text, false, companies, [], asOf, EngineName);

    /// <summary>Collects answer lines, each with the signals it rests on and their sources.</summary>
    private sealed class AnswerBuilder(DateOnly? asOf)
    {
        private readonly StringBuilder _text = new();
        private readonly List<Evidence> _evidence = [];

        public DateOnly? AsOf => asOf;
        public bool Answered { get; private set; }
        public string Text => _text.ToString();
        public IReadOnlyList<Evidence> Evidence => _evidence;

        public void Heading(string text) => _text.AppendLine(text);
        public void Note(string text) => _text.AppendLine(text);

        public void Line(Signal signal, string text) => Line([signal], text);

        public void Line(IReadOnlyList<Signal> signals, string text) =>
            Line(signals.Select(s => new Evidence(s.Id, s.Source, s.Describe(), s.KnownOn)).ToList(), text);

        public void Line(IReadOnlyList<Evidence> evidence, string text)
        {
            var sources = evidence.Count == 0 ? "" : " — " + string.Join("; ", evidence.Select(e =>
                $"known {e.KnownOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}, {e.Source.ToShortString()} [{e.SignalId}]"));
            _text.Append("- ").Append(text).Append(text.EndsWith('.') || text.EndsWith(".)", StringComparison.Ordinal) ? "" : ".").AppendLine(sources);
            foreach (var e in evidence.Where(e => _evidence.All(x => x.SignalId != e.SignalId))) _evidence.Add(e);
            Answered = true;
        }
    }
}

internal static class SignalText
{
    /// <summary>The value (with its qualifier, "about $131 billion") and the source's note.</summary>
    public static string DescribeValueWithQualifier(this Signal s) => s.DescribeValue() + (s.Note is { Length: > 0 } note ? $" ({note})" : "");
}
