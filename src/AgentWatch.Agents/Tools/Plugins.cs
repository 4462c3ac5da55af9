using System.ComponentModel;
using System.Globalization;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Agents.Running;
using Microsoft.SemanticKernel;

namespace AgentWatch.Agents.Tools;

/// <summary>
/// The kernel functions agents call, in plugins by what they read. Each reads through <see cref="IMarketReader"/> and
/// returns a <see cref="ToolResult"/>: JSON facts for the model, the typed value for the offline engine. None writes:
/// there is no function that could. A run's as-of day caps the day a call asks for, so a model cannot look past what
/// was known then. Bad arguments throw <see cref="ArgumentException"/>, which the run's filter hands back as an error.
/// </summary>
public abstract class MarketPlugin(IMarketReader reader)
{
    protected IMarketReader Reader => reader;

    protected string Company(string name)
    {
        var tickers = reader.Directory.Resolve(name);
        return tickers.Count switch
        {
            1 => tickers[0],
            0 => throw new ArgumentException($"unknown company '{name}'; the watchlist has {string.Join(", ", reader.Directory.Companies.OrderBy(c => c.Ticker).Select(c => $"{c.Ticker} ({c.Name})"))}"),
            _ => throw new ArgumentException($"'{name}' could mean {string.Join(" or ", tickers)}; use the ticker"),
        };
    }

    protected static SignalKind? Kind(string? kind) =>
        string.IsNullOrWhiteSpace(kind) ? null
        : SignalKindNames.TryParse(kind.Trim(), out var k) ? k
        : throw new ArgumentException($"unknown kind '{kind}'; the kinds are {string.Join(", ", SignalKindNames.AllIds)}");

    /// <summary>The run's as-of day wins over a later one asked for.</summary>
    protected static DateOnly? Cap(Kernel kernel, string? asOf)
    {
        DateOnly? asked = null;
        if (!string.IsNullOrWhiteSpace(asOf))
            asked = DateOnly.TryParseExact(asOf.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d : throw new ArgumentException($"as_of '{asOf}' is not a date like 2026-01-31");
        var cap = RunState.Find(kernel)?.AsOf;
        if (cap is null) return asked;
        return asked is { } a && a < cap ? a : cap;
    }

    protected static ToolResult Result(object json, object value, IEnumerable<object> sources) =>
        new(ToolJson.Serialize(json), value, sources.ToList());

    protected static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Companies: one company's figures, or several side by side.</summary>
public sealed class CompaniesPlugin(IMarketReader reader) : MarketPlugin(reader)
{
    public const string Name = "companies";

    [KernelFunction("snapshot"), Description("A company's current figures (the latest of each kind and period), its profile and the alerts about it.")]
    public async Task<ToolResult> SnapshotAsync(Kernel kernel,
        [Description("Ticker, name or alias, e.g. AMZN, Amazon, Alphabet")] string company,
        [Description("Only what was known by this day (YYYY-MM-DD); omit for today")] string? as_of = null)
    {
        var ticker = Company(company);
        var asOf = Cap(kernel, as_of);
        var view = await Reader.CompanySnapshotAsync(ticker, asOf).ConfigureAwait(false);
        var p = view.Snapshot.Profile;
        return Result(new
        {
            company = new { ticker = p.Ticker, name = p.Name, sector = p.Sector, aliases = p.Aliases },
            as_of = Day(asOf),
            facts = view.Snapshot.Current.Select(ToolJson.Fact).ToList(),
            alerts = view.Alerts.Select(ToolJson.AlertFact).ToList(),
        }, view, [.. view.Snapshot.Current, .. view.Alerts]);
    }

    [KernelFunction("signals"), Description("A company's signals (dated, sourced figures), optionally of one kind and year.")]
    public async Task<ToolResult> SignalsAsync(Kernel kernel,
        [Description("Ticker, name or alias")] string company,
        [Description("Signal kind, e.g. capex-guidance, capex, operating-cash-flow, revenue, valuation, option-position, financing-deal, export-control; omit for all")] string? kind = null,
        [Description("Only signals about this year")] int? year = null,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null,
        [Description("Also the earlier versions of each figure (revised guidance), not only the current one")] bool all_versions = false)
    {
        var signals = await Reader.SignalsAsync(Company(company), Kind(kind), year, Cap(kernel, as_of), latestOnly: !all_versions).ConfigureAwait(false);
        return Result(new { count = signals.Count, facts = signals.Select(ToolJson.Fact).ToList() }, signals, signals);
    }

    [KernelFunction("compare"), Description("One kind of figure for several companies side by side.")]
    public async Task<ToolResult> CompareAsync(Kernel kernel,
        [Description("Tickers, names or aliases")] string[] companies,
        [Description("Signal kind, e.g. capex-guidance, revenue, valuation")] string kind,
        [Description("Only signals about this year")] int? year = null,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null)
    {
        if (companies is null || companies.Length is 0 or > 20) throw new ArgumentException("give 1 to 20 companies");
        var k = Kind(kind) ?? throw new ArgumentException("kind is required");
        var rows = await Reader.CompareAsync(companies.Select(Company).Distinct().ToList(), k, year, Cap(kernel, as_of)).ConfigureAwait(false);
        return Result(new { kind, rows = rows.Select(r => new { company = r.Company, facts = r.Signals.Select(ToolJson.Fact).ToList() }).ToList() },
            rows, rows.SelectMany(r => r.Signals));
    }
}

/// <summary>Signals across companies and the market.</summary>
public sealed class SignalsPlugin(IMarketReader reader) : MarketPlugin(reader)
{
    public const string Name = "signals";

    [KernelFunction("of_kind"), Description("Signals of one kind across every company on the watchlist (the current figure of each).")]
    public async Task<ToolResult> OfKindAsync(Kernel kernel,
        [Description("Signal kind, e.g. capex-guidance, revenue, valuation, export-control")] string kind,
        [Description("Only signals about this year")] int? year = null,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null)
    {
        var k = Kind(kind) ?? throw new ArgumentException("kind is required");
        var signals = await Reader.SignalsOfKindAsync(k, year, Cap(kernel, as_of)).ConfigureAwait(false);
        return Result(new { count = signals.Count, facts = signals.Select(ToolJson.Fact).ToList() }, signals, signals);
    }

    [KernelFunction("market"), Description("Market-level signals: figures about no single company (sector totals, indices, surveys), and every financing deal and capex figure across companies.")]
    public async Task<ToolResult> MarketAsync(Kernel kernel,
        [Description("Signal kind, e.g. metric, financing-deal, capex-guidance; omit for all")] string? kind = null,
        [Description("Only signals about this year")] int? year = null,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null)
    {
        var signals = await Reader.MarketSignalsAsync(Kind(kind), year, Cap(kernel, as_of)).ConfigureAwait(false);
        return Result(new { count = signals.Count, facts = signals.Select(ToolJson.Fact).ToList() }, signals, signals);
    }
}

/// <summary>Filers and the positions they disclosed (13F filings): puts, calls, shorts, holdings.</summary>
public sealed class PositionsPlugin(IMarketReader reader) : MarketPlugin(reader)
{
    public const string Name = "positions";

    [KernelFunction("by_filer"), Description("Positions a filer (an investment manager, e.g. Scion Asset Management) disclosed: puts, calls, shorts, holdings.")]
    public async Task<ToolResult> ByFilerAsync(Kernel kernel,
        [Description("Filer name, alias or key, e.g. Scion, Michael Burry")] string filer,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null)
    {
        var directory = Reader.Directory;
        var profile = directory.Filer(filer) ?? directory.FindFilerMentions(filer).Where(m => m.Candidates.Count == 1).Select(m => directory.Filer(m.Candidates[0])).FirstOrDefault()
            ?? throw new ArgumentException($"unknown filer '{filer}'; the filers are {string.Join(", ", directory.Filers.Select(f => f.Name))}");
        var snapshot = await Reader.PositionsByFilerAsync(profile.Key, Cap(kernel, as_of)).ConfigureAwait(false);
        return Result(new { filer = snapshot.Profile.Name, facts = snapshot.Positions.Select(ToolJson.Fact).ToList() }, snapshot, snapshot.Positions);
    }

    [KernelFunction("on_company"), Description("Disclosed positions on a company, by any filer: who holds puts or is short.")]
    public async Task<ToolResult> OnCompanyAsync(Kernel kernel,
        [Description("Ticker, name or alias")] string company,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null)
    {
        var ticker = Company(company);
        var positions = await Reader.PositionsOnAsync(ticker, Cap(kernel, as_of)).ConfigureAwait(false);
        return Result(new { company = ticker, facts = positions.Select(ToolJson.Fact).ToList() }, positions, positions);
    }
}

/// <summary>Market tables: the capex league table.</summary>
public sealed class LeagueTablesPlugin(IMarketReader reader) : MarketPlugin(reader)
{
    public const string Name = "market";

    [KernelFunction("capex_league_table"), Description("Capex by company for a year, highest first: actual where reported, else guidance (ranges ranked at their midpoint), with the total in US dollars.")]
    public async Task<ToolResult> CapexLeagueTableAsync(Kernel kernel,
        [Description("The year, e.g. 2026")] int year,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null)
    {
        if (year is < 1990 or > 2100) throw new ArgumentException($"year {year} is out of range");
        var asOf = Cap(kernel, as_of);
        var league = await Reader.CapexLeagueTableAsync(year, asOf).ConfigureAwait(false);
        var rank = 0;
        return Result(new
        {
            year,
            as_of = Day(asOf),
            rows = league.Table.Rows.Select(r => new
            {
                rank = ++rank,
                company = r.Company,
                name = Reader.Directory.Profile(r.Company).Name,
                actual = r.ActualText,
                guidance = r.GuidanceText,
                uncapped = r.Uncapped ? true : (bool?)null,
                signal_ids = r.SignalIds,
            }).ToList(),
            total_usd = league.Table.TotalUsd?.ToHuman(),
            facts = league.Signals.Select(ToolJson.Fact).ToList(),
        }, league, league.Signals);
    }
}

/// <summary>The financing graph: who funds whom, and the loops in it.</summary>
public sealed class FinancingPlugin(IMarketReader reader) : MarketPlugin(reader)
{
    public const string Name = "financing";

    [KernelFunction("graph"), Description("Money flowing between companies (equity, debt, compute contracts, purchase commitments) and the loops in it, where money returns to where it came from.")]
    public async Task<ToolResult> GraphAsync(Kernel kernel,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null)
    {
        var view = await Reader.FinancingGraphAsync(Cap(kernel, as_of)).ConfigureAwait(false);
        return Result(new
        {
            edges = view.Graph.Edges.Select(e => new { from = e.From, to = e.To, kind = e.Kind, amount = e.Amount?.ToHuman(), per_year = e.PerYear ? true : (bool?)null, signal_id = e.SignalId, summary = e.Summary }).ToList(),
            loops = view.Graph.Loops.Select(l => new { path = l.ToString(), signal_ids = l.Edges.Select(e => e.SignalId).ToList() }).ToList(),
            facts = view.Deals.Select(ToolJson.Fact).ToList(),
        }, view, view.Deals);
    }
}

/// <summary>The alerts the rules raised.</summary>
public sealed class AlertsPlugin(IMarketReader reader) : MarketPlugin(reader)
{
    public const string Name = "alerts";

    [KernelFunction("since"), Description("Alerts the rules raised, oldest first, after a sequence number, optionally about one company.")]
    public async Task<ToolResult> SinceAsync(Kernel kernel,
        [Description("Only alerts after this sequence number; 0 for all")] long after_sequence = 0,
        [Description("Ticker, name or alias; omit for every company")] string? company = null,
        [Description("Only what was known by this day (YYYY-MM-DD)")] string? as_of = null)
    {
        var alerts = await Reader.AlertsSinceAsync(Math.Max(0, after_sequence), Cap(kernel, as_of), company is null ? null : Company(company)).ConfigureAwait(false);
        return Result(new { count = alerts.Count, alerts = alerts.Select(ToolJson.AlertFact).ToList() }, alerts, alerts);
    }
}
