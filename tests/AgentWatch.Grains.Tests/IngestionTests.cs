using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains.Rules;
using AgentWatch.Grains.Timeline;
using AgentWatch.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Grains.Tests;

/// <summary>
/// Ingestion is idempotent, keeps what it stored, rejects bad signals one by one, and sees only what was known. The
/// cluster is shared: each test takes companies and filers of its own, and reads the market grain and the alert log
/// filtered to them.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class IngestionTests(DomainClusterFixture fixture)
{
    private readonly DomainCluster _silo = fixture.Cluster;
    private KeyPool Keys => _silo.Keys;

    private ICompanyGrain Company(string key) => _silo.Grains.GetGrain<ICompanyGrain>(key);

    [Fact]
    public async Task Ingesting_the_same_signals_twice_changes_nothing_and_raises_no_second_alert()
    {
        var (a, b, c, d) = Keys.Companies(4);
        var filer = Keys.WatchedFiler();
        Signal[] batch = [Make.Capex(a, 2025, 100), Make.Guidance(a, 2026, 150), Make.Pe(b, 300), Make.Put(filer, b, 500),
            Make.Deal(c, d, DealKind.Equity, 10), Make.Deal(d, c, DealKind.PurchaseCommitment)];
        var first = await _silo.Ingestor.IngestAsync(batch);
        Assert.Equal((6, 0, 0, 0), (first.New, first.Duplicates, first.Conflicts, first.Rejected));
        Assert.Equal(4, first.AlertIds.Count);
        var alertsAfterFirst = await _silo.AlertsAboutAsync(a, b, c, d);
        // Every alert the report names is in the log, and the log holds no other about these companies.
        Assert.Equal(first.AlertIds.Order(StringComparer.Ordinal), alertsAfterFirst.Select(x => x.Id).Order(StringComparer.Ordinal));
        var signalsAfterFirst = await Company(a).GetSignalsAsync(new SignalFilter());

        var second = await _silo.Ingestor.IngestAsync(batch);
        Assert.Equal((0, 6, 0, 0), (second.New, second.Duplicates, second.Conflicts, second.Rejected));
        Assert.Empty(second.AlertIds);
        Assert.Equal(alertsAfterFirst.Select(x => (x.Id, x.Sequence)), (await _silo.AlertsAboutAsync(a, b, c, d)).Select(x => (x.Id, x.Sequence)));
        Assert.Equal(signalsAfterFirst.Count, (await Company(a).GetSignalsAsync(new SignalFilter())).Count);
    }

    [Fact]
    public async Task A_signal_whose_id_is_stored_with_different_content_is_a_conflict_and_the_stored_one_is_kept()
    {
        var a = Keys.Company();
        var original = Make.Guidance(a, 2026, 150);
        await _silo.IngestAsync(original);
        var changed = original with { Amount = Make.Usd(999) };
        var report = await _silo.IngestAsync(changed);
        Assert.Equal(1, report.Conflicts);
        var warning = Assert.Single(report.Issues);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Contains(original.Id, warning.Message);
        Assert.Contains("stored one was kept", warning.Message);

        var stored = Assert.Single(await Company(a).GetSignalsAsync(new SignalFilter()));
        Assert.Equal(Make.Usd(150), ((CapexGuidance)stored).Amount);
        Assert.Equal(Make.Usd(150), ((CapexGuidance)(await _silo.SignalAsync(original.Id))!.Signal).Amount);
    }

    [Fact]
    public async Task An_invalid_signal_is_rejected_with_its_reason_and_the_signals_around_it_still_land()
    {
        var (a, b) = Keys.Companies(2);
        var bad = Make.GuidanceRange(a, 2026, 130, 110);
        var good1 = Make.Capex(a, 2024, 1);
        var good2 = Make.Capex(b, 2024, 2);
        var report = await _silo.IngestAsync(good1, bad, good2);
        Assert.Equal((2, 1), (report.New, report.Rejected));
        var error = Assert.Single(report.Issues, i => i.Severity == IssueSeverity.Error);
        Assert.Equal(bad.Id, error.SignalId);
        Assert.Contains("low ($130 billion)", error.Message.Replace("USD 130bn", "$130 billion"));
        Assert.NotNull(await _silo.SignalAsync(good1.Id));
        Assert.NotNull(await _silo.SignalAsync(good2.Id));
        Assert.Null(await _silo.SignalAsync(bad.Id));
    }

    [Fact]
    public async Task A_signal_about_a_company_off_the_watchlist_is_stored_with_a_warning()
    {
        var newco = Keys.UnlistedCompany();
        var report = await _silo.IngestAsync(Make.Capex(newco, 2025, 3));
        Assert.Equal(1, report.New);
        Assert.Contains(report.Issues, i => i.Severity == IssueSeverity.Warning && i.Message.Contains("not on the watchlist"));
        Assert.Single(await Company(newco).GetSignalsAsync(new SignalFilter()));
    }

    [Fact]
    public async Task A_deal_reaches_both_companies_and_the_market_and_a_position_reaches_its_filer_and_company()
    {
        var (a, b, c) = Keys.Companies(3);
        var filer = Keys.WatchedFiler();
        var deal = Make.Deal(a, b, DealKind.Equity, 5);
        var put = Make.Put(filer, c, 50);
        await _silo.IngestAsync(deal, put);
        Assert.Contains(await Company(a).GetSignalsAsync(new SignalFilter()), s => s.Id == deal.Id);
        Assert.Contains(await Company(b).GetSignalsAsync(new SignalFilter()), s => s.Id == deal.Id);
        Assert.Contains((await _silo.Grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetFinancingGraphAsync(null)).Edges, e => e.SignalId == deal.Id);
        Assert.Contains((await _silo.Grains.GetGrain<IFilerGrain>(filer).GetSnapshotAsync(null)).Positions, s => s.Id == put.Id);
        Assert.Contains(await Company(c).GetSignalsAsync(new SignalFilter()), s => s.Id == put.Id);
        Assert.Equal($"filer/{filer}", (await _silo.SignalAsync(put.Id))!.Home);
    }

    [Fact]
    public async Task Queries_as_of_a_day_see_only_what_was_known_by_then_and_a_later_figure_revises_an_earlier_one()
    {
        var a = Keys.Company();
        var early = Make.Guidance(a, 2026, 150, new DateOnly(2025, 10, 30));
        var revised = Make.Guidance(a, 2026, 200, new DateOnly(2026, 2, 5));
        await _silo.IngestAsync(revised, early);
        var company = Company(a);

        Assert.Empty((await company.GetSnapshotAsync(new DateOnly(2025, 10, 29))).Current);
        Assert.Equal(Make.Usd(150), ((CapexGuidance)Assert.Single((await company.GetSnapshotAsync(new DateOnly(2025, 12, 31))).Current)).Amount);
        Assert.Equal(Make.Usd(200), ((CapexGuidance)Assert.Single((await company.GetSnapshotAsync(null)).Current)).Amount);
        Assert.Equal(2, (await company.GetSignalsAsync(new SignalFilter())).Count);

        // The market's league table holds every test's companies: this test's company has one row, as of the day.
        var table = await _silo.Grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetCapexLeaderboardAsync(2026, new DateOnly(2025, 12, 31));
        Assert.Equal(Make.Usd(150), Assert.Single(table.Rows, r => r.Company == a).Guidance);
    }

    [Fact]
    public async Task The_league_table_keeps_how_each_figure_was_put_so_a_rounded_figure_is_never_shown_as_exact()
    {
        var a = Keys.Company();
        var b = Keys.Company();
        await _silo.IngestAsync(Make.Guidance(a, 2031, 80, new DateOnly(2030, 8, 1)) with { Qualifier = Qualifier.About },
            Make.Guidance(b, 2031, 60, new DateOnly(2030, 8, 1)));

        var rows = (await _silo.Grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetCapexLeaderboardAsync(2031, null)).Rows;
        Assert.Equal("about $80 billion", Assert.Single(rows, r => r.Company == a).GuidanceText);
        Assert.Equal("$60 billion", Assert.Single(rows, r => r.Company == b).GuidanceText);
        Assert.Null(Assert.Single(rows, r => r.Company == b).ActualText);
    }

    [Fact]
    public async Task A_source_that_contradicts_itself_keeps_both_statements_while_another_source_on_the_same_day_revises()
    {
        var a = Keys.Company();
        var day = new DateOnly(2025, 11, 10);
        var atLine13 = Make.Guidance(a, 2026, 100, day) with { Source = new("article.txt", null, "line 13") };
        var atLine63 = Make.Guidance(a, 2026, 50, day) with { Source = new("article.txt", null, "line 63") };
        await _silo.IngestAsync(atLine13, atLine63);
        var company = Company(a);
        Assert.Equal(new[] { Make.Usd(50), Make.Usd(100) }, (await company.GetSignalsAsync(new SignalFilter(LatestOnly: true))).Cast<CapexGuidance>().Select(g => g.Amount!.Value).Order());

        // The same day, another document: a revision of the series, so it alone is current.
        var elsewhere = Make.Guidance(a, 2026, 120, day) with { Source = new("other.txt", null, "line 2") };
        await _silo.IngestAsync(elsewhere);
        Assert.Equal(Make.Usd(120), ((CapexGuidance)Assert.Single(await company.GetSignalsAsync(new SignalFilter(LatestOnly: true)))).Amount);
    }

    [Fact]
    public async Task An_alert_recorded_before_a_crash_but_never_published_is_published_when_the_grain_next_activates()
    {
        var d = Keys.Company();
        var company = Company(d);
        // The premise: no activation of this company exists, so the next call activates it and reads the journal.
        Assert.False(_silo.Cluster.TryGetGrainContext(company.GetGrainId(), out _));

        // Simulate the crash window: the company's journal holds the signal and the alert decision, the log does not.
        var journal = _silo.Services.GetRequiredService<IJournalStore>();
        var signal = Make.Pe(d, 400);
        var alert = new Alert
        {
            Id = $"{RuleIds.ExtremeValuation}:{d}:2025-11", RaisedAt = DateTimeOffset.UtcNow, KnownOn = signal.KnownOn, Severity = AlertSeverity.Info,
            Company = d, Rule = RuleIds.ExtremeValuation, Rationale = $"{d} trades at 400 times earnings.", Evidence = [],
        };
        Assert.True(await journal.AppendAsync("company", d, 0,
            [AgentWatchJson.Serialize<TimelineEvent>(new SignalRecorded(signal, DateTimeOffset.UtcNow)), AgentWatchJson.Serialize<TimelineEvent>(new AlertRaised(alert))], default));
        Assert.Empty(await _silo.AlertsAboutAsync(d));

        await company.GetSnapshotAsync(null);
        Assert.Equal(alert.Id, Assert.Single(await _silo.AlertsAboutAsync(d)).Id);
        await _silo.IngestAsync(signal);
        Assert.Single(await _silo.AlertsAboutAsync(d));

        // Every activation publishes the journal's alerts again; the log keeps the one it has.
        await _silo.Cluster.DeactivateAsync(company);
        Assert.False(_silo.Cluster.TryGetGrainContext(company.GetGrainId(), out _));
        Assert.Contains(alert.Id, (await company.GetSnapshotAsync(null)).AlertIds);
        Assert.Single(await _silo.AlertsAboutAsync(d));
    }
}

/// <summary>Money and periods keep their units and parse strictly.</summary>
public sealed class ValueTests
{
    [Theory]
    [InlineData("USD 200bn", 200_000_000_000, "USD")]
    [InlineData("USD 13.16bn", 13_160_000_000, "USD")]
    [InlineData("EUR 12bn", 12_000_000_000, "EUR")]
    [InlineData("USD 912m", 912_000_000, "USD")]
    [InlineData("USD 1.95", 1.95, "USD")]
    [InlineData("CNY 150 billion", 150_000_000_000, "CNY")]
    [InlineData("USD -350bn", -350_000_000_000, "USD")]
    public void Money_parses_exactly_with_its_currency(string text, double amount, string currency)
    {
        var money = Money.Parse(text);
        Assert.Equal((decimal)amount, money.Amount);
        Assert.Equal(currency, money.Currency);
        Assert.Equal(money, Money.Parse(money.ToString()));
    }

    [Theory]
    [InlineData("200bn")]
    [InlineData("usd 5")]
    [InlineData("USD lots")]
    public void Money_without_a_currency_or_a_number_is_refused(string text) => Assert.Throws<FormatException>(() => Money.Parse(text));

    [Fact]
    public void Amounts_in_different_currencies_are_never_combined() =>
        Assert.Throws<InvalidOperationException>(() => Money.Usd(1) + new Money(1, "EUR"));

    [Theory]
    [InlineData("FY2026", 2026)]
    [InlineData("FY2025-Q4", 2025)]
    [InlineData("FY2025..FY2027", 2027)]
    [InlineData("2025-10", 2025)]
    [InlineData("2025-09-30", 2025)]
    [InlineData("2025-11-03..2025-11-07", 2025)]
    [InlineData("TTM-2025-09-30", 2025)]
    public void Periods_round_trip_and_know_their_year(string text, int year)
    {
        var period = Period.Parse(text);
        Assert.Equal(text, period.ToString());
        Assert.Equal(year, period.ReferenceYear);
    }

    [Theory]
    [InlineData("FY26")]
    [InlineData("2025-13")]
    [InlineData("2025-11-07..2025-11-03")]
    [InlineData("Q4 2025")]
    public void A_malformed_period_is_refused_with_the_accepted_forms(string text)
    {
        Assert.False(Period.TryParse(text, out _, out var error));
        Assert.Contains(text, error);
    }
}
