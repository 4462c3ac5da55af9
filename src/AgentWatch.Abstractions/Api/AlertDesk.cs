namespace AgentWatch.Abstractions.Api;

/// <summary>Someone has seen an alert and dealt with it.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.alert-ack")]
public sealed record AlertAck(string AlertId, DateTimeOffset At, string? Note);

[GenerateSerializer, Alias("agentwatch.mute-scope")]
public enum MuteScope { Company, Rule }

/// <summary>
/// Alerts about a company, or of a rule, kept quiet until <see cref="Until"/>: still raised and listed (marked muted),
/// not pushed to webhooks.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.alert-mute")]
public sealed record AlertMute(MuteScope Scope, string Value, DateTimeOffset Until, string? Reason, DateTimeOffset CreatedAt)
{
    public bool Covers(Alert alert, DateTimeOffset now) => now < Until && string.Equals(Scope == MuteScope.Company ? alert.Company : alert.Rule, Value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What the alert desk holds: acknowledgements, and the mutes still in force.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.alert-desk-view")]
public sealed record AlertDeskView(IReadOnlyList<AlertAck> Acks, IReadOnlyList<AlertMute> Mutes)
{
    public static AlertDeskView Empty { get; } = new([], []);

    /// <summary>Frequencies and throttles set at run time, by rule.</summary>
    [Id(2)]
    public IReadOnlyList<RuleLimit> Limits { get; init; } = [];

    public bool IsMuted(Alert alert, DateTimeOffset now) => Mutes.Any(m => m.Covers(alert, now));
}

/// <summary>A rule as configured, and how often it has fired: the rules view beside the triggered history.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.rule-view")]
public sealed record RuleView(string Id, bool Enabled, AlertSeverity Severity, IReadOnlyDictionary<string, string> Settings, int Triggered, DateTimeOffset? LastTriggeredAt)
{
    /// <summary>The frequency in force: set at run time, else from config.</summary>
    [Id(6)]
    public AlertFrequency Frequency { get; init; }

    /// <summary>The throttle in force (alerts per company per hour; 0: none).</summary>
    [Id(7)]
    public int MaxPerHour { get; init; }
}

/// <summary>How often a rule may alert about one company.</summary>
[GenerateSerializer, Alias("agentwatch.alert-frequency")]
public enum AlertFrequency
{
    /// <summary>Once per finding: a company and period (the default; the same finding is never two alerts).</summary>
    PerPeriod,

    /// <summary>At most once a day (UTC) per company: further findings that day are not raised.</summary>
    Daily,
}


/// <summary>A rule's frequency and throttle as set at run time (CLI, API, dashboard): over the config's, until changed again.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.rule-limit")]
public sealed record RuleLimit(string Rule, AlertFrequency Frequency, int MaxPerHour, DateTimeOffset SetAt);
