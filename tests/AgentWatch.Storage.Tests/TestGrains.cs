using Orleans.Runtime;

namespace AgentWatch.Storage.Tests;

/// <summary>A grain whose state lives in the ADO.NET grain storage, to watch it survive the silo that held it.</summary>
[Alias("agentwatch.storage.tests.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    [Alias("add")]
    Task<int> Add(int amount);

    [Alias("get")]
    Task<int> Get();

    [Alias("where")]
    Task<SiloAddress> WhereAmI();
}

[GenerateSerializer]
[Alias("agentwatch.storage.tests.counter-state")]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public string Note { get; set; } = "";
}

public sealed class CounterGrain(
    [PersistentState("counter", OrleansHosts.BinaryStorage)] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : Grain, ICounterGrain
{
    public async Task<int> Add(int amount)
    {
        state.State.Count += amount;
        state.State.Note = $"größer als {state.State.Count - amount} — 計数";
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Get() => Task.FromResult(state.State.Count);

    public Task<SiloAddress> WhereAmI() => Task.FromResult(silo.SiloAddress);
}

/// <summary>The state the grain storage tests write directly through IGrainStorage.</summary>
[GenerateSerializer]
[Alias("agentwatch.storage.tests.sample-state")]
public sealed class SampleState
{
    [Id(0)]
    public int Number { get; set; }

    [Id(1)]
    public string Text { get; set; } = "";

    [Id(2)]
    public List<string> Tags { get; set; } = [];
}
