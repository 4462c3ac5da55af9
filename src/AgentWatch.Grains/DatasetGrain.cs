using AgentWatch.Abstractions.Grains;

namespace AgentWatch.Grains;

[GenerateSerializer, Alias("agentwatch.dataset-state")]
public sealed class DatasetState
{
    [Id(0)] public DatasetLoad Load { get; set; } = new(DatasetLoadStatus.None, null, null, 0);
}

[GrainType("dataset")]
public sealed class DatasetGrain([PersistentState("dataset")] IPersistentState<DatasetState> state, TimeProvider time) : Grain, IDatasetGrain
{
    public Task<DatasetLoad> GetAsync() => Task.FromResult(state.State.Load);

    public async Task BeginAsync()
    {
        if (state.State.Load.Status == DatasetLoadStatus.Loading) return;
        state.State.Load = new DatasetLoad(DatasetLoadStatus.Loading, time.GetUtcNow(), null, 0);
        await state.WriteStateAsync();
    }

    public async Task CompleteAsync(int signals)
    {
        state.State.Load = state.State.Load with { Status = DatasetLoadStatus.Loaded, LoadedAt = time.GetUtcNow(), Signals = signals };
        await state.WriteStateAsync();
    }
}
