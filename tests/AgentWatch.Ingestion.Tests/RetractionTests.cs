using System.Text.Json;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Testing;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// Taking back what was wrong, on a real silo over SQLite: the README's illustrative examples are ingested, then
/// retracted. They stop counting in snapshots, league tables, answers, risk and briefs; the alerts that rested on them are
/// withdrawn, in the log and to followers; all of it survives a restart; ingesting them again brings them back.
/// </summary>
public sealed class RetractionTests
{
    private static string Examples => Path.Combine(Path.GetDirectoryName(EmbeddedSilo.RepositoryConfig)!, "docs", "examples", "events.jsonl");

    private static List<string> ExampleIds() =>
        File.ReadLines(Examples).Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToList();

    [Fact]
    public async Task Retracted_signals_stop_counting_their_alerts_are_withdrawn_durably_and_ingesting_again_brings_them_back()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var api = silo.Api;
        await api.SeedAsync();
        var ingested = await silo.IngestAsync(Examples);
        Assert.Equal(6, ingested.Report.New);
        var ids = ExampleIds();
        var raised = (await api.GetAlertsAsync(new AlertQuery())).Where(a => a.Evidence.Any(e => ids.Contains(e.SignalId))).ToList();
        Assert.NotEmpty(raised);
        Assert.Contains(raised, a => a.Id == "capex-guidance-jump:ORCL:FY2027");
        Assert.Contains("140", (await api.AskAsync("What is Oracle's P/E?", null)).Text);
        Assert.Contains((await api.GetCapexLeaderboardAsync(2027, null)).Rows, r => r.Company == "ORCL");
        var week = new DateOnly(2026, 3, 5);
        Assert.Contains("example-orcl-pe-2026-03", (await api.GetBriefAsync(BriefPeriod.Week, week)).Markdown);
        var lastBefore = (await api.GetStatusAsync()).LastAlertSequence;

        // A dry run says what would happen and changes nothing.
        var dry = await api.RetractAsync(new RetractRequest(ids, "illustrative", DryRun: true));
        Assert.Equal(ids, dry.Retracted);
        Assert.Equal(raised.Select(a => a.Id).Order(StringComparer.Ordinal), dry.WithdrawnAlerts);
        Assert.Null(dry.RetractionId);
        Assert.Equal(lastBefore, (await api.GetStatusAsync()).LastAlertSequence);
        Assert.Contains((await api.GetCompanyAsync("ORCL", null))!.Snapshot.Current, s => s.Id == "example-orcl-pe-2026-03");

        // A follower hears of each withdrawal as an entry of the log after the ones it had.
        using var following = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var heard = new List<Alert>();
        var follower = Task.Run(async () =>
        {
            await foreach (var a in api.FollowAlertsAsync(lastBefore, following.Token))
            {
                lock (heard) heard.Add(a);
            }
        });

        var report = await api.RetractAsync(new RetractRequest([.. ids, "no-such-signal"], "illustrative examples"));
        Assert.Equal(ids, report.Retracted);
        Assert.Equal(["no-such-signal"], report.NotFound);
        Assert.Equal(dry.WithdrawnAlerts, report.WithdrawnAlerts);
        Assert.NotNull(report.RetractionId);
        await Eventually.WaitForAsync(() => { lock (heard) return Task.FromResult(heard.Count >= raised.Count); }, "the withdrawals reaching a follower");
        lock (heard)
        {
            Assert.All(heard, a => Assert.Equal(AlertEvent.Withdrawn, a.Event));
            Assert.Equal(raised.Select(a => a.Id).Order(StringComparer.Ordinal), heard.Select(a => a.Id).Order(StringComparer.Ordinal));
            Assert.All(heard, a => Assert.Equal(raised.Single(r => r.Id == a.Id).Sequence, a.OriginalSequence));
            Assert.All(heard, a => Assert.Equal("illustrative examples", a.Withdrawn!.Reason));
        }

        async Task AssertRetractedAsync()
        {
            Assert.DoesNotContain((await api.GetCompanyAsync("ORCL", null))!.Snapshot.Current, s => ids.Contains(s.Id));
            Assert.DoesNotContain((await api.GetCapexLeaderboardAsync(2027, null)).Rows, r => r.Company == "ORCL");
            Assert.DoesNotContain((await api.GetFinancingGraphAsync(null)).Edges, e => ids.Contains(e.SignalId));
            var answer = await api.AskAsync("What is Oracle's P/E?", null);
            Assert.DoesNotContain("140", answer.Text);
            Assert.DoesNotContain(answer.Evidence, e => ids.Contains(e.SignalId));
            Assert.DoesNotContain((await api.GetBubbleRiskAsync(null)).Factors.SelectMany(f => f.Evidence), e => ids.Contains(e.SignalId));
            Assert.DoesNotContain("example-", (await api.GetBriefAsync(BriefPeriod.Week, week)).Markdown);
            var alerts = await api.GetAlertsAsync(new AlertQuery());
            // Each alert's own entry is marked withdrawn; the rest of the built-in dataset's alerts stand.
            Assert.All(alerts.Where(a => a.Event == AlertEvent.Raised && raised.Any(r => r.Id == a.Id)), a => Assert.Equal(report.RetractionId, a.Withdrawn?.RetractionId));
            Assert.Contains(alerts, a => a.Event == AlertEvent.Raised && a.Withdrawn is null);
            Assert.Equal(raised.Count, alerts.Count(a => a.Event == AlertEvent.Withdrawn));
        }

        await AssertRetractedAsync();
        // Retracting again changes nothing and says so.
        var again = await api.RetractAsync(new RetractRequest(ids));
        Assert.Empty(again.Retracted);
        Assert.Equal(ids, again.AlreadyRetracted);
        Assert.Empty(again.WithdrawnAlerts);

        // Durable: the retraction, its record and the withdrawals survive a restart of the silo.
        following.Cancel();
        try { await follower; } catch (OperationCanceledException) { }
        await silo.RestartAsync();
        api = silo.Api;
        await AssertRetractedAsync();
        var record = Assert.Single(await api.GetRetractionsAsync());
        Assert.Equal((report.RetractionId, "illustrative examples"), (record.Id, record.Reason));
        Assert.Equal(ids, record.SignalIds);
        Assert.Equal(report.WithdrawnAlerts, record.WithdrawnAlerts);

        // Ingesting the file again brings the signals and their alerts back, each raised again once.
        var back = await silo.IngestAsync(Examples);
        Assert.Equal(6, back.Report.New);
        Assert.Contains("140", (await api.AskAsync("What is Oracle's P/E?", null)).Text);
        Assert.Contains((await api.GetCapexLeaderboardAsync(2027, null)).Rows, r => r.Company == "ORCL");
        var after = await api.GetAlertsAsync(new AlertQuery());
        Assert.Equal(raised.Count, after.Count(a => a.Event == AlertEvent.Reinstated));
        Assert.All(after.Where(a => a.Event == AlertEvent.Raised && raised.Any(r => r.Id == a.Id)), a => Assert.Null(a.Withdrawn));
        var once = await silo.IngestAsync(Examples);
        Assert.Equal(0, once.Report.New);
        Assert.Equal(after.Count, (await api.GetAlertsAsync(new AlertQuery())).Count);
    }
}
