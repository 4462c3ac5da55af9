using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Agents.Tools;

/// <summary>
/// The market as an agent reads it, one method per kernel function (<see cref="AgentTools"/>). The kernel functions
/// read it from the grains (<see cref="MarketReader"/>); the offline engine reads it through the calls it makes in its
/// run, so what it writes rests on recorded tool results as a model's answer does. Every method only reads; as-of days
/// hide what was not yet known.
/// </summary>
public interface IMarketReader
{
    CompanyDirectory Directory { get; }

    /// <summary>A company's current figures and the alerts about it.</summary>
    Task<CompanyView> CompanySnapshotAsync(string ticker, DateOnly? asOf);

    /// <summary>A company's signals, optionally of one kind and year; <paramref name="latestOnly"/> keeps the current one per series.</summary>
    Task<IReadOnlyList<Signal>> SignalsAsync(string ticker, SignalKind? kind, int? year, DateOnly? asOf, bool latestOnly = true);

    /// <summary>The current figures of one kind for several companies, side by side.</summary>
    Task<IReadOnlyList<CompanySignals>> CompareAsync(IReadOnlyList<string> tickers, SignalKind kind, int? year, DateOnly? asOf);

    /// <summary>Signals of one kind across every company on the watchlist.</summary>
    Task<IReadOnlyList<Signal>> SignalsOfKindAsync(SignalKind kind, int? year, DateOnly? asOf);

    /// <summary>The market grain's signals: market-wide figures (no single company), and every deal and capex figure.</summary>
    Task<IReadOnlyList<Signal>> MarketSignalsAsync(SignalKind? kind, int? year, DateOnly? asOf);

    Task<FilerSnapshot> PositionsByFilerAsync(string filer, DateOnly? asOf);

    /// <summary>Disclosed option, short and share positions on a company, by any filer.</summary>
    Task<IReadOnlyList<Signal>> PositionsOnAsync(string ticker, DateOnly? asOf);

    Task<LeagueTable> CapexLeagueTableAsync(int year, DateOnly? asOf);

    Task<FinancingView> FinancingGraphAsync(DateOnly? asOf);

    /// <summary>Alerts after a sequence, optionally about one company, known by a day.</summary>
    Task<IReadOnlyList<Alert>> AlertsSinceAsync(long afterSequence, DateOnly? asOf, string? company = null);
}

/// <summary>A company's snapshot with the alerts about it.</summary>
public sealed record CompanyView(CompanySnapshot Snapshot, IReadOnlyList<Alert> Alerts);

/// <summary>One company's signals, for a comparison.</summary>
public sealed record CompanySignals(string Company, IReadOnlyList<Signal> Signals);

/// <summary>The capex league table with the signals its rows rest on.</summary>
public sealed record LeagueTable(CapexLeaderboard Table, IReadOnlyList<Signal> Signals);

/// <summary>The financing graph with the deals its edges are.</summary>
public sealed record FinancingView(FinancingGraph Graph, IReadOnlyList<Signal> Deals);
