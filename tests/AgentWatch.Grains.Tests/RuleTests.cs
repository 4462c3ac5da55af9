using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Rules;

namespace AgentWatch.Grains.Tests;

/// <summary>Each rule at, just below and around its threshold, evaluated by the real grains.</summary>
public sealed class RuleTests : IAsyncLifetime
{
    private DomainSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await DomainSilo.StartAsync();
    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private async Task<List<AgentWatch.Abstractions.Alert>> AlertsFor(string rule) =>
        (await _silo.AlertsAsync()).Where(a => a.Rule == rule).ToList();

    [Theory]
    [InlineData(120.0, true)]   // +20 %: at the threshold
    [InlineData(119.9, false)]  // just below
    [InlineData(200.0, true)]
    public async Task Capex_guidance_up_20_percent_on_prior_year_capex_raises_an_alert(double guided, bool raises)
    {
        await _silo.IngestAsync(Make.Capex("AAA", 2025, 100), Make.Guidance("AAA", 2026, (decimal)guided));
        var alerts = await AlertsFor(RuleIds.CapexGuidanceJump);
        Assert.Equal(raises ? 1 : 0, alerts.Count);
        if (raises)
        {
            Assert.Equal("AAA", alerts[0].Company);
            Assert.Contains("2025 capex", alerts[0].Rationale);
            Assert.Equal(2, alerts[0].Evidence.Count);
        }
    }

    [Fact]
    public async Task Capex_guidance_range_counts_at_its_midpoint_against_prior_guidance_when_no_actual_is_known()
    {
        await _silo.IngestAsync(Make.Guidance("BBB", 2025, 100), Make.GuidanceRange("BBB", 2026, 110, 130));
        var alert = Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump));
        Assert.Contains("midpoint $120 billion", alert.Rationale);
        Assert.Contains("+20 %", alert.Rationale);
        Assert.Contains("2025 guidance", alert.Rationale);

        await _silo.IngestAsync(Make.Guidance("CCC", 2025, 100), Make.GuidanceRange("CCC", 2026, 100, 130)); // midpoint +15 %
        Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump));
    }

    [Fact]
    public async Task Capex_guidance_jump_is_found_whichever_arrives_first_and_only_once()
    {
        await _silo.IngestAsync(Make.Guidance("DDD", 2026, 200));
        Assert.Empty(await AlertsFor(RuleIds.CapexGuidanceJump));
        await _silo.IngestAsync(Make.Capex("DDD", 2025, 131));
        Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump));
        await _silo.IngestAsync(Make.Guidance("DDD", 2026, 210, Make.Day.AddDays(1))); // a revision: same finding, same alert
        Assert.Single(await AlertsFor(RuleIds.CapexGuidanceJump));
    }

    [Fact]
    public async Task Uncapped_guidance_has_no_figure_to_compare()
    {
        var uncapped = new CapexGuidance { Id = "uncapped", Company = "AAA", Period = AgentWatch.Abstractions.Values.Period.FiscalYear(2026), KnownOn = Make.Day, Source = new("t", null, null), Uncapped = true };
        await _silo.IngestAsync(Make.Capex("AAA", 2025, 10), uncapped);
        Assert.Empty(await AlertsFor(RuleIds.CapexGuidanceJump));
    }

    [Theory]
    [InlineData(85.0, true)]
    [InlineData(84.9, false)]
    [InlineData(120.0, true)]
    public async Task Capex_at_85_percent_of_operating_cash_flow_raises_an_alert(double capex, bool raises)
    {
        await _silo.IngestAsync(Make.Capex("AAA", 2025, (decimal)capex, "FY2025"), Make.CashFlow("AAA", "FY2025", 100));
        var alerts = await AlertsFor(RuleIds.CapexVsCashFlow);
        Assert.Equal(raises ? 1 : 0, alerts.Count);
        if (raises) Assert.Contains("of operating cash flow", alerts[0].Rationale);
    }

    [Theory]
    [InlineData(85.0, true)]
    [InlineData(84.99, false)]
    public async Task A_stated_capex_to_cash_flow_ratio_is_checked_against_the_same_threshold(double percent, bool raises)
    {
        await _silo.IngestAsync(Make.Ratio("BBB", (decimal)percent));
        Assert.Equal(raises ? 1 : 0, (await AlertsFor(RuleIds.CapexVsCashFlow)).Count);
    }

    [Fact]
    public async Task Capex_and_cash_flow_of_different_periods_are_not_compared_but_negative_cash_flow_is_flagged()
    {
        await _silo.IngestAsync(Make.Capex("AAA", 2025, 90, "FY2025"), Make.CashFlow("AAA", "FY2024", 100));
        Assert.Empty(await AlertsFor(RuleIds.CapexVsCashFlow));
        await _silo.IngestAsync(Make.Capex("BBB", 2025, 5, "FY2025"), Make.CashFlow("BBB", "FY2025", -1));
        var alert = Assert.Single(await AlertsFor(RuleIds.CapexVsCashFlow));
        Assert.Equal("BBB", alert.Company);
    }

    [Theory]
    [InlineData("watched-fund", 100.0, PutCall.Put, true)]
    [InlineData("watched-fund", 99.99, PutCall.Put, false)]
    [InlineData("watched-fund", 900.0, PutCall.Call, false)]
    [InlineData("quiet-fund", 900.0, PutCall.Put, false)]
    public async Task A_watched_filers_new_put_of_100_million_raises_a_critical_alert(string filer, double notionalMillions, PutCall putCall, bool raises)
    {
        await _silo.IngestAsync(Make.Put(filer, "BBB", (decimal)notionalMillions, putCall: putCall));
        var alerts = await AlertsFor(RuleIds.FilerBearishPosition);
        Assert.Equal(raises ? 1 : 0, alerts.Count);
        if (raises)
        {
            Assert.Equal("BBB", alerts[0].Company);
            Assert.Equal(AgentWatch.Abstractions.AlertSeverity.Critical, alerts[0].Severity);
            Assert.Contains("Watched Fund", alerts[0].Rationale);
        }
    }

    [Fact]
    public async Task A_put_held_since_an_earlier_quarter_is_not_new_and_a_short_describing_the_same_bet_is_the_same_alert()
    {
        await _silo.IngestAsync(Make.Put("watched-fund", "CCC", 500, "2025-06-30"));
        await _silo.IngestAsync(Make.Put("watched-fund", "CCC", 600, "2025-09-30"));
        await _silo.IngestAsync(Make.Put("watched-fund", "DDD", 200, "2025-09-30"), Make.Short("watched-fund", 1000, "2025-09-30", "DDD"));
        var alerts = await AlertsFor(RuleIds.FilerBearishPosition);
        Assert.Equal(["CCC", "DDD"], alerts.Select(a => a.Company).Order());
        Assert.Contains(alerts, a => a.Id.EndsWith(":CCC:2025-06-30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_short_position_against_several_companies_raises_one_alert_per_company()
    {
        await _silo.IngestAsync(Make.Short("watched-fund", 1000, "2025-09-30", "AAA", "BBB"));
        Assert.Equal(["AAA", "BBB"], (await AlertsFor(RuleIds.FilerBearishPosition)).Select(a => a.Company).Order());
    }

    [Fact]
    public async Task Export_control_news_touching_watched_companies_raises_alerts_for_each_and_other_news_does_not()
    {
        await _silo.IngestAsync(Make.Export("BBB", "AAA", "ZZZ"), Make.News("CCC"));
        var alerts = await AlertsFor(RuleIds.ExportControl);
        Assert.Equal(["AAA", "BBB"], alerts.Select(a => a.Company).Order());
        Assert.All(alerts, a => Assert.Contains("China", a.Rationale));
    }

    [Theory]
    [InlineData(-100.0, 5, true)]
    [InlineData(-99.99, 5, false)]
    [InlineData(-350.0, 6, false)]
    [InlineData(-229.0, 1, true)]
    [InlineData(100.0, 5, false)]
    public async Task A_market_cap_loss_of_100_billion_within_5_trading_days_raises_an_alert(double billions, int days, bool raises)
    {
        await _silo.IngestAsync(Make.Move("BBB", (decimal)billions, days));
        Assert.Equal(raises ? 1 : 0, (await AlertsFor(RuleIds.MarketCapDrawdown)).Count);
    }

    [Fact]
    public async Task A_drawdown_in_a_series_of_daily_market_caps_raises_one_alert_for_the_slide()
    {
        var start = new DateOnly(2025, 11, 3);
        // 1000 → 990 → 960 → 930 → 899 (−101 in 4 days) → 880: one slide from one peak.
        decimal[] caps = [1000, 990, 960, 930, 899, 880];
        await _silo.IngestAsync(caps.Select((c, i) => (Signal)Make.Cap("AAA", start.AddDays(i), c)).ToArray());
        var alert = Assert.Single(await AlertsFor(RuleIds.MarketCapDrawdown));
        Assert.Contains("peak-2025-11-03", alert.Id);
        Assert.Contains("$1 trillion", alert.Rationale);

        decimal[] mild = [1000, 980, 960, 950, 930, 910]; // −90 within five days
        await _silo.IngestAsync(mild.Select((c, i) => (Signal)Make.Cap("BBB", start.AddDays(i), c)).ToArray());
        Assert.Single(await AlertsFor(RuleIds.MarketCapDrawdown));
    }

    [Fact]
    public async Task Funding_answered_by_a_purchase_is_a_circular_financing_loop_reported_once()
    {
        await _silo.IngestAsync(Make.Deal("BBB", "CCC", DealKind.Equity, 100));
        Assert.Empty(await AlertsFor(RuleIds.CircularFinancing));
        await _silo.IngestAsync(Make.Deal("CCC", "BBB", DealKind.PurchaseCommitment));
        var alert = Assert.Single(await AlertsFor(RuleIds.CircularFinancing));
        Assert.Equal("BBB", alert.Company);
        Assert.Contains("BBB → CCC → BBB", alert.Rationale);
        await _silo.IngestAsync(Make.Deal("BBB", "CCC", DealKind.Debt, 5)); // another deal on the same loop
        Assert.Single(await AlertsFor(RuleIds.CircularFinancing));
    }

    [Fact]
    public async Task A_loop_through_a_chain_is_found_but_mutual_funding_or_plain_trade_is_not_a_loop()
    {
        await _silo.IngestAsync(Make.Deal("AAA", "BBB", DealKind.Equity, 1), Make.Deal("BBB", "AAA", DealKind.Equity, 1));
        await _silo.IngestAsync(Make.Deal("CCC", "DDD", DealKind.PurchaseCommitment), Make.Deal("DDD", "CCC", DealKind.ComputeContract));
        Assert.Empty(await AlertsFor(RuleIds.CircularFinancing));

        await _silo.IngestAsync(Make.Deal("AAA", "CCC", DealKind.Equity, 10), Make.Deal("CCC", "DDD", DealKind.ComputeContract, 3));
        Assert.Empty(await AlertsFor(RuleIds.CircularFinancing));
        await _silo.IngestAsync(Make.Deal("DDD", "AAA", DealKind.PurchaseCommitment, 2));
        Assert.Contains(await AlertsFor(RuleIds.CircularFinancing), a => a.Rationale.Contains("AAA → CCC → DDD → AAA", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(100.0, true)]
    [InlineData(99.9, false)]
    [InlineData(313.0, true)]
    public async Task A_pe_of_100_or_more_raises_an_alert(double pe, bool raises)
    {
        await _silo.IngestAsync(Make.Pe("CCC", (decimal)pe));
        Assert.Equal(raises ? 1 : 0, (await AlertsFor(RuleIds.ExtremeValuation)).Count);
    }

    [Fact]
    public async Task Alerts_about_a_company_that_is_listed_but_not_watched_are_not_raised()
    {
        await _silo.IngestAsync(Make.Pe("ZZZ", 500), Make.Move("ZZZ", -500, 1));
        Assert.Empty(await _silo.AlertsAsync());
    }
}

/// <summary>Thresholds come from configuration.</summary>
public sealed class ConfiguredRuleTests
{
    [Fact]
    public async Task Thresholds_and_severities_are_read_from_configuration_and_a_disabled_rule_stays_quiet()
    {
        await using var silo = await DomainSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Rules:ExtremeValuation:MinPeRatio"] = "50",
            ["Rules:ExtremeValuation:Severity"] = "critical",
            ["Rules:CircularFinancing:MaxChainLength"] = "2",
            ["Rules:MarketCapDrawdown:Enabled"] = "false",
        });
        await silo.IngestAsync(Make.Pe("AAA", 60), Make.Move("AAA", -500, 1));
        await silo.IngestAsync(Make.Deal("AAA", "CCC", DealKind.Equity, 10), Make.Deal("CCC", "DDD", DealKind.ComputeContract, 3), Make.Deal("DDD", "AAA", DealKind.PurchaseCommitment, 2));
        var alert = Assert.Single(await silo.AlertsAsync());
        Assert.Equal(RuleIds.ExtremeValuation, alert.Rule);
        Assert.Equal(AgentWatch.Abstractions.AlertSeverity.Critical, alert.Severity);
    }

    [Fact]
    public async Task An_invalid_threshold_is_refused_at_start_with_the_setting_named()
    {
        await using var silo = await DomainSilo.StartAsync(new Dictionary<string, string?> { ["Rules:CapexVsCashFlow:MinRatioPercent"] = "0" });
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            silo.Services.GetService(typeof(Microsoft.Extensions.Options.IOptions<RulesOptions>)) is Microsoft.Extensions.Options.IOptions<RulesOptions> o ? o.Value : null);
        Assert.Contains("Rules:CapexVsCashFlow:MinRatioPercent", ex.Message);
    }
}
