namespace AgentWatch.Storage.Tests;

/// <summary>
/// <see cref="IJournalStore"/> (the journals of event-sourced grains): appends guarded by the version the writer read,
/// so that of two writers at the same version exactly one lands, whole, and the other writes nothing.
/// </summary>
public abstract class JournalStoreTests(IDatabaseTarget target) : OwnStoreTest(target)
{
    private const string Timeline = "company-timeline";

    [Fact]
    public async Task Appends_at_the_returned_length_and_reads_back_in_order()
    {
        var (_, store) = await NewStoresAsync();
        var journal = store.Journal;
        Assert.Empty(await journal.ReadAsync(Timeline, "ACME", default));

        Assert.True(await journal.AppendAsync(Timeline, "ACME", 0, [Utf8("e1"), Utf8("e2")], default));
        Assert.True(await journal.AppendAsync(Timeline, "ACME", 2, [Utf8("e3")], default));
        Assert.True(await journal.AppendAsync(Timeline, "ACME", 3, [Utf8("e4"), [], Bytes(1 << 20, seed: 3), Utf8("e7")], default));

        var events = await journal.ReadAsync(Timeline, "ACME", default);
        Assert.Equal(7, events.Count);
        Assert.Equal(["e1", "e2", "e3", "e4"], events.Take(4).Select(e => System.Text.Encoding.UTF8.GetString(e)));
        Assert.Empty(events[4]);
        Assert.Equal(Bytes(1 << 20, seed: 3), events[5]);
        Assert.Equal("e7", System.Text.Encoding.UTF8.GetString(events[6]));
    }

    [Fact]
    public async Task Many_appends_read_back_in_version_order_not_insertion_or_byte_order()
    {
        var (_, store) = await NewStoresAsync();
        var journal = store.Journal;
        // Payloads whose byte order is the reverse of their version order.
        var expected = Enumerable.Range(0, 120).Select(i => new[] { (byte)(255 - i), (byte)i }).ToList();
        var version = 0;
        foreach (var chunk in expected.Chunk(7))
        {
            Assert.True(await journal.AppendAsync(Timeline, "ordered", version, chunk, default));
            version += chunk.Length;
        }

        Assert.Equal(expected, await journal.ReadAsync(Timeline, "ordered", default));
    }

    [Fact]
    public async Task An_append_at_a_stale_or_future_version_returns_false_and_writes_nothing()
    {
        var (database, store) = await NewStoresAsync();
        var journal = store.Journal;
        Assert.True(await journal.AppendAsync(Timeline, "ACME", 0, [Utf8("e1"), Utf8("e2"), Utf8("e3")], default));
        var before = await database.FingerprintAsync();

        Assert.False(await journal.AppendAsync(Timeline, "ACME", 0, [Utf8("stale 0")], default));
        Assert.False(await journal.AppendAsync(Timeline, "ACME", 2, [Utf8("stale 2a"), Utf8("stale 2b"), Utf8("stale 2c")], default));
        // Ahead of the journal: appending would leave a hole, which is no less wrong.
        Assert.False(await journal.AppendAsync(Timeline, "ACME", 4, [Utf8("future")], default));
        Assert.False(await journal.AppendAsync(Timeline, "empty", 1, [Utf8("future on empty")], default));
        // Appending no events is a check of the version and nothing more.
        Assert.False(await journal.AppendAsync(Timeline, "ACME", 1, [], default));
        Assert.False(await journal.AppendAsync(Timeline, "ACME", 5, [], default));
        Assert.True(await journal.AppendAsync(Timeline, "ACME", 3, [], default));

        Assert.Equal(before, await database.FingerprintAsync());
        Assert.Equal(["e1", "e2", "e3"], (await journal.ReadAsync(Timeline, "ACME", default)).Select(e => System.Text.Encoding.UTF8.GetString(e)));
        Assert.Empty(await journal.ReadAsync(Timeline, "empty", default));
        // The current version still appends.
        Assert.True(await journal.AppendAsync(Timeline, "ACME", 3, [Utf8("e4")], default));
        Assert.Equal(4, (await journal.ReadAsync(Timeline, "ACME", default)).Count);
    }

    [Fact]
    public async Task Journals_of_different_grains_are_independent()
    {
        var (_, store) = await NewStoresAsync();
        var journal = store.Journal;

        Assert.True(await journal.AppendAsync(Timeline, "ACME", 0, [Utf8("acme 1"), Utf8("acme 2")], default));
        // The same key under another grain type, and another key under the same type, each start at version 0.
        Assert.True(await journal.AppendAsync("filer-timeline", "ACME", 0, [Utf8("filer 1")], default));
        Assert.True(await journal.AppendAsync(Timeline, "GLOBEX", 0, [Utf8("globex 1")], default));
        Assert.True(await journal.AppendAsync(Timeline, "acme", 0, [Utf8("lower-case acme 1")], default));
        Assert.False(await journal.AppendAsync("filer-timeline", "ACME", 2, [Utf8("no")], default));
        Assert.True(await journal.AppendAsync("filer-timeline", "ACME", 1, [Utf8("filer 2")], default));
        Assert.True(await journal.AppendAsync(Timeline, "ACME", 2, [Utf8("acme 3")], default));

        Assert.Equal(["acme 1", "acme 2", "acme 3"], await TextAsync(journal, Timeline, "ACME"));
        Assert.Equal(["filer 1", "filer 2"], await TextAsync(journal, "filer-timeline", "ACME"));
        Assert.Equal(["globex 1"], await TextAsync(journal, Timeline, "GLOBEX"));
        Assert.Equal(["lower-case acme 1"], await TextAsync(journal, Timeline, "acme"));
        Assert.Empty(await journal.ReadAsync("market-timeline", "ACME", default));
    }

    [Fact]
    public async Task Writers_racing_at_the_same_version_from_two_silos_leave_exactly_one_writers_events_whole()
    {
        const int Rounds = 30;
        const int Contenders = 4;
        const int Bystanders = 8;
        var (_, stores) = await TwoSilosAsync();
        var expected = new List<string>();
        var bystanderVersions = new int[Bystanders];
        var wins = new int[Contenders];

        for (var round = 0; round < Rounds; round++)
        {
            var version = expected.Count;
            // Contenders (half on each silo) append to the same journal at the same version, each a different number of
            // events; bystanders append to journals of their own on the same silos, released at the same moment, so
            // that they travel in the same batches as the contenders.
            var outcomes = await RaceAsync(Contenders + Bystanders, i =>
            {
                var store = stores[i % 2];
                if (i < Contenders)
                    return store.Journal.AppendAsync(Timeline, "contested", version, ContenderEvents(round, i), default);
                var b = i - Contenders;
                return store.Journal.AppendAsync(Timeline, $"bystander-{b}", bystanderVersions[b], [Utf8($"bystander {b} round {round}")], default);
            });

            var winners = Enumerable.Range(0, Contenders).Where(c => outcomes[c]).ToList();
            var winner = Assert.Single(winners);
            wins[winner]++;
            expected.AddRange(ContenderEvents(round, winner).Select(e => System.Text.Encoding.UTF8.GetString(e)));
            Assert.Equal(expected, await TextAsync(stores[round % 2].Journal, Timeline, "contested"));
            for (var b = 0; b < Bystanders; b++)
            {
                Assert.True(outcomes[Contenders + b], $"Round {round}: bystander {b} (at its current version) was refused.");
                bystanderVersions[b]++;
            }
        }

        for (var b = 0; b < Bystanders; b++)
            Assert.Equal(Enumerable.Range(0, Rounds).Select(r => $"bystander {b} round {r}"), await TextAsync(stores[b % 2].Journal, Timeline, $"bystander-{b}"));
    }

    [Fact]
    public async Task Writers_racing_on_one_silo_leave_exactly_one_writers_events_whole()
    {
        const int Rounds = 20;
        const int Contenders = 6;
        var (_, store) = await NewStoresAsync();
        var expected = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            var version = expected.Count;
            var outcomes = await RaceAsync(Contenders, i => store.Journal.AppendAsync(Timeline, "contested", version, ContenderEvents(round, i), default));

            var winner = Assert.Single(Enumerable.Range(0, Contenders), c => outcomes[c]);
            expected.AddRange(ContenderEvents(round, winner).Select(e => System.Text.Encoding.UTF8.GetString(e)));
            Assert.Equal(expected, await TextAsync(store.Journal, Timeline, "contested"));
        }
    }

    /// <summary>Contender <paramref name="c"/>'s events in a round: c + 1 of them, so that a mix of two writers shows.</summary>
    private static byte[][] ContenderEvents(int round, int c) =>
        Enumerable.Range(0, c + 1).Select(k => Utf8($"round {round} contender {c} event {k}")).ToArray();

    private static async Task<IReadOnlyList<string>> TextAsync(IJournalStore journal, string grainType, string grainKey) =>
        (await journal.ReadAsync(grainType, grainKey, default)).Select(e => System.Text.Encoding.UTF8.GetString(e)).ToList();
}

public sealed class SqliteJournalStoreTests() : JournalStoreTests(new SqliteTarget());

public sealed class PostgresJournalStoreTests(PostgresFixture server)
    : JournalStoreTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>;
