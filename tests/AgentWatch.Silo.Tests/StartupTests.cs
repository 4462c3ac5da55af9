using AgentWatch.Abstractions.Grains;
using AgentWatch.Ingestion;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Silo.Tests;

/// <summary>When a silo loads the built-in dataset: into a new store, and again after a first start stopped halfway.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_first_start_stopped_while_loading_the_dataset_finishes_loading_on_the_next_start()
    {
        var dataset = await BuiltInDataset.LoadAsync();
        const int loadedBeforeTheStop = 30;
        // What a first start leaves when stopped mid-load: the load marked as begun and part of the signals stored.
        await using (var first = await Silos.StartAsync(_temp.Sub("data"), new() { ["Silo:SeedOnFirstStart"] = "false" }))
        {
            await Grains(first).GetGrain<IDatasetGrain>(IDatasetGrain.Key).BeginAsync();
            Assert.Equal(loadedBeforeTheStop, (await first.Api.IngestAsync(dataset.Take(loadedBeforeTheStop).ToList())).New);
        }

        await using var second = await Silos.StartAsync(_temp.Sub("data"));
        var seeded = second.Startup.Seeded;
        Assert.NotNull(seeded);
        Assert.Equal(dataset.Count - loadedBeforeTheStop, seeded.New);
        Assert.Equal(loadedBeforeTheStop, seeded.Duplicates);
        var load = await Grains(second).GetGrain<IDatasetGrain>(IDatasetGrain.Key).GetAsync();
        Assert.Equal(DatasetLoadStatus.Loaded, load.Status);
        Assert.Equal(dataset.Count, load.Signals);
        foreach (var signal in dataset) Assert.NotNull(await second.Api.GetSignalAsync(signal.Id));
    }

    [Fact]
    public async Task A_store_that_exists_is_not_loaded_again_and_a_loaded_one_stays_loaded()
    {
        await using (var first = await Silos.StartAsync(_temp.Sub("data")))
        {
            Assert.NotNull(first.Startup.Seeded);
            Assert.Equal(DatasetLoadStatus.Loaded, (await Grains(first).GetGrain<IDatasetGrain>(IDatasetGrain.Key).GetAsync()).Status);
        }
        await using (var again = await Silos.StartAsync(_temp.Sub("data")))
            Assert.Null(again.Startup.Seeded);

        // A store started without the dataset does not get it later just because the setting changed.
        await using (var plain = await Silos.StartAsync(_temp.Sub("plain"), new() { ["Silo:SeedOnFirstStart"] = "false" }))
            Assert.Null(plain.Startup.Seeded);
        await using var later = await Silos.StartAsync(_temp.Sub("plain"));
        Assert.Null(later.Startup.Seeded);
        Assert.Equal(DatasetLoadStatus.None, (await Grains(later).GetGrain<IDatasetGrain>(IDatasetGrain.Key).GetAsync()).Status);
    }

    [Fact]
    public async Task A_port_in_use_stops_the_start_before_the_store_is_touched()
    {
        await using var first = await Silos.StartAsync(_temp.Sub("first"));
        var port = new Uri(first.Url!).Port;
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Silos.StartAsync(_temp.Sub("second"), port: port));
        Assert.Contains($"Port {port} on 127.0.0.1 (Silo:Port (--port)) is already in use", error.Message);
        Assert.False(File.Exists(Path.Combine(_temp.Sub("second"), "agentwatch.db")));
    }

    private static IGrainFactory Grains(SiloHost silo) => silo.Services.GetRequiredService<IGrainFactory>();
}
