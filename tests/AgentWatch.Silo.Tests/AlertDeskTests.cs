using AgentWatch.Abstractions.Api;
using AgentWatch.Client;
using AgentWatch.Testing;

namespace AgentWatch.Silo.Tests;

/// <summary>Acknowledging alerts, muting companies and rules, and the rules view, through the client over real HTTP.</summary>
public sealed class AlertDeskTests
{
    [Fact]
    public async Task An_acknowledgement_is_listed_with_the_alert_and_survives_a_restart()
    {
        using var temp = new TempFolder();
        var settings = new Dictionary<string, string?> { ["Silo:SeedOnFirstStart"] = "false" };
        string id;
        await using (var silo = await Silos.StartAsync(temp.Sub("data"), settings))
        {
            using var client = new AgentWatchClient(new Uri(silo.Url!));
            id = (await client.IngestAsync([Silos.HighPe("ack-orcl", "ORCL", 210)])).AlertIds.Single();
            Assert.Null((await client.GetAlertsAsync(new AlertQuery())).Single().Acknowledged);

            var ack = await client.AcknowledgeAsync(id, "Looked at the P/E; no action.");
            Assert.Equal(id, ack!.AlertId);
            Assert.Null(await client.AcknowledgeAsync("no-such-alert", null));
        }
        await using var again = await Silos.StartAsync(temp.Sub("data"), settings);
        using var after = new AgentWatchClient(new Uri(again.Url!));
        var listed = (await after.GetAlertsAsync(new AlertQuery())).Single();
        Assert.Equal("Looked at the P/E; no action.", listed.Acknowledged?.Note);
    }

    [Fact]
    public async Task A_muted_company_is_listed_as_muted_and_kept_out_of_webhooks_until_unmuted()
    {
        await using var receiver = LoopbackServer.Start((_, _) => Task.CompletedTask);
        using var temp = new TempFolder();
        await using var silo = await Silos.StartAsync(temp.Sub("data"), new()
        {
            ["Silo:SeedOnFirstStart"] = "false",
            ["Webhooks:Subscriptions:0:Name"] = "desk-mutes",
            ["Webhooks:Subscriptions:0:Url"] = receiver.Url,
            ["Webhooks:Subscriptions:0:FromStart"] = "true",
        });
        using var client = new AgentWatchClient(new Uri(silo.Url!));

        // By name: the mute is kept under the ticker.
        var mute = await client.MuteAsync(MuteScope.Company, "Oracle", TimeSpan.FromHours(2), "earnings week");
        Assert.Equal((MuteScope.Company, "ORCL"), (mute.Scope, mute.Value));
        Assert.InRange(mute.Until - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));

        var report = await client.IngestAsync([Silos.HighPe("m-orcl", "ORCL", 210), Silos.HighPe("m-nvda", "NVDA", 120)]);
        var last = (await client.GetAlertsAsync(new AlertQuery())).Max(a => a.Sequence);
        await Eventually.WaitForAsync(async () => (await client.GetWebhooksAsync()).Single().Position == last, "the webhook to pass both alerts");

        var alerts = await client.GetAlertsAsync(new AlertQuery());
        Assert.True(alerts.Single(a => a.Company == "ORCL").Muted);
        Assert.False(alerts.Single(a => a.Company == "NVDA").Muted);
        Assert.Equal([alerts.Single(a => a.Company == "NVDA").Id], receiver.Requests.Select(r => r.Headers["X-AgentWatch-Delivery"]!).ToArray());
        Assert.Equal(1, (await client.GetWebhooksAsync()).Single().Delivered);

        Assert.Equal("earnings week", Assert.Single(await client.GetMutesAsync()).Reason);
        Assert.True(await client.UnmuteAsync(MuteScope.Company, "ORCL"));
        Assert.False(await client.UnmuteAsync(MuteScope.Company, "ORCL"));
        Assert.Empty(await client.GetMutesAsync());
        Assert.False((await client.GetAlertsAsync(new AlertQuery())).Single(a => a.Company == "ORCL").Muted);
    }

    [Fact]
    public async Task A_mute_of_an_unknown_rule_or_for_no_time_is_a_bad_request_naming_the_choices()
    {
        using var temp = new TempFolder();
        await using var silo = await Silos.StartAsync(temp.Sub("data"), new() { ["Silo:SeedOnFirstStart"] = "false" });
        using var client = new AgentWatchClient(new Uri(silo.Url!));
        var unknown = await Assert.ThrowsAsync<AgentWatchApiException>(() => client.MuteAsync(MuteScope.Rule, "capex-party", TimeSpan.FromHours(1), null));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("extreme-valuation", unknown.Message);
        var never = await Assert.ThrowsAsync<AgentWatchApiException>(() => client.MuteAsync(MuteScope.Rule, "extreme-valuation", TimeSpan.Zero, null));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, never.Status);
    }

    [Fact]
    public async Task The_rules_view_gives_each_rule_its_settings_and_how_often_it_fired()
    {
        using var temp = new TempFolder();
        await using var silo = await Silos.StartAsync(temp.Sub("data"), new() { ["Silo:SeedOnFirstStart"] = "false", ["Rules:ExtremeValuation:MinPeRatio"] = "150" });
        using var client = new AgentWatchClient(new Uri(silo.Url!));
        await client.IngestAsync([Silos.HighPe("r-orcl", "ORCL", 210), Silos.HighPe("r-nvda", "NVDA", 120), Silos.HighPe("r-amd", "AMD", 160)]);

        var rules = await client.GetRulesAsync();
        Assert.Equal(Grains.Rules.RuleIds.All.Order().ToArray(), rules.Select(r => r.Id).Order().ToArray());
        var pe = rules.Single(r => r.Id == "extreme-valuation");
        Assert.Equal("150", pe.Settings["MinPeRatio"]);
        // NVDA's 120 is under the configured 150.
        Assert.Equal(2, pe.Triggered);
        Assert.NotNull(pe.LastTriggeredAt);
        Assert.Equal(0, rules.Single(r => r.Id == "capex-vs-cash-flow").Triggered);
    }

    private static Abstractions.Signals.Valuation Pe(string id, string company, string period) => new()
    {
        Id = id, Company = company, Period = Abstractions.Values.Period.Parse(period), KnownOn = new DateOnly(2026, 6, 1),
        Source = new Abstractions.Values.SourceRef("test", null, id), PeRatio = 300,
    };

    [Theory]
    [InlineData("Frequency", "daily", 1)]
    [InlineData("MaxPerHour", "2", 2)]
    [InlineData("Frequency", "per-period", 3)]
    public async Task A_rules_frequency_and_throttle_limit_its_alerts_per_company(string setting, string value, int orclAlerts)
    {
        using var temp = new TempFolder();
        await using var silo = await Silos.StartAsync(temp.Sub("data"), new()
        {
            ["Silo:SeedOnFirstStart"] = "false",
            [$"Rules:ExtremeValuation:{setting}"] = value == "per-period" ? "PerPeriod" : value,
        });
        // Three findings about Oracle (three months), one about Nvidia, all within the hour and the day.
        var report = await silo.Api.IngestAsync([Pe("f-1", "ORCL", "2026-03"), Pe("f-2", "ORCL", "2026-04"), Pe("f-3", "ORCL", "2026-05"), Pe("f-4", "NVDA", "2026-03")]);
        var alerts = await silo.Api.GetAlertsAsync(new AlertQuery());
        Assert.Equal(orclAlerts, alerts.Count(a => a.Company == "ORCL"));
        Assert.Equal(1, alerts.Count(a => a.Company == "NVDA"));
        Assert.Equal(report.AlertIds.Count, alerts.Count);
        var rule = (await silo.Api.GetRulesAsync()).Single(r => r.Id == "extreme-valuation");
        Assert.Equal(value == "daily" ? AlertFrequency.Daily : AlertFrequency.PerPeriod, rule.Frequency);
        Assert.Equal(setting == "MaxPerHour" ? 2 : 0, rule.MaxPerHour);
    }

    [Fact]
    public async Task A_frequency_set_through_the_api_applies_at_once_and_survives_a_restart()
    {
        using var temp = new TempFolder();
        var settings = new Dictionary<string, string?> { ["Silo:SeedOnFirstStart"] = "false" };
        await using (var silo = await Silos.StartAsync(temp.Sub("data"), settings))
        {
            using var client = new AgentWatchClient(new Uri(silo.Url!));
            var rule = await client.SetRuleLimitAsync("extreme-valuation", AlertFrequency.Daily, 0);
            Assert.Equal(AlertFrequency.Daily, rule.Frequency);
            await client.IngestAsync([Pe("a-1", "ORCL", "2026-03"), Pe("a-2", "ORCL", "2026-04")]);
            Assert.Single(await client.GetAlertsAsync(new AlertQuery()));
            var bad = await Assert.ThrowsAsync<AgentWatchApiException>(() => client.SetRuleLimitAsync("nope", AlertFrequency.Daily, 0));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.Status);
        }
        await using var again = await Silos.StartAsync(temp.Sub("data"), settings);
        Assert.Equal(AlertFrequency.Daily, (await again.Api.GetRulesAsync()).Single(r => r.Id == "extreme-valuation").Frequency);
        await again.Api.IngestAsync([Pe("a-3", "ORCL", "2026-05")]);
        Assert.Single(await again.Api.GetAlertsAsync(new AlertQuery()));
    }
}
