using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Abstractions.Grains;

/// <summary>Which signals to return. <see cref="AsOf"/> hides everything that became known after that day.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.signal-filter")]
public sealed record SignalFilter(SignalKind? Kind = null, int? Year = null, DateOnly? AsOf = null, bool LatestOnly = false)
{
    public bool Matches(Signal s) =>
        (Kind is null || s.Kind == Kind) && (Year is null || s.Period.ReferenceYear == Year) && (AsOf is null || s.KnownOn <= AsOf);
}

/// <summary>
/// A page of a timeline's signals: <see cref="Total"/> of them match in all, <see cref="Next"/> is the position to go on
/// from (null: none match after this page), <see cref="Length"/> the timeline's length, every signal counted.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.timeline-page")]
public sealed record TimelinePage(IReadOnlyList<Signal> Signals, int Total, int? Next, int Length);

[GenerateSerializer, Alias("agentwatch.record-status")]
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
[GenerateSerializer, Immutable, Alias("agentwatch.record-outcome")]
public sealed record RecordOutcome(string SignalId, RecordStatus Status, string? Message = null);

/// <summary>What a timeline grain did with a batch: one outcome per signal, and the alerts it raised or updated.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.record-result")]
public sealed record RecordResult(IReadOnlyList<RecordOutcome> Outcomes, IReadOnlyList<string> AlertIds)
{
    /// <summary>The alerts themselves (new ones and updates, each id once, in its latest revision), for a caller that logs them.</summary>
    [Id(2)]
    public IReadOnlyList<Alert> Alerts { get; init; } = [];
}

/// <summary>What a timeline grain took back: signals it held, those it had already retracted, and the alerts withdrawn.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.retract-result")]
public sealed record RetractResult(IReadOnlyList<string> Retracted, IReadOnlyList<string> AlreadyRetracted, IReadOnlyList<string> WithdrawnAlerts);

/// <summary>The record of one signal, keyed by its id: what it said and where it went.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.signal-record")]
public sealed record SignalRecord(Signal Signal, string Home, DateTimeOffset RecordedAt);

/// <summary>What claiming a signal id gave: the outcome, and the record now stored under the id.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.signal-claim")]
public sealed record SignalClaim(RecordStatus Status, SignalRecord Stored);

/// <summary>A brief as it was written to the data directory.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.brief-record")]
public sealed record BriefRecord(DateOnly Date, string Period, string Path, DateTimeOffset WrittenAt);

/// <summary>How far loading the built-in dataset into this store got.</summary>
[GenerateSerializer, Alias("agentwatch.dataset-load-status")]
public enum DatasetLoadStatus
{
    /// <summary>Never started: an existing store, or one started with <c>Silo:SeedOnFirstStart</c> off.</summary>
    None,
    /// <summary>Started and not known to have finished; the next start loads it again (loading is idempotent).</summary>
    Loading,
    Loaded,
}

[GenerateSerializer, Immutable, Alias("agentwatch.dataset-load")]
public sealed record DatasetLoad(DatasetLoadStatus Status, DateTimeOffset? StartedAt, DateTimeOffset? LoadedAt, int Signals);

/// <summary>A company's state as of a day: profile, the current figure of every series, and counts.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.company-snapshot")]
public sealed record CompanySnapshot(
    CompanyProfile Profile,
    DateOnly? AsOf,
    IReadOnlyList<Signal> Current,
    int SignalCount,
    IReadOnlyList<string> AlertIds);

/// <summary>A filer's disclosed positions as of a day, newest report period first.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.filer-snapshot")]
public sealed record FilerSnapshot(FilerProfile Profile, DateOnly? AsOf, IReadOnlyList<Signal> Positions, IReadOnlyList<string> AlertIds)
{
    /// <summary>How the latest report period's positions differ from the one before: new, increased, reduced, closed.</summary>
    [Id(4)]
    public IReadOnlyList<Positions.PositionChange> Changes { get; init; } = [];
}

/// <summary>One row of the capex league table: what a company guided and spent for the year, and from which signals.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.capex-row")]
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

    /// <summary>How the guidance was put ("about", "more than"), so a row never states a rounded figure as exact.</summary>
    [Id(7)] public Qualifier GuidanceQualifier { get; init; }

    /// <summary>How the actual was put.</summary>
    [Id(8)] public Qualifier ActualQualifier { get; init; }

    /// <summary>The guidance as it was put: "about $80 billion", "$66 billion to $72 billion"; null when there is none.</summary>
    public string? GuidanceText => GuidanceLow is { } low && GuidanceHigh is { } high ? $"{Signal.Words(GuidanceQualifier)}{low.ToHuman()} to {high.ToHuman()}"
        : Guidance is { } g ? $"{Signal.Words(GuidanceQualifier)}{g.ToHuman()}" : null;

    /// <summary>The actual as it was put: "about $131 billion"; null when there is none.</summary>
    public string? ActualText => Actual is { } a ? $"{Signal.Words(ActualQualifier)}{a.ToHuman()}" : null;
}

[GenerateSerializer, Immutable, Alias("agentwatch.capex-leaderboard")]
public sealed record CapexLeaderboard(int Year, DateOnly? AsOf, IReadOnlyList<CapexRow> Rows, Money? TotalUsd);

/// <summary>Money flowing from one party to another (see <see cref="FinancingDeal"/>).</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.financing-edge")]
public sealed record FinancingEdge(string From, string To, DealKind Kind, Money? Amount, bool PerYear, string SignalId, string Summary);

/// <summary>A cycle of money flows: A funds B, B buys from A, directly or through a chain.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.financing-loop")]
public sealed record FinancingLoop(IReadOnlyList<string> Companies, IReadOnlyList<FinancingEdge> Edges)
{
    public override string ToString() => string.Join(" → ", Companies.Append(Companies[0]));
}

[GenerateSerializer, Immutable, Alias("agentwatch.financing-graph")]
public sealed record FinancingGraph(DateOnly? AsOf, IReadOnlyList<FinancingEdge> Edges, IReadOnlyList<FinancingLoop> Loops);
