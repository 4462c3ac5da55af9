namespace AgentWatch.Storage.Tests;

/// <summary>
/// <see cref="ILogStore"/> (the alert log, agent runs): per log a gap-free sequence from 1, each event id once, reads
/// that resume after a sequence, and the property the alert log's readers rely on: whichever silos append and however
/// they race, a reader that resumes after the last sequence it saw never skips an entry.
/// </summary>
public abstract class LogStoreTests(IDatabaseTarget target) : OwnStoreTest(target)
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    [Fact]
    public async Task Sequences_start_at_1_and_are_gap_free()
    {
        var (_, store) = await NewStoresAsync();
        var log = store.Log;
        Assert.Equal(0, await log.GetLastSequenceAsync("alerts", default));
        Assert.Empty(await log.ReadAsync("alerts", 0, 100, default));

        for (var i = 1; i <= 10; i++)
        {
            var append = await log.AppendAsync("alerts", $"e{i}", T0.AddSeconds(i), Utf8($"payload {i}"), default);
            Assert.Equal(new LogAppend(i, true), append);
            Assert.Equal(i, await log.GetLastSequenceAsync("alerts", default));
        }

        var entries = await log.ReadAsync("alerts", 0, 100, default);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"e{i}"), entries.Select(e => e.EventId));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"payload {i}"), entries.Select(e => System.Text.Encoding.UTF8.GetString(e.Payload)));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => T0.AddSeconds(i)), entries.Select(e => e.Timestamp));
    }

    [Fact]
    public async Task An_event_id_appended_again_gets_its_first_sequence_back_and_adds_nothing()
    {
        var (_, store) = await NewStoresAsync();
        var log = store.Log;
        await log.AppendAsync("alerts", "a", T0, Utf8("first a"), default);
        await log.AppendAsync("alerts", "b", T0, Utf8("first b"), default);

        // Another payload and another time: the id decides, and what was appended first stays.
        var again = await log.AppendAsync("alerts", "a", T0.AddHours(1), Utf8("second a"), default);

        Assert.Equal(new LogAppend(1, false), again);
        Assert.Equal(2, await log.GetLastSequenceAsync("alerts", default));
        var entries = await log.ReadAsync("alerts", 0, 100, default);
        Assert.Equal(["a", "b"], entries.Select(e => e.EventId));
        Assert.Equal("first a", System.Text.Encoding.UTF8.GetString(entries[0].Payload));
        Assert.Equal(T0, entries[0].Timestamp);

        // The next new id continues the sequence where it was: the repeat took no number.
        Assert.Equal(new LogAppend(3, true), await log.AppendAsync("alerts", "c", T0, [], default));
    }

    [Fact]
    public async Task Reading_after_a_sequence_returns_the_later_entries_in_order_up_to_max_count()
    {
        var (_, store) = await NewStoresAsync();
        var log = store.Log;
        for (var i = 1; i <= 25; i++) await log.AppendAsync("runs", $"run-{i:D3}", T0, Utf8($"{i}"), default);

        Assert.Equal([11L, 12, 13, 14, 15], (await log.ReadAsync("runs", 10, 5, default)).Select(e => e.Sequence));
        Assert.Equal([24L, 25], (await log.ReadAsync("runs", 23, 5, default)).Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), (await log.ReadAsync("runs", 0, 1000, default)).Select(e => e.Sequence));
        Assert.Single(await log.ReadAsync("runs", 0, 1, default));
        Assert.Empty(await log.ReadAsync("runs", 25, 10, default));
        Assert.Empty(await log.ReadAsync("runs", 1000, 10, default));

        // Paging through by resuming after the last sequence seen visits every entry once, in order.
        var paged = new List<LogEntry>();
        long after = 0;
        while (await log.ReadAsync("runs", after, 4, default) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 4);
            paged.AddRange(page);
            after = page[^1].Sequence;
        }
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"run-{i:D3}"), paged.Select(e => e.EventId));
    }

    [Fact]
    public async Task Find_returns_the_entry_with_that_event_id_or_null()
    {
        var (_, store) = await NewStoresAsync();
        var log = store.Log;
        var when = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(5.5)).AddTicks(1234567);
        await log.AppendAsync("alerts", "x", T0, Utf8("x"), default);
        await log.AppendAsync("alerts", "id/with spaces+ünïcode#?", when, Utf8("y"), default);

        var found = await log.FindAsync("alerts", "id/with spaces+ünïcode#?", default);

        Assert.NotNull(found);
        Assert.Equal(2, found.Sequence);
        Assert.Equal("id/with spaces+ünïcode#?", found.EventId);
        Assert.Equal("y", System.Text.Encoding.UTF8.GetString(found.Payload));
        // Times are kept as UTC ticks on both databases: the instant comes back to the tick (the offset as UTC).
        Assert.Equal(when.UtcTicks, found.Timestamp.UtcTicks);
        Assert.Null(await log.FindAsync("alerts", "missing", default));
        Assert.Null(await log.FindAsync("other-log", "x", default));
        Assert.Null(await log.FindAsync("alerts", "X", default));
    }

    [Fact]
    public async Task Separate_logs_have_separate_sequences_and_ids()
    {
        var (_, store) = await NewStoresAsync();
        var log = store.Log;

        Assert.Equal(new LogAppend(1, true), await log.AppendAsync("alerts", "shared-id", T0, Utf8("alert"), default));
        Assert.Equal(new LogAppend(1, true), await log.AppendAsync("runs", "shared-id", T0, Utf8("run"), default));
        Assert.Equal(new LogAppend(2, true), await log.AppendAsync("alerts", "a2", T0, Utf8("alert 2"), default));
        Assert.Equal(new LogAppend(1, true), await log.AppendAsync("explanations", "e1", T0, Utf8("why"), default));
        Assert.Equal(new LogAppend(2, true), await log.AppendAsync("runs", "r2", T0, Utf8("run 2"), default));
        Assert.Equal(new LogAppend(3, true), await log.AppendAsync("alerts", "a3", T0, Utf8("alert 3"), default));

        Assert.Equal(3, await log.GetLastSequenceAsync("alerts", default));
        Assert.Equal(2, await log.GetLastSequenceAsync("runs", default));
        Assert.Equal(1, await log.GetLastSequenceAsync("explanations", default));
        Assert.Equal(0, await log.GetLastSequenceAsync("nothing", default));
        Assert.Equal(["shared-id", "a2", "a3"], (await log.ReadAsync("alerts", 0, 10, default)).Select(e => e.EventId));
        Assert.Equal(["shared-id", "r2"], (await log.ReadAsync("runs", 0, 10, default)).Select(e => e.EventId));
        Assert.Equal("run", System.Text.Encoding.UTF8.GetString((await log.FindAsync("runs", "shared-id", default))!.Payload));
        Assert.Equal("alert", System.Text.Encoding.UTF8.GetString((await log.FindAsync("alerts", "shared-id", default))!.Payload));
    }

    [Fact]
    public async Task Payload_bytes_round_trip_exactly_from_empty_to_a_megabyte()
    {
        var (database, store) = await NewStoresAsync();
        var log = store.Log;
        var payloads = new Dictionary<string, byte[]>
        {
            ["empty"] = [],
            ["zero"] = [0],
            ["every byte value"] = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(),
            ["not utf-8"] = [0xC3, 0x28, 0xFF, 0xFE, 0x00, 0x00, 0xED, 0xA0, 0x80],
            ["one megabyte"] = Bytes(1 << 20, seed: 7),
            ["empty again"] = [],
        };
        foreach (var (id, payload) in payloads) await log.AppendAsync("blobs", id, T0, payload, default);

        var read = await log.ReadAsync("blobs", 0, 100, default);
        Assert.Equal(payloads.Keys, read.Select(e => e.EventId));
        foreach (var entry in read) Assert.Equal(payloads[entry.EventId], entry.Payload);
        foreach (var (id, payload) in payloads) Assert.Equal(payload, (await log.FindAsync("blobs", id, default))!.Payload);

        // And through a store instance that did not write them.
        await using var other = StoreInstance.Open(database);
        foreach (var entry in await other.Log.ReadAsync("blobs", 0, 100, default)) Assert.Equal(payloads[entry.EventId], entry.Payload);
    }

    [Fact]
    public async Task Appends_racing_from_two_silos_are_gap_free_and_a_resuming_reader_never_skips_one()
    {
        const int Writers = 16;
        const int PerWriter = 20;
        const int Total = Writers * PerWriter;
        var (_, stores) = await TwoSilosAsync();
        var appended = new (string Id, LogAppend Append)[Total];
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Writers: half on each silo, each appending its own ids one after another, all released together.
        var writers = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            await start.Task;
            for (var k = 0; k < PerWriter; k++)
            {
                var id = $"w{w:D2}-{k:D2}";
                appended[w * PerWriter + k] = (id, await stores[w % 2].Log.AppendAsync("alerts", id, T0.AddTicks(w * 1000 + k), Utf8(id), default));
            }
        })));
        // Readers, one on each silo, following the log while it grows: each resumes after the last sequence it saw.
        var readers = stores.Select(s => Task.Run(async () =>
        {
            await start.Task;
            return await FollowAsync(s.Log, "alerts", writers);
        })).ToArray();
        start.SetResult();
        await writers;
        var followed = await Task.WhenAll(readers);

        Assert.All(appended, a => Assert.True(a.Append.IsNew, $"{a.Id} was reported as already there."));
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), appended.Select(a => a.Append.Sequence).Order());
        var all = await stores[0].Log.ReadAsync("alerts", 0, Total + 10, default);
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(appended.Select(a => a.Id).Order(StringComparer.Ordinal), all.Select(e => e.EventId).Order(StringComparer.Ordinal));
        // Each id sits at the sequence its append was given, with its own payload.
        var bySequence = all.ToDictionary(e => e.Sequence);
        Assert.All(appended, a =>
        {
            Assert.Equal(a.Id, bySequence[a.Append.Sequence].EventId);
            Assert.Equal(a.Id, System.Text.Encoding.UTF8.GetString(bySequence[a.Append.Sequence].Payload));
        });
        Assert.Equal(Total, await stores[0].Log.GetLastSequenceAsync("alerts", default));
        Assert.Equal(Total, await stores[1].Log.GetLastSequenceAsync("alerts", default));

        foreach (var (seen, readsWhileWriting) in followed)
        {
            // The union of what the reader saw is exactly 1..N in order: had a higher sequence become visible before a
            // lower one, the reader would have resumed past the lower one and never seen it.
            Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), seen.Select(e => e.Sequence));
            Assert.Equal(all.Select(e => e.EventId), seen.Select(e => e.EventId));
            // The reads really overlapped the appends (else this test proved nothing about readers).
            Assert.True(readsWhileWriting > 1, $"The reader saw the log grow only {readsWhileWriting} times while the appends ran.");
        }
    }

    [Fact]
    public async Task The_same_event_id_racing_from_two_silos_is_appended_once()
    {
        const int Ids = 24;
        const int RacersPerId = 4;
        var (_, stores) = await TwoSilosAsync();

        // Every id is appended by four racers, two on each silo, each with a payload of its own.
        var results = await RaceAsync(Ids * RacersPerId, async i =>
        {
            var id = $"dup-{i % Ids:D2}";
            var payload = Utf8($"{id} from racer {i}");
            var append = await stores[i % 2].Log.AppendAsync("alerts", id, T0, payload, default);
            return (Id: id, Payload: payload, Append: append);
        });

        var all = await stores[1].Log.ReadAsync("alerts", 0, 1000, default);
        Assert.Equal(Enumerable.Range(1, Ids).Select(i => (long)i), all.Select(e => e.Sequence));
        foreach (var group in results.GroupBy(r => r.Id))
        {
            var winner = Assert.Single(group, r => r.Append.IsNew);
            Assert.All(group, r => Assert.Equal(winner.Append.Sequence, r.Append.Sequence));
            var entry = Assert.Single(all, e => e.EventId == group.Key);
            Assert.Equal(winner.Append.Sequence, entry.Sequence);
            Assert.Equal(winner.Payload, entry.Payload);
        }
        // A lost race took no number: the next id gets the next sequence.
        Assert.Equal(new LogAppend(Ids + 1, true), await stores[0].Log.AppendAsync("alerts", "after", T0, [], default));
    }

    /// <summary>
    /// Reads the log from the start as a follower does, resuming after the last sequence seen, until the writers are done
    /// and a read after that finds nothing more. Also counts the reads that found entries while the writers still ran.
    /// </summary>
    private static async Task<(List<LogEntry> Seen, int ReadsWhileWriting)> FollowAsync(ILogStore log, string name, Task writers)
    {
        var seen = new List<LogEntry>();
        var readsWhileWriting = 0;
        long after = 0;
        while (true)
        {
            var writersDone = writers.IsCompleted;
            var page = await log.ReadAsync(name, after, 7, default);
            if (page.Count > 0)
            {
                if (!writers.IsCompleted) readsWhileWriting++;
                seen.AddRange(page);
                after = page[^1].Sequence;
            }
            else if (writersDone)
            {
                return (seen, readsWhileWriting);
            }
            else
            {
                await Task.Yield();
            }
        }
    }
}

public sealed class SqliteLogStoreTests() : LogStoreTests(new SqliteTarget());

public sealed class PostgresLogStoreTests(PostgresFixture server)
    : LogStoreTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>;
