using AgentWatch.Storage.PostgreSql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace AgentWatch.Silo;

/// <summary>
/// On PostgreSQL, ends the database sessions of every silo the cluster declares dead, so that a silo frozen part-way
/// through a write holds no lock the silos left need (see <see cref="PostgresSessions"/>). Every silo does it; ending a
/// session twice, or one already gone, changes nothing.
/// </summary>
internal sealed class DeadSiloSessions(IClusterMembershipService membership, PostgresStore store, ILogger<DeadSiloSessions> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ended = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var dead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && !ended.Contains(m.SiloAddress)).Select(m => m.SiloAddress).ToList();
                if (dead.Count == 0) continue;
                try
                {
                    var count = await PostgresSessions.EndAsync(store.DataSource, dead.Select(d => PostgresSessions.NameFor(d.ToParsableString())).ToList(), stoppingToken);
                    ended.UnionWith(dead);
                    if (count > 0) logger.LogWarning("Ended {Count} PostgreSQL session(s) of silos declared dead ({Silos}); their unfinished transactions rolled back", count, string.Join(", ", dead));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Tried again with the next change of membership.
                    logger.LogWarning(ex, "Could not end the PostgreSQL sessions of silos declared dead ({Silos}): locks their unfinished transactions hold stay until the server ends them", string.Join(", ", dead));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
