namespace AgentWatch.Abstractions.Api;

/// <summary>Someone has seen an alert and dealt with it.</summary>
public sealed record AlertAck(string AlertId, DateTimeOffset At, string? Note);

public enum MuteScope { Company, Rule }

/// <summary>
/// Alerts about a company, or of a rule, kept quiet until <see cref="Until"/>: still raised and listed (marked muted),
/// not pushed to webhooks.
/// </summary>
public sealed record AlertMute(MuteScope Scope, string Value, DateTimeOffset Until, string? Reason, DateTimeOffset CreatedAt)
{
    public bool Covers(Alert alert, DateTimeOffset now) => now < Until && string.Equals(Scope == MuteScope.Company ? alert.Company : alert.Rule, Value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What the alert desk holds: acknowledgements, and the mutes still in force.</summary>
public sealed record AlertDeskView(IReadOnlyList<AlertAck> Acks, IReadOnlyList<AlertMute> Mutes)
{
    public static AlertDeskView Empty { get; } = new([], []);

    public bool IsMuted(Alert alert, DateTimeOffset now) => Mutes.Any(m => m.Covers(alert, now));
}

/// <summary>A rule as configured, and how often it has fired: the rules view beside the triggered history.</summary>
public sealed record RuleView(string Id, bool Enabled, AlertSeverity Severity, IReadOnlyDictionary<string, string> Settings, int Triggered, DateTimeOffset? LastTriggeredAt);
