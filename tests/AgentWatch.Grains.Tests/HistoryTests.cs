using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Abstractions.Values;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Grains.Rules;

namespace AgentWatch.Grains.Tests;

/// <summary>
/// History is history: old episodes are stored but page nobody, and one slide is one alert however many windows measure
/// it, updated (same id, next revision, an entry of its own in the log) when it deepens.
/// </summary>
[Collection(DomainCollection.Name)]
public sealed class HistoryTests(DomainClusterFixture fixture)
{
    private readonly DomainCluster _silo = fixture.Cluster;

    private static MarketCapMove Move(string company, decimal billions, string from, string to) =>
        Make.Move(company, billions, 5, $"{from}..{to}") with { KnownOn = DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) };

    private async Task<List<Alert>> LogAbout(string company) =>
        (await _silo.AlertsAboutAsync(company)).Where(a => a.Rule == RuleIds.MarketCapDrawdown).ToList();

    [Fact]
    public async Task Consecutive_windows_of_one_slide_are_one_alert_updated_as_it_deepens_and_a_later_slide_is_another()
    {
        var a = _silo.Keys.Company();
        await _silo.IngestAsync(Move(a, -120, "2025-11-03", "2025-11-07"));
        var first = Assert.Single(await LogAbout(a));
        Assert.Equal(0, first.Revision);

        // The next window of the same slide, the next trading day on: the same alert, deeper, as an update.
        await _silo.IngestAsync(Move(a, -150, "2025-11-10", "2025-11-14"));
        var log = await LogAbout(a);
        Assert.Equal(2, log.Count);
        var update = log[1];
        Assert.Equal(first.Id, update.Id);
        Assert.Equal(1, update.Revision);
        Assert.True(update.Sequence > first.Sequence);
        Assert.Contains("$270 billion", update.Rationale);
        Assert.Contains("Deepened from $120 billion", update.Rationale);
        Assert.Equal(2, update.Evidence.Count);

        // A smaller window inside the slide does not deepen it: nothing new in the log.
        await _silo.IngestAsync(Move(a, -101, "2025-11-05", "2025-11-11"));
        Assert.Equal(2, (await LogAbout(a)).Count);

        // Weeks later, after a full window with no qualifying loss, a new slide is a new alert.
        await _silo.IngestAsync(Move(a, -110, "2025-12-15", "2025-12-19"));
        log = await LogAbout(a);
        Assert.Equal(3, log.Count);
        Assert.NotEqual(first.Id, log[2].Id);
        Assert.Equal(0, log[2].Revision);
        Assert.Equal(2, AlertLog.Current(log).Count);
    }

    [Fact]
    public async Task Daily_market_caps_measured_again_every_day_are_one_alert_that_is_updated_when_the_fall_goes_on()
    {
        var a = _silo.Keys.Company();
        var start = new DateOnly(2025, 11, 3);
        decimal[] caps = [1000, 990, 960, 930, 899];
        await _silo.IngestAsync(caps.Select((c, i) => (Signal)Make.Cap(a, start.AddDays(i), c)).ToArray());
        var first = Assert.Single(await LogAbout(a));

        // Three more days down: each day's window has a new peak, but it is the same slide.
        decimal[] more = [880, 860, 850];
        await _silo.IngestAsync(more.Select((c, i) => (Signal)Make.Cap(a, start.AddDays(caps.Length + i), c)).ToArray());
        var log = await LogAbout(a);
        Assert.Equal(2, log.Count);
        Assert.Equal(first.Id, log[1].Id);
        Assert.Equal(1, log[1].Revision);
        Assert.Contains("fell $150 billion", log[1].Rationale);
    }

    [Fact]
    public async Task An_episode_older_than_the_lookback_of_the_newest_data_raises_nothing_but_its_signals_are_stored()
    {
        var a = _silo.Keys.Company();
        var old = Move(a, -300, "2024-01-08", "2024-01-12");
        var recent = Move(a, -120, "2025-11-03", "2025-11-07");
        var report = await _silo.IngestAsync(old, recent);
        Assert.Equal(2, report.New);

        var alert = Assert.Single(await LogAbout(a));
        Assert.Equal($"{RuleIds.MarketCapDrawdown}:{a}:2025-11-03..2025-11-07", alert.Id);
        var stored = await _silo.Grains.GetGrain<ICompanyGrain>(a).GetSignalsAsync(new SignalFilter(SignalKind.MarketCapMove));
        Assert.Equal(new[] { old.Id, recent.Id }.Order(StringComparer.Ordinal), stored.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal(old.Id, (await _silo.SignalAsync(old.Id))!.Signal.Id);
    }

    [Fact]
    public async Task A_history_longer_than_one_grain_call_is_judged_against_its_newest_data_whichever_part_comes_first()
    {
        var a = _silo.Keys.Company();
        // An old slide first, then enough old daily moves to fill a grain call, then the newest data in the next call.
        var history = new List<Signal> { Move(a, -300, "2020-03-09", "2020-03-13") };
        var day = new DateOnly(2020, 4, 1);
        while (history.Count < SignalIngestor.ChunkSize + 10)
        {
            history.Add(new PriceMove
            {
                Id = $"price-{a}-{day:yyyyMMdd}-{Guid.NewGuid():N}", Company = a, Period = Period.Day(day), KnownOn = day,
                Source = new SourceRef("test.csv", null, null), ChangePercent = 5, Session = "close-to-close", TradingDays = 1,
            });
            day = day.AddDays(1);
        }
        history.Add(Move(a, -120, "2025-11-03", "2025-11-07"));
        await _silo.IngestAsync([.. history]);

        var alert = Assert.Single(await LogAbout(a));
        Assert.EndsWith("2025-11-03..2025-11-07", alert.Id);
    }
}
