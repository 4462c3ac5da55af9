namespace AgentWatch.Abstractions.Api;

/// <summary>
/// Where a webhook subscription stands: the last alert it got past, how many went out, and the failures in a row with
/// the last error and when the next attempt is due.
/// </summary>
[GenerateSerializer, Immutable, Alias("agentwatch.webhook-status")]
public sealed record WebhookStatus(
    string Name,
    string? Url,
    long Position,
    long Delivered,
    int Failures,
    string? LastError,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastDeliveredAt);
