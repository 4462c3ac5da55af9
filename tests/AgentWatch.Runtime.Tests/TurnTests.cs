using AgentWatch.Runtime.Core;

namespace AgentWatch.Runtime.Tests;

/// <summary>Single activation, turn order, interleaving and call diagnostics.</summary>
public sealed class TurnTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(configure: o => o.CallTimeout = TimeSpan.FromSeconds(5));
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_thousand_concurrent_calls_from_many_tasks_reach_one_activation_and_lose_no_update()
    {
        var calls = Enumerable.Range(0, 1000).Select(i => Task.Run(() =>
            // A fresh reference per call: references are cheap and must all reach the same activation.
            _silo.Grains.GetGrain<ICounterGrain>("hot").IncrementAsync()));
        var results = await Task.WhenAll(calls);

        Assert.Equal(1, _silo.Log.Activations("hot"));
        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
        Assert.Equal(1000, await _silo.Grains.GetGrain<ICounterGrain>("hot").GetAsync());
    }

    [Fact]
    public async Task Calls_run_one_at_a_time_in_the_order_they_were_made_even_across_awaits()
    {
        var grain = _silo.Grains.GetGrain<ISequenceGrain>("order");
        // Earlier calls take longer; if turns overlapped or reordered, the list would not come out sorted.
        var calls = Enumerable.Range(0, 50).Select(i => grain.AppendAsync(i, delayMs: i < 10 ? 20 : 0)).ToList();
        await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 50), await grain.GetAsync());
        Assert.Equal(1, await grain.MaxConcurrencyAsync());
    }

    [Fact]
    public async Task Read_only_calls_interleave_with_each_other_but_never_with_a_write()
    {
        var grain = _silo.Grains.GetGrain<IReaderWriterGrain>("rw");
        var work = new List<Task>();
        for (var i = 0; i < 5; i++) work.Add(grain.ReadAsync(150));
        work.Add(grain.WriteAsync(100));
        for (var i = 0; i < 5; i++) work.Add(grain.ReadAsync(150));
        await Task.WhenAll(work);

        var (maxReaders, readerSawWriter, writerSawReader) = await grain.StatsAsync();
        Assert.True(maxReaders >= 2, $"read-only calls should overlap, max was {maxReaders}");
        Assert.False(readerSawWriter);
        Assert.False(writerSawReader);
    }

    [Fact]
    public async Task An_always_interleave_call_runs_while_an_exclusive_turn_is_in_progress()
    {
        var grain = _silo.Grains.GetGrain<IReaderWriterGrain>("peek");
        await grain.PeekRunningAsync(); // activate
        var write = grain.WriteAsync(500);
        await Task.Delay(100);
        var peek = grain.PeekRunningAsync();
        var first = await Task.WhenAny(peek, write);
        Assert.Same(peek, first);
        Assert.Equal(1, await peek);
        await write;
    }

    [Fact]
    public async Task An_exception_thrown_in_a_grain_reaches_the_caller_with_its_type_and_message()
    {
        var grain = _silo.Grains.GetGrain<IBehaviourGrain>("thrower");
        var ex = await Assert.ThrowsAsync<GrainFailedException>(() => grain.ThrowAsync("capex table is empty"));
        Assert.Equal("capex table is empty", ex.Message);
        // The activation survives a failed call.
        await grain.SleepAsync(0);
    }

    [Fact]
    public async Task A_call_cycle_fails_at_once_naming_the_grains_instead_of_deadlocking()
    {
        var a = _silo.Grains.GetGrain<IBehaviourGrain>("a");
        var started = DateTime.UtcNow;
        var ex = await Assert.ThrowsAsync<GrainCallCycleException>(() => a.CallAsync("b", depth: 2));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), "the cycle should be detected, not timed out");
        Assert.Equal([new GrainId("behaviour", "a"), new GrainId("behaviour", "b"), new GrainId("behaviour", "a")], ex.Cycle);
        Assert.Contains("behaviour/a → behaviour/b → behaviour/a", ex.Message);
    }

    [Fact]
    public async Task A_read_only_call_back_into_a_read_only_turn_is_not_a_deadlock()
    {
        var a = _silo.Grains.GetGrain<IBehaviourGrain>("ra");
        Assert.Equal("ra>rb>ra", await a.ReadThroughAsync("rb", depth: 2));
    }

    [Fact]
    public async Task A_grain_to_grain_chain_without_a_cycle_works()
    {
        var a = _silo.Grains.GetGrain<IBehaviourGrain>("x");
        Assert.Equal("x>y", await a.CallAsync("y", depth: 1));
    }

    [Fact]
    public async Task With_serialized_calls_a_result_that_cannot_cross_a_silo_boundary_fails_clearly()
    {
        var grain = _silo.Grains.GetGrain<IBehaviourGrain>("unserializable");
        var ex = await Assert.ThrowsAsync<GrainRuntimeException>(() => grain.GetUnserializableAsync());
        Assert.Contains("GetUnserializableAsync", ex.Message);
        Assert.Contains("does not serialize", ex.Message);
    }

    [Fact]
    public async Task Keys_are_validated()
    {
        Assert.Throws<ArgumentException>(() => _silo.Grains.GetGrain<ICounterGrain>(""));
        Assert.Throws<ArgumentException>(() => _silo.Grains.GetGrain<ICounterGrain>(new string('k', 600)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_with_the_grains_exception_and_is_retried_on_the_next_call()
    {
        var bad = _silo.Grains.GetGrain<IFailingActivationGrain>("bad-1");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.PingAsync());
        Assert.Equal("cannot activate bad-1", ex.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad.PingAsync());
        Assert.Equal(1, await _silo.Grains.GetGrain<IFailingActivationGrain>("good").PingAsync());
    }
}

/// <summary>Call timeouts, with a short timeout so the test is quick.</summary>
public sealed class TimeoutTests : IAsyncLifetime
{
    private TestSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync(configure: o => o.CallTimeout = TimeSpan.FromMilliseconds(300));
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_call_that_runs_too_long_fails_with_a_timeout_naming_the_grain_and_method()
    {
        var grain = _silo.Grains.GetGrain<IBehaviourGrain>("slow");
        var ex = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.SleepAsync(2000));
        Assert.Equal(new GrainId("behaviour", "slow"), ex.Grain);
        Assert.Contains("behaviour/slow", ex.Message);
        Assert.Contains("IBehaviourGrain.SleepAsync", ex.Message);
        Assert.Contains("300 ms", ex.Message);
    }

    [Fact]
    public async Task A_call_queued_behind_a_long_turn_times_out_too_and_says_what_it_waited_for()
    {
        var grain = _silo.Grains.GetGrain<IBehaviourGrain>("busy");
        var first = grain.SleepAsync(1500);
        var second = grain.ThrowAsync("never runs");
        var ex = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => second);
        Assert.Contains("ThrowAsync", ex.Message);
        Assert.Contains("queued behind IBehaviourGrain.SleepAsync", ex.Message);
        await Assert.ThrowsAsync<GrainCallTimeoutException>(() => first);
    }
}
