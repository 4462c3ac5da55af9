using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// Nothing stored before is changed by a later ingestion: the same ids with other content are conflicts (warnings) and
/// the stored signals keep their content; the same file again is all duplicates and raises no alert.
/// </summary>
public sealed class StoredSignalsTests
{
    [Fact]
    public async Task The_same_ids_with_other_content_are_conflicts_and_the_stored_signals_keep_their_content()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var first = await silo.IngestAsync(Corpus.File("good.jsonl"));
        ReportAssert.Counts(first, @new: 4, rejected: 0, errors: 0);
        var alertsBefore = await AlertIdsAsync(silo);

        var report = await silo.IngestAsync(Corpus.File("conflicting.jsonl"));

        ReportAssert.Counts(report, @new: 0, rejected: 0, errors: 0, conflicts: 4);
        for (var line = 2; line <= 5; line++)
            ReportAssert.Issue(report, IssueSeverity.Warning, "conflicting.jsonl", $":{line}", "already stored with different content");
        Assert.Empty(report.Report.AlertIds);
        Assert.Equal(alertsBefore, await AlertIdsAsync(silo));

        Assert.Equal(Money.Usd(131_000_000_000m), Assert.IsType<Capex>((await silo.Api.GetSignalAsync("good-1"))!.Signal).Amount);
        var guidance = Assert.IsType<CapexGuidance>((await silo.Api.GetSignalAsync("good-2"))!.Signal);
        Assert.Equal(Money.Usd(200_000_000_000m), guidance.Amount);
        Assert.Equal(new DateOnly(2026, 2, 5), guidance.KnownOn);
        Assert.Equal(90m, Assert.IsType<CapexCashFlowRatio>((await silo.Api.GetSignalAsync("good-3"))!.Signal).Percent);
        Assert.Equal("Nvidia invests USD 2bn in CoreWeave", Assert.IsType<News>((await silo.Api.GetSignalAsync("good-4"))!.Signal).Headline);

        // The timelines the queries read hold the original figures only, with no second version beside them.
        var amazon = await silo.Api.GetSignalsAsync(new SignalQuery(Company: "AMZN"));
        Assert.Equal(3, amazon.Count);
        Assert.Equal(Money.Usd(131_000_000_000m), amazon.OfType<Capex>().Single().Amount);
        Assert.Equal(Money.Usd(200_000_000_000m), amazon.OfType<CapexGuidance>().Single().Amount);
    }

    /// <summary>
    /// An id names one signal across the whole silo. The same id about another company must not start a second life
    /// in that company's timeline (it would be reported as new and answer that company's queries).
    /// </summary>
    [Fact]
    public async Task The_same_id_about_another_company_is_a_conflict_and_is_not_stored_under_that_company()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        await silo.IngestAsync(Corpus.File("good.jsonl"));
        var alertsBefore = await AlertIdsAsync(silo);

        var report = await silo.IngestAsync(Corpus.File("conflicting-company.jsonl"));

        ReportAssert.Counts(report, @new: 0, rejected: 0, errors: 0, conflicts: 1);
        ReportAssert.Issue(report, IssueSeverity.Warning, "conflicting-company.jsonl", ":2", "already stored");
        Assert.Equal("AMZN", (await silo.Api.GetSignalAsync("good-2"))!.Signal.Company);
        Assert.DoesNotContain(await silo.Api.GetSignalsAsync(new SignalQuery(Company: "MSFT")), s => s.Id == "good-2");
        Assert.Equal(alertsBefore, await AlertIdsAsync(silo));
    }

    /// <summary>
    /// Problems come back from the silo by signal id. When one file holds an id twice, the conflict is the later
    /// record's, and the report must point at the later line, not at the record that was stored.
    /// </summary>
    [Fact]
    public async Task An_id_repeated_in_one_file_with_other_content_is_a_conflict_at_the_repeating_line()
    {
        await using var silo = await EmbeddedSilo.StartAsync();

        var report = await silo.IngestAsync(Corpus.File("same-id-twice.jsonl"));

        ReportAssert.Counts(report, @new: 2, rejected: 0, errors: 0, conflicts: 1);
        ReportAssert.Issue(report, IssueSeverity.Warning, "same-id-twice.jsonl", ":4", "already stored with different content");
        Assert.Equal(Money.Usd(131_000_000_000m), Assert.IsType<Capex>((await silo.Api.GetSignalAsync("twice-1"))!.Signal).Amount);
    }

    [Fact]
    public async Task The_same_file_again_is_all_duplicates_with_nothing_new_and_no_new_alerts()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var first = await silo.IngestAsync(Corpus.File("good.jsonl"));
        // Without alerts from the first pass, "no new alerts" on the second would prove nothing.
        Assert.NotEmpty(first.Report.AlertIds);
        var alertsBefore = await AlertIdsAsync(silo);
        var recordedBefore = (await silo.Api.GetSignalAsync("good-2"))!.RecordedAt;

        var again = await silo.IngestAsync(Corpus.File("good.jsonl"));

        ReportAssert.Counts(again, @new: 0, rejected: 0, errors: 0, duplicates: 4);
        Assert.Empty(again.Report.Issues);
        Assert.Empty(again.Report.AlertIds);
        Assert.Equal(alertsBefore, await AlertIdsAsync(silo));
        Assert.Equal(recordedBefore, (await silo.Api.GetSignalAsync("good-2"))!.RecordedAt);
        Assert.Equal(3, (await silo.Api.GetSignalsAsync(new SignalQuery(Company: "AMZN"))).Count);
    }

    /// <summary>Duplicates are recognised against what was stored and read back, not only against memory.</summary>
    [Fact]
    public async Task The_same_file_again_after_a_restart_is_all_duplicates_with_no_new_alerts()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        await silo.IngestAsync(Corpus.File("good.jsonl"));
        var alertsBefore = await AlertIdsAsync(silo);
        Assert.NotEmpty(alertsBefore);

        await silo.RestartAsync();
        var again = await silo.IngestAsync(Corpus.File("good.jsonl"));

        ReportAssert.Counts(again, @new: 0, rejected: 0, errors: 0, duplicates: 4);
        Assert.Empty(again.Report.AlertIds);
        Assert.Equal(alertsBefore, await AlertIdsAsync(silo));
    }

    private static async Task<List<string>> AlertIdsAsync(EmbeddedSilo silo) =>
        (await silo.Api.GetAlertsAsync(new AlertQuery(Limit: int.MaxValue))).Select(a => a.Id).ToList();
}
