using AgentWatch.Abstractions.Values;

namespace AgentWatch.Abstractions;

public enum AlertSeverity { Info, Warning, Critical }

/// <summary>A signal an alert rests on, with its source and what it said.</summary>
public sealed record Evidence(string SignalId, SourceRef Source, string Summary, DateOnly KnownOn);

/// <summary>
/// Something a rule found worth telling. <see cref="Id"/> is derived from the rule and what it found, so the same finding
/// never becomes two alerts; <see cref="Sequence"/> is its place in the durable alert stream (0 until published).
/// </summary>
public sealed record Alert
{
    public required string Id { get; init; }
    public long Sequence { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>The day the last of its evidence became known: a query as of an earlier day does not see the alert.</summary>
    public required DateOnly KnownOn { get; init; }

    public required AlertSeverity Severity { get; init; }
    public required string Company { get; init; }
    public required string Rule { get; init; }

    /// <summary>One line with the figures that triggered it.</summary>
    public required string Rationale { get; init; }

    public required IReadOnlyList<Evidence> Evidence { get; init; }

    /// <summary>A short explanation written by the sentinel agent, when there is one.</summary>
    public string? Explanation { get; init; }

    /// <summary>Who dealt with it, when listed: not part of the stored alert, which never changes.</summary>
    public Api.AlertAck? Acknowledged { get; init; }

    /// <summary>Whether a mute in force covers it, when listed.</summary>
    public bool Muted { get; init; }
}

/// <summary>The sentinel's explanation of an alert, and the run that wrote it.</summary>
public sealed record AlertExplanation(string AlertId, string Text, string Engine, string? RunId, DateTimeOffset WrittenAt);
