using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace AgentWatch.Storage.Tests;

/// <summary>
/// Orleans' ADO.NET reminder table (from <c>UseAdoNetReminderService</c>) on our schema: upserts and their ETags, reads
/// by grain and by hash range on the (unsigned, wrapping) ring, and removals guarded by the ETag.
/// </summary>
public abstract class ReminderTableTests(IDatabaseTarget target) : ConformanceTest(target)
{
    private async Task<IReminderTable> TableAsync(TestDatabase database, ClusterIdentity? identity = null)
    {
        var table = Silo(database, identity ?? ClusterIdentity.New()).Services.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }

    [Fact]
    public async Task An_upserted_reminder_reads_back_whole()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database);
        var reminder = NewReminder(NewGrain(), "name/with\\odd#chars?ü", TimeSpan.FromMinutes(3));

        var etag = await table.UpsertRow(reminder);

        Assert.False(string.IsNullOrEmpty(etag));
        var read = await table.ReadRow(reminder.GrainId, reminder.ReminderName);
        Assert.NotNull(read);
        Assert.Equal(reminder.GrainId, read.GrainId);
        Assert.Equal(reminder.ReminderName, read.ReminderName);
        Assert.Equal(reminder.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(reminder.Period, read.Period);
        Assert.Equal(etag, read.ETag);
        Assert.Null(await table.ReadRow(reminder.GrainId, "no such reminder"));
    }

    [Fact]
    public async Task A_period_beyond_int_milliseconds_survives()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database);
        var reminder = NewReminder(NewGrain(), "monthly", TimeSpan.FromDays(40));

        await table.UpsertRow(reminder);

        Assert.Equal(TimeSpan.FromDays(40), (await table.ReadRow(reminder.GrainId, "monthly"))!.Period);
    }

    [Fact]
    public async Task Every_upsert_gives_a_new_etag_even_when_racing()
    {
        var database = await NewStoreAsync();
        var identity = ClusterIdentity.New();
        var tables = new[] { await TableAsync(database, identity), await TableAsync(database, identity) };
        var grain = NewGrain();
        var first = await tables[0].UpsertRow(NewReminder(grain, "r"));

        await RaceAsync(32, i => tables[i % 2].ReadRows(grain));

        var etags = await RaceAsync(32, i => tables[i % 2].UpsertRow(NewReminder(grain, "r", TimeSpan.FromMinutes(i + 1))));

        Assert.Equal(33, etags.Append(first).Distinct().Count());
        var read = await tables[0].ReadRow(grain, "r");
        Assert.Contains(read!.ETag, etags);
        Assert.Single(await RowsAsync(tables[1], grain));
    }

    [Fact]
    public async Task Reading_by_grain_returns_that_grains_reminders_only()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database);
        var grain = NewGrain();
        var other = NewGrain();
        await table.UpsertRow(NewReminder(grain, "a"));
        await table.UpsertRow(NewReminder(grain, "b"));
        await table.UpsertRow(NewReminder(other, "a"));

        var rows = await RowsAsync(table, grain);

        Assert.Equal(["a", "b"], rows.Select(r => r.ReminderName).Order());
        Assert.All(rows, r => Assert.Equal(grain, r.GrainId));
    }

    [Fact]
    public async Task Range_reads_follow_the_unsigned_ring_including_wrapped_ranges()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database);
        var grains = Enumerable.Range(0, 60).Select(_ => NewGrain()).ToArray();
        foreach (var grain in grains) await table.UpsertRow(NewReminder(grain, "tick"));
        var hashes = grains.Select(g => g.GetUniformHashCode()).ToArray();
        var sorted = hashes.Order().ToArray();

        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue),              // everything but hash 0
            (0, 0),                          // begin == end: the whole ring
            (sorted[10], sorted[40]),        // an ordinary range
            (sorted[40], sorted[10]),        // wrapped: begin > end
            (0x1000_0000, 0xF000_0000),      // ordinary, but crosses the sign bit of the stored int
            (0xF000_0000, 0x1000_0000),      // wrapped across zero
            (0x7FFF_FFFF, 0x8000_0000),      // the sign boundary itself
            (uint.MaxValue, sorted[5]),      // wrapped from the very top
        };
        var random = new Random(20240611);
        for (var i = 0; i < 30; i++) ranges.Add(((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32)));

        foreach (var (begin, end) in ranges)
        {
            var expected = begin < end
                ? hashes.Where(h => h > begin && h <= end)
                : hashes.Where(h => h > begin || h <= end);
            var actual = (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.GetUniformHashCode());
            Assert.True(expected.Order().SequenceEqual(actual.Order()),
                $"Range ({begin:X8}, {end:X8}]: expected {expected.Count()} reminders, got {actual.Count()}.");
        }
    }

    [Fact]
    public async Task Removing_needs_the_current_etag()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database);
        var reminder = NewReminder(NewGrain(), "r");
        var stale = await table.UpsertRow(reminder);
        var current = await table.UpsertRow(NewReminder(reminder.GrainId, "r", TimeSpan.FromMinutes(2)));

        Assert.False(await table.RemoveRow(reminder.GrainId, "r", stale!));
        Assert.False(await table.RemoveRow(reminder.GrainId, "another", current!));
        Assert.NotNull(await table.ReadRow(reminder.GrainId, "r"));

        Assert.True(await table.RemoveRow(reminder.GrainId, "r", current!));
        Assert.Null(await table.ReadRow(reminder.GrainId, "r"));
        Assert.False(await table.RemoveRow(reminder.GrainId, "r", current!));
    }

    [Fact]
    public async Task Removing_all_of_a_service_leaves_other_services_alone()
    {
        var database = await NewStoreAsync();
        var table = await TableAsync(database);
        var otherService = await TableAsync(database);
        var grain = NewGrain();
        await table.UpsertRow(NewReminder(grain, "a"));
        await table.UpsertRow(NewReminder(NewGrain(), "b"));
        await otherService.UpsertRow(NewReminder(grain, "a"));

        await table.TestOnlyClearTable();

        Assert.Empty((await table.ReadRows(0, 0)).Reminders);
        Assert.Single(await RowsAsync(otherService, grain));
        Assert.Single((await otherService.ReadRows(0, 0)).Reminders);
    }

    private static async Task<IList<ReminderEntry>> RowsAsync(IReminderTable table, GrainId grain) => (await table.ReadRows(grain)).Reminders;

    private static GrainId NewGrain() =>
        GrainId.Create(GrainType.Create("remindable"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "key/ext#ö"));

    private static ReminderEntry NewReminder(GrainId grain, string name, TimeSpan? period = null)
    {
        var now = DateTime.UtcNow;
        return new ReminderEntry
        {
            GrainId = grain,
            ReminderName = name,
            // To the millisecond: finer than PostgreSQL's microseconds would be rounded.
            StartAt = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
            Period = period ?? TimeSpan.FromMinutes(1),
        };
    }
}

public sealed class SqliteReminderTableTests() : ReminderTableTests(new SqliteTarget());

public sealed class PostgresReminderTableTests(PostgresFixture server)
    : ReminderTableTests(new PostgresTarget(server)), IClassFixture<PostgresFixture>;
