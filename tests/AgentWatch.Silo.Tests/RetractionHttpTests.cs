using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Testing;

namespace AgentWatch.Silo.Tests;

/// <summary>
/// <c>POST /retractions</c> on a real Kestrel on loopback: a dry run, then a retraction whose withdrawal reaches the live
/// stream (an event of its own type) and a webhook receiver (a delivery id of its own), and is listed at <c>GET /retractions</c>.
/// </summary>
public sealed class RetractionHttpTests
{
    [Fact]
    public async Task A_retraction_over_http_withdraws_the_alert_and_tells_the_stream_and_the_webhooks()
    {
        await using var receiver = LoopbackServer.Start((ctx, _) =>
        {
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
        using var temp = new TempFolder();
        await using var silo = await Silos.StartAsync(temp.Sub("data"), new Dictionary<string, string?>
        {
            ["Silo:SeedOnFirstStart"] = "false",
            ["Webhooks:Subscriptions:0:Name"] = "retraction-desk",
            ["Webhooks:Subscriptions:0:Url"] = receiver.Url + "hook",
            ["Webhooks:Subscriptions:0:FromStart"] = "true",
        });
        using var http = new HttpClient { BaseAddress = new Uri(silo.Url! + "/") };
        var alertId = Assert.Single((await silo.Api.IngestAsync([Silos.HighPe("typo-orcl", "ORCL", 2100)])).AlertIds);
        await Eventually.WaitForAsync(() => Task.FromResult(receiver.Requests.Count == 1), "the alert's delivery");

        using var request = new HttpRequestMessage(HttpMethod.Get, "alerts/stream?since=0");
        using var stream = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());

        var dry = await http.PostAsJsonAsync("retractions", new { signalIds = new[] { "typo-orcl" }, dryRun = true });
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var dryReport = await dry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(dryReport.GetProperty("dryRun").GetBoolean());
        Assert.Equal(alertId, dryReport.GetProperty("withdrawnAlerts")[0].GetString());
        Assert.Empty(await http.GetFromJsonAsync<JsonElement[]>("retractions") ?? []);

        var response = await http.PostAsJsonAsync("retractions", new { signalIds = new[] { "typo-orcl" }, reason = "a typo: P/E 210, not 2100" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("typo-orcl", report.GetProperty("retracted")[0].GetString());

        // The live stream: after the alert itself, its withdrawal, as an event of a type of its own.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var events = new List<(string? Type, JsonElement Data)>();
        string? type = null;
        while (!events.Any(e => e.Data.GetProperty("event").GetString() == "withdrawn"))
        {
            var line = await reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException();
            if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) events.Add((type, JsonDocument.Parse(line[6..]).RootElement));
            else if (line.Length == 0) type = null;
        }
        Assert.Equal(["alert", "alert-withdrawn"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(alertId, e.Data.GetProperty("id").GetString()));
        var withdrawn = await silo.Api.GetAlertsAsync(new Abstractions.Api.AlertQuery(1));
        var change = Assert.Single(withdrawn);
        Assert.Equal((alertId, AlertEvent.Withdrawn, 1L), (change.Id, change.Event, change.OriginalSequence));

        // The webhook: a second delivery, about the same alert, with an id and an event of its own.
        await Eventually.WaitForAsync(() => Task.FromResult(receiver.Requests.Count == 2), "the withdrawal's delivery");
        var delivery = receiver.Requests.Last();
        Assert.Equal("alert-withdrawn", delivery.Headers["X-AgentWatch-Event"]);
        Assert.NotEqual(alertId, delivery.Headers["X-AgentWatch-Delivery"]);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.Equal(alertId, body.GetProperty("id").GetString());
        Assert.Equal("withdrawn", body.GetProperty("event").GetString());
        Assert.Equal("a typo: P/E 210, not 2100", body.GetProperty("withdrawn").GetProperty("reason").GetString());

        var listed = Assert.Single(await http.GetFromJsonAsync<JsonElement[]>("retractions") ?? []);
        Assert.Equal(report.GetProperty("retractionId").GetString(), listed.GetProperty("id").GetString());
        var empty = await http.PostAsync("retractions", new StringContent("{\"signalIds\":[]}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("signalIds is empty", await empty.Content.ReadAsStringAsync());
    }
}
