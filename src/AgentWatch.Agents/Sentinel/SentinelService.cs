using AgentWatch.Abstractions.Grains;
using AgentWatch.Agents.Definitions;
using AgentWatch.Grains;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.Sentinel;

/// <summary>
/// Explains each new alert as it is raised, starting where the sentinel left off. Every serving silo runs one; the
/// sentinel grain hands each alert to one of them at a time, so an alert is explained once, in order. The explaining
/// itself (possibly a model call) happens here, outside any grain turn.
/// </summary>
public sealed class SentinelService(
    IGrainFactory grains,
    AlertLog alerts,
    SentinelAgent sentinel,
    IOptions<AgentsOptions> options,
    ILogger<SentinelService> logger) : BackgroundService
{
    private readonly string _claimant = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ExplainAlerts) return;
        var grain = grains.GetGrain<IAgentCursorGrain>(IAgentCursorGrain.Sentinel);
        // Long enough for a model run, so a working silo keeps its claim; short enough that a dead one is replaced.
        var lease = options.Value.Model.Timeout * 2 + TimeSpan.FromSeconds(30);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var position = await grain.GetPositionAsync();
                await foreach (var alert in alerts.FollowAsync(position, stoppingToken))
                    await CatchUpAsync(grain, alert.Sequence, lease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The sentinel stopped following alerts; it starts again in 5 s");
                try { await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Explains alerts up to <paramref name="upTo"/>, or waits while another silo does.</summary>
    private async Task CatchUpAsync(IAgentCursorGrain grain, long upTo, TimeSpan lease, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = await grain.ClaimNextAsync(upTo, _claimant, lease);
            if (next is null)
            {
                if (await grain.GetPositionAsync() >= upTo) return;
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                continue;
            }
            var alert = (await alerts.ReadAsync(next.Value - 1, 1, cancellationToken)).SingleOrDefault();
            try
            {
                if (alert is { Explanation: null, Event: Abstractions.AlertEvent.Raised }) await alerts.ExplainAsync(await sentinel.ExplainAsync(alert, cancellationToken), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One alert that cannot be explained does not hold up the ones after it.
                logger.LogWarning(ex, "Alert #{Sequence} could not be explained", next);
            }
            await grain.CompleteAsync(next.Value, _claimant);
        }
    }
}
