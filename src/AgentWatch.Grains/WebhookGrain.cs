using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;

namespace AgentWatch.Grains;

[GenerateSerializer, Alias("agentwatch.webhook-state")]
public sealed class WebhookState
{
    /// <summary>The sequence of the last alert delivered or passed over by the filters.</summary>
    [Id(0)] public long Position { get; set; }
    [Id(1)] public long Delivered { get; set; }
    [Id(2)] public int Failures { get; set; }
    [Id(3)] public string? LastError { get; set; }
    [Id(4)] public DateTimeOffset? LastAttemptAt { get; set; }
    [Id(5)] public DateTimeOffset? NextAttemptAt { get; set; }
    [Id(6)] public DateTimeOffset? LastDeliveredAt { get; set; }

    /// <summary>Whether the subscription has begun (at its start position, or by a first delivery or failure).</summary>
    [Id(7)] public bool Started { get; set; }
}

/// <summary>
/// One webhook subscription's outbox: the alert log is the outbox and this grain its durable cursor. An alert counts
/// as delivered only once the receiver answered 2xx and the position was written; a silo that dies in between leaves
/// the position where it was, so the alert goes out again (receivers dedupe on the delivery id). The lease lives in the
/// activation, as the sentinel's does.
/// </summary>
[GrainType("webhook")]
public sealed class WebhookGrain([PersistentState("delivery")] IPersistentState<WebhookState> state, TimeProvider time) : Grain, IWebhookGrain
{
    private (long Sequence, string Claimant, DateTimeOffset Until)? _lease;

    public Task<long?> ClaimNextAsync(long upTo, string claimant, TimeSpan lease)
    {
        var next = state.State.Position + 1;
        if (next > upTo) return Task.FromResult<long?>(null);
        var now = time.GetUtcNow();
        if (state.State.NextAttemptAt is { } due && due > now) return Task.FromResult<long?>(null);
        if (_lease is { } held && held.Sequence == next && held.Claimant != claimant && held.Until > now) return Task.FromResult<long?>(null);
        _lease = (next, claimant, now + lease);
        return Task.FromResult<long?>(next);
    }

    public async Task StartAfterAsync(long sequence)
    {
        if (state.State.Started) return;
        state.State.Position = Math.Max(state.State.Position, sequence);
        state.State.Started = true;
        await state.WriteStateAsync();
    }

    public async Task CompleteAsync(long sequence, string claimant, bool delivered)
    {
        if (sequence != state.State.Position + 1) return;
        var s = state.State;
        s.Position = sequence;
        s.Started = true;
        if (delivered)
        {
            s.Delivered++;
            s.LastDeliveredAt = time.GetUtcNow();
            s.LastAttemptAt = s.LastDeliveredAt;
            (s.Failures, s.NextAttemptAt) = (0, null);
        }
        await state.WriteStateAsync();
        if (_lease is { } held && held.Sequence == sequence) _lease = null;
    }

    public async Task FailAsync(long sequence, string claimant, string error, DateTimeOffset retryAt)
    {
        if (sequence != state.State.Position + 1) return;
        var s = state.State;
        s.Started = true;
        s.Failures++;
        s.LastError = error.Length > 500 ? error[..500] : error;
        s.LastAttemptAt = time.GetUtcNow();
        s.NextAttemptAt = retryAt;
        await state.WriteStateAsync();
        if (_lease is { } held && held.Sequence == sequence) _lease = null;
    }

    public Task<WebhookStatus> GetStatusAsync()
    {
        var s = state.State;
        return Task.FromResult(new WebhookStatus(this.GetPrimaryKeyString(), null, s.Position, s.Delivered, s.Failures, s.LastError, s.LastAttemptAt, s.NextAttemptAt, s.LastDeliveredAt));
    }
}
