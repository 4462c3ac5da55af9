using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Abstractions.Grains;

/// <summary>Which signals to return. <see cref="AsOf"/> hides everything that became known after that day.</summary>
public sealed record SignalFilter(SignalKind? Kind = null, int? Year = null, DateOnly? AsOf = null, bool LatestOnly = false)
{
    public bool Matches(Signal s) =>
        (Kind is null || s.Kind == Kind) && (Year is null || s.Period.ReferenceYear == Year) && (AsOf is null || s.KnownOn <= AsOf);
}

public enum RecordStatus
{
    /// <summary>Stored for the first time.</summary>
    New,
    /// <summary>Already stored with the same content: nothing changed.</summary>
    Duplicate,
    /// <summary>Its id is already stored with different content: the stored one was kept.</summary>
    Conflict,
}

/// <summary>What happened to one signal handed to a grain.</summary>
public sealed record RecordOutcome(string SignalId, RecordStatus Status, string? Message = null);

/// <summary>What a timeline grain did with a batch: one outcome per signal, and the alerts it raised.</summary>
public sealed record RecordResult(IReadOnlyList<RecordOutcome> Outcomes, IReadOnlyList<string> AlertIds);

/// <summary>A company's state as of a day: profile, the current figure of every series, and counts.</summary>
public sealed record CompanySnapshot(
    CompanyProfile Profile,
    DateOnly? AsOf,
    IReadOnlyList<Signal> Current,
    int SignalCount,
    IReadOnlyList<string> AlertIds);

/// <summary>A filer's disclosed positions as of a day, newest report period first.</summary>
public sealed record FilerSnapshot(FilerProfile Profile, DateOnly? AsOf, IReadOnlyList<Signal> Positions, IReadOnlyList<string> AlertIds)
{
    /// <summary>How the latest report period's positions differ from the one before: new, increased, reduced, closed.</summary>
    public IReadOnlyList<Positions.PositionChange> Changes { get; init; } = [];
}

/// <summary>One row of the capex league table: what a company guided and spent for the year, and from which signals.</summary>
public sealed record CapexRow(
    string Company,
    Money? Guidance,
    Money? GuidanceLow,
    Money? GuidanceHigh,
    bool Uncapped,
    Money? Actual,
    IReadOnlyList<string> SignalIds)
{
    /// <summary>What the table ranks by: the actual when known, else the guidance's midpoint.</summary>
    public Money? RankingAmount => Actual ?? Guidance;
}

public sealed record CapexLeaderboard(int Year, DateOnly? AsOf, IReadOnlyList<CapexRow> Rows, Money? TotalUsd);

/// <summary>Money flowing from one party to another (see <see cref="FinancingDeal"/>).</summary>
public sealed record FinancingEdge(string From, string To, DealKind Kind, Money? Amount, bool PerYear, string SignalId, string Summary);

/// <summary>A cycle of money flows: A funds B, B buys from A, directly or through a chain.</summary>
public sealed record FinancingLoop(IReadOnlyList<string> Companies, IReadOnlyList<FinancingEdge> Edges)
{
    public override string ToString() => string.Join(" → ", Companies.Append(Companies[0]));
}

public sealed record FinancingGraph(DateOnly? AsOf, IReadOnlyList<FinancingEdge> Edges, IReadOnlyList<FinancingLoop> Loops);
