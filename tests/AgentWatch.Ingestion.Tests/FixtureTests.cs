using System.Globalization;
using System.Text.Json;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Ingestion.Formats;
using AgentWatch.Silo;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// The real public files in tests/fixtures (copied unchanged from ../shared/fixtures; their README gives each origin)
/// become the signals they really hold. Expected figures are the ones written in the files; where a figure is derived
/// (a quarter from year-to-date values, a price move), the test derives it from the file itself.
/// </summary>
public sealed class FixtureTests
{
    public static string Root => Path.Combine(Path.GetDirectoryName(EmbeddedSilo.RepositoryConfig)!, "tests", "fixtures");

    private static string F(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static FormatContext Context() => IngestionSetup.Context(AgentWatchConfiguration.Build(EmbeddedSilo.RepositoryConfig));

    private static async Task<List<ParsedRecord>> ParseAsync(params string[] relative)
    {
        var reader = new SourceReader(FormatRegistry.CreateDefault(), Context());
        var records = new List<ParsedRecord>();
        await foreach (var r in reader.ParseAsync(relative.Select(F))) records.Add(r);
        return records;
    }

    private static List<T> Signals<T>(List<ParsedRecord> records) where T : Signal => records.Select(r => r.Signal).OfType<T>().ToList();

    private static void NoProblems(List<ParsedRecord> records)
    {
        var problems = records.Where(r => r.Signal is null).Select(r => $"{r.Where}: {r.Error ?? r.Warning}").ToList();
        Assert.True(problems.Count == 0, "Unexpected problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Acorn_creek_whole_submission_gives_its_77_holdings_in_dollars_matching_the_cover_total()
    {
        var records = await ParseAsync("sec-13f/sec_13f_full_submission_ACORN_CREEK_1994827_Q4-2024_0001951757-25-000093.nc.txt");
        NoProblems(records);
        var holdings = Signals<Holding>(records);
        Assert.Equal(77, holdings.Count);
        Assert.Equal(77, Assert.Single(Signals<Filing>(records)).Positions);
        // The cover page's <tableValueTotal> is 194611845: filed in 2025, so the rows are dollars and add up to it.
        Assert.Equal(194_611_845m, holdings.Sum(h => h.Value.Amount));
        var amazon = Assert.Single(holdings, h => h.Cusip == "023135106");
        Assert.Equal("AMZN", amazon.Company);
        Assert.Equal(8_854m, amazon.Shares);
        Assert.Equal(Money.Usd(1_942_479m), amazon.Value);
        Assert.Equal(Period.Parse("2024-12-31"), amazon.Period);
        Assert.Equal("0001951757-25-000093", amazon.Source.Document);
        Assert.All(holdings, h => Assert.StartsWith("13f-0001951757-25-000093-", h.Id));
        // Issuers outside the watchlist keep their name.
        Assert.All(holdings.Where(h => h.Company is null), h => Assert.False(string.IsNullOrEmpty(h.Issuer)));
    }

    [Fact]
    public async Task Lts_one_txt_submission_reads_the_sec_header_and_maps_watched_cusips()
    {
        var records = await ParseAsync("sec-13f/sec_13f_full_submission_LTS_ONE_1894188_Q3-2023_0001894188-23-000007.txt");
        NoProblems(records);
        var holdings = Signals<Holding>(records);
        Assert.Equal(14, holdings.Count);
        Assert.Equal(454_926_000m, holdings.Sum(h => h.Value.Amount));
        var amazon = Assert.Single(holdings, h => h.Company == "AMZN");
        Assert.Equal(137_500m, amazon.Shares);
        Assert.Equal(Money.Usd(17_479_000m), amazon.Value);
        var microsoft = Assert.Single(holdings, h => h.Company == "MSFT");
        Assert.Equal(65_000m, microsoft.Shares);
        // Known from the SEC header's filing date, not from the period's end.
        Assert.Equal(new DateOnly(2023, 11, 14), amazon.KnownOn);
        Assert.Equal("COSTAR GROUP INC", Assert.Single(holdings, h => h.Cusip == "22160N109").Issuer);
    }

    [Fact]
    public async Task Mfn_amendment_table_beside_its_cover_page_gives_the_warrant_and_share_rows()
    {
        var records = await ParseAsync("sec-13f");
        var mfn = records.Where(r => r.Where.Contains("MFN", StringComparison.Ordinal)).ToList();
        NoProblems(mfn);
        var holdings = Signals<Holding>(mfn);
        Assert.Equal(2, holdings.Count);
        var warrant = Assert.Single(holdings, h => h.Cusip == "G7553X114");
        Assert.Equal(400_000m, warrant.Shares);
        Assert.Equal(Money.Usd(320_000m), warrant.Value);
        Assert.Equal(24_920_000m, holdings.Sum(h => h.Value.Amount));
        Assert.All(holdings, h => Assert.Equal(new DateOnly(2026, 4, 29), h.KnownOn));
        var filing = Assert.Single(Signals<Filing>(mfn));
        Assert.Equal("13F-HR/A", filing.Form);
        Assert.Equal("0000904454-26-000248", filing.Accession);
        // Read with its table, the filing counts the table's positions and is kept with the filer's positions.
        Assert.Equal(2, filing.Positions);
        Assert.Equal("mfn-partners-management-lp", filing.FilerKey);
        Assert.Equal(filing.FilerKey, holdings[0].Filer);
    }

    [Fact]
    public async Task A_table_without_its_cover_page_is_an_error_that_says_what_to_add()
    {
        var dir = Directory.CreateTempSubdirectory("agentwatch-alone-").FullName;
        try
        {
            var table = Path.Combine(dir, "sec_13f_infotable_MFN_1732811_Q4-2025_13F-HR-A_0000904454-26-000248.xml");
            File.Copy(F("sec-13f/sec_13f_infotable_MFN_1732811_Q4-2025_13F-HR-A_0000904454-26-000248.xml"), table);
            var reader = new SourceReader(FormatRegistry.CreateDefault(), Context());
            var records = new List<ParsedRecord>();
            await foreach (var r in reader.ParseAsync([table])) records.Add(r);
            var error = Assert.Single(records);
            Assert.Null(error.Signal);
            Assert.Contains("cover page", error.Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("sec_13f_primary_doc_KAHN_1039565_Q1-2022_0001039565-22-000009.xml", "KAHN BROTHERS GROUP INC", "13F-HR", "2022-03-31", "2022-05-02", "46 entries, value total 787,553,693")]
    [InlineData("sec_13f_primary_doc_ABACUS_1978011_Q4-2020.xml", "Abacus Wealth Partners, LLC", "13F-HR", "2020-12-31", "2023-05-31", "92 entries, value total 114,663,960")]
    [InlineData("sec_13f_primary_doc_METLIFE_1099219_Q4-2021_combination_report.xml", "METLIFE INC", "13F-HR", "2021-12-31", "2023-03-22", "6 entries, value total 11,019,796")]
    public async Task A_cover_page_alone_is_a_filing_event_with_its_totals(string file, string filer, string form, string period, string signed, string note)
    {
        var records = await ParseAsync("sec-13f/" + file);
        NoProblems(records);
        var filing = Assert.Single(Signals<Filing>(records));
        Assert.Equal(filer, filing.Filer);
        Assert.Equal(form, filing.Form);
        Assert.Equal(Period.Parse(period), filing.Period);
        Assert.Equal(DateOnly.Parse(signed, CultureInfo.InvariantCulture), filing.KnownOn);
        Assert.Equal(note, filing.Note);
    }

    [Fact]
    public async Task Nvidia_companyfacts_take_the_capex_tag_with_the_latest_end_and_derive_quarters()
    {
        var records = await ParseAsync("sec-xbrl/sec_companyfacts_NVDA_CIK0001045810.json");
        NoProblems(records);
        var capex = Signals<Capex>(records);
        Assert.All(capex, c => Assert.Equal("NVDA", c.Company));
        // The tag switched: the latest periods are only under PaymentsToAcquireProductiveAssets.
        var fy2026 = Assert.Single(capex, c => c.Period == Period.FiscalYear(2026));
        Assert.Equal(Money.Usd(6_042_000_000m), fy2026.Amount);
        Assert.Equal("0001045810-26-000021", fy2026.Source.Document);
        Assert.Equal(new DateOnly(2026, 2, 25), fy2026.KnownOn);
        Assert.Contains("PaymentsToAcquireProductiveAssets", fy2026.Source.Item);
        Assert.Equal(Money.Usd(1_757_000_000m), Assert.Single(capex, c => c.Period == Period.FiscalQuarter(2027, 1)).Amount);

        // Q4 is the fiscal year less the nine months, as the file states them.
        var facts = Facts("sec-xbrl/sec_companyfacts_NVDA_CIK0001045810.json", "PaymentsToAcquireProductiveAssets");
        var nineMonths = facts.Single(f => f.Start == "2025-01-27" && f.End == "2025-10-26").Value;
        Assert.Equal(Money.Usd(6_042_000_000m - nineMonths), Assert.Single(capex, c => c.Period == Period.FiscalQuarter(2026, 4)).Amount);

        var ocf = Signals<OperatingCashFlow>(records);
        Assert.Equal(Money.Usd(102_718_000_000m), Assert.Single(ocf, o => o.Period == Period.FiscalYear(2026)).Amount);
    }

    [Fact]
    public async Task Alphabet_companyfacts_give_years_quarters_and_the_latest_first_quarter()
    {
        var records = await ParseAsync("sec-xbrl/sec_companyfacts_GOOGL_CIK0001652044.json");
        NoProblems(records);
        var capex = Signals<Capex>(records);
        var ocf = Signals<OperatingCashFlow>(records);
        Assert.Equal(Money.Usd(91_447_000_000m), Assert.Single(capex, c => c.Period == Period.FiscalYear(2025)).Amount);
        Assert.Equal(Money.Usd(164_713_000_000m), Assert.Single(ocf, c => c.Period == Period.FiscalYear(2025)).Amount);
        // The first quarter of 2026 has no half year after it yet; it is still a quarter.
        var q1 = Assert.Single(capex, c => c.Period == Period.FiscalQuarter(2026, 1));
        Assert.Equal(Money.Usd(35_674_000_000m), q1.Amount);
        Assert.Equal(new DateOnly(2026, 4, 30), q1.KnownOn);

        var facts = Facts("sec-xbrl/sec_companyfacts_GOOGL_CIK0001652044.json", "PaymentsToAcquirePropertyPlantAndEquipment");
        decimal Ytd(string end) => facts.Where(f => f.Start == "2025-01-01" && f.End == end).MaxBy(f => f.Filed)!.Value;
        Assert.Equal(Money.Usd(Ytd("2025-06-30") - Ytd("2025-03-31")), Assert.Single(capex, c => c.Period == Period.FiscalQuarter(2025, 2)).Amount);
        Assert.Equal(Money.Usd(Ytd("2025-09-30") - Ytd("2025-06-30")), Assert.Single(capex, c => c.Period == Period.FiscalQuarter(2025, 3)).Amount);
        Assert.Equal(Money.Usd(Ytd("2025-12-31") - Ytd("2025-09-30")), Assert.Single(capex, c => c.Period == Period.FiscalQuarter(2025, 4)).Amount);
    }

    [Fact]
    public async Task Apple_companyconcept_gives_shares_outstanding_for_market_caps()
    {
        var records = await ParseAsync("sec-xbrl/sec_companyconcept_AAPL_dei_EntityCommonStockSharesOutstanding.json");
        NoProblems(records);
        var shares = Signals<Metric>(records);
        var facts = Facts("sec-xbrl/sec_companyconcept_AAPL_dei_EntityCommonStockSharesOutstanding.json", null, "shares");
        Assert.Equal(facts.Select(f => f.End).Distinct().Count(), shares.Count);
        var latest = shares.MaxBy(s => s.Period.End)!;
        Assert.Equal("AAPL", latest.Company);
        Assert.Equal(15_115_823_000m, latest.Value);
        Assert.Equal(Period.Parse("2024-10-18"), latest.Period);
    }

    [Fact]
    public async Task Microsoft_submissions_give_the_filings_of_the_configured_forms()
    {
        var records = await ParseAsync("sec-xbrl/sec_submissions_MSFT_CIK0000789019.json");
        NoProblems(records);
        var filings = Signals<Filing>(records);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(F("sec-xbrl/sec_submissions_MSFT_CIK0000789019.json")));
        var recent = doc.RootElement.GetProperty("filings").GetProperty("recent");
        var forms = recent.GetProperty("form").EnumerateArray().Select(f => f.GetString()!).ToList();
        var wanted = Context().Options.Filings.Forms.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(forms.Count(wanted.Contains), filings.Count);
        var firstTenK = forms.IndexOf("10-K");
        var accession = recent.GetProperty("accessionNumber")[firstTenK].GetString();
        var tenK = Assert.Single(filings, f => f.Accession == accession);
        Assert.Equal("MSFT", tenK.Company);
        Assert.Equal(DateOnly.Parse(recent.GetProperty("filingDate")[firstTenK].GetString()!, CultureInfo.InvariantCulture), tenK.KnownOn);
    }

    [Fact]
    public async Task Edgar_company_feed_gives_filing_events()
    {
        var records = await ParseAsync("feeds/sec_edgar_getcompany_atom_KeenVision_1889983.xml");
        NoProblems(records);
        var filings = Signals<Filing>(records);
        var wanted = Context().Options.Filings.Forms.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var terms = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(F("feeds/sec_edgar_getcompany_atom_KeenVision_1889983.xml")), "label=\"form type\" scheme=\"[^\"]*\" term=\"([^\"]+)\"");
        Assert.Equal(terms.Count(m => wanted.Contains(m.Groups[1].Value)), filings.Count);
        Assert.Equal(filings.Count, filings.Select(f => f.Accession).Distinct().Count());
        var eightK = Assert.Single(filings, f => f.Accession == "0001213900-25-006497");
        Assert.Equal("8-K", eightK.Form);
        Assert.Equal(new DateOnly(2025, 1, 24), eightK.KnownOn);
    }

    [Fact]
    public async Task Edgar_latest_filings_feed_keeps_the_configured_forms_once_per_accession()
    {
        var records = await ParseAsync("feeds/sec_edgar_getcurrent_atom_2025-12-12.xml");
        NoProblems(records);
        var filings = Signals<Filing>(records);
        // 100 entries: form 4 and 144 are not configured; each SCHEDULE 13D/A appears twice (filer and subject).
        Assert.Equal(["0001140361-25-045413", "0001193125-25-317831"], filings.Select(f => f.Accession).Order().ToArray());
        Assert.All(filings, f => Assert.Equal("SCHEDULE 13D/A", f.Form));
    }

    [Theory]
    [InlineData("feeds/sec_press_releases_rss2.0_2025-01.rss")]
    [InlineData("feeds/reuters_business_news_rss2.0_2019-01-19.xml")]
    public async Task News_feeds_give_one_item_per_entry_with_its_title(string file)
    {
        var records = await ParseAsync(file);
        NoProblems(records);
        var text = File.ReadAllText(F(file));
        var items = text.Split("<item>").Length - 1;
        var news = records.Select(r => r.Signal).OfType<TextSignal>().ToList();
        Assert.Equal(items, news.Count);
        Assert.Equal(news.Count, news.Select(n => n.Id).Distinct().Count());
        Assert.All(news, n => Assert.False(string.IsNullOrWhiteSpace(n.Headline)));
        Assert.Contains(news, n => n.Headline == "Acting Chairman Mark T. Uyeda Names Acting Senior Staff" || file.Contains("reuters", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("prices/yfinance_daily_NVDA_2025-05-12_to_2026-05-11_Date-Close-High-Low-Open-Volume.csv", "NVDA")]
    [InlineData("prices/stooq_daily_csv_NVDA_1999-01-22_to_2026-01-09_CRLF.csv", "NVDA")]
    [InlineData("prices/yahoo_daily_PLTR_2020-09-30_to_2024-03-08_dieperdev.csv", "PLTR")]
    [InlineData("prices/yahoo_daily_AMZN_2000-01-03_to_2024-03-08_dieperdev.csv", "AMZN")]
    public async Task Price_files_give_a_move_for_every_close_to_close_change_of_five_percent(string file, string ticker)
    {
        var records = await ParseAsync(file);
        NoProblems(records);
        var moves = Signals<PriceMove>(records);
        Assert.All(moves, m => Assert.Equal(ticker, m.Company));
        var expected = BigMoves(F(file), 5m);
        Assert.Equal(expected.Keys.Order().ToArray(), moves.Select(m => m.Period.Start!.Value).Order().ToArray());
        foreach (var m in moves) Assert.Equal(Math.Round(expected[m.Period.Start!.Value], 2), m.ChangePercent);
    }

    [Theory]
    [InlineData("prices/yfinance_daily_NVDA_2025-05-12_to_2026-05-11_Date-Close-High-Low-Open-Volume.csv", "NVDA")]
    [InlineData("prices/stooq_daily_csv_NVDA_1999-01-22_to_2026-01-09_CRLF.csv", "NVDA")]
    [InlineData("prices/stooq_bulk_ascii_NVDA.US_1999-01-22_to_2025-10-22.txt", "NVDA")]
    [InlineData("prices/yahoo_daily_PLTR_2020-09-30_to_2024-03-08_dieperdev.csv", "PLTR")]
    [InlineData("prices/yahoo_daily_AMZN_2000-01-03_to_2024-03-08_dieperdev.csv", "AMZN")]
    public async Task A_price_file_gives_one_share_price_its_last_close_with_the_years_low_and_high(string file, string ticker)
    {
        var records = await ParseAsync(file);
        var close = Assert.Single(Signals<SharePrice>(records));
        var closes = Closes(F(file));
        var last = closes[^1];
        var year = closes.Where(c => c.Day > last.Day.AddDays(-364)).ToList();
        var (low, high) = (year.MinBy(c => c.Close), year.MaxBy(c => c.Close));
        Assert.Equal((ticker, last.Day, last.Day, Money.Usd(last.Close)), (close.Company, close.Period.Start!.Value, close.KnownOn, close.Close));
        Assert.Equal((year[0].Day, Money.Usd(low.Close), low.Day, Money.Usd(high.Close), high.Day), (close.RangeFrom, close.Low, close.LowOn, close.High, close.HighOn));
        Assert.Equal(Path.GetFileName(file), close.Source.File);
        Assert.StartsWith($"line {File.ReadAllLines(F(file)).Count(l => l.Length > 0)};", close.Source.Item);
        Assert.Empty(close.Validate());
    }

    [Fact]
    public async Task Stooq_bulk_file_reads_yyyymmdd_dates_and_its_ticker_column()
    {
        var records = await ParseAsync("prices/stooq_bulk_ascii_NVDA.US_1999-01-22_to_2025-10-22.txt");
        NoProblems(records);
        var moves = Signals<PriceMove>(records);
        Assert.All(moves, m => Assert.Equal("NVDA", m.Company));
        // Same history as the Stooq CSV up to the bulk file's last day.
        var csv = BigMoves(F("prices/stooq_daily_csv_NVDA_1999-01-22_to_2026-01-09_CRLF.csv"), 5m).Keys.Where(d => d <= new DateOnly(2025, 10, 22));
        Assert.Equal(csv.Order().ToArray(), moves.Select(m => m.Period.Start!.Value).Order().ToArray());
    }

    [Fact]
    public async Task With_shares_outstanding_from_xbrl_a_price_file_gives_market_cap_moves()
    {
        var records = await ParseAsync("sec-xbrl/sec_companyfacts_NVDA_CIK0001045810.json", "prices/yfinance_daily_NVDA_2025-05-12_to_2026-05-11_Date-Close-High-Low-Open-Volume.csv");
        NoProblems(records);
        var caps = Signals<MarketCapMove>(records);
        Assert.NotEmpty(caps);
        Assert.All(caps, c => Assert.True(Math.Abs(c.Change.Amount) >= 50_000_000_000m, $"{c.Id}: {c.Change}"));
        // Alone, the price file has no share count and so no market caps.
        Assert.Empty(Signals<MarketCapMove>(await ParseAsync("prices/yfinance_daily_NVDA_2025-05-12_to_2026-05-11_Date-Close-High-Low-Open-Volume.csv")));
    }

    [Fact]
    public async Task Amazon_release_gives_its_2026_capex_guidance_with_the_sentence_as_evidence()
    {
        var records = await ParseAsync("text/amzn_q4-2025_earnings_press_release_2026-02-05.txt");
        NoProblems(records);
        var guidance = Assert.Single(Signals<CapexGuidance>(records));
        Assert.Equal("AMZN", guidance.Company);
        Assert.Equal(Period.FiscalYear(2026), guidance.Period);
        Assert.Equal(Money.Usd(200_000_000_000m), guidance.Amount);
        Assert.Equal(Qualifier.About, guidance.Qualifier);
        Assert.Equal(new DateOnly(2026, 2, 5), guidance.KnownOn);
        Assert.Contains("we expect to invest about $200 billion in capital expenditures across Amazon in 2026", guidance.Note);
        var line = int.Parse(guidance.Source.Item!.Replace("line ", ""), CultureInfo.InvariantCulture);
        Assert.Contains("$200 billion", File.ReadLines(F("text/amzn_q4-2025_earnings_press_release_2026-02-05.txt")).ElementAt(line - 1));
    }

    [Fact]
    public async Task The_whole_fixture_folder_lands_and_a_second_ingestion_adds_nothing()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var first = await silo.IngestAsync(Root);
        Assert.True(first.Report.Errors == 0, ReportAssert.Describe(first));
        Assert.True(first.Report.New > 3000, ReportAssert.Describe(first));
        Assert.Equal(first.Report.Received, first.Report.New);
        // The README is not data.
        Assert.Equal(1, first.Skipped);
        Assert.Equal(["13f", "earnings-text", "feed", "prices", "xbrl"], first.Formats.Keys.Order().ToArray());

        var second = await silo.IngestAsync(Root);
        ReportAssert.Counts(second, @new: 0, rejected: 0, errors: 0, duplicates: first.Report.Received);
        Assert.Empty(second.Report.AlertIds);
    }

    private sealed record XbrlFact(string? Start, string End, decimal Value, string Filed);

    /// <summary>The facts of a tag as the file writes them (companyfacts: facts.us-gaap.TAG.units; companyconcept: units).</summary>
    private static List<XbrlFact> Facts(string relative, string? tag, string unit = "USD")
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(F(relative)));
        var concept = tag is null ? doc.RootElement : doc.RootElement.GetProperty("facts").GetProperty("us-gaap").GetProperty(tag);
        return concept.GetProperty("units").GetProperty(unit).EnumerateArray().Select(e => new XbrlFact(
            e.TryGetProperty("start", out var s) ? s.GetString() : null, e.GetProperty("end").GetString()!, e.GetProperty("val").GetDecimal(), e.GetProperty("filed").GetString()!)).ToList();
    }

    /// <summary>Every day's close, oldest first, from the file's Date and Close columns, found by header name.</summary>
    private static List<(DateOnly Day, decimal Close)> Closes(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',').Select(h => h.Trim().Trim('<', '>').ToUpperInvariant()).ToList();
        var (date, close) = (header.IndexOf("DATE"), header.IndexOf("CLOSE"));
        return lines.Skip(1).Select(l => l.Split(','))
            .Where(c => c[close].Trim() is not ("null" or ""))
            .Select(c => (cells: c, day: c[date].Length == 8
                ? DateOnly.ParseExact(c[date], "yyyyMMdd", CultureInfo.InvariantCulture)
                : DateOnly.ParseExact(c[date][..10], "yyyy-MM-dd", CultureInfo.InvariantCulture)))
            .Select(x => (x.day, decimal.Parse(x.cells[close], NumberStyles.Float, CultureInfo.InvariantCulture)))
            .OrderBy(x => x.day).ToList();
    }

    /// <summary>Close-to-close changes of at least <paramref name="threshold"/> percent, from the file's Date and Close columns, found by header name.</summary>
    private static Dictionary<DateOnly, decimal> BigMoves(string path, decimal threshold)
    {
        var result = new Dictionary<DateOnly, decimal>();
        decimal? previous = null;
        foreach (var (day, value) in Closes(path))
        {
            if (previous is { } p && p > 0)
            {
                var change = (value / p - 1) * 100;
                if (Math.Abs(change) >= threshold) result[day] = change;
            }
            previous = value;
        }
        return result;
    }
}
