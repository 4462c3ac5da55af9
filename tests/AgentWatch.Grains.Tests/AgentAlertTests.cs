using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains.Rules;
using AgentWatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Grains.Tests;

/// <summary>
/// Alerts agents raise go through the grains like a rule's: once per id, watched companies only, within throttles, into
/// the same log; the bubble-risk grain raises one when the score crosses a level or moves far enough; ingestion hands
/// news about watched companies to the newsdesk once and tells the risk grain of new signals.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class AgentAlertTests(DomainClusterFixture fixture)
{
    private readonly DomainCluster _silo = fixture.Cluster;

    private static Alert NewsAlert(string company, string item, string run = "run-7") => new()
    {
        Id = $"{RuleIds.MaterialNews}:{item}:{company}",
        RaisedAt = DateTimeOffset.UnixEpoch,
        KnownOn = Make.Day,
        Severity = AlertSeverity.Warning,
        Company = company,
        Rule = RuleIds.MaterialNews,
        Rationale = "Product launch: material, it reports deal news (\"acquisition\").",
        Evidence = [new Evidence(item, new SourceRef("feed.xml", null, "item line 3"), "Product launch", Make.Day)],
        Agent = "newsdesk",
        RunId = run,
    };

    [Fact]
    public async Task An_agent_alert_is_logged_once_with_its_agent_and_run_and_only_for_a_watched_company()
    {
        var company = _silo.Keys.Company();
        var grain = _silo.Grains.GetGrain<ICompanyGrain>(company);

        Assert.True(await grain.RaiseAsync(NewsAlert(company, "news-1")));
        Assert.False(await grain.RaiseAsync(NewsAlert(company, "news-1", run: "run-8")));

        var logged = Assert.Single(await _silo.AlertsAboutAsync(company));
        Assert.Equal(("newsdesk", "run-7", RuleIds.MaterialNews), (logged.Agent, logged.RunId, logged.Rule));
        Assert.True(logged.Sequence > 0);
        // Stamped by the grain, not taken from the caller, so throttles count it by when it was raised.
        Assert.True(logged.RaisedAt > DateTimeOffset.UnixEpoch);

        var unwatched = _silo.Keys.UnwatchedCompany();
        Assert.False(await _silo.Grains.GetGrain<ICompanyGrain>(unwatched).RaiseAsync(NewsAlert(unwatched, "news-2")));
        Assert.Empty(await _silo.AlertsAboutAsync(unwatched));
    }

    [Fact]
    public async Task An_agent_alert_on_a_news_item_retracted_before_the_agent_read_it_is_not_raised()
    {
        var company = _silo.Keys.Company();
        var (kept, retracted) = (Make.News(company), Make.News(company));
        Assert.Equal(2, (await _silo.IngestAsync(kept, retracted)).New);
        var retraction = await _silo.Services.GetRequiredService<Ingestion.SignalRetractor>().RetractAsync(new RetractRequest([retracted.Id], "wrong item"));
        Assert.Equal([retracted.Id], retraction.Retracted);

        // The newsdesk judged the item material before the retraction, and hands its alert in after it.
        var grain = _silo.Grains.GetGrain<ICompanyGrain>(company);
        Assert.False(await grain.RaiseAsync(NewsAlert(company, retracted.Id)));
        Assert.True(await grain.RaiseAsync(NewsAlert(company, kept.Id)));
        Assert.Equal([$"{RuleIds.MaterialNews}:{kept.Id}:{company}"], (await _silo.AlertsAboutAsync(company)).Select(a => a.Id));
    }

    [Fact]
    public async Task An_agent_alert_obeys_its_rules_throttle_set_at_run_time()
    {
        var company = _silo.Keys.Company();
        var grain = _silo.Grains.GetGrain<ICompanyGrain>(company);
        await _silo.Grains.GetGrain<IAlertDeskGrain>(IAlertDeskGrain.Key).SetLimitAsync(new RuleLimit(RuleIds.MaterialNews, AlertFrequency.PerPeriod, 1, DateTimeOffset.UtcNow));
        try
        {
            Assert.True(await grain.RaiseAsync(NewsAlert(company, "news-a")));
            Assert.False(await grain.RaiseAsync(NewsAlert(company, "news-b")));
            Assert.Single(await _silo.AlertsAboutAsync(company));
        }
        finally
        {
            await _silo.Grains.GetGrain<IAlertDeskGrain>(IAlertDeskGrain.Key).SetLimitAsync(new RuleLimit(RuleIds.MaterialNews, AlertFrequency.PerPeriod, 0, DateTimeOffset.UtcNow));
        }
    }

    private static RiskReading Reading(int score, string run) =>
        new(score, score < 25 ? "low" : score < 50 ? "elevated" : "high",
            [new RiskFactor("bets against", Math.Min(score, 20), 20, "Puts disclosed.", [new Evidence("sig-puts", new SourceRef("13f.xml", null, null), "puts", Make.Day)]),
             new RiskFactor("extreme valuations", 0, 20, "No P/E of 50 or more.", [])],
            run, DateTimeOffset.UtcNow);

    /// <summary>Tells the grain of new signals and waits until it has taken the one-way message in.</summary>
    private static async Task ChangedAsync(IBubbleRiskGrain grain)
    {
        var before = (await grain.GetHistoryAsync()).Changes;
        await grain.DataChangedAsync();
        await Eventually.WaitForAsync(async () => (await grain.GetHistoryAsync()).Changes == before + 1, "the risk grain taking in the change");
    }

    /// <summary>One change reported: claims it (as silo "a") and reports the score.</summary>
    private static async Task<Alert?> AssessAsync(IBubbleRiskGrain grain, int score, string run)
    {
        await ChangedAsync(grain);
        var change = await grain.ClaimAsync("a", TimeSpan.FromMinutes(1), TimeSpan.Zero);
        Assert.NotNull(change);
        return await grain.ReportAsync(change.Value, Reading(score, run), "a");
    }

    [Fact]
    public async Task Bubble_risk_raises_an_alert_when_the_score_crosses_a_level_or_moves_by_the_configured_points()
    {
        // A grain of its own: the test cluster is shared. The default levels are 25, 50, 75 and the move 10 points.
        var key = $"test-{Guid.NewGuid():N}";
        var grain = _silo.Grains.GetGrain<IBubbleRiskGrain>(key);

        var first = await AssessAsync(grain, 30, "run-1");
        Assert.NotNull(first);
        Assert.Equal(("skeptic", "run-1", RuleIds.BubbleRisk), (first.Agent, first.RunId, first.Rule));
        Assert.Contains("rose from 0 to 30 of 100 (elevated), crossing 25", first.Rationale);
        // The factors that weigh are its evidence.
        Assert.Equal(["sig-puts"], first.Evidence.Select(e => e.SignalId));

        Assert.Null(await AssessAsync(grain, 33, "run-2"));   // no level, 3 points from the last alert
        var moved = await AssessAsync(grain, 41, "run-3");    // no level, 11 points from 30
        Assert.NotNull(moved);
        Assert.Contains("rose from 33 to 41", moved.Rationale);
        var fell = await AssessAsync(grain, 20, "run-4");     // crosses 25 downwards
        Assert.NotNull(fell);
        Assert.Contains("fell from 41 to 20 of 100 (low), crossing 25", fell.Rationale);

        var logged = (await _silo.AllAlertsAsync()).Where(a => a.Id.StartsWith($"{RuleIds.BubbleRisk}:{key}:", StringComparison.Ordinal)).ToList();
        Assert.Equal([first.Id, moved.Id, fell.Id], logged.Select(a => a.Id));
        Assert.All(logged, a => Assert.Equal("skeptic", a.Agent));

        var history = await grain.GetHistoryAsync();
        Assert.Equal([30, 33, 41, 20], history.Readings.Select(r => r.Score));
        Assert.Equal([first.Id, null, moved.Id, fell.Id], history.Readings.Select(r => r.AlertId));
        Assert.Equal(20, history.AlertedScore);
    }

    [Fact]
    public async Task A_risk_change_is_leased_to_one_silo_waits_for_quiet_and_is_reported_once()
    {
        var grain = _silo.Grains.GetGrain<IBubbleRiskGrain>($"test-{Guid.NewGuid():N}");
        Assert.Null(await grain.ClaimAsync("a", TimeSpan.FromMinutes(1), TimeSpan.Zero));   // nothing changed yet

        await ChangedAsync(grain);
        Assert.Null(await grain.ClaimAsync("a", TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)));   // more may be coming
        var change = await grain.ClaimAsync("a", TimeSpan.FromMinutes(1), TimeSpan.Zero);
        Assert.Equal(1, change);
        Assert.Null(await grain.ClaimAsync("b", TimeSpan.FromMinutes(1), TimeSpan.Zero));   // a holds it

        Assert.NotNull(await grain.ReportAsync(1, Reading(60, "run-a"), "a"));
        // The same change reported again (a second silo after a lapsed lease) changes nothing.
        Assert.Null(await grain.ReportAsync(1, Reading(60, "run-b"), "b"));
        Assert.Single((await grain.GetHistoryAsync()).Readings);
        Assert.Null(await grain.ClaimAsync("b", TimeSpan.FromMinutes(1), TimeSpan.Zero));   // readings are current
    }

    [Fact]
    public async Task Ingestion_queues_news_about_watched_companies_for_the_newsdesk_once_and_marks_the_risk_stale_only_when_something_is_new()
    {
        var reviews = _silo.Services.GetRequiredService<NewsReviewLog>();
        var risk = _silo.Grains.GetGrain<IBubbleRiskGrain>(IBubbleRiskGrain.Key);
        var watched = Make.News(_silo.Keys.Company());
        var unwatched = Make.News(_silo.Keys.UnwatchedCompany());
        var before = await reviews.GetLastSequenceAsync();
        var changesBefore = (await risk.GetHistoryAsync()).Changes;

        var report = await _silo.IngestAsync(watched, unwatched, Make.Pe(_silo.Keys.Company(), 20));
        Assert.Equal(3, report.New);
        var queued = await reviews.ReadAsync(before, 100);
        Assert.Equal([watched.Id], queued.Select(q => q.Item.Id));
        Assert.Equal(watched.Headline, queued[0].Item.Headline);
        // The risk grain is told one-way: ingestion does not wait for it.
        await Eventually.WaitForAsync(async () => (await risk.GetHistoryAsync()).Changes == changesBefore + 1, "the risk grain told of the new signals");

        var again = await _silo.IngestAsync(watched, unwatched);
        Assert.Equal(2, again.Duplicates);
        Assert.Single(await reviews.ReadAsync(before, 100));
        // Only duplicates: nothing sent. One new signal after them is one change more, not two.
        Assert.Equal(1, (await _silo.IngestAsync(Make.Pe(_silo.Keys.Company(), 21))).New);
        await Eventually.WaitForAsync(async () => (await risk.GetHistoryAsync()).Changes >= changesBefore + 2, "the risk grain told of the next new signal");
        Assert.Equal(changesBefore + 2, (await risk.GetHistoryAsync()).Changes);
    }
}
