using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AgentWatch.Abstractions.Api;
using AgentWatch.Client;
using AgentWatch.Testing;

namespace AgentWatch.Silo.Tests;

/// <summary>
/// Webhooks against a real receiver on loopback that fails, then recovers: every matching alert arrives once, in order,
/// signed; failures are visible through the API; deliveries pending when a silo stops go out after it restarts.
/// </summary>
public sealed class WebhookTests
{
    private const string Secret = "s3cret-for-tests";

    private static Dictionary<string, string?> Settings(string url, string? companies = "ORCL,NVDA,AMD", string format = "json")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Silo:SeedOnFirstStart"] = "false",
            ["Webhooks:InitialBackoff"] = "00:00:00.2",
            ["Webhooks:MaxBackoff"] = "00:00:01",
            ["Webhooks:Subscriptions:0:Name"] = "desk",
            ["Webhooks:Subscriptions:0:Url"] = url,
            ["Webhooks:Subscriptions:0:Secret"] = Secret,
            ["Webhooks:Subscriptions:0:Format"] = format,
            // The tests raise their alerts right after the silo starts, racing the subscription's start position.
            ["Webhooks:Subscriptions:0:FromStart"] = "true",
        };
        var i = 0;
        foreach (var c in (companies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)) settings[$"Webhooks:Subscriptions:0:Companies:{i++}"] = c;
        return settings;
    }

    /// <summary>Each alert id the receiver acknowledged (answered 2xx), in the order it did.</summary>
    private static List<string> Acknowledged(LoopbackServer receiver, int firstSuccessfulRequest) =>
        receiver.Requests.Skip(firstSuccessfulRequest - 1).Select(r => r.Headers["X-AgentWatch-Delivery"]!).ToList();

    [Fact]
    public async Task A_receiver_that_fails_then_recovers_gets_each_matching_alert_once_in_order_and_signed()
    {
        // The receiver fails with 500 until the test has seen the failure in the API (a failure shows only while it lasts,
        // so a receiver that recovered on its own could recover between two looks), then answers 204.
        var recovered = false;
        var firstAccepted = 0;
        await using var receiver = LoopbackServer.Start((ctx, n) =>
        {
            if (Volatile.Read(ref recovered)) Interlocked.CompareExchange(ref firstAccepted, n, 0);
            ctx.Response.StatusCode = Volatile.Read(ref recovered) ? 204 : 500;
            return Task.CompletedTask;
        });
        // The deliveries metric, as an OpenTelemetry exporter would read it.
        var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Name == "agentwatch.webhook.deliveries") l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            // Other test classes run silos with webhooks at the same time: count this test's subscription only (the name
            // is this class's alone).
            var (outcome, subscription) = ("", "");
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome") outcome = (string)tag.Value!;
                if (tag.Key == "subscription") subscription = (string)tag.Value!;
            }
            if (subscription == "desk") outcomes.AddOrUpdate(outcome, value, (_, v) => v + value);
        });
        listener.Start();
        using var temp = new TempFolder();
        await using var silo = await Silos.StartAsync(temp.Sub("data"), Settings(receiver.Url + "hook"));
        using var client = new AgentWatchClient(new Uri(silo.Url!));

        var report = await silo.Api.IngestAsync([Silos.HighPe("w-orcl", "ORCL", 210), Silos.HighPe("w-pltr", "PLTR", 300), Silos.HighPe("w-nvda", "NVDA", 120), Silos.HighPe("w-amd", "AMD", 150)]);
        Assert.Equal(4, report.AlertIds.Count);
        var alerts = (await silo.Api.GetAlertsAsync(new AlertQuery())).OrderBy(a => a.Sequence).ToList();
        var expected = alerts.Where(a => a.Company is "ORCL" or "NVDA" or "AMD").Select(a => a.Id).ToList();

        // While the receiver fails, the API says so.
        await Eventually.WaitForAsync(async () => (await client.GetWebhooksAsync()).Single().Failures >= 1, "a failure to be recorded");
        var failing = (await client.GetWebhooksAsync()).Single();
        Assert.Equal("desk", failing.Name);
        Assert.Contains("500", failing.LastError);
        Assert.NotNull(failing.NextAttemptAt);
        Volatile.Write(ref recovered, true);

        await Eventually.WaitForAsync(async () => (await client.GetWebhooksAsync()).Single().Delivered == 3, "three deliveries");
        var status = (await client.GetWebhooksAsync()).Single();
        Assert.Equal((3L, 0), (status.Delivered, status.Failures));
        Assert.Equal(alerts.Max(a => a.Sequence), status.Position);

        // Nothing lost, nothing twice, in stream order; PLTR's alert is filtered out. Every attempt before the receiver
        // recovered failed (at least one), each counted as such.
        var failedAttempts = firstAccepted - 1;
        Assert.True(failedAttempts >= 1, $"the first accepted request was number {firstAccepted}");
        Assert.Equal(expected, Acknowledged(receiver, firstAccepted));
        Assert.Equal(failedAttempts + 3, receiver.Requests.Count);
        Assert.Equal(((long)failedAttempts, 3L), (outcomes.GetValueOrDefault("failed"), outcomes.GetValueOrDefault("delivered")));
        foreach (var request in receiver.Requests)
        {
            var signature = request.Headers["X-AgentWatch-Signature"];
            Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), request.Body)), signature);
            var alert = JsonDocument.Parse(request.Body).RootElement;
            Assert.Equal(request.Headers["X-AgentWatch-Delivery"], alert.GetProperty("id").GetString());
            Assert.Equal("extreme-valuation", alert.GetProperty("rule").GetString());
        }
    }

    [Fact]
    public async Task Deliveries_pending_when_a_silo_stops_go_out_after_it_restarts()
    {
        var healthy = false;
        await using var receiver = LoopbackServer.Start((ctx, _) =>
        {
            ctx.Response.StatusCode = Volatile.Read(ref healthy) ? 200 : 503;
            return Task.CompletedTask;
        });
        using var temp = new TempFolder();
        List<string> ids;
        await using (var first = await Silos.StartAsync(temp.Sub("data"), Settings(receiver.Url, companies: null)))
        {
            ids = (await first.Api.IngestAsync([Silos.HighPe("r-orcl", "ORCL", 210), Silos.HighPe("r-nvda", "NVDA", 120)])).AlertIds.ToList();
            await Eventually.WaitForAsync(async () => (await first.Api.GetWebhooksAsync()).Single().Failures >= 2, "two failures");
        }
        var failedAttempts = receiver.Requests.Count;
        Volatile.Write(ref healthy, true);

        await using var second = await Silos.StartAsync(temp.Sub("data"), Settings(receiver.Url, companies: null));
        await Eventually.WaitForAsync(async () => (await second.Api.GetWebhooksAsync()).Single().Delivered == 2, "both deliveries after the restart");

        var delivered = Acknowledged(receiver, failedAttempts + 1);
        Assert.Equal(ids.Order().ToList(), delivered.Order().ToList());
        Assert.Equal(delivered.Count, delivered.Distinct().Count());
    }

    [Fact]
    public async Task A_slack_subscription_gets_text()
    {
        await using var receiver = LoopbackServer.Start((ctx, _) => Task.CompletedTask);
        using var temp = new TempFolder();
        await using var silo = await Silos.StartAsync(temp.Sub("data"), Settings(receiver.Url, companies: "ORCL", format: "slack"));
        await silo.Api.IngestAsync([Silos.HighPe("s-orcl", "ORCL", 210)]);
        await Eventually.WaitForAsync(() => Task.FromResult(!receiver.Requests.IsEmpty), "the delivery");
        var text = JsonDocument.Parse(receiver.Requests.Single().Body).RootElement.GetProperty("text").GetString();
        Assert.StartsWith("*[info] ORCL* extreme-valuation:", text);
    }

    [Fact]
    public void A_bad_subscription_is_named_at_start()
    {
        var options = new WebhookOptions { Subscriptions = [new WebhookSubscription { Name = "x y", Url = "ftp://nope", Format = "xml" }] };
        var problems = options.Validate().ToList();
        Assert.Contains(problems, p => p.Contains("Webhooks:Subscriptions:0:Name 'x y'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("is not an http or https URL", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must be json or slack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_subscription_gets_only_alerts_raised_after_it_began()
    {
        await using var receiver = LoopbackServer.Start((_, _) => Task.CompletedTask);
        using var temp = new TempFolder();
        var data = temp.Sub("data");
        // Two alerts before the subscription exists.
        await using (var before = await Silos.StartAsync(data, new() { ["Silo:SeedOnFirstStart"] = "false" }))
            await before.Api.IngestAsync([Silos.HighPe("old-orcl", "ORCL", 210), Silos.HighPe("old-nvda", "NVDA", 120)]);

        var settings = new Dictionary<string, string?>
        {
            ["Silo:SeedOnFirstStart"] = "false",
            ["Webhooks:Subscriptions:0:Name"] = "late",
            ["Webhooks:Subscriptions:0:Url"] = receiver.Url,
        };
        await using var silo = await Silos.StartAsync(data, settings);
        await Eventually.WaitForAsync(async () => (await silo.Api.GetWebhooksAsync()).Single().Position == 2, "the subscription to start after the old alerts");
        var id = (await silo.Api.IngestAsync([Silos.HighPe("new-amd", "AMD", 150)])).AlertIds.Single();
        await Eventually.WaitForAsync(async () => (await silo.Api.GetWebhooksAsync()).Single().Delivered == 1, "the new alert's delivery");
        Assert.Equal([id], receiver.Requests.Select(r => r.Headers["X-AgentWatch-Delivery"]!).ToArray());
    }
}
