namespace AgentWatch.Storage.Tests;

/// <summary>
/// <see cref="ISignalIndex"/>: every signal id claimed once, by whoever came first, and every claim of it answered
/// with what was stored first, however many silos race for it.
/// </summary>
public abstract class SignalIndexTests(IDatabaseTarget target) : OwnStoreTest(target)
{
    /// <summary>A time with ticks below the microsecond, in a zone far from UTC.</summary>
    private static readonly DateTimeOffset Recorded = new DateTimeOffset(2025, 6, 30, 23, 59, 58, TimeSpan.FromHours(-9.5)).AddTicks(1_234_567);

    /// <summary>
    /// How finely the database keeps <see cref="IndexedSignal.RecordedAt"/>: SQLite keeps .NET ticks (100 ns), PostgreSQL's
    /// timestamptz keeps microseconds.
    /// </summary>
    protected abstract TimeSpan RecordedAtPrecision { get; }

    /// <summary>
    /// <paramref name="kept"/> is <paramref name="time"/> as the database keeps it: a whole number of its precision, less
    /// than one of them away (Npgsql truncates toward PostgreSQL's epoch, 2000-01-01, so earlier times move up).
    /// </summary>
    private void AssertKept(DateTimeOffset time, DateTimeOffset kept)
    {
        Assert.Equal(0, kept.UtcTicks % RecordedAtPrecision.Ticks);
        Assert.True((time - kept).Duration() < RecordedAtPrecision, $"{time:O} was kept as {kept:O}.");
    }

    [Fact]
    public async Task A_new_id_is_claimed_and_its_entry_stored()
    {
        var (_, store) = await NewStoresAsync();
        var entry = new IndexedSignal("sig-1", "company/ACME", Utf8("{\"kind\":\"filing\"}"), Recorded);

        var claim = Assert.Single(await store.Signals.ClaimAsync([entry], default));

        Assert.True(claim.IsNew);
        AssertStored(entry, claim.Stored);
        AssertStored(entry, await store.Signals.GetAsync("sig-1", default));
    }

    [Fact]
    public async Task Entries_are_found_by_bytes_their_payload_holds_whatever_else_it_holds()
    {
        var (_, store) = await NewStoresAsync();
        await store.Signals.ClaimAsync([
            new IndexedSignal("p-2", "company/ACME", Utf8("{\"source\":{\"file\":\"ACME.csv\"}}"), Recorded),
            new IndexedSignal("p-1", "company/ACME", Utf8("{\"source\":{\"file\":\"ACME.csv\",\"item\":\"line 3\"}}"), Recorded),
            new IndexedSignal("other", "company/ACME", Utf8("{\"source\":{\"file\":\"ACME.csv.bak\"}}"), Recorded),
            new IndexedSignal("not-json", "company/ACME", [0xFF, 0x00, 0xFE], Recorded),
        ], default);

        var found = await store.Signals.ContainingAsync(Utf8("\"file\":\"ACME.csv\""), default);

        Assert.Equal(["p-1", "p-2"], found.Select(f => f.Id).Order(StringComparer.Ordinal));
        AssertStored(new IndexedSignal("p-1", "company/ACME", Utf8("{\"source\":{\"file\":\"ACME.csv\",\"item\":\"line 3\"}}"), Recorded), found.Single(f => f.Id == "p-1"));
        Assert.Empty(await store.Signals.ContainingAsync(Utf8("\"file\":\"NONE.csv\""), default));
    }

    [Fact]
    public async Task The_same_id_again_returns_what_was_stored_first_whatever_the_second_entry_says()
    {
        var (_, store) = await NewStoresAsync();
        var first = new IndexedSignal("sig-1", "company/ACME", Utf8("first"), Recorded);
        await store.Signals.ClaimAsync([first], default);

        var second = new IndexedSignal("sig-1", "market/XNYS", Utf8("second, and longer"), Recorded.AddDays(1));
        var claim = Assert.Single(await store.Signals.ClaimAsync([second], default));
        // An identical repeat is no different.
        var repeat = Assert.Single(await store.Signals.ClaimAsync([first with { Payload = Utf8("first") }], default));

        Assert.False(claim.IsNew);
        AssertStored(first, claim.Stored);
        Assert.False(repeat.IsNew);
        AssertStored(first, repeat.Stored);
        AssertStored(first, await store.Signals.GetAsync("sig-1", default));
    }

    [Fact]
    public async Task A_batch_answers_each_entry_in_order_and_claims_a_repeated_id_once()
    {
        var (_, store) = await NewStoresAsync();
        var existing = new IndexedSignal("old", "company/OLD", Utf8("old"), Recorded);
        await store.Signals.ClaimAsync([existing], default);
        var batch = new[]
        {
            new IndexedSignal("b", "company/B", Utf8("b first"), Recorded),
            new IndexedSignal("a", "company/A", Utf8("a"), Recorded.AddSeconds(1)),
            new IndexedSignal("old", "company/NEW", Utf8("not old"), Recorded.AddSeconds(2)),
            new IndexedSignal("b", "company/B2", Utf8("b second"), Recorded.AddSeconds(3)),
            new IndexedSignal("c", "company/C", [], Recorded.AddSeconds(4)),
            new IndexedSignal("b", "company/B3", Utf8("b third"), Recorded.AddSeconds(5)),
        };

        var claims = await store.Signals.ClaimAsync(batch, default);

        Assert.Equal([true, true, false, false, true, false], claims.Select(c => c.IsNew));
        AssertStored(batch[0], claims[0].Stored);
        AssertStored(batch[1], claims[1].Stored);
        AssertStored(existing, claims[2].Stored);
        AssertStored(batch[0], claims[3].Stored);
        AssertStored(batch[4], claims[4].Stored);
        AssertStored(batch[0], claims[5].Stored);
        AssertStored(batch[0], await store.Signals.GetAsync("b", default));
        AssertStored(batch[4], await store.Signals.GetAsync("c", default));
        Assert.Empty(await store.Signals.ClaimAsync([], default));
    }

    [Fact]
    public async Task Get_returns_the_stored_entry_or_null()
    {
        var (_, store) = await NewStoresAsync();
        var entries = new[]
        {
            new IndexedSignal("sig/with spaces+ünïcode#?", "company/Ünï", Utf8("u"), Recorded),
            new IndexedSignal("empty-payload", "company/E", [], Recorded),
            new IndexedSignal("megabyte", "company/M", Bytes(1 << 20, seed: 11), Recorded),
        };
        await store.Signals.ClaimAsync(entries, default);

        foreach (var entry in entries) AssertStored(entry, await store.Signals.GetAsync(entry.Id, default));
        Assert.Null(await store.Signals.GetAsync("missing", default));
        Assert.Null(await store.Signals.GetAsync("SIG/WITH SPACES+ÜNÏCODE#?", default));
    }

    [Fact]
    public async Task RecordedAt_round_trips_to_the_precision_the_database_keeps()
    {
        var (database, store) = await NewStoresAsync();
        var times = new[]
        {
            Recorded,
            new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.FromHours(14)).AddTicks(9_999_999),
            new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(1),
            new DateTimeOffset(2038, 1, 19, 3, 14, 8, TimeSpan.FromMinutes(-150)).AddTicks(10),
        };
        var entries = times.Select((t, i) => new IndexedSignal($"t{i}", "company/T", Utf8($"{i}"), t)).ToArray();
        var claims = await store.Signals.ClaimAsync(entries, default);
        await using var other = StoreInstance.Open(database);

        for (var i = 0; i < times.Length; i++)
        {
            Assert.True(claims[i].IsNew);
            var read = await other.Signals.GetAsync($"t{i}", default);
            Assert.NotNull(read);
            AssertKept(times[i], read.RecordedAt);
            // What the claim answered is what is stored: the same instant a later read gives.
            Assert.Equal(read.RecordedAt, claims[i].Stored.RecordedAt);
        }
    }

    [Fact]
    public async Task Claims_racing_on_the_same_ids_from_two_silos_store_each_id_once_and_agree_on_it()
    {
        const int Ids = 60;
        const int Racers = 16;
        var (_, stores) = await TwoSilosAsync(fastDeadlockDetection: true);

        // Every racer (half on each silo) claims every id, in an order of its own and in batches of its own sizes, each
        // with an entry that says it came from that racer.
        var claims = await RaceAsync(Racers, async r =>
        {
            var random = new Random(r);
            var order = Enumerable.Range(0, Ids).OrderBy(_ => random.Next()).ToList();
            var answered = new List<(IndexedSignal Entry, SignalIdClaim Claim)>();
            for (var at = 0; at < order.Count;)
            {
                var size = Math.Min(random.Next(1, 16), order.Count - at);
                var batch = order.Skip(at).Take(size)
                    .Select(i => new IndexedSignal($"sig-{i:D2}", $"home-of-racer-{r}", Utf8($"sig-{i:D2} from racer {r}"), Recorded.AddTicks(r * 7 + 1)))
                    .ToList();
                var result = await stores[r % 2].Signals.ClaimAsync(batch, default);
                Assert.Equal(batch.Count, result.Count);
                answered.AddRange(batch.Zip(result));
                at += size;
            }
            return answered;
        });

        foreach (var group in claims.SelectMany(c => c).GroupBy(c => c.Entry.Id))
        {
            Assert.Equal(Racers, group.Count());
            var winner = Assert.Single(group, c => c.Claim.IsNew);
            var stored = await stores[0].Signals.GetAsync(group.Key, default);
            AssertStored(winner.Entry, stored);
            AssertStored(winner.Entry, await stores[1].Signals.GetAsync(group.Key, default));
            // Every racer, winner or not, was answered with exactly what is stored.
            Assert.All(group, c => AssertSame(stored!, c.Claim.Stored));
        }
    }

    [Fact]
    public async Task Batches_claiming_the_same_ids_in_opposite_orders_from_two_silos_all_succeed()
    {
        const int Rounds = 8;
        const int Ids = 40;
        var (_, stores) = await TwoSilosAsync();

        for (var round = 0; round < Rounds; round++)
        {
            // Two silos ingesting the same signals, one file read forwards and the other backwards: each claim takes
            // the ids in its own order, which, done naively, is the textbook deadlock.
            var ids = Enumerable.Range(0, Ids).Select(i => $"r{round}-sig-{i:D2}").ToList();
            var claims = await RaceAsync(2, s =>
            {
                var order = s == 0 ? ids : Enumerable.Reverse(ids).ToList();
                return stores[s].Signals.ClaimAsync(order.Select(id => new IndexedSignal(id, $"silo-{s}", Utf8($"{id} via silo {s}"), Recorded)).ToList(), default);
            });

            foreach (var id in ids)
            {
                var answers = claims.SelectMany(c => c).Where(c => c.Stored.Id == id).ToList();
                Assert.Equal(2, answers.Count);
                var winner = Assert.Single(answers, a => a.IsNew);
                Assert.All(answers, a => AssertSame(winner.Stored, a.Stored));
                AssertSame(winner.Stored, (await stores[round % 2].Signals.GetAsync(id, default))!);
            }
        }
    }

    [Fact]
    public async Task Claims_batched_together_on_one_silo_racing_a_claim_of_many_ids_on_another_all_succeed()
    {
        const int Rounds = 10;
        const int Ids = 30;
        // Deadlocks are expected here, and handled: PostgreSQL need not wait its default second to notice each one.
        var (_, stores) = await TwoSilosAsync(fastDeadlockDetection: true);

        for (var round = 0; round < Rounds; round++)
        {
            var ids = Enumerable.Range(0, Ids).Select(i => $"r{round}-sig-{i:D2}").ToList();
            // One silo claims the ids one by one, all at once and highest first, so that its claims travel together, in
            // that order, in one batch (several claims: no single claim's order decides it); the other claims them all
            // in one call.
            var claims = await RaceAsync(2, async s =>
            {
                if (s == 1) return await stores[1].Signals.ClaimAsync(ids.Select(id => Entry(id, 1)).ToList(), default);
                var singles = Enumerable.Reverse(ids).Select(id => stores[0].Signals.ClaimAsync([Entry(id, 0)], default)).ToList();
                return (await Task.WhenAll(singles)).SelectMany(c => c).ToList();
            });

            foreach (var id in ids)
            {
                var answers = claims.SelectMany(c => c).Where(c => c.Stored.Id == id).ToList();
                Assert.Equal(2, answers.Count);
                var winner = Assert.Single(answers, a => a.IsNew);
                Assert.All(answers, a => AssertSame(winner.Stored, a.Stored));
            }
        }

        static IndexedSignal Entry(string id, int silo) => new(id, $"silo-{silo}", Utf8($"{id} via silo {silo}"), Recorded);
    }

    /// <summary><paramref name="actual"/> is <paramref name="entry"/> as the database keeps it.</summary>
    private void AssertStored(IndexedSignal entry, IndexedSignal? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(entry.Id, actual.Id);
        Assert.Equal(entry.Home, actual.Home);
        Assert.Equal(entry.Payload, actual.Payload);
        AssertKept(entry.RecordedAt, actual.RecordedAt);
    }

    private static void AssertSame(IndexedSignal expected, IndexedSignal actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Home, actual.Home);
        Assert.Equal(expected.Payload, actual.Payload);
        Assert.Equal(expected.RecordedAt.UtcTicks, actual.RecordedAt.UtcTicks);
    }
}

public sealed class SqliteSignalIndexTests() : SignalIndexTests(new SqliteTarget())
{
    protected override TimeSpan RecordedAtPrecision => TimeSpan.FromTicks(1);
}

public sealed class PostgresSignalIndexTests(PostgresFixture server)
    : SignalIndexTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>
{
    protected override TimeSpan RecordedAtPrecision => TimeSpan.FromMicroseconds(1);
}
