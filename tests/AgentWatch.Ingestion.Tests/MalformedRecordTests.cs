using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Ingestion;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// One bad record in a file: it is rejected with its file, line and reason, and the good records before and after it
/// in the same file still land in the silo.
/// </summary>
public sealed class MalformedRecordTests
{
    [Fact]
    public async Task A_malformed_record_is_reported_at_file_and_line_and_the_good_records_around_it_are_stored()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File("events.jsonl"));

        ReportAssert.Counts(report, @new: 4, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "events.jsonl", ":3", "not valid JSON");
        // Stored, not merely counted: each good record can be read back by id and from its company's timeline.
        foreach (var id in new[] { "ev-1", "ev-2", "ev-4", "ev-5" })
            Assert.NotNull(await silo.Api.GetSignalAsync(id));
        Assert.Null(await silo.Api.GetSignalAsync("ev-3"));
        var amazon = await silo.Api.GetSignalsAsync(new SignalQuery(Company: "AMZN"));
        Assert.Equal(["ev-1", "ev-2"], amazon.Select(s => s.Id).Order(StringComparer.Ordinal));
        var microsoft = await silo.Api.GetSignalsAsync(new SignalQuery(Company: "MSFT"));
        Assert.Equal(["ev-4"], microsoft.Select(s => s.Id));
    }

    /// <summary>
    /// Each file in Corpus/cases has a comment on line 1, good records on lines 2 and 4, and the bad record on line 3.
    /// A row names the file, the line limit to read it with (0: the default), and what the message must say.
    /// </summary>
    [Theory]
    [InlineData("truncated", 0, "not valid JSON")]
    [InlineData("not-json", 0, "not valid JSON")]
    [InlineData("unknown-kind", 0, "unknown kind", "capex-guidence")]
    [InlineData("missing-kind", 0, "missing \"kind\"")]
    [InlineData("missing-period", 0, "capex-guidance", "missing required", "period")]
    [InlineData("misspelt-field", 0, "ammount")]
    // A value's reason names its field too: a record holds several values, and "not a date" alone leaves the reader guessing.
    [InlineData("invalid-money", 0, "amount", "USD lots", "not money")]
    [InlineData("invalid-period", 0, "period", "FY26", "not a period")]
    [InlineData("invalid-date", 0, "knownOn", "date")]
    [InlineData("low-above-high", 0, "low", "above high")]
    [InlineData("negative-capex", 0, "amount cannot be negative")]
    [InlineData("long-line", 400, "longer than 400 characters", "MaxLineLength")]
    public async Task A_bad_record_is_rejected_at_its_line_with_its_reason_and_the_records_around_it_are_stored(string name, int maxLineLength, params string[] reasons)
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var limits = maxLineLength > 0 ? new InputLimits { MaxLineLength = maxLineLength } : new InputLimits();

        var report = await silo.IngestAsync(limits, Corpus.File($"cases/{name}.jsonl"));

        ReportAssert.Counts(report, @new: 2, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, $"{name}.jsonl", ":3", reasons);
        Assert.NotNull(await silo.Api.GetSignalAsync($"{name}-before"));
        Assert.NotNull(await silo.Api.GetSignalAsync($"{name}-after"));
        Assert.Null(await silo.Api.GetSignalAsync($"{name}-bad"));
    }

    [Theory]
    [InlineData("unknown-kind")]
    [InlineData("missing-kind")]
    public async Task A_record_without_a_known_kind_is_told_every_valid_kind(string name)
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File($"cases/{name}.jsonl"));

        ReportAssert.Issue(report, IssueSeverity.Error, $"{name}.jsonl", ":3", [.. SignalKindNames.AllIds]);
    }

    /// <summary>
    /// Problems the silo finds (validation) come back by signal id and are put back at their line; that must hold
    /// when the bad record is alone in its batch, shares it, or sits at a batch edge.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(2000)]
    public async Task A_validation_failure_is_placed_at_its_line_whatever_the_batch_size(int batchSize)
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var ingestor = new FileIngestor(silo.Api, Ingestion.Formats.FormatRegistry.CreateDefault(), silo.Ingestor().Context) { BatchSize = batchSize };

        var report = await ingestor.IngestAsync([Corpus.File("cases/low-above-high.jsonl")]);

        ReportAssert.Counts(report, @new: 2, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "low-above-high.jsonl", ":3", "above high");
    }

    [Fact]
    public async Task A_line_over_the_limit_is_skipped_and_reading_goes_on_with_the_next_line()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(new InputLimits { MaxLineLength = 400 }, Corpus.File("cases/long-line.jsonl"));

        // The record after the long line is whole: the reader resynchronised at the line break, not mid-line.
        var after = await silo.Api.GetSignalAsync("long-line-after");
        Assert.NotNull(after);
        Assert.Equal("MSFT", after.Signal.Company);
        Assert.Equal(3, report.Report.Received);
    }
}
