using AgentWatch.Abstractions.Grains;

namespace AgentWatch.Grains;

[GenerateSerializer, Alias("agentwatch.sentinel-state")]
public sealed class AgentCursorState
{
    /// <summary>The sequence of the last entry handled (or given up on).</summary>
    [Id(0)] public long Position { get; set; }
}

/// <summary>
/// An agent's position in a log. The lease on the entry being handled lives in the activation only: if the activation
/// moves, the lease is gone and the next claim gets the entry again, which costs a second run at worst, never a lost
/// one (an explanation is kept once per alert, an agent's alert once per id).
/// </summary>
/// <remarks>The grain type keeps the sentinel's old name, so a store made before the newsdesk keeps the sentinel's place.</remarks>
[GrainType("sentinel")]
public sealed class AgentCursorGrain([PersistentState("position")] IPersistentState<AgentCursorState> state, TimeProvider time) : Grain, IAgentCursorGrain
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
