using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Positions;
using AgentWatch.Abstractions.Signals;

namespace AgentWatch.Ingestion.Tests;

/// <summary>
/// Quarter-over-quarter changes of a watched filer's 13F positions (Corpus/quarters: Scion's CIK, Q2 and Q3 2025,
/// hand-written): new, increased, reduced and closed positions are computed and raise alerts, once.
/// </summary>
public sealed class PositionChangeTests
{
    private const string Scion = "scion-asset-management";
    private static readonly string Q2 = Corpus.File("quarters/scion-2025q2.txt");
    private static readonly string Q3 = Corpus.File("quarters/scion-2025q3.txt");

    private static async Task<List<Alert>> ChangeAlertsAsync(EmbeddedSilo silo) =>
        (await silo.Api.GetAlertsAsync(new AlertQuery())).Where(a => a.Rule == "filer-position-change").ToList();

    [Fact]
    public async Task The_next_quarter_raises_an_alert_for_each_new_increased_reduced_and_closed_position_in_a_watched_company()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        ReportAssert.Counts(await silo.IngestAsync(Q2), @new: 5, rejected: 0, errors: 0);
        Assert.Empty(await ChangeAlertsAsync(silo));

        var report = await silo.IngestAsync(Q3);

        ReportAssert.Counts(report, @new: 5, rejected: 0, errors: 0);
        var alerts = await ChangeAlertsAsync(silo);
        Assert.Equal(4, alerts.Count);
        Assert.All(alerts, a => Assert.Contains(a.Id, report.Report.AlertIds));
        Assert.Contains("increased puts on NVDA by 100 %", Assert.Single(alerts, a => a.Company == "NVDA").Rationale);
        var pltr = alerts.Where(a => a.Company == "PLTR").Select(a => a.Rationale).ToList();
        Assert.Contains(pltr, r => r.Contains("opened a position in puts on PLTR", StringComparison.Ordinal) && r.Contains("5,000,000 shares", StringComparison.Ordinal));
        Assert.Contains(pltr, r => r.Contains("reduced PLTR shares by 80 %", StringComparison.Ordinal));
        var closed = Assert.Single(alerts, a => a.Company == "MSFT");
        Assert.Contains("no longer reports MSFT shares", closed.Rationale);
        Assert.Contains("120,000 shares", closed.Rationale);

        // Halliburton is not watched: its cut is a change on the filer's page, not an alert.
        var filer = await silo.Api.GetFilerAsync(Scion, null);
        Assert.NotNull(filer);
        Assert.Equal(5, filer!.Changes.Count);
        var hal = Assert.Single(filer.Changes, c => c.Cusip == "406216101");
        Assert.Equal(PositionChangeKind.Reduced, hal.Kind);
        Assert.Equal(-75m, hal.ChangePercent);
        Assert.DoesNotContain(filer.Positions, p => p is Filing);
        // The filer page crosses silos and HTTP as JSON: the changes survive the trip.
        var options = AgentWatch.Abstractions.AgentWatchJson.Options;
        var copy = System.Text.Json.JsonSerializer.Deserialize<AgentWatch.Abstractions.Grains.FilerSnapshot>(System.Text.Json.JsonSerializer.Serialize(filer, options), options)!;
        Assert.Equal(filer.Changes.Select(c => (c.Kind, c.Cusip, c.Shares, c.PreviousShares)), copy.Changes.Select(c => (c.Kind, c.Cusip, c.Shares, c.PreviousShares)));
        Assert.Equal(filer.Changes.Select(c => c.Evidence.Count), copy.Changes.Select(c => c.Evidence.Count));

        // Again: nothing new, no alert twice.
        var again = await silo.IngestAsync(Q2, Q3);
        Assert.Equal(0, again.Report.New);
        Assert.Empty(again.Report.AlertIds);
        Assert.Equal(4, (await ChangeAlertsAsync(silo)).Count);
    }

    [Fact]
    public async Task Both_quarters_in_one_ingestion_give_the_same_alerts()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        await silo.IngestAsync(Corpus.File("quarters"));
        Assert.Equal(["MSFT", "NVDA", "PLTR", "PLTR"], (await ChangeAlertsAsync(silo)).Select(a => a.Company).Order().ToArray());
    }

    [Fact]
    public async Task Quarters_read_newest_first_raise_no_change_alerts_but_the_filer_page_still_shows_the_changes()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        await silo.IngestAsync(Q3);
        await silo.IngestAsync(Q2);
        Assert.Empty(await ChangeAlertsAsync(silo));
        var filer = await silo.Api.GetFilerAsync(Scion, null);
        Assert.Equal(
            [PositionChangeKind.New, PositionChangeKind.Increased, PositionChangeKind.Reduced, PositionChangeKind.Reduced, PositionChangeKind.Closed],
            filer!.Changes.Select(c => c.Kind).ToArray());
    }

    [Fact]
    public async Task A_quarter_whose_table_is_not_all_in_names_no_position_closed()
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        await silo.IngestAsync(Q2);
        // The Q3 submission cut off inside its last row: the rows before it land, the filing event claims no count.
        var partial = Path.Combine(silo.WorkDirectory, "scion-2025q3-partial.txt");
        var text = File.ReadAllText(Q3);
        File.WriteAllText(partial, text[..text.LastIndexOf("HALLIBURTON", StringComparison.Ordinal)]);

        await silo.IngestAsync(partial);

        var alerts = await ChangeAlertsAsync(silo);
        Assert.DoesNotContain(alerts, a => a.Company == "MSFT");
        Assert.Equal(3, alerts.Count);
    }
}
