using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// A record without an id gets "file#line"; without a source, the file and line. Both are stable, so ingesting the
/// same file twice changes nothing for derived ids either.
/// </summary>
public sealed class DerivedIdTests
{
    [Fact]
    public async Task A_record_without_id_gets_one_from_file_name_and_line_and_without_source_gets_file_and_line()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File("no-ids.jsonl"));

        ReportAssert.Counts(report, @new: 3, rejected: 0, errors: 0);
        // Line 4: neither id nor source. The id carries the file name only, so it does not depend on where the file lies.
        var derived = await silo.Api.GetSignalAsync("no-ids.jsonl#4");
        Assert.NotNull(derived);
        Assert.Equal("AMZN", derived.Signal.Company);
        Assert.Equal(new SourceRef("no-ids.jsonl", null, "line 4"), derived.Signal.Source);

        // Line 5: a source of its own is kept; the id is still derived.
        var withSource = await silo.Api.GetSignalAsync("no-ids.jsonl#5");
        Assert.NotNull(withSource);
        Assert.Equal(new SourceRef("msft-10k.htm", null, "row 12"), withSource.Signal.Source);

        // Line 6: an id of its own is kept; the source is derived.
        var withId = await silo.Api.GetSignalAsync("explicit-6");
        Assert.NotNull(withId);
        Assert.Equal(new SourceRef("no-ids.jsonl", null, "line 6"), withId.Signal.Source);
        Assert.Null(await silo.Api.GetSignalAsync("no-ids.jsonl#6"));
    }

    [Fact]
    public async Task Ingesting_a_file_with_derived_ids_twice_is_idempotent()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        await silo.IngestAsync(Corpus.File("no-ids.jsonl"));

        var again = await silo.IngestAsync(Corpus.File("no-ids.jsonl"));

        ReportAssert.Counts(again, @new: 0, rejected: 0, errors: 0, duplicates: 3);
        Assert.Empty(again.Report.Issues);
        var amazon = await silo.Api.GetSignalsAsync(new SignalQuery(Company: "AMZN"));
        Assert.Equal(["no-ids.jsonl#4"], amazon.Select(s => s.Id));
        Assert.IsType<Capex>(amazon[0]);
    }
}
