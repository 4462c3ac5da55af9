using System.Threading.Channels;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Alerts;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWatch.Grains.Tests;

/// <summary>The alert follower is woken by the feed grain's pushes, not only by its backstop reads.</summary>
[Collection(DomainCollection.Name)]
public sealed class AlertFollowerTests(DomainClusterFixture fixture)
{
    private readonly DomainCluster _silo = fixture.Cluster;

    /// <summary>
    /// Orleans holds the object behind an object reference weakly, so a follower that kept only the reference lost its
    /// pushes at the first garbage collection and lived on backstop reads. With a backstop far longer than the wait here,
    /// only a push can deliver the second alert in time. (The collected observer shows in optimised builds, where the
    /// compiler does not keep every local of an async method alive: `dotnet test -c Release`.)
    /// </summary>
    [Fact]
    public async Task A_follower_still_gets_pushes_after_a_garbage_collection()
    {
        var (first, second) = (_silo.Keys.Company(), _silo.Keys.Company());
        var grains = _silo.Services.GetRequiredService<IGrainFactory>();
        var follower = new AlertFollower(grains, (after, ct) => _silo.Alerts.ReadAsync(after, 500, ct))
        {
            Backstop = TimeSpan.FromMinutes(10),
            Renewal = TimeSpan.FromMinutes(10),
        };
        var start = (await _silo.Alerts.ReadAllAsync(0).ToListAsync()).LastOrDefault()?.Sequence ?? 0;
        var seen = Channel.CreateUnbounded<Alert>();
        using var stop = new CancellationTokenSource();
        var following = Task.Run(async () =>
        {
            await foreach (var alert in follower.FollowAsync(start, stop.Token)) await seen.Writer.WriteAsync(alert);
        });
        try
        {
            await _silo.IngestAsync(Make.Pe(first, 400));
            await WaitForAlertAboutAsync(seen.Reader, first);

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            await _silo.IngestAsync(Make.Pe(second, 400));
            await WaitForAlertAboutAsync(seen.Reader, second);
        }
        finally
        {
            stop.Cancel();
            try { await following; } catch (OperationCanceledException) { }
        }
    }

    private static async Task WaitForAlertAboutAsync(ChannelReader<Alert> alerts, string company)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var alert = await alerts.ReadAsync(timeout.Token);
            if (alert.Company == company) return;
        }
    }
}
