using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// Bad input in the real formats (Corpus/formats, hand-written; see Corpus/README.md): each problem is reported with
/// its file, line or element and reason; the good records around it land in a real silo; nothing stored before changes.
/// </summary>
public sealed class FormatBadInputTests
{
    private static string F(string name) => Corpus.File("formats/" + name);

    private static async Task<List<Signal>> StoredAsync(EmbeddedSilo silo, params string[] ids)
    {
        var found = new List<Signal>();
        foreach (var id in ids)
        {
            var signal = await silo.Api.GetSignalAsync(id);
            Assert.True(signal is not null, $"signal {id} should be stored");
            found.Add(signal!.Signal);
        }
        return found;
    }

    [Fact]
    public async Task A_truncated_13f_table_keeps_the_rows_before_the_break()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("truncated-13f.txt"));
        // The two rows and the filing event, which claims no position count: the table was not read whole.
        ReportAssert.Counts(report, @new: 3, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "truncated-13f.txt", ":55", "not well-formed XML", "rows before it were read");
        await StoredAsync(silo, "13f-0009999999-25-000004-023135106-sh", "13f-0009999999-25-000004-68389x105-sh");
    }

    [Fact]
    public async Task A_bad_13f_row_is_rejected_at_its_line_and_its_neighbours_land()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("bad-row-13f.txt"));
        ReportAssert.Counts(report, @new: 3, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "bad-row-13f.txt", ":43", "68389X105", "<value>", "n/a");
        await StoredAsync(silo, "13f-0009999999-25-000005-023135106-sh", "13f-0009999999-25-000005-30303m102-sh");
        Assert.Null(await silo.Api.GetSignalAsync("13f-0009999999-25-000005-68389x105-sh"));
    }

    [Fact]
    public async Task Put_and_call_rows_become_option_positions_of_the_filer_grouped_by_cusip_and_kind()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("puts-and-calls.txt"));
        // Four positions and the filing event that counts them.
        ReportAssert.Counts(report, @new: 5, rejected: 0, errors: 0);
        var positions = (await silo.Api.GetSignalsAsync(new SignalQuery(Kind: SignalKind.OptionPosition, Filer: "test-capital-lp"))).Cast<OptionPosition>().ToList();
        var nvdaPut = Assert.Single(positions, p => p.Company == "NVDA" && p.PutCall == PutCall.Put);
        Assert.Equal(1_000_000m, nvdaPut.Shares);
        Assert.Equal(Money.Usd(186_580_000m), nvdaPut.Notional);
        Assert.Equal("test-capital-lp", nvdaPut.Filer);
        Assert.Equal("0009999999-25-000001", nvdaPut.Source.Document);
        // Two PLTR put rows are one position.
        var pltrPut = Assert.Single(positions, p => p.Company == "PLTR");
        Assert.Equal(5_000_000m, pltrPut.Shares);
        Assert.Equal(Money.Usd(912_000_000m), pltrPut.Notional);
        Assert.Equal(PutCall.Call, Assert.Single(positions, p => p.Company == "NVDA" && p.PutCall == PutCall.Call).PutCall);
        // The share row is a holding, kept by issuer name: Halliburton is not on the watchlist.
        var holding = Assert.Single((await silo.Api.GetSignalsAsync(new SignalQuery(Kind: SignalKind.Holding, Filer: "test-capital-lp"))).Cast<Holding>());
        Assert.Null(holding.Company);
        Assert.Equal("HALLIBURTON CO", holding.Issuer);
    }

    [Fact]
    public async Task Values_filed_before_2023_are_thousands_of_dollars()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("thousands-2022.txt"));
        ReportAssert.Counts(report, @new: 3, rejected: 0, errors: 0);
        var nvda = (Holding)(await StoredAsync(silo, "13f-0009999999-22-000002-67066g104-sh"))[0];
        Assert.Equal(Money.Usd(2_432_000m), nvda.Value);
    }

    [Fact]
    public async Task Totals_that_disagree_with_the_cover_page_are_a_warning_on_the_signals_not_a_rejection()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("totals-mismatch.txt"));
        ReportAssert.Counts(report, @new: 3, rejected: 0, errors: 0);
        ReportAssert.Issue(report, IssueSeverity.Warning, "totals-mismatch.txt", "", "counts 3 entries, the table has 2", "1,000,000", "750,000");
        foreach (var s in await StoredAsync(silo, "13f-0009999999-25-000003-023135106-sh", "13f-0009999999-25-000003-68389x105-sh"))
            Assert.Contains("13F totals disagree", s.Note);
    }

    [Theory]
    [InlineData("entity-expansion.rss")]
    [InlineData("external-entity.xml")]
    public async Task Xml_with_a_dtd_is_refused_and_never_expanded(string name)
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F(name));
        ReportAssert.Counts(report, @new: 0, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, name, "", "DTD", "<!DOCTYPE>");
        Assert.Empty(await silo.Api.GetSignalsAsync(new SignalQuery()));
    }

    [Fact]
    public async Task A_windows_1252_feed_is_decoded_as_it_declares()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("windows-1252.rss"));
        ReportAssert.Counts(report, @new: 2, rejected: 0, errors: 0);
        var export = Assert.Single((await silo.Api.GetSignalsAsync(new SignalQuery(Company: "NVDA", Kind: SignalKind.ExportControl))).Cast<ExportControl>());
        Assert.Equal("Nvidia \u201cH20\u201d chips face new U.S. export controls to China", export.Headline);
        Assert.Equal("NVDA", export.Company);
        Assert.Equal("China", export.Region);
        Assert.Contains("H20", export.Products!);
        Assert.Contains("caf\u00e9", export.Note);
    }

    [Fact]
    public async Task A_truncated_feed_keeps_the_items_before_the_break()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("truncated.rss"));
        ReportAssert.Counts(report, @new: 2, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "truncated.rss", ":5", "not well-formed XML", "2 items before it were read");
    }

    [Fact]
    public async Task Feed_items_with_the_same_guid_are_one_item()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("duplicate-items.rss"));
        ReportAssert.Counts(report, @new: 1, rejected: 0, errors: 0);
        Assert.Equal("Same story", ((TextSignal)Assert.Single(await silo.Api.GetSignalsAsync(new SignalQuery()))).Headline);
    }

    [Fact]
    public async Task A_price_csv_without_a_close_column_names_what_is_missing()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("MSFT_missing-close.csv"));
        ReportAssert.Counts(report, @new: 0, rejected: 0, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "MSFT_missing-close.csv", "", "line 1", "no Close column");
    }

    [Fact]
    public async Task Bad_price_rows_are_rejected_at_their_lines_and_moves_are_computed_across_them()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("ORCL_bad-rows.csv"));
        // Three moves and the file's last close (its share-price signal).
        ReportAssert.Counts(report, @new: 4, rejected: 2, errors: 2);
        ReportAssert.Issue(report, IssueSeverity.Error, "ORCL_bad-rows.csv", ":4", "close 'oops'");
        ReportAssert.Issue(report, IssueSeverity.Error, "ORCL_bad-rows.csv", ":6", "'2025-13-45' is not a date");
        var moves = (await silo.Api.GetSignalsAsync(new SignalQuery(Company: "ORCL", Kind: SignalKind.PriceMove))).Cast<PriceMove>().OrderBy(m => m.KnownOn).ToList();
        Assert.Equal([10m, -10m, 21.21m], moves.Select(m => m.ChangePercent));
    }

    [Fact]
    public async Task A_split_is_a_warning_not_a_crash()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("NVDA_split-10-for-1.csv"));
        ReportAssert.Counts(report, @new: 2, rejected: 0, errors: 0);
        ReportAssert.Issue(report, IssueSeverity.Warning, "NVDA_split-10-for-1.csv", ":4", "10-for-1 split", "not a price move");
        var move = (PriceMove)Assert.Single(await silo.Api.GetSignalsAsync(new SignalQuery(Company: "NVDA", Kind: SignalKind.PriceMove)));
        Assert.Equal(new DateOnly(2024, 6, 11), move.KnownOn);
        Assert.Equal(-11.11m, move.ChangePercent);
        // The range of closes beside the last close starts after the split: $1,208 before it is no high of today's shares.
        var close = (SharePrice)Assert.Single(await silo.Api.GetSignalsAsync(new SignalQuery(Company: "NVDA", Kind: SignalKind.SharePrice)));
        Assert.Equal((Money.Usd(108m), new DateOnly(2024, 6, 11)), (close.Close, close.KnownOn));
        Assert.Equal((new DateOnly(2024, 6, 10), Money.Usd(108m), Money.Usd(121.5m)), (close.RangeFrom, close.Low, close.High));
    }

    [Fact]
    public async Task A_bad_xbrl_fact_is_named_by_tag_and_index_and_the_other_facts_land()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("companyfacts-bad-fact.json"));
        ReportAssert.Counts(report, @new: 2, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "companyfacts-bad-fact.json", ": PaymentsToAcquireProductiveAssets USD[1]", "val");
        await StoredAsync(silo, "xbrl-1045810-capex-fy2025-0001045810-25-000023", "xbrl-1045810-capex-fy2026-0001045810-26-000021");
    }

    [Fact]
    public async Task Truncated_json_is_an_error_at_its_position_and_stores_nothing()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("companyfacts-truncated.json"));
        ReportAssert.Counts(report, @new: 0, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "companyfacts-truncated.json", ":1", "not valid JSON");
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_the_files_beside_it_land()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var limit = new FileInfo(F("puts-and-calls.txt")).Length - 1;
        var report = await silo.IngestAsync(new InputLimits { MaxFileBytes = limit }, F("puts-and-calls.txt"), F("duplicate-items.rss"));
        ReportAssert.Counts(report, @new: 1, rejected: 0, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "puts-and-calls.txt", "", "over the limit", "MaxFileBytes");
    }

    [Fact]
    public async Task An_xml_document_over_the_character_limit_is_refused()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(new InputLimits { MaxXmlCharacters = 200 }, F("duplicate-items.rss"));
        Assert.True(report.Report.Errors == 1 && report.Report.New == 0, ReportAssert.Describe(report));
    }

    [Fact]
    public async Task A_refiled_13f_that_changes_a_stored_position_is_a_conflict_and_the_stored_one_stays()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        ReportAssert.Counts(await silo.IngestAsync(F("puts-and-calls.txt")), @new: 5, rejected: 0, errors: 0);

        var report = await silo.IngestAsync(Corpus.File("refiled/puts-and-calls.txt"));

        // The NVDA put and the filing event (its cover total changed too) differ; the other three positions are duplicates.
        ReportAssert.Counts(report, @new: 0, rejected: 0, errors: 0, conflicts: 2, duplicates: 3);
        var stored = (OptionPosition)(await StoredAsync(silo, "13f-0009999999-25-000001-67066g104-put"))[0];
        Assert.Equal(Money.Usd(186_580_000m), stored.Notional);
        await silo.RestartAsync();
        stored = (OptionPosition)(await StoredAsync(silo, "13f-0009999999-25-000001-67066g104-put"))[0];
        Assert.Equal(Money.Usd(186_580_000m), stored.Notional);
    }

    [Fact]
    public async Task A_transcript_gives_a_capex_guidance_range_dated_from_its_file_name()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("googl_q4-2025_earnings_call_2026-02-04.txt"));
        // The guidance, and the transcript as a news item for the newsdesk agent.
        ReportAssert.Counts(report, @new: 2, rejected: 0, errors: 0);
        var release = (News)Assert.Single(await silo.Api.GetSignalsAsync(new SignalQuery(Company: "GOOGL", Kind: SignalKind.News)));
        Assert.Contains("earnings", release.Topics!);
        Assert.Equal(new DateOnly(2026, 2, 4), release.KnownOn);
        var guidance = (CapexGuidance)Assert.Single(await silo.Api.GetSignalsAsync(new SignalQuery(Company: "GOOGL", Kind: SignalKind.CapexGuidance)));
        Assert.Equal(Period.FiscalYear(2026), guidance.Period);
        Assert.Equal(Money.Usd(175_000_000_000m), guidance.Low);
        Assert.Equal(Money.Usd(185_000_000_000m), guidance.High);
        Assert.Equal(new DateOnly(2026, 2, 4), guidance.KnownOn);
        Assert.Contains("in the range of $175 billion to $185 billion", guidance.Note);
    }

    [Fact]
    public async Task A_transcript_without_a_date_is_an_error_that_says_why_the_date_matters()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var report = await silo.IngestAsync(F("MSFT_call_undated.txt"));
        ReportAssert.Counts(report, @new: 0, rejected: 1, errors: 1);
        ReportAssert.Issue(report, IssueSeverity.Error, "MSFT_call_undated.txt", "", "no date", "became known");
    }
}
