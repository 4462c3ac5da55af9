using System.Collections.Concurrent;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Persistence;

namespace AgentWatch.Cluster.Tests;

/// <summary>Records activations per silo, shared by the test grains of one silo through DI.</summary>
public sealed class SiloLog
{
    public ConcurrentQueue<string> Events { get; } = new();
    public int Activations(string key) => Events.Count(e => e == $"activate:{key}");
}

public sealed class CountState
{
    public int Count { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
    [ReadOnly] Task<int> GetAsync();
    Task<string> WhereAsync();
}

public sealed class CounterGrain([PersistentState("count")] IPersistentState<CountState> state, SiloLog log, SiloName silo) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Events.Enqueue($"activate:{GrainKey}");
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        var current = state.State.Count;
        await Task.Yield();
        state.State.Count = current + 1;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);
    public Task<string> WhereAsync() => Task.FromResult(silo.Name);
}

public interface ILocalCounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
    Task<string> WhereAsync();
}

/// <summary>A counter placed on the silo that calls it first.</summary>
[PreferLocalPlacement]
public sealed class LocalCounterGrain([PersistentState("count")] IPersistentState<CountState> state, SiloLog log, SiloName silo) : Grain, ILocalCounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Events.Enqueue($"activate:{GrainKey}");
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<string> WhereAsync() => Task.FromResult(silo.Name);
}

/// <summary>The name of the silo a grain runs in, for tests that want to know.</summary>
public sealed record SiloName(string Name);

public sealed class FaultException(string message) : Exception(message);

public interface IPingGrain : IGrainWithStringKey
{
    Task<string> ThrowAsync(string message);
    Task<string> CallAsync(string otherKey, int depth);
    Task<string> WhereAsync();
}

public sealed class PingGrain(SiloName silo) : Grain, IPingGrain
{
    public Task<string> ThrowAsync(string message) => throw new FaultException(message);

    public async Task<string> CallAsync(string otherKey, int depth) =>
        depth == 0 ? GrainKey : $"{GrainKey}>" + await GrainFactory.GetGrain<IPingGrain>(otherKey).CallAsync(GrainKey, depth - 1);

    public Task<string> WhereAsync() => Task.FromResult(silo.Name);
}

public sealed class TickState
{
    public List<DateTimeOffset> Delivered { get; set; } = [];
}

public interface ITickGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMs);
    Task StopAsync();
    [ReadOnly] Task<IReadOnlyList<DateTimeOffset>> DeliveredAsync();
}

/// <summary>Records the scheduled time of every tick it receives, so a tick delivered twice shows.</summary>
public sealed class TickGrain([PersistentState("ticks")] IPersistentState<TickState> ticks) : Grain, ITickGrain, IRemindable
{
    public Task StartAsync(int periodMs) => RegisterOrUpdateReminderAsync("tick", TimeSpan.FromMilliseconds(periodMs), TimeSpan.FromMilliseconds(periodMs));
    public Task StopAsync() => UnregisterReminderAsync("tick");
    public Task<IReadOnlyList<DateTimeOffset>> DeliveredAsync() => Task.FromResult<IReadOnlyList<DateTimeOffset>>(ticks.State.Delivered.ToList());

    public async Task ReceiveReminderAsync(string reminderName, TickStatus status)
    {
        ticks.State.Delivered.Add(status.CurrentTickTime);
        await ticks.WriteStateAsync();
    }
}
