using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains.Timeline;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Grains.Tests;

/// <summary>Ingestion is idempotent, keeps what it stored, rejects bad signals one by one, and sees only what was known.</summary>
public sealed class IngestionTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DomainSilo.StartAsync();
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Ingesting_the_same_signals_twice_changes_nothing_and_raises_no_second_alert()
    {
        Signal[] batch = [Make.Capex("AAA", 2025, 100), Make.Guidance("AAA", 2026, 150), Make.Pe("BBB", 300), Make.Put("watched-fund", "BBB", 500),
            Make.Deal("CCC", "DDD", DealKind.Equity, 10), Make.Deal("DDD", "CCC", DealKind.PurchaseCommitment)];
        var first = await _silo.Ingestor.IngestAsync(batch);
        Assert.Equal((6, 0, 0, 0), (first.New, first.Duplicates, first.Conflicts, first.Rejected));
        Assert.Equal(4, first.AlertIds.Count);
        var alertsAfterFirst = await _silo.AlertsAsync();
        var signalsAfterFirst = await _silo.Grains.GetGrain<ICompanyGrain>("AAA").GetSignalsAsync(new SignalFilter());

        var second = await _silo.Ingestor.IngestAsync(batch);
        Assert.Equal((0, 6, 0, 0), (second.New, second.Duplicates, second.Conflicts, second.Rejected));
        Assert.Empty(second.AlertIds);
        Assert.Equal(alertsAfterFirst.Select(a => (a.Id, a.Sequence)), (await _silo.AlertsAsync()).Select(a => (a.Id, a.Sequence)));
        Assert.Equal(signalsAfterFirst.Count, (await _silo.Grains.GetGrain<ICompanyGrain>("AAA").GetSignalsAsync(new SignalFilter())).Count);
    }

    [Fact]
    public async Task A_signal_whose_id_is_stored_with_different_content_is_a_conflict_and_the_stored_one_is_kept()
    {
        var original = Make.Guidance("AAA", 2026, 150);
        await _silo.IngestAsync(original);
        var changed = original with { Amount = Make.Usd(999) };
        var report = await _silo.IngestAsync(changed);
        Assert.Equal(1, report.Conflicts);
        var warning = Assert.Single(report.Issues);
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Contains(original.Id, warning.Message);
        Assert.Contains("stored one was kept", warning.Message);

        var stored = Assert.Single(await _silo.Grains.GetGrain<ICompanyGrain>("AAA").GetSignalsAsync(new SignalFilter()));
        Assert.Equal(Make.Usd(150), ((CapexGuidance)stored).Amount);
        Assert.Equal(Make.Usd(150), ((CapexGuidance)(await _silo.Grains.GetGrain<ISignalGrain>(original.Id).GetAsync())!.Signal).Amount);
    }

    [Fact]
    public async Task An_invalid_signal_is_rejected_with_its_reason_and_the_signals_around_it_still_land()
    {
        var bad = Make.GuidanceRange("AAA", 2026, 130, 110);
        var good1 = Make.Capex("AAA", 2024, 1);
        var good2 = Make.Capex("BBB", 2024, 2);
        var report = await _silo.IngestAsync(good1, bad, good2);
        Assert.Equal((2, 1), (report.New, report.Rejected));
        var error = Assert.Single(report.Issues, i => i.Severity == IssueSeverity.Error);
        Assert.Equal(bad.Id, error.SignalId);
        Assert.Contains("low ($130 billion)", error.Message.Replace("USD 130bn", "$130 billion"));
        Assert.NotNull(await _silo.Grains.GetGrain<ISignalGrain>(good1.Id).GetAsync());
        Assert.NotNull(await _silo.Grains.GetGrain<ISignalGrain>(good2.Id).GetAsync());
        Assert.Null(await _silo.Grains.GetGrain<ISignalGrain>(bad.Id).GetAsync());
    }

    [Fact]
    public async Task A_signal_about_a_company_off_the_watchlist_is_stored_with_a_warning()
    {
        var report = await _silo.IngestAsync(Make.Capex("NEWCO", 2025, 3));
        Assert.Equal(1, report.New);
        Assert.Contains(report.Issues, i => i.Severity == IssueSeverity.Warning && i.Message.Contains("not on the watchlist"));
        Assert.Single(await _silo.Grains.GetGrain<ICompanyGrain>("NEWCO").GetSignalsAsync(new SignalFilter()));
    }

    [Fact]
    public async Task A_deal_reaches_both_companies_and_the_market_and_a_position_reaches_its_filer_and_company()
    {
        var deal = Make.Deal("AAA", "BBB", DealKind.Equity, 5);
        var put = Make.Put("watched-fund", "CCC", 50);
        await _silo.IngestAsync(deal, put);
        Assert.Contains(await _silo.Grains.GetGrain<ICompanyGrain>("AAA").GetSignalsAsync(new SignalFilter()), s => s.Id == deal.Id);
        Assert.Contains(await _silo.Grains.GetGrain<ICompanyGrain>("BBB").GetSignalsAsync(new SignalFilter()), s => s.Id == deal.Id);
        Assert.Contains((await _silo.Grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetFinancingGraphAsync(null)).Edges, e => e.SignalId == deal.Id);
        Assert.Contains((await _silo.Grains.GetGrain<IFilerGrain>("watched-fund").GetSnapshotAsync(null)).Positions, s => s.Id == put.Id);
        Assert.Contains(await _silo.Grains.GetGrain<ICompanyGrain>("CCC").GetSignalsAsync(new SignalFilter()), s => s.Id == put.Id);
        Assert.Equal("filer/watched-fund", (await _silo.Grains.GetGrain<ISignalGrain>(put.Id).GetAsync())!.Home);
    }

    [Fact]
    public async Task Queries_as_of_a_day_see_only_what_was_known_by_then_and_a_later_figure_revises_an_earlier_one()
    {
        var early = Make.Guidance("AAA", 2026, 150, new DateOnly(2025, 10, 30));
        var revised = Make.Guidance("AAA", 2026, 200, new DateOnly(2026, 2, 5));
        await _silo.IngestAsync(revised, early);
        var company = _silo.Grains.GetGrain<ICompanyGrain>("AAA");

        Assert.Empty((await company.GetSnapshotAsync(new DateOnly(2025, 10, 29))).Current);
        Assert.Equal(Make.Usd(150), ((CapexGuidance)Assert.Single((await company.GetSnapshotAsync(new DateOnly(2025, 12, 31))).Current)).Amount);
        Assert.Equal(Make.Usd(200), ((CapexGuidance)Assert.Single((await company.GetSnapshotAsync(null)).Current)).Amount);
        Assert.Equal(2, (await company.GetSignalsAsync(new SignalFilter())).Count);

        var table = await _silo.Grains.GetGrain<IMarketGrain>(IMarketGrain.Key).GetCapexLeaderboardAsync(2026, new DateOnly(2025, 12, 31));
        Assert.Equal(Make.Usd(150), Assert.Single(table.Rows).Guidance);
    }

    [Fact]
    public async Task An_alert_recorded_before_a_crash_but_never_published_is_published_when_the_grain_next_activates()
    {
        // Simulate the crash window: the company's journal holds the signal and the alert decision, the stream does not.
        var serializer = _silo.Services.GetRequiredService<GrainSerializer>();
        var log = _silo.Services.GetRequiredService<IEventLogStorage>();
        var signal = Make.Pe("DDD", 400);
        var alert = new AgentWatch.Abstractions.Alert
        {
            Id = "extreme-valuation:DDD:2025-11", RaisedAt = DateTimeOffset.UtcNow, KnownOn = signal.KnownOn, Severity = AgentWatch.Abstractions.AlertSeverity.Info,
            Company = "DDD", Rule = "extreme-valuation", Rationale = "DDD trades at 400 times earnings.", Evidence = [],
        };
        await log.AppendAsync(new GrainStateKey("company", "DDD", "timeline"), 0,
            [serializer.Serialize<TimelineEvent>(new SignalRecorded(signal, DateTimeOffset.UtcNow)), serializer.Serialize<TimelineEvent>(new AlertRaised(alert))], default);
        Assert.Empty(await _silo.AlertsAsync());

        await _silo.Grains.GetGrain<ICompanyGrain>("DDD").GetSnapshotAsync(null);
        Assert.Equal(alert.Id, Assert.Single(await _silo.AlertsAsync()).Id);
        await _silo.IngestAsync(signal);
        Assert.Single(await _silo.AlertsAsync());
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
