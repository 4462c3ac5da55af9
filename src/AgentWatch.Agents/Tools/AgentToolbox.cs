using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using Microsoft.Extensions.AI;

namespace AgentWatch.Agents.Tools;

/// <summary>
/// The tools a model may call, as <see cref="AIFunction"/>s described for it: every one reads grain state through
/// <see cref="MarketTools"/>, none writes (there is no tool that could). A session belongs to one run: it caps every
/// as-of day at the run's, so a model cannot look past what was known then, and it logs each call and its result.
/// Results are JSON facts; text inside them (a note, a headline) is data from a source, never an instruction.
/// </summary>
public sealed class AgentToolbox
{
    /// <summary>The tools an agent file may list.</summary>
    public static readonly IReadOnlyList<string> ToolNames =
    [
        "company_snapshot", "signals", "capex_league_table", "positions_by_filer", "positions_on", "alerts_since", "financing_graph", "compare_companies",
    ];

    /// <summary>JSON for results: snake_case, enums as kebab-case words, nulls left out.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly MarketTools _tools;
    private readonly ToolCallLog _log;
    private readonly DateOnly? _asOf;
    private readonly Dictionary<string, AIFunction> _functions;

    public AgentToolbox(MarketTools tools, ToolCallLog log, DateOnly? asOf, IEnumerable<string> allowed)
    {
        _tools = tools;
        _log = log;
        _asOf = asOf;
        var all = new Dictionary<string, AIFunction>(StringComparer.Ordinal)
        {
            ["company_snapshot"] = Function("company_snapshot",
                "A company's current figures (the latest of each kind and period), its profile and the alerts about it.",
                ([Description("Ticker, name or alias, e.g. AMZN, Amazon, Alphabet")] string company,
                 [Description("Only what was known by this day (YYYY-MM-DD); omit for today")] string? as_of = null) => CompanySnapshotAsync(company, as_of)),
            ["signals"] = Function("signals",
                "Signals (dated, sourced figures), of one company or, without a company, of one kind across the watchlist and the market.",
                ([Description("Ticker, name or alias; omit for every company")] string? company = null,
                 [Description("Signal kind, e.g. capex-guidance, capex, operating-cash-flow, revenue, valuation, option-position, financing-deal, export-control")] string? kind = null,
                 [Description("Only signals about this year")] int? year = null,
                 [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null) => SignalsAsync(company, kind, year, as_of)),
            ["capex_league_table"] = Function("capex_league_table",
                "Capex by company for a year, highest first: actual where reported, else guidance (ranges ranked at their midpoint), with the total in US dollars.",
                ([Description("The year, e.g. 2026")] int year,
                 [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null) => LeagueTableAsync(year, as_of)),
            ["positions_by_filer"] = Function("positions_by_filer",
                "Positions a filer (an investment manager, e.g. Scion Asset Management) disclosed: puts, calls, shorts, holdings.",
                ([Description("Filer name, alias or key, e.g. Scion, Michael Burry")] string filer,
                 [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null) => PositionsByFilerAsync(filer, as_of)),
            ["positions_on"] = Function("positions_on",
                "Disclosed positions on a company, by any filer: who holds puts or is short.",
                ([Description("Ticker, name or alias")] string company,
                 [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null) => PositionsOnAsync(company, as_of)),
            ["alerts_since"] = Function("alerts_since",
                "Alerts the rules raised, oldest first, after a sequence number, optionally about one company.",
                ([Description("Only alerts after this sequence number; 0 for all")] long after_sequence = 0,
                 [Description("Ticker, name or alias; omit for every company")] string? company = null,
                 [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null) => AlertsAsync(after_sequence, company, as_of)),
            ["financing_graph"] = Function("financing_graph",
                "Money flowing between companies (equity, debt, compute contracts, purchase commitments) and the loops in it, where money returns to where it came from.",
                ([Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null) => FinancingAsync(as_of)),
            ["compare_companies"] = Function("compare_companies",
                "One kind of figure for several companies side by side.",
                ([Description("Tickers, names or aliases")] string[] companies,
                 [Description("Signal kind, e.g. capex-guidance, revenue, valuation")] string kind,
                 [Description("Only signals about this year")] int? year = null,
                 [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null) => CompareAsync(companies, kind, year, as_of)),
        };
        _functions = allowed.Where(all.ContainsKey).Distinct().ToDictionary(n => n, n => all[n], StringComparer.Ordinal);
    }

    /// <summary>The functions this session offers (the agent's tools).</summary>
    public IReadOnlyList<AIFunction> Functions => [.. _functions.Values];

    public bool TryGet(string name, out AIFunction function) => _functions.TryGetValue(name, out function!);

    private static AIFunction Function(string name, string description, Delegate method) =>
        AIFunctionFactory.Create(method, new AIFunctionFactoryOptions { Name = name, Description = description, SerializerOptions = Json });

    private async Task<JsonElement> CompanySnapshotAsync(string company, string? asOf)
    {
        var ticker = Company(company);
        var snapshot = await _tools.CompanySnapshotAsync(ticker, Cap(asOf));
        var alerts = await _tools.AlertsSinceAsync(0, Cap(asOf), ticker);
        return Result(new
        {
            company = Profile(snapshot.Profile),
            as_of = Cap(asOf),
            facts = snapshot.Current.Select(Fact).ToList(),
            alerts = alerts.Select(AlertFact).ToList(),
        }, [.. snapshot.Current, .. alerts.Cast<object>()]);
    }

    private async Task<JsonElement> SignalsAsync(string? company, string? kind, int? year, string? asOf)
    {
        var k = Kind(kind);
        IReadOnlyList<Signal> signals;
        if (company is not null) signals = await _tools.SignalsAsync(Company(company), k, year, Cap(asOf));
        else if (k is { } some)
            signals = [.. await _tools.SignalsOfKindAsync(some, year, Cap(asOf)), .. (await _tools.MarketSignalsAsync(some, year, Cap(asOf))).Where(s => s.Company is null)];
        else signals = (await _tools.MarketSignalsAsync(null, year, Cap(asOf))).ToList();
        signals = signals.DistinctBy(s => s.Id).ToList();
        return Result(new { count = signals.Count, facts = signals.Select(Fact).ToList() }, signals);
    }

    private async Task<JsonElement> LeagueTableAsync(int year, string? asOf)
    {
        if (year is < 1990 or > 2100) throw new ArgumentException($"year {year} is out of range");
        var table = await _tools.CapexLeagueTableAsync(year, Cap(asOf));
        var ids = table.Rows.SelectMany(r => r.SignalIds).ToHashSet(StringComparer.Ordinal);
        var facts = (await _tools.MarketSignalsAsync(null, year, Cap(asOf))).Where(s => ids.Contains(s.Id)).ToList();
        var rank = 0;
        return Result(new
        {
            year,
            as_of = Cap(asOf),
            rows = table.Rows.Select(r => new
            {
                rank = ++rank,
                company = r.Company,
                name = _tools.Directory.Profile(r.Company).Name,
                actual = r.Actual?.ToHuman(),
                guidance = r.GuidanceLow is { } low && r.GuidanceHigh is { } high ? $"{low.ToHuman()} to {high.ToHuman()}" : r.Guidance?.ToHuman(),
                uncapped = r.Uncapped ? true : (bool?)null,
                signal_ids = r.SignalIds,
            }).ToList(),
            total_usd = table.TotalUsd?.ToHuman(),
            facts = facts.Select(Fact).ToList(),
        }, facts);
    }

    private async Task<JsonElement> PositionsByFilerAsync(string filer, string? asOf)
    {
        var profile = _tools.Directory.Filer(filer) ?? _tools.Directory.FindFilerMentions(filer).Where(m => m.Candidates.Count == 1).Select(m => _tools.Directory.Filer(m.Candidates[0])).FirstOrDefault()
            ?? throw new ArgumentException($"unknown filer '{filer}'; the filers are {string.Join(", ", _tools.Directory.Filers.Select(f => f.Name))}");
        var snapshot = await _tools.PositionsByFilerAsync(profile.Key, Cap(asOf));
        return Result(new { filer = snapshot.Profile.Name, facts = snapshot.Positions.Select(Fact).ToList() }, snapshot.Positions);
    }

    private async Task<JsonElement> PositionsOnAsync(string company, string? asOf)
    {
        var positions = await _tools.PositionsOnAsync(Company(company), Cap(asOf));
        return Result(new { company = Company(company), facts = positions.Select(Fact).ToList() }, positions);
    }

    private async Task<JsonElement> AlertsAsync(long afterSequence, string? company, string? asOf)
    {
        var alerts = await _tools.AlertsSinceAsync(Math.Max(0, afterSequence), Cap(asOf), company is null ? null : Company(company));
        return Result(new { count = alerts.Count, alerts = alerts.Select(AlertFact).ToList() }, alerts);
    }

    private async Task<JsonElement> FinancingAsync(string? asOf)
    {
        var graph = await _tools.FinancingGraphAsync(Cap(asOf));
        var deals = (await _tools.MarketSignalsAsync(SignalKind.FinancingDeal, null, Cap(asOf))).ToList();
        return Result(new
        {
            edges = graph.Edges.Select(e => new { from = e.From, to = e.To, kind = e.Kind, amount = e.Amount?.ToHuman(), per_year = e.PerYear ? true : (bool?)null, signal_id = e.SignalId, summary = e.Summary }).ToList(),
            loops = graph.Loops.Select(l => new { path = l.ToString(), signal_ids = l.Edges.Select(e => e.SignalId).ToList() }).ToList(),
            facts = deals.Select(Fact).ToList(),
        }, deals);
    }

    private async Task<JsonElement> CompareAsync(string[] companies, string kind, int? year, string? asOf)
    {
        if (companies.Length is 0 or > 20) throw new ArgumentException("give 1 to 20 companies");
        var k = Kind(kind) ?? throw new ArgumentException("kind is required");
        var rows = await _tools.CompareAsync(companies.Select(Company).Distinct().ToList(), k, year, Cap(asOf));
        return Result(new { kind, rows = rows.Select(r => new { company = r.Company, facts = r.Signals.Select(Fact).ToList() }).ToList() },
            rows.SelectMany(r => r.Signals));
    }

    /// <summary>The result as JSON for the model; its signals and alerts become what the answer may cite.</summary>
    private JsonElement Result(object result, IEnumerable<object> sources)
    {
        _log.AddSources(sources);
        return JsonSerializer.SerializeToElement(result, Json);
    }

    /// <summary>The run's as-of day wins over a later one a model asks for.</summary>
    private DateOnly? Cap(string? asOf)
    {
        DateOnly? asked = null;
        if (!string.IsNullOrWhiteSpace(asOf))
            asked = DateOnly.TryParseExact(asOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new ArgumentException($"as_of '{asOf}' is not a date like 2026-01-31");
        if (_asOf is null) return asked;
        return asked is { } a && a < _asOf ? a : _asOf;
    }

    private string Company(string name)
    {
        var tickers = _tools.Directory.Resolve(name);
        return tickers.Count switch
        {
            1 => tickers[0],
            0 => throw new ArgumentException($"unknown company '{name}'; the watchlist has {string.Join(", ", _tools.Directory.Companies.OrderBy(c => c.Ticker).Select(c => $"{c.Ticker} ({c.Name})"))}"),
            _ => throw new ArgumentException($"'{name}' could mean {string.Join(" or ", tickers)}; use the ticker"),
        };
    }

    private static SignalKind? Kind(string? kind) =>
        string.IsNullOrWhiteSpace(kind) ? null
        : SignalKindNames.TryParse(kind.Trim(), out var k) ? k
        : throw new ArgumentException($"unknown kind '{kind}'; the kinds are {string.Join(", ", SignalKindNames.AllIds)}");

    private static object Profile(CompanyProfile p) => new { ticker = p.Ticker, name = p.Name, sector = p.Sector, aliases = p.Aliases };

    /// <summary>A signal as a model reads it: id to cite, what and when, the value in words, the figures, the source.</summary>
    public static object Fact(Signal s) => new
    {
        id = s.Id,
        company = s.Company,
        kind = s.Kind.Id(),
        period = s.Period.ToHuman(),
        value = s.DescribeValue(),
        figures = s.Figures().Select(f => new { name = f.Name, value = f.Value, unit = f.Unit }).ToList(),
        known_on = s.KnownOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        source = s.Source.ToShortString(),
        note = s.Note,
    };

    /// <summary>An alert as a model reads it.</summary>
    public static object AlertFact(Alert a) => new
    {
        id = a.Id,
        sequence = a.Sequence,
        severity = a.Severity,
        company = a.Company,
        rule = a.Rule,
        rationale = a.Rationale,
        known_on = a.KnownOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        evidence = a.Evidence.Select(e => new { signal_id = e.SignalId, summary = e.Summary, source = e.Source.ToShortString() }).ToList(),
        explanation = a.Explanation,
    };

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
            // Read by models and people, never embedded in HTML: apostrophes and accents as they are.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly();
        return options;
    }
}
