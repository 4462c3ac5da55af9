using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Runtime.Tests;

/// <summary>
/// The guarantees every storage provider must keep, run against each provider (as Orleans' MembershipTableTestsBase
/// does): ETag and version checks, durable reads after restart, stream sequences, resumable subscriptions, reminders.
/// </summary>
public abstract class StorageConformanceTests : IDisposable
{
    protected TempDirectory Temp { get; } = new();

    /// <summary>Null for in-memory storage; a file path for storage that survives a restart.</summary>
    protected abstract string? DatabasePath { get; }

    protected bool Durable => DatabasePath is not null;

    private Task<TestSilo> StartAsync(LifecycleLog? log = null) => TestSilo.StartAsync(DatabasePath, log: log);

    public void Dispose() => Temp.Dispose();

    [Fact]
    public async Task State_writes_are_versioned_and_a_stale_writer_is_refused()
    {
        await using var silo = await StartAsync();
        var storage = silo.Services.GetRequiredService<IGrainStorage>();
        var key = new GrainStateKey("t", "k", "s");

        Assert.Null(await storage.ReadAsync(key, default));
        var v1 = await storage.WriteAsync(key, [1], null, default);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(key, [9], null, default));
        var v2 = await storage.WriteAsync(key, [2], v1, default);
        Assert.NotEqual(v1, v2);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync(key, [3], v1, default));
        Assert.Contains($"expected version {v1}", conflict.Message);

        var stored = await storage.ReadAsync(key, default);
        Assert.Equal([2], stored!.Payload);
        Assert.Equal(v2, stored.Etag);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync(key, v1, default));
        await storage.ClearAsync(key, v2, default);
        Assert.Null(await storage.ReadAsync(key, default));
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        await using var silo = await StartAsync();
        var storage = silo.Services.GetRequiredService<IGrainStorage>();
        var key = new GrainStateKey("t", "race", "s");
        var v1 = await storage.WriteAsync(key, [0], null, default);

        var attempts = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
        {
            try
            {
                await storage.WriteAsync(key, [(byte)i], v1, default);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }));
        Assert.Single(attempts, won => won);
    }

    [Fact]
    public async Task Event_log_appends_are_conditional_on_the_version()
    {
        await using var silo = await StartAsync();
        var log = silo.Services.GetRequiredService<IEventLogStorage>();
        var key = new GrainStateKey("t", "log", "events");
        await log.AppendAsync(key, 0, [[1], [2]], default);
        await Assert.ThrowsAsync<InconsistentStateException>(() => log.AppendAsync(key, 0, [[9]], default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => log.AppendAsync(key, 5, [[9]], default));
        await log.AppendAsync(key, 2, [[3]], default);
        Assert.Equal([[1], [2], [3]], await log.ReadAsync(key, 0, default));
        Assert.Equal([[3]], await log.ReadAsync(key, 2, default));
    }

    [Fact]
    public async Task Grain_state_and_journals_survive_a_restart_of_the_silo()
    {
        if (!Durable) return;
        await using (var silo = await StartAsync())
        {
            await silo.Grains.GetGrain<ICounterGrain>("kept").IncrementAsync();
            await silo.Grains.GetGrain<ICounterGrain>("kept").IncrementAsync();
            await silo.Grains.GetGrain<IJournalGrain>("j").AddAsync("capex", "puts");
            await silo.Grains.GetGrain<IJournalGrain>("j").AddAsync("loop");
        }
        await using (var silo = await StartAsync())
        {
            Assert.Equal(2, await silo.Grains.GetGrain<ICounterGrain>("kept").GetAsync());
            var (version, notes) = await silo.Grains.GetGrain<IJournalGrain>("j").GetAsync();
            Assert.Equal(3, version);
            Assert.Equal(["capex", "puts", "loop"], notes);
        }
    }

    [Fact]
    public async Task Journal_events_raised_but_not_confirmed_are_not_kept()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IJournalGrain>("tentative");
        await grain.AddAsync("confirmed");
        await grain.AddWithoutConfirmAsync("tentative");
        Assert.Equal(2, (await grain.GetAsync()).Notes.Count);
        Assert.Equal(1, (await grain.GetAsync()).Version);
    }

    [Fact]
    public async Task Stream_sequences_are_gap_free_appends_are_idempotent_by_event_id_and_reads_resume_anywhere()
    {
        await using var silo = await StartAsync();
        var stream = silo.Services.GetRequiredService<IStreamProvider>().GetStream<string>("alerts");
        var appended = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => stream.AppendAsync($"e{i}", $"payload {i}")));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), appended.Select(a => a.Sequence).Order());
        Assert.All(appended, a => Assert.True(a.IsNew));

        var again = await stream.AppendAsync("e7", "different payload");
        Assert.False(again.IsNew);
        Assert.Equal(appended.Single(a => a.Sequence == again.Sequence).Sequence, again.Sequence);
        Assert.Equal(50, await stream.GetLastSequenceAsync());

        var tail = await stream.ReadAsync(45, 100);
        Assert.Equal([46L, 47, 48, 49, 50], tail.Select(e => e.Sequence));
        Assert.DoesNotContain(tail, e => e.Payload == "different payload");
    }

    [Fact]
    public async Task A_subscriber_gets_stored_events_then_live_ones_each_exactly_once_in_order()
    {
        await using var silo = await StartAsync();
        var stream = silo.Services.GetRequiredService<IStreamProvider>().GetStream<int>("live");
        for (var i = 1; i <= 5; i++) await stream.AppendAsync($"e{i}", i);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = new List<StreamEvent<int>>();
        var subscriber = Task.Run(async () =>
        {
            await foreach (var e in stream.SubscribeAsync(2, cts.Token))
            {
                received.Add(e);
                if (received.Count == 13) break;
            }
        });
        // Live appends race with the catch-up read; duplicates of already-stored ids must not show up.
        var writers = Enumerable.Range(6, 10).Select(i => Task.Run(() => stream.AppendAsync($"e{i}", i))).ToList();
        writers.Add(stream.AppendAsync("e3", 3));
        await Task.WhenAll(writers);
        await subscriber;

        Assert.Equal(Enumerable.Range(3, 13).Select(i => (long)i), received.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(3, 13).ToHashSet(), received.Select(e => e.Payload).ToHashSet());
    }

    [Fact]
    public async Task A_reminder_fires_on_its_grain_and_keeps_firing()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IReminderTestGrain>("r");
        await grain.StartAsync(dueMs: 50, periodMs: 100);
        await Eventually.TrueAsync(async () => await grain.TicksAsync() >= 3, "the reminder fires three times");
        await grain.StopAsync();
    }

    [Fact]
    public async Task A_reminder_survives_a_restart_fires_the_missed_tick_once_and_not_again()
    {
        if (!Durable) return;
        await using (var silo = await StartAsync())
        {
            // Due after the silo is gone: only the stored reminder can make it fire.
            await silo.Grains.GetGrain<IReminderTestGrain>("daily").StartAsync(dueMs: 300, periodMs: 3_600_000);
        }
        await Task.Delay(400);

        var log = new LifecycleLog();
        await using (var silo = await StartAsync(log))
        {
            var grain = silo.Grains.GetGrain<IReminderTestGrain>("daily");
            await Eventually.TrueAsync(async () => await grain.TicksAsync() == 1, "the missed tick is delivered after the restart");
            await Task.Delay(300);
            Assert.Equal(1, await grain.TicksAsync());
        }

        await using (var silo = await StartAsync())
        {
            await Task.Delay(400);
            Assert.Equal(1, await silo.Grains.GetGrain<IReminderTestGrain>("daily").TicksAsync());
        }
    }
}

public sealed class InMemoryStorageConformanceTests : StorageConformanceTests
{
    protected override string? DatabasePath => null;
}

public sealed class SqliteStorageConformanceTests : StorageConformanceTests
{
    protected override string? DatabasePath => Temp.File("agentwatch.db");
}
