using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Rules;

namespace AgentWatch.Grains.Tests;

/// <summary>
/// Each rule at, just below and around its threshold, evaluated by the real grains. The cluster is shared: every test
/// (every theory row too) takes companies and filers of its own, and counts only the alerts about them.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class RuleTests(DomainClusterFixture fixture)
{
    private readonly DomainCluster _silo = fixture.Cluster;
    private KeyPool Keys => _silo.Keys;

    private async Task<List<Alert>> AlertsFor(string rule, params string[] companies) =>
        (await _silo.AlertsAboutAsync(companies)).Where(a => a.Rule == rule).ToList();

    [Theory]
    [InlineData(120.0, true)]   // +20 %: at the threshold
    [InlineData(119.9, false)]  // just below
    [InlineData(200.0, true)]
    public async Task Capex_guidance_up_20_percent_on_prior_year_capex_raises_an_alert(double guided, bool raises)
    {
        var a = Keys.Company();
        await _silo.IngestAsync(Make.Capex(a, 2025, 100), Make.Guidance(a, 2026, (decimal)guided));
        var alerts = await AlertsFor(RuleIds.CapexGuidanceJump, a);
        Assert.Equal(raises ? 1 : 0, alerts.Count);
        if (raises)
        {
            Assert.Equal(a, alerts[0].Company);
            Assert.Contains("2025 capex", alerts[0].Rationale);
            Assert.Equal(2, alerts[0].Evidence.Count);
        }
    }

    [Fact]
    public async Task A_fiscal_year_that_does_not_end_in_december_says_so_in_the_rationale_and_the_evidence()
    {
        var m = Keys.MayYearCompany();
        await _silo.IngestAsync(Make.Capex(m, 2026, 30), Make.Guidance(m, 2027, 45));
        var alert = Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump, m));
        Assert.Contains("guides fiscal 2027 (to May 2027) capex", alert.Rationale);
        Assert.Contains("on fiscal 2026 (to May 2026) capex", alert.Rationale);
        Assert.Contains(alert.Evidence, e => e.Summary.Contains("capex guidance for fiscal 2027 (to May 2027)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Capex_guidance_range_counts_at_its_midpoint_against_prior_guidance_when_no_actual_is_known()
    {
        var (b, c) = Keys.Companies(2);
        await _silo.IngestAsync(Make.Guidance(b, 2025, 100), Make.GuidanceRange(b, 2026, 110, 130));
        var alert = Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump, b, c));
        Assert.Contains("midpoint $120 billion", alert.Rationale);
        Assert.Contains("+20 %", alert.Rationale);
        Assert.Contains("2025 guidance", alert.Rationale);

        await _silo.IngestAsync(Make.Guidance(c, 2025, 100), Make.GuidanceRange(c, 2026, 100, 130)); // midpoint +15 %
        Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump, b, c));
    }

    [Fact]
    public async Task Capex_guidance_jump_is_found_whichever_arrives_first_and_only_once()
    {
        var d = Keys.Company();
        await _silo.IngestAsync(Make.Guidance(d, 2026, 200));
        Assert.Empty(await AlertsFor(RuleIds.CapexGuidanceJump, d));
        await _silo.IngestAsync(Make.Capex(d, 2025, 131));
        Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump, d));
        await _silo.IngestAsync(Make.Guidance(d, 2026, 210, Make.Day.AddDays(1))); // a revision: same finding, same alert
        Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump, d));
    }

    [Fact]
    public async Task Uncapped_guidance_has_no_figure_to_compare()
    {
        var a = Keys.Company();
        // Signal ids are unique across the shared signal index: a fixed id would belong to whichever test came first.
        var uncapped = new CapexGuidance
        {
            Id = $"uncapped-{Guid.NewGuid():N}", Company = a, Period = AgentWatch.Abstractions.Values.Period.FiscalYear(2026), KnownOn = Make.Day,
            Source = new("t", null, null), Uncapped = true,
        };
        await _silo.IngestAsync(Make.Capex(a, 2025, 10), uncapped);
        Assert.Empty(await AlertsFor(RuleIds.CapexGuidanceJump, a));
    }

    [Theory]
    [InlineData(85.0, true)]
    [InlineData(84.9, false)]
    [InlineData(120.0, true)]
    public async Task Capex_at_85_percent_of_operating_cash_flow_raises_an_alert(double capex, bool raises)
    {
        var a = Keys.Company();
        await _silo.IngestAsync(Make.Capex(a, 2025, (decimal)capex, "FY2025"), Make.CashFlow(a, "FY2025", 100));
        var alerts = await AlertsFor(RuleIds.CapexVsCashFlow, a);
        Assert.Equal(raises ? 1 : 0, alerts.Count);
        if (raises) Assert.Contains("of operating cash flow", alerts[0].Rationale);
    }

    [Theory]
    [InlineData(85.0, true)]
    [InlineData(84.99, false)]
    public async Task A_stated_capex_to_cash_flow_ratio_is_checked_against_the_same_threshold(double percent, bool raises)
    {
        var b = Keys.Company();
        await _silo.IngestAsync(Make.Ratio(b, (decimal)percent));
        Assert.Equal(raises ? 1 : 0, (await AlertsFor(RuleIds.CapexVsCashFlow, b)).Count);
    }

    [Fact]
    public async Task Capex_and_cash_flow_of_different_periods_are_not_compared_but_negative_cash_flow_is_flagged()
    {
        var (a, b) = Keys.Companies(2);
        await _silo.IngestAsync(Make.Capex(a, 2025, 90, "FY2025"), Make.CashFlow(a, "FY2024", 100));
        Assert.Empty(await AlertsFor(RuleIds.CapexVsCashFlow, a, b));
        await _silo.IngestAsync(Make.Capex(b, 2025, 5, "FY2025"), Make.CashFlow(b, "FY2025", -1));
        var alert = Assert.Single(await AlertsFor(RuleIds.CapexVsCashFlow, a, b));
        Assert.Equal(b, alert.Company);
    }

    [Theory]
    [InlineData("watched-fund", 100.0, PutCall.Put, true)]
    [InlineData("watched-fund", 99.99, PutCall.Put, false)]
    [InlineData("watched-fund", 900.0, PutCall.Call, false)]
    [InlineData("quiet-fund", 900.0, PutCall.Put, false)]
    public async Task A_watched_filers_new_put_of_100_million_raises_a_critical_alert(string filerKind, double notionalMillions, PutCall putCall, bool raises)
    {
        // The row names the kind of filer; the filer itself is a fresh one of that kind.
        var filer = filerKind == "watched-fund" ? Keys.WatchedFiler() : Keys.QuietFiler();
        var b = Keys.Company();
        await _silo.IngestAsync(Make.Put(filer, b, (decimal)notionalMillions, putCall: putCall));
        var alerts = await AlertsFor(RuleIds.FilerBearishPosition, b);
        Assert.Equal(raises ? 1 : 0, alerts.Count);
        if (raises)
        {
            Assert.Equal(b, alerts[0].Company);
            Assert.Equal(AlertSeverity.Critical, alerts[0].Severity);
            Assert.Contains(KeyPool.FilerName(filer), alerts[0].Rationale);
        }
    }

    [Fact]
    public async Task A_put_held_since_an_earlier_quarter_is_not_new_and_a_short_describing_the_same_bet_is_the_same_alert()
    {
        var filer = Keys.WatchedFiler();
        var (c, d) = Keys.Companies(2);
        await _silo.IngestAsync(Make.Put(filer, c, 500, "2025-06-30"));
        await _silo.IngestAsync(Make.Put(filer, c, 600, "2025-09-30"));
        await _silo.IngestAsync(Make.Put(filer, d, 200, "2025-09-30"), Make.Short(filer, 1000, "2025-09-30", d));
        var alerts = await AlertsFor(RuleIds.FilerBearishPosition, c, d);
        Assert.Equal([c, d], alerts.Select(a => a.Company).Order(StringComparer.Ordinal));
        Assert.Contains(alerts, a => a.Id.EndsWith($":{c}:2025-06-30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_short_position_against_several_companies_raises_one_alert_per_company()
    {
        var filer = Keys.WatchedFiler();
        var (a, b) = Keys.Companies(2);
        await _silo.IngestAsync(Make.Short(filer, 1000, "2025-09-30", a, b));
        Assert.Equal([a, b], (await AlertsFor(RuleIds.FilerBearishPosition, a, b)).Select(x => x.Company).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_control_news_touching_watched_companies_raises_alerts_for_each_and_other_news_does_not()
    {
        var (a, b, c) = Keys.Companies(3);
        var z = Keys.UnwatchedCompany();
        await _silo.IngestAsync(Make.Export(b, a, z), Make.News(c));
        var alerts = await AlertsFor(RuleIds.ExportControl, a, b, c, z);
        Assert.Equal([a, b], alerts.Select(x => x.Company).Order(StringComparer.Ordinal));
        Assert.All(alerts, x => Assert.Contains("China", x.Rationale));
    }

    [Theory]
    [InlineData(-100.0, 5, true)]
    [InlineData(-99.99, 5, false)]
    [InlineData(-350.0, 6, false)]
    [InlineData(-229.0, 1, true)]
    [InlineData(100.0, 5, false)]
    public async Task A_market_cap_loss_of_100_billion_within_5_trading_days_raises_an_alert(double billions, int days, bool raises)
    {
        var b = Keys.Company();
        await _silo.IngestAsync(Make.Move(b, (decimal)billions, days));
        Assert.Equal(raises ? 1 : 0, (await AlertsFor(RuleIds.MarketCapDrawdown, b)).Count);
    }

    [Fact]
    public async Task A_drawdown_in_a_series_of_daily_market_caps_raises_one_alert_for_the_slide()
    {
        var (a, b) = Keys.Companies(2);
        var start = new DateOnly(2025, 11, 3);
        // 1000 → 990 → 960 → 930 → 899 (−101 in 4 days) → 880: one slide from one peak.
        decimal[] caps = [1000, 990, 960, 930, 899, 880];
        await _silo.IngestAsync(caps.Select((c, i) => (Signal)Make.Cap(a, start.AddDays(i), c)).ToArray());
        var alert = Assert.Single(await AlertsFor(RuleIds.MarketCapDrawdown, a, b));
        Assert.Contains("peak-2025-11-03", alert.Id);
        Assert.Contains("$1 trillion", alert.Rationale);

        decimal[] mild = [1000, 980, 960, 950, 930, 910]; // −90 within five days
        await _silo.IngestAsync(mild.Select((c, i) => (Signal)Make.Cap(b, start.AddDays(i), c)).ToArray());
        Assert.Single(await AlertsFor(RuleIds.MarketCapDrawdown, a, b));
    }

    [Fact]
    public async Task Funding_answered_by_a_purchase_is_a_circular_financing_loop_reported_once()
    {
        var (b, c) = Keys.Companies(2);
        await _silo.IngestAsync(Make.Deal(b, c, DealKind.Equity, 100));
        Assert.Empty(await AlertsFor(RuleIds.CircularFinancing, b, c));
        await _silo.IngestAsync(Make.Deal(c, b, DealKind.PurchaseCommitment));
        var alert = Assert.Single(await AlertsFor(RuleIds.CircularFinancing, b, c));
        Assert.Equal(b, alert.Company);
        Assert.Contains($"{b} → {c} → {b}", alert.Rationale);
        await _silo.IngestAsync(Make.Deal(b, c, DealKind.Debt, 5)); // another deal on the same loop
        Assert.Single(await AlertsFor(RuleIds.CircularFinancing, b, c));
    }

    [Fact]
    public async Task A_loop_through_a_chain_is_found_but_mutual_funding_or_plain_trade_is_not_a_loop()
    {
        // Keys come in ascending order, and a loop is described from its smallest company: a, then c, then d.
        var (a, b, c, d) = Keys.Companies(4);
        await _silo.IngestAsync(Make.Deal(a, b, DealKind.Equity, 1), Make.Deal(b, a, DealKind.Equity, 1));
        await _silo.IngestAsync(Make.Deal(c, d, DealKind.PurchaseCommitment), Make.Deal(d, c, DealKind.ComputeContract));
        Assert.Empty(await AlertsFor(RuleIds.CircularFinancing, a, b, c, d));

        await _silo.IngestAsync(Make.Deal(a, c, DealKind.Equity, 10), Make.Deal(c, d, DealKind.ComputeContract, 3));
        Assert.Empty(await AlertsFor(RuleIds.CircularFinancing, a, b, c, d));
        await _silo.IngestAsync(Make.Deal(d, a, DealKind.PurchaseCommitment, 2));
        Assert.Contains(await AlertsFor(RuleIds.CircularFinancing, a, b, c, d), x => x.Rationale.Contains($"{a} → {c} → {d} → {a}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(100.0, true)]
    [InlineData(99.9, false)]
    [InlineData(313.0, true)]
    public async Task A_pe_of_100_or_more_raises_an_alert(double pe, bool raises)
    {
        var c = Keys.Company();
        await _silo.IngestAsync(Make.Pe(c, (decimal)pe));
        Assert.Equal(raises ? 1 : 0, (await AlertsFor(RuleIds.ExtremeValuation, c)).Count);
    }

    [Fact]
    public async Task Alerts_about_a_company_that_is_listed_but_not_watched_are_not_raised()
    {
        var z = Keys.UnwatchedCompany();
        var report = await _silo.IngestAsync(Make.Pe(z, 500), Make.Move(z, -500, 1));
        // The log is shared, so "no alert at all" is checked where this ingestion alone speaks: its report, the
        // company's own timeline, and the log's alerts about the company.
        Assert.Equal(2, report.New);
        Assert.Empty(report.AlertIds);
        Assert.Empty((await _silo.Grains.GetGrain<AgentWatch.Abstractions.Grains.ICompanyGrain>(z).GetSnapshotAsync(null)).AlertIds);
        Assert.Empty(await _silo.AlertsAboutAsync(z));
    }
}

/// <summary>
/// Thresholds come from configuration. A cluster's configuration is fixed when it starts, so these tests cannot share
/// the domain cluster: each starts its own, through the same helper, and has its whole alert log to itself.
/// </summary>
public sealed class ConfiguredRuleTests
{
    [Fact]
    public async Task Thresholds_and_severities_are_read_from_configuration_and_a_disabled_rule_stays_quiet()
    {
        await using var silo = await DomainCluster.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Rules:ExtremeValuation:MinPeRatio"] = "50",
            ["Rules:ExtremeValuation:Severity"] = "critical",
            ["Rules:CircularFinancing:MaxChainLength"] = "2",
            ["Rules:MarketCapDrawdown:Enabled"] = "false",
        });
        var (a, c, d) = silo.Keys.Companies(3);
        await silo.IngestAsync(Make.Pe(a, 60), Make.Move(a, -500, 1));
        await silo.IngestAsync(Make.Deal(a, c, DealKind.Equity, 10), Make.Deal(c, d, DealKind.ComputeContract, 3), Make.Deal(d, a, DealKind.PurchaseCommitment, 2));
        var alert = Assert.Single(await silo.AllAlertsAsync());
        Assert.Equal(RuleIds.ExtremeValuation, alert.Rule);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
    }

    [Fact]
    public async Task An_invalid_threshold_is_refused_at_start_with_the_setting_named()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await (await DomainCluster.StartAsync(settings: new Dictionary<string, string?> { ["Rules:CapexVsCashFlow:MinRatioPercent"] = "0" })).DisposeAsync());
        var validation = ex as Microsoft.Extensions.Options.OptionsValidationException ?? Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(ex.InnerException);
        Assert.Contains("Rules:CapexVsCashFlow:MinRatioPercent", validation.Message);
    }
}
