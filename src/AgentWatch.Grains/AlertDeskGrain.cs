using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;

namespace AgentWatch.Grains;

[GenerateSerializer, Alias("agentwatch.alert-desk-state")]
public sealed class AlertDeskState
{
    [Id(0)] public Dictionary<string, AlertAck> Acks { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<AlertMute> Mutes { get; set; } = [];
    [Id(2)] public Dictionary<string, RuleLimit> Limits { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Acknowledgements, mutes and rule limits set at run time: small, changed by people, read with every alert list; one grain holds them all.</summary>
[GrainType("alert-desk")]
public sealed class AlertDeskGrain([PersistentState("desk")] IPersistentState<AlertDeskState> state) : Grain, IAlertDeskGrain
{
    public async Task AcknowledgeAsync(AlertAck ack)
    {
        // The first acknowledgement stands: a second click changes nothing.
        if (!state.State.Acks.TryAdd(ack.AlertId, ack)) return;
        await state.WriteStateAsync();
    }

    public async Task MuteAsync(AlertMute mute)
    {
        state.State.Mutes.RemoveAll(m => Same(m, mute.Scope, mute.Value) || m.Until <= mute.CreatedAt);
        state.State.Mutes.Add(mute);
        await state.WriteStateAsync();
    }

    public async Task<bool> UnmuteAsync(MuteScope scope, string value, DateTimeOffset now)
    {
        var removed = state.State.Mutes.RemoveAll(m => Same(m, scope, value) && m.Until > now) > 0;
        state.State.Mutes.RemoveAll(m => m.Until <= now);
        await state.WriteStateAsync();
        return removed;
    }

    public async Task SetLimitAsync(RuleLimit limit)
    {
        state.State.Limits[limit.Rule] = limit;
        await state.WriteStateAsync();
    }

    public Task<AlertDeskView> GetAsync(DateTimeOffset now) =>
        Task.FromResult(new AlertDeskView(state.State.Acks.Values.ToList(), state.State.Mutes.Where(m => m.Until > now).ToList()) { Limits = state.State.Limits.Values.ToList() });

    private static bool Same(AlertMute m, MuteScope scope, string value) => m.Scope == scope && string.Equals(m.Value, value, StringComparison.OrdinalIgnoreCase);
}
