using AgentWatch.Abstractions.Values;

namespace AgentWatch.Abstractions;

[GenerateSerializer, Alias("agentwatch.alert-severity")]
public enum AlertSeverity { Info, Warning, Critical }

/// <summary>A signal an alert rests on, with its source and what it said.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.evidence")]
public sealed record Evidence(string SignalId, SourceRef Source, string Summary, DateOnly KnownOn);

/// <summary>
/// Something a rule, or an agent, found worth telling. <see cref="Id"/> is derived from the rule and what it found, so the
/// same finding never becomes two alerts; <see cref="Sequence"/> is its place in the durable alert log (0 until logged).
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.alert")]
public sealed record Alert
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public long Sequence { get; init; }
    [Id(2)] public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>The day the last of its evidence became known: a query as of an earlier day does not see the alert.</summary>
    [Id(3)] public required DateOnly KnownOn { get; init; }

    [Id(4)] public required AlertSeverity Severity { get; init; }
    [Id(5)] public required string Company { get; init; }
    [Id(6)] public required string Rule { get; init; }

    /// <summary>One line with the figures that triggered it.</summary>
    [Id(7)] public required string Rationale { get; init; }

    [Id(8)] public required IReadOnlyList<Evidence> Evidence { get; init; }

    /// <summary>A short explanation written by the sentinel agent, when there is one.</summary>
    [Id(9)] public string? Explanation { get; init; }

    /// <summary>Who dealt with it, when listed: not part of the logged alert, which never changes.</summary>
    [Id(10)] public Api.AlertAck? Acknowledged { get; init; }

    /// <summary>Whether a mute in force covers it, when listed.</summary>
    [Id(11)] public bool Muted { get; init; }

    /// <summary>The agent that raised it (the skeptic, the newsdesk), or null for a rule's alert.</summary>
    [Id(12)] public string? Agent { get; init; }

    /// <summary>The agent's recorded run that made the judgement (<c>agentwatch runs ID</c>, <c>GET /runs/{id}</c>).</summary>
    [Id(13)] public string? RunId { get; init; }

    /// <summary>
    /// What this entry of the alert log says about the alert: raised (revision 0, or a later revision when the episode
    /// deepened), withdrawn (the signals it rested on were retracted), or raised again (they were ingested again).
    /// </summary>
    [Id(14)] public AlertEvent Event { get; init; }

    /// <summary>On a withdrawal: why. On any other entry, when read from the log: the withdrawal in force, if any.</summary>
    [Id(15)] public AlertWithdrawal? Withdrawn { get; init; }

    /// <summary>On a later revision: the sequence of the alert's first entry in the log.</summary>
    [Id(16)] public long? OriginalSequence { get; init; }

    /// <summary>
    /// 0 as first raised; each later change to the alert (a slide that deepened, a withdrawal, a reinstatement) is the same
    /// alert again with the next revision, logged as an entry of its own. Absent in alerts stored before, so those read as 0.
    /// </summary>
    [Id(17)] public int Revision { get; init; }

    /// <summary>What this entry is, as the live stream's event type and the webhooks' X-AgentWatch-Event header name it.</summary>
    public string EntryKind => Event switch
    {
        AlertEvent.Withdrawn => "alert-withdrawn",
        AlertEvent.Reinstated => "alert-reinstated",
        _ => Revision == 0 ? "alert" : "alert-updated",
    };

    /// <summary>Whether the alert stands: not withdrawn, by this entry or since.</summary>
    public bool Stands => Event != AlertEvent.Withdrawn && Withdrawn is null;
}

[GenerateSerializer, Alias("agentwatch.alert-event")]
public enum AlertEvent { Raised, Withdrawn, Reinstated }

/// <summary>Why an alert was withdrawn: the retracted signals it rested on, when, and the retraction's reason.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.alert-withdrawal")]
public sealed record AlertWithdrawal(DateTimeOffset At, IReadOnlyList<string> SignalIds, string? Reason, string? RetractionId);

/// <summary>The sentinel's explanation of an alert, and the run that wrote it.</summary>
[GenerateSerializer, Immutable, Alias("agentwatch.alert-explanation")]
public sealed record AlertExplanation(string AlertId, string Text, string Engine, string? RunId, DateTimeOffset WrittenAt);
