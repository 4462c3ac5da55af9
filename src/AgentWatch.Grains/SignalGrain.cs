using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Serialization;

namespace AgentWatch.Grains;

public sealed class SignalState
{
    public SignalRecord? Record { get; set; }
}

/// <summary>One signal's record, looked up by id, and the claim on its id. Placed where it is first called: the
/// ingesting silo claims its signals without a hop to another silo.</summary>
[PreferLocalPlacement]
public sealed class SignalGrain([PersistentState("signal")] IPersistentState<SignalState> state, GrainSerializer serializer) : Grain, ISignalGrain
{
    public async Task<SignalClaim> ClaimAsync(SignalRecord record)
    {
        // Signals come in bulk and are read rarely; keeping thousands of them in memory buys nothing.
        DeactivateOnIdle();
        if (state.State.Record is { } stored)
        {
            var same = stored.Home == record.Home && serializer.Serialize<Signal>(stored.Signal).AsSpan().SequenceEqual(serializer.Serialize<Signal>(record.Signal));
            return new SignalClaim(same ? RecordStatus.Duplicate : RecordStatus.Conflict, stored);
        }
        state.State.Record = record;
        await state.WriteStateAsync();
        return new SignalClaim(RecordStatus.New, record);
    }

    public Task<SignalRecord?> GetAsync() => Task.FromResult(state.State.Record);
}
