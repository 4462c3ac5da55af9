using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Grains.Ingestion;
using AgentWatch.Grains.Timeline;
using AgentWatch.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace AgentWatch.Grains.Tests;

/// <summary>
/// A silo dies and its grains come back on the other from the shared file: the journaled timeline whole, each alert in
/// the log once. Each test makes sure the grain it watches lived on the silo it kills.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class FailoverTests(FailoverClusterFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private DomainCluster Cluster => fixture.Cluster;
    private IManagementGrain Management => Cluster.Grains.GetGrain<IManagementGrain>(0);

    public Task InitializeAsync() => fixture.EnsureTwoSilosAsync();
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_company_whose_silo_is_killed_comes_back_on_the_survivor_with_its_timeline_and_takes_further_signals_once()
    {
        var a = Cluster.Keys.Company();
        var company = Cluster.Grains.GetGrain<ICompanyGrain>(a);
        var (victim, survivor) = await ActivateAndSplitAsync(company);

        Signal[] before = [Make.Capex(a, 2025, 100), Make.Guidance(a, 2026, 150), Make.Pe(a, 300)];
        var first = await IngestorOn(survivor).IngestAsync(before);
        Assert.Equal((3, 2), (first.New, first.AlertIds.Count));
        // Still where it was: the timeline about to be lost with the silo is the one just written.
        Assert.Equal(victim.SiloAddress, await HostOfAsync(company));
        var signalsBefore = (await company.GetSignalsAsync(new SignalFilter())).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        var alertsBefore = await Cluster.AlertsAboutAsync(a);
        Assert.Equal(first.AlertIds.Order(StringComparer.Ordinal), alertsBefore.Select(x => x.Id).Order(StringComparer.Ordinal));

        await KillAsync(victim, survivor);

        // The first call after the kill activates the company on the survivor, from the journal in the shared file.
        var signalsAfter = (await company.GetSignalsAsync(new SignalFilter())).Select(s => s.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(survivor.SiloAddress, await HostOfAsync(company));
        Assert.Equal(signalsBefore, signalsAfter);
        Assert.Equal(first.AlertIds.Order(StringComparer.Ordinal), (await company.GetSnapshotAsync(null)).AlertIds.Order(StringComparer.Ordinal));

        // The same signals again and one new one: only the new one is stored, and only it raises an alert.
        var cashFlow = Make.CashFlow(a, "FY2025", 100); // capex 100 of cash flow 100: over the 85 % threshold
        var again = await IngestorOn(survivor).IngestAsync([.. before, cashFlow]);
        Assert.Equal((1, 3, 0, 0), (again.New, again.Duplicates, again.Conflicts, again.Rejected));
        var raised = Assert.Single(again.AlertIds);
        Assert.StartsWith(AgentWatch.Grains.Rules.RuleIds.CapexVsCashFlow, raised, StringComparison.Ordinal);
        var signals = (await company.GetSignalsAsync(new SignalFilter())).Select(s => s.Id).ToList();
        Assert.Equal(signalsBefore.Append(cashFlow.Id).Order(StringComparer.Ordinal), signals.Order(StringComparer.Ordinal));

        // The alerts logged before the kill keep their places; the log holds each id once.
        var alertsAfter = await Cluster.AlertsAboutAsync(a);
        Assert.Equal(alertsBefore.Select(x => (x.Id, x.Sequence)), alertsAfter.Where(x => x.Id != raised).Select(x => (x.Id, x.Sequence)));
        Assert.Equal(alertsAfter.Count, alertsAfter.Select(x => x.Id).Distinct().Count());
        Assert.Equal(3, alertsAfter.Count);
    }

    [Fact]
    public async Task An_alert_raised_just_before_its_silo_is_killed_is_in_the_log_once_after_the_grain_reactivates_elsewhere()
    {
        var a = Cluster.Keys.Company();
        var company = Cluster.Grains.GetGrain<ICompanyGrain>(a);
        var (victim, survivor) = await ActivateAndSplitAsync(company);

        var report = await IngestorOn(survivor).IngestAsync([Make.Pe(a, 400)]);
        var alertId = Assert.Single(report.AlertIds);
        var logged = Assert.Single(await Cluster.AlertsAboutAsync(a));
        Assert.Equal(alertId, logged.Id);
        // Raised by the activation on the silo about to die, not by one elsewhere.
        Assert.Equal(victim.SiloAddress, await HostOfAsync(company));

        await KillAsync(victim, survivor);

        // The new activation publishes the journal's alerts again; the log already has this one and keeps it once.
        Assert.Equal([alertId], (await company.GetSnapshotAsync(null)).AlertIds);
        Assert.Equal(survivor.SiloAddress, await HostOfAsync(company));
        var after = Assert.Single(await Cluster.AlertsAboutAsync(a));
        Assert.Equal((logged.Id, logged.Sequence), (after.Id, after.Sequence));
        Assert.Single(await Cluster.AllAlertsAsync(), x => x.Id == alertId);
    }

    [Fact]
    public async Task An_alert_journaled_on_a_silo_killed_before_it_reached_the_log_is_logged_once_by_the_activation_on_the_survivor()
    {
        var a = Cluster.Keys.Company();
        var company = Cluster.Grains.GetGrain<ICompanyGrain>(a);
        var (victim, survivor) = await ActivateAndSplitAsync(company);

        fixture.AlertGate.Arm(a);
        var inFlight = IngestorOn(survivor).IngestAsync([Make.Pe(a, 400)]);
        await fixture.AlertGate.Reached.WaitAsync(FailoverClusterFixture.Settle);
        // The crash window, reached for real on the victim: the journal in the shared file holds the alert, the log does not.
        var journal = survivor.ServiceProvider.GetRequiredService<IJournalStore>();
        var events = (await journal.ReadAsync("company", a, CancellationToken.None)).Select(e => AgentWatchJson.Deserialize<TimelineEvent>(e)).ToList();
        var alert = Assert.Single(events.OfType<AlertRaised>()).Alert;
        Assert.Empty(await Cluster.AlertsAboutAsync(a));

        await KillAsync(victim, survivor);
        // Only now: the dead silo can no longer answer, so its append never happens and nobody hears it failed.
        fixture.AlertGate.Fail();

        // The ingestion's call to the dead silo fails as the cluster's problem, and is made again on the survivor.
        // Waited for longer than the ingestor's own retries (a minute) go on, so a stuck retry reports as itself.
        var report = await inFlight.WaitAsync(TimeSpan.FromMinutes(2));
        output.WriteLine($"after the kill: {report.New} new, {report.Duplicates} duplicates, {report.Rejected} failed, alerts [{string.Join(", ", report.AlertIds)}]; " +
            string.Join("; ", report.Issues.Select(i => i.Message)));
        Assert.Equal((1, 0, 0), (report.New + report.Duplicates, report.Conflicts, report.Rejected));
        Assert.Equal(survivor.SiloAddress, await HostOfAsync(company));

        // The activation on the survivor published the journal's alert; the log has it once.
        var logged = Assert.Single(await Cluster.AlertsAboutAsync(a));
        Assert.Equal(alert.Id, logged.Id);
        Assert.Single(await Cluster.AllAlertsAsync(), x => x.Id == alert.Id);
        Assert.Equal([alert.Id], (await company.GetSnapshotAsync(null)).AlertIds);
    }

    /// <summary>Activates the grain and names the silo it lives on (the victim) and the other one (the survivor).</summary>
    private async Task<(InProcessSiloHandle Victim, InProcessSiloHandle Survivor)> ActivateAndSplitAsync(ICompanyGrain company)
    {
        await company.GetSnapshotAsync(null);
        var host = await HostOfAsync(company);
        var silos = Cluster.Cluster.GetActiveSilos().ToList();
        Assert.Equal(2, silos.Count);
        return (silos.Single(s => s.SiloAddress.Equals(host)), silos.Single(s => !s.SiloAddress.Equals(host)));
    }

    /// <summary>
    /// The silo holding the grain's activation. The management grain finds it through the grain directory; the silo's
    /// own list of activations then confirms it, so a stale directory entry cannot pass for the truth.
    /// </summary>
    private async Task<SiloAddress> HostOfAsync(IAddressable grain)
    {
        var address = await Management.GetActivationAddress(grain);
        Assert.NotNull(address);
        var activations = await Management.GetDetailedGrainStatistics(hostsIds: [address]);
        Assert.Contains(activations, s => s.GrainId == grain.GetGrainId());
        return address;
    }

    /// <summary>
    /// Kills the victim (TestingHost's hard stop: the host stops at once, its activations are not deactivated) and waits
    /// until the survivor counts only itself as active, then until the client has dropped the dead gateway: its first call
    /// would otherwise still go there and fail to connect.
    /// </summary>
    private async Task KillAsync(InProcessSiloHandle victim, InProcessSiloHandle survivor)
    {
        await Cluster.Cluster.KillSiloAsync(victim);
        await fixture.WaitForActiveSilosAsync([survivor.SiloAddress]);
        await Cluster.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
    }

    /// <summary>The ingestor of a given silo: one on the silo being killed would die with it.</summary>
    private static SignalIngestor IngestorOn(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<SignalIngestor>();
}
