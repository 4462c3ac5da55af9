using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Abstractions.Api;

/// <summary>
/// Everything a user can ask of a silo. The silo implements it over grains; <c>AgentWatch.Client</c> implements it over
/// HTTP; the CLI uses whichever fits (embedded or <c>--silo URL</c>), so every command behaves the same both ways.
/// </summary>
public interface IAgentWatchApi
{
    Task<StatusView> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores new signals (duplicates change nothing), evaluates rules and reports what happened to each.</summary>
    Task<IngestReport> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes signals back: they stop counting everywhere (snapshots, league tables, risk, answers, briefs), alerts that
    /// rested only on them are withdrawn, and the retraction is recorded. Ingesting them again brings them back.
    /// </summary>
    Task<RetractReport> RetractAsync(RetractRequest request, CancellationToken cancellationToken = default);

    /// <summary>Every retraction, oldest first.</summary>
    Task<IReadOnlyList<Retraction>> GetRetractionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Loads the built-in dataset (idempotent).</summary>
    Task<IngestReport> SeedAsync(CancellationToken cancellationToken = default);

    /// <summary>Alerts after a sequence number, oldest first.</summary>
    Task<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default);

    /// <summary>Alerts after a sequence number, then every new one as it is raised, until cancelled.</summary>
    IAsyncEnumerable<Alert> FollowAlertsAsync(long afterSequence, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CompanyProfile>> GetCompaniesAsync(CancellationToken cancellationToken = default);

    /// <summary>A company by ticker, name or alias. Throws <see cref="AmbiguousNameException"/> when the name fits several and
    /// <see cref="UnknownCompanyException"/>, with the closest matches, when it fits none.</summary>
    Task<CompanyView?> GetCompanyAsync(string nameOrTicker, DateOnly? asOf, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the signals a query matches (a company's, a filer's, else the market grain's), in the order they were
    /// stored; <see cref="SignalPaging.GetSignalsAsync"/> follows the pages to the end. Throws <see cref="ArgumentException"/>
    /// for a limit outside 1 to <see cref="PageRequest.MaxLimit"/> or a cursor this query did not give out.
    /// </summary>
    Task<SignalPage> GetSignalPageAsync(SignalQuery query, PageRequest page, CancellationToken cancellationToken = default);

    Task<SignalRecord?> GetSignalAsync(string id, CancellationToken cancellationToken = default);

    Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf, CancellationToken cancellationToken = default);

    Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf, CancellationToken cancellationToken = default);

    Task<FilerSnapshot?> GetFilerAsync(string filer, DateOnly? asOf, CancellationToken cancellationToken = default);

    Task<Answer> AskAsync(string question, DateOnly? asOf, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same question, answered as it is written: with a model, pieces of its text as they come (<see
    /// cref="AnswerUpdate.Text"/>), then always the whole answer, figure-checked (<see cref="AnswerUpdate.Answer"/>),
    /// which may differ from the pieces (a caution added; the offline answer when the model failed).
    /// </summary>
    IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, DateOnly? asOf, CancellationToken cancellationToken = default);

    Task<Brief> GetBriefAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken = default);

    /// <summary>The skeptic's bubble-risk view: a score from 0 to 100 with its reasons, each resting on signals.</summary>
    Task<BubbleRisk> GetBubbleRiskAsync(DateOnly? asOf, CancellationToken cancellationToken = default);

    /// <summary>Agent runs, newest first.</summary>
    Task<IReadOnlyList<AgentRunSummary>> GetRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>One agent run in full; null when there is no run with that id.</summary>
    Task<AgentRun?> GetRunAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Marks an alert as dealt with; null when there is no such alert.</summary>
    Task<AlertAck?> AcknowledgeAsync(string alertId, string? note, CancellationToken cancellationToken = default);

    /// <summary>Keeps alerts about a company, or of a rule, out of webhooks for a while; a second mute of the same replaces the first.</summary>
    Task<AlertMute> MuteAsync(MuteScope scope, string value, TimeSpan duration, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Ends a mute early; false when there was none in force.</summary>
    Task<bool> UnmuteAsync(MuteScope scope, string value, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AlertMute>> GetMutesAsync(CancellationToken cancellationToken = default);

    /// <summary>The rules with their settings and how often each fired.</summary>
    Task<IReadOnlyList<RuleView>> GetRulesAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets a rule's frequency and throttle, stored durably over the config's.</summary>
    Task<RuleView> SetRuleLimitAsync(string rule, AlertFrequency frequency, int maxPerHour, CancellationToken cancellationToken = default);

    /// <summary>The webhook subscriptions in config, with their deliveries and failures.</summary>
    Task<IReadOnlyList<WebhookStatus>> GetWebhooksAsync(CancellationToken cancellationToken = default);

    /// <summary>The silos of the cluster (one, for a silo on its own), with status, address and activations.</summary>
    /// <param name="includeHistory">Also the silos that died more than a day ago (Orleans keeps their rows a while).</param>
    Task<ClusterView> GetClusterAsync(bool includeHistory = false, CancellationToken cancellationToken = default);

    /// <summary>Which silo holds a grain's activation (from the grain directory), and whether it is active on the silo asked.</summary>
    Task<GrainLocation> LocateGrainAsync(string grainType, string key, CancellationToken cancellationToken = default);
}

[GenerateSerializer, Immutable, Alias("agentwatch.cluster-view")]
public sealed record ClusterView(string Mode, IReadOnlyList<SiloView> Silos);

[GenerateSerializer, Immutable, Alias("agentwatch.silo-view")]
public sealed record SiloView(
    string Address,
    string Status,
    string? ApiUrl,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    double HeartbeatAgeSeconds,
    int Activations,
    bool IsSelf);

[GenerateSerializer, Immutable, Alias("agentwatch.grain-location")]
public sealed record GrainLocation(string Grain, string? Owner, bool ActiveHere, string AnsweredBy);

[GenerateSerializer, Immutable, Alias("agentwatch.status-view")]
public sealed record StatusView(
    string Version,
    string SiloId,
    DateTimeOffset StartedAt,
    string Storage,
    int Activations,
    long LastAlertSequence,
    int Companies);

/// <summary>Signals to take back, why, and where the list came from (a file's path, for the record).</summary>
/// <param name="Origins">
/// Where the signals were read from (a file's name, the document in it, the company): every stored signal with one of
/// these origins is taken back too. A file read with others in one ingestion brought in signals that it alone does not
/// give when read again (market-cap moves from a price file with an XBRL share count); the store still has them under
/// its name.
/// </param>
[GenerateSerializer, Immutable, Alias("agentwatch.retract-request")]
public sealed record RetractRequest(IReadOnlyList<string> SignalIds, string? Reason = null, bool DryRun = false, string? Source = null, IReadOnlyList<SignalOrigin>? Origins = null)
{
    /// <summary>Most signal ids one request takes: a file of a few years of prices, with room.</summary>
    public const int MaxSignals = 100_000;
}

/// <summary>Where a signal was read from: its source file's name, the document in it (an accession) and its company.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.signal-origin")]
public sealed record SignalOrigin(string File, string? Document, string? Company);

/// <summary>What a retraction did (or, dry, would do): the signals taken back, those already retracted or never stored,
/// and the alerts withdrawn because they rested only on them.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.retract-report")]
public sealed record RetractReport(
    bool DryRun,
    string? RetractionId,
    IReadOnlyList<string> Retracted,
    IReadOnlyList<string> AlreadyRetracted,
    IReadOnlyList<string> NotFound,
    IReadOnlyList<string> WithdrawnAlerts);

/// <summary>A retraction as recorded: when, which signals, why, from what list, and the alerts it withdrew.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.retraction")]
public sealed record Retraction(string Id, DateTimeOffset At, IReadOnlyList<string> SignalIds, string? Reason, string? Source, IReadOnlyList<string> WithdrawnAlerts);

[GenerateSerializer, Immutable, Alias("agentwatch.alert-query")]
/// <param name="Company">A watched company's ticker, name or alias; one that fits none is an error.</param>
public sealed record AlertQuery(long AfterSequence = 0, int Limit = 1000, string? Company = null, DateOnly? AsOf = null);

[GenerateSerializer, Immutable, Alias("agentwatch.signal-query")]
public sealed record SignalQuery(string? Company = null, SignalKind? Kind = null, int? Year = null, DateOnly? AsOf = null, string? Filer = null);

[GenerateSerializer, Alias("agentwatch.issue-severity")]
public enum IssueSeverity { Warning, Error }

/// <summary>A problem with one input record: where it is, and why.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.ingest-issue")]
public sealed record IngestIssue(IssueSeverity Severity, string Where, string Message, string? SignalId = null);

/// <summary>What an ingestion did: counts, every problem with its place, and the alerts it raised.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.ingest-report")]
public sealed record IngestReport(
    int Received,
    int New,
    int Duplicates,
    int Conflicts,
    int Rejected,
    IReadOnlyList<IngestIssue> Issues,
    IReadOnlyList<string> AlertIds)
{
    public static IngestReport Empty { get; } = new(0, 0, 0, 0, 0, [], []);

    public IngestReport Add(IngestReport other) => new(
        Received + other.Received, New + other.New, Duplicates + other.Duplicates, Conflicts + other.Conflicts,
        Rejected + other.Rejected, [.. Issues, .. other.Issues], [.. AlertIds, .. other.AlertIds.Except(AlertIds)]);

    public int Errors => Issues.Count(i => i.Severity == IssueSeverity.Error);
}

/// <summary>A company's page: its snapshot and the alerts about it.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.company-view")]
public sealed record CompanyView(CompanySnapshot Snapshot, IReadOnlyList<Alert> Alerts, IReadOnlyList<Signal> Positions);

/// <summary>
/// An answer with the evidence behind every figure in it. <see cref="Flags"/> lists what the checks found (a figure
/// that no tool returned, a step limit reached); <see cref="RunId"/> finds the full record of the run.
/// </summary>
/// <summary>One step of a streamed answer: a piece of the model's text, or, last, the answer.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.answer-update")]
public sealed record AnswerUpdate(string? Text, Answer? Answer);

[GenerateSerializer, Immutable, Alias("agentwatch.answer")]
public sealed record Answer(
    string Question,
    string Text,
    bool Answered,
    IReadOnlyList<string> Companies,
    IReadOnlyList<Evidence> Evidence,
    DateOnly? AsOf,
    string Engine,
    string? RunId = null,
    IReadOnlyList<string>? Flags = null,
    string? Model = null,
    TokenUsage? Tokens = null);

[GenerateSerializer, Alias("agentwatch.brief-period")]
public enum BriefPeriod { Day, Week }

[GenerateSerializer, Immutable, Alias("agentwatch.brief")]
public sealed record Brief(DateOnly Date, BriefPeriod Period, DateOnly? AsOf, string Markdown, string? RunId = null, IReadOnlyList<string>? Flags = null);

/// <summary>
/// The skeptic's view of bubble risk: points per factor (capex growing faster than revenue, capex eating cash flow,
/// disclosed bets against companies, money going round in circles, extreme valuations), each with its reason and the
/// signals it rests on, summed to a score from 0 to 100.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.bubble-risk")]
public sealed record BubbleRisk(DateOnly? AsOf, int Score, string Level, IReadOnlyList<RiskFactor> Factors, string Summary, string? RunId = null, IReadOnlyList<string>? Flags = null)
{
    /// <summary>The score as the bubble-risk grain recorded it after each ingestion, and its last alert (today's view only).</summary>
    [Id(7)] public RiskHistory? Recorded { get; init; }
}

[GenerateSerializer, Immutable, Alias("agentwatch.risk-factor")]
public sealed record RiskFactor(string Name, int Points, int MaxPoints, string Reason, IReadOnlyList<Evidence> Evidence);

/// <summary>One assessment of bubble risk as the risk grain keeps it: the score, its factors, the skeptic's run, and the
/// alert it raised, if any.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.risk-reading")]
public sealed record RiskReading(int Score, string Level, IReadOnlyList<RiskFactor> Factors, string? RunId, DateTimeOffset AssessedAt)
{
    [Id(5)] public string? AlertId { get; init; }
}

/// <summary>The recorded readings, newest last (the last <see cref="Kept"/>), and the score the last alert was raised at.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.risk-history")]
public sealed record RiskHistory(IReadOnlyList<RiskReading> Readings, int AlertedScore, long Changes, long Assessed)
{
    public const int Kept = 100;
}

/// <summary>A company name that fits several companies; the caller must say which.</summary>
[GenerateSerializer, Alias("agentwatch.ambiguous-name")]
public sealed class AmbiguousNameException(string name, IReadOnlyList<string> candidates)
    : Exception($"'{name}' could mean {string.Join(" or ", candidates)}; say which.")
{
    [Id(0)] public string Name { get; } = name;
    [Id(1)] public IReadOnlyList<string> Candidates { get; } = candidates;
}

/// <summary>
/// A company name that fits no company a command can act on: none on the watchlist or in the data (with the closest
/// matches), or one on the watchlist that is not watched, for commands about alerts (unwatched companies raise none).
/// </summary>
[GenerateSerializer, Alias("agentwatch.unknown-company")]
public sealed class UnknownCompanyException(string name, IReadOnlyList<string> closest, string message) : Exception(message)
{
    [Id(0)] public string Name { get; } = name;

    /// <summary>The companies the name may have meant, as "Name (TICKER)", best first.</summary>
    [Id(1)] public IReadOnlyList<string> Closest { get; } = closest;

    public static UnknownCompanyException NotFound(string name, IReadOnlyList<CompanyProfile> closest)
    {
        var names = closest.Select(c => $"{c.Name} ({c.Ticker})").ToList();
        return new UnknownCompanyException(name, names, names.Count == 0
            ? $"no company '{name}' on the watchlist or in the data; `agentwatch status` says how many are watched, config/watchlist.json lists them."
            : $"no company '{name}' on the watchlist or in the data; did you mean {string.Join(", ", names.SkipLast(1))}{(names.Count > 1 ? " or " : "")}{names[^1]}?");
    }

    public static UnknownCompanyException NotWatched(string name, CompanyProfile profile) =>
        new(name, [$"{profile.Name} ({profile.Ticker})"],
            $"{profile.Name} ({profile.Ticker}) is on the watchlist but not watched, so it raises no alerts; set \"Watched\": true for it in config/watchlist.json to watch it.");
}
