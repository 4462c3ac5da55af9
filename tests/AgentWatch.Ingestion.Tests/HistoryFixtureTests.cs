using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Rules;
using AgentWatch.Ingestion.Formats;
using AgentWatch.Silo;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// Years of real history (the price files back to 1999, XBRL facts back to 2009) are stored whole but page only for the
/// episodes near their newest data; the expected episodes are worked out here from the files themselves.
/// </summary>
public sealed class HistoryFixtureTests
{
    private static readonly string[] Inputs = ["prices", "sec-xbrl"];

    private static string F(string relative) => Path.Combine(FixtureTests.Root, relative);

    private static async Task<List<Signal>> ParseAsync()
    {
        var reader = new SourceReader(FormatRegistry.CreateDefault(), IngestionSetup.Context(AgentWatchConfiguration.Build(EmbeddedSilo.RepositoryConfig)));
        var signals = new List<Signal>();
        await foreach (var r in reader.ParseAsync(Inputs.Select(F))) if (r.Signal is { } s) signals.Add(s);
        return signals;
    }

    [Fact]
    public async Task Price_files_and_xbrl_back_to_1999_raise_one_alert_per_recent_slide_and_keep_every_signal()
    {
        var rules = new RulesOptions();
        var drawdown = rules.MarketCapDrawdown;
        var signals = await ParseAsync();

        // The slides the files hold: moves of at least the threshold, the recent ones, and the episodes they make (moves
        // that overlap or follow within a window's calendar length are one).
        var gap = (drawdown.WindowTradingDays * 7 + 4) / 5;
        var expected = new Dictionary<string, List<(DateOnly Start, DateOnly End)>>();
        var newestPrice = new Dictionary<string, DateOnly>();
        foreach (var company in signals.Where(s => s is MarketCapMove or PriceMove or MarketCap).GroupBy(s => s.Company!))
        {
            var newest = company.Max(Lookback.DateOf);
            newestPrice[company.Key] = newest;
            var recent = company.OfType<MarketCapMove>()
                .Where(m => -m.Change.Amount >= drawdown.MinLossUsd && m.TradingDays <= drawdown.WindowTradingDays && Lookback.DateOf(m) >= newest.AddDays(-drawdown.LookbackDays))
                .OrderBy(m => m.Period.Start).ToList();
            var episodes = new List<(DateOnly Start, DateOnly End)>();
            foreach (var m in recent)
            {
                var (start, end) = (m.Period.Start!.Value, m.Period.End!.Value);
                if (episodes.Count > 0 && start <= episodes[^1].End.AddDays(gap)) episodes[^1] = (episodes[^1].Start, end > episodes[^1].End ? end : episodes[^1].End);
                else episodes.Add((start, end));
            }
            expected[company.Key] = episodes;
        }
        var allMoves = signals.OfType<MarketCapMove>().Count(m => -m.Change.Amount >= drawdown.MinLossUsd);
        Assert.True(allMoves > 30, $"the files hold {allMoves} market-cap losses of the threshold, most of them history");

        await using var silo = await EmbeddedSilo.StartAsync();
        var ingested = await silo.IngestAsync(Inputs.Select(F).ToArray());
        Assert.True(ingested.Report.Errors == 0, ReportAssert.Describe(ingested));
        Assert.Equal(signals.Count, ingested.Report.New);

        var log = await silo.Api.GetAlertsAsync(new AlertQuery(0, 10_000, null, null));
        var alerts = AgentWatch.Grains.AlertLog.Current(log);
        var slides = alerts.Where(a => a.Rule == RuleIds.MarketCapDrawdown).ToList();
        Assert.True(expected.Sum(e => e.Value.Count) == slides.Count,
            $"expected {string.Join("; ", expected.SelectMany(e => e.Value.Select(x => $"{e.Key} {x.Start}..{x.End}")))}, raised {string.Join("; ", slides.Select(a => $"{a.Id} [{string.Join(",", a.Evidence.Select(x => x.SignalId))}]"))}");
        foreach (var (company, episodes) in expected)
            Assert.Equal(episodes.Count, slides.Count(a => a.Company == company));
        foreach (var slide in slides)
        {
            // Each within the lookback of its company's newest price data, and each resting on moves of one episode.
            var evidence = slide.Evidence.Select(e => signals.Single(s => s.Id == e.SignalId)).ToList();
            Assert.True(evidence.Max(Lookback.DateOf) >= newestPrice[slide.Company].AddDays(-drawdown.LookbackDays), slide.Id);
            Assert.Contains(expected[slide.Company], e => evidence.All(s => s.Period.Start >= e.Start && s.Period.End <= e.End));
        }

        // The capex rules page only for periods within their lookback of the company's newest capex figure.
        foreach (var alert in alerts.Where(a => a.Rule is RuleIds.CapexVsCashFlow or RuleIds.CapexGuidanceJump))
        {
            var newest = signals.Where(s => s.Company == alert.Company && s.Kind is SignalKind.Capex or SignalKind.OperatingCashFlow or SignalKind.CapexGuidance).Max(Lookback.DateOf);
            var lookback = rules.For(alert.Rule)!.LookbackDays;
            Assert.True(alert.Evidence.Max(e => Lookback.DateOf(signals.Single(s => s.Id == e.SignalId))) >= newest.AddDays(-lookback), alert.Id);
        }
        Assert.True(alerts.Count <= 10, $"{alerts.Count} alerts from the history: {string.Join(", ", alerts.Select(a => a.Id))}");

        // The history is all there, old slides included.
        var oldest = signals.OfType<MarketCapMove>().Where(m => -m.Change.Amount >= drawdown.MinLossUsd).MinBy(m => m.Period.Start)!;
        Assert.NotNull(await silo.Api.GetSignalAsync(oldest.Id));
        Assert.DoesNotContain(slides, a => a.Evidence.Any(e => e.SignalId == oldest.Id));
    }

    [Fact]
    public async Task The_built_in_dataset_raises_its_alerts_in_the_same_order_on_every_fresh_store()
    {
        async Task<List<string>> SeedAndReadAsync()
        {
            await using var silo = await EmbeddedSilo.StartAsync();
            await silo.Api.SeedAsync();
            var alerts = await silo.Api.GetAlertsAsync(new AlertQuery(0, 10_000, null, null));
            // In the order the data happened, then by company, rule and id: not the order the grains answered in.
            Assert.Equal(alerts.OrderBy(a => a.KnownOn).ThenBy(a => a.Company, StringComparer.Ordinal).ThenBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).Select(a => a.Id),
                alerts.Select(a => a.Id));
            return alerts.Select(a => $"{a.Rule} {a.Company} {string.Join(",", a.Evidence.Select(e => e.SignalId))}").ToList();
        }

        var first = await SeedAndReadAsync();
        var second = await SeedAndReadAsync();
        Assert.True(first.Count >= 10, string.Join("\n", first));
        Assert.Equal(first, second);
    }
}
