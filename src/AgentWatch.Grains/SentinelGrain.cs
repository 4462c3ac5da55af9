using AgentWatch.Abstractions.Grains;

namespace AgentWatch.Grains;

[GenerateSerializer, Alias("agentwatch.sentinel-state")]
public sealed class SentinelState
{
    /// <summary>The sequence of the last alert explained (or given up on).</summary>
    [Id(0)] public long Position { get; set; }
}

/// <summary>
/// The sentinel's position in the alert log. The lease on the alert being explained lives in the activation only:
/// if the activation moves, the lease is gone and the next claim gets the alert again, which costs a second explanation
/// at worst, never a lost one (the explanation store keeps the first one written for an alert).
/// </summary>
[GrainType("sentinel")]
public sealed class SentinelGrain([PersistentState("position")] IPersistentState<SentinelState> state, TimeProvider time) : Grain, ISentinelGrain
{
    private (long Sequence, string Claimant, DateTimeOffset Until)? _lease;

    public Task<long> GetPositionAsync() => Task.FromResult(state.State.Position);

    public Task<long?> ClaimNextAsync(long upTo, string claimant, TimeSpan lease)
    {
        var next = state.State.Position + 1;
        if (next > upTo) return Task.FromResult<long?>(null);
        var now = time.GetUtcNow();
        if (_lease is { } held && held.Sequence == next && held.Claimant != claimant && held.Until > now) return Task.FromResult<long?>(null);
        _lease = (next, claimant, now + lease);
        return Task.FromResult<long?>(next);
    }

    public async Task CompleteAsync(long sequence, string claimant)
    {
        if (sequence != state.State.Position + 1) return;
        state.State.Position = sequence;
        await state.WriteStateAsync();
        if (_lease is { } held && held.Sequence == sequence) _lease = null;
    }
}
