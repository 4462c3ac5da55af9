using AgentWatch.Runtime.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Runtime.Tests;

/// <summary>Activation on demand, idle deactivation, reactivation with state, timers, ETag conflicts.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task An_idle_activation_is_deactivated_and_the_next_call_reactivates_it_with_its_state()
    {
        await using var silo = await TestSilo.StartAsync(configure: o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(200);
            o.CollectionScanInterval = TimeSpan.FromMilliseconds(50);
        });
        var grain = silo.Grains.GetGrain<ICounterGrain>("idle");
        await grain.IncrementAsync();
        await grain.IncrementAsync();

        await Eventually.TrueAsync(() => Task.FromResult(silo.Log.Deactivations("idle") == 1), "the idle grain is deactivated");
        Assert.Contains("deactivate:idle:Idle", silo.Log.Events);
        Assert.Equal(0, silo.Runtime.ActivationCount);

        Assert.Equal(3, await grain.IncrementAsync());
        Assert.Equal(2, silo.Log.Activations("idle"));
    }

    [Fact]
    public async Task Unwritten_changes_are_gone_after_reactivation_because_only_written_state_persists()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("unwritten");
        await grain.IncrementAsync();
        await grain.IncrementWithoutWritingAsync();
        Assert.Equal(2, await grain.GetAsync());

        await grain.DeactivateAsync();
        await Eventually.TrueAsync(() => Task.FromResult(silo.Log.Deactivations("unwritten") == 1), "the grain deactivates on request");
        Assert.Equal(1, await grain.GetAsync());
    }

    [Fact]
    public async Task A_grain_that_is_busy_is_not_collected()
    {
        await using var silo = await TestSilo.StartAsync(configure: o =>
        {
            o.CollectionAge = TimeSpan.FromMilliseconds(100);
            o.CollectionScanInterval = TimeSpan.FromMilliseconds(20);
        });
        var grain = silo.Grains.GetGrain<IBehaviourGrain>("busy");
        await grain.SleepAsync(600);
        // The call above was one turn of 600 ms, longer than the collection age; the grain stayed the same activation.
        Assert.Equal(1, silo.Runtime.ActivationsByType().GetValueOrDefault("behaviour"));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_with_a_clear_conflict_and_the_next_call_sees_the_winning_state()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("contended");
        await grain.IncrementAsync();
        var etag = await grain.GetEtagAsync();

        // Another writer (another silo, say) moves the stored state on behind this activation's back.
        var storage = silo.Services.GetRequiredService<IGrainStorage>();
        var key = new GrainStateKey("counter", "contended", "counter");
        var serializer = silo.Services.GetRequiredService<Serialization.GrainSerializer>();
        await storage.WriteAsync(key, serializer.Serialize(new CounterState { Count = 41 }), etag, CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InconsistentStateException>(() => grain.IncrementAsync());
        Assert.Contains("counter/contended 'counter'", ex.Message);
        Assert.Contains("expected version 1", ex.Message);
        Assert.Contains("storage has 2", ex.Message);

        // The conflicting activation was dropped; the next call reads the winner's state and builds on it.
        Assert.Equal(42, await grain.IncrementAsync());
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_and_never_overlap_a_slow_callback()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("timer");
        await grain.StartAsync(periodMs: 20, callbackMs: 80);
        await Eventually.TrueAsync(async () => (await grain.GetAsync()).Ticks >= 4, "the timer ticks four times");
        Assert.Equal(1, (await grain.GetAsync()).MaxOverlap);
    }

    [Fact]
    public async Task Shutting_down_runs_on_deactivate_for_every_activation()
    {
        var log = new LifecycleLog();
        var silo = await TestSilo.StartAsync(log: log);
        await silo.Grains.GetGrain<ICounterGrain>("s1").IncrementAsync();
        await silo.Grains.GetGrain<ICounterGrain>("s2").IncrementAsync();
        await silo.DisposeAsync();
        Assert.Contains("deactivate:s1:Shutdown", log.Events);
        Assert.Contains("deactivate:s2:Shutdown", log.Events);
    }
}
