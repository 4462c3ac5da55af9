using AgentWatch.Abstractions.Grains;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Persistence;

namespace AgentWatch.Grains;

public sealed class SignalState
{
    public SignalRecord? Record { get; set; }
}

/// <summary>One signal's record, looked up by id. Written once, after its home grain stored the signal.</summary>
public sealed class SignalGrain([PersistentState("signal")] IPersistentState<SignalState> state) : Grain, ISignalGrain
{
    public async Task<SignalRecord> RecordAsync(SignalRecord record)
    {
        if (state.State.Record is { } existing) return existing;
        state.State.Record = record;
        await state.WriteStateAsync();
        // Signals are recorded in bulk and read rarely; keeping thousands of them in memory buys nothing.
        DeactivateOnIdle();
        return record;
    }

    public Task<SignalRecord?> GetAsync() => Task.FromResult(state.State.Record);
}
