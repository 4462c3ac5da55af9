using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Agents.Definitions;
using AgentWatch.Grains.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.Skeptic;

/// <summary>
/// Has the skeptic assess bubble risk again after new signals are stored, and reports each reading to the bubble-risk
/// grain, which raises an alert when the score crosses a level or moves far enough. Every serving silo runs one; the
/// grain leases each change to one of them. It waits until ingestion has been quiet for a moment, so a long file is
/// assessed once, at its end, not after every batch.
/// </summary>
public sealed class BubbleRiskService(
    IGrainFactory grains,
    SkepticAgent skeptic,
    IOptions<AgentsOptions> options,
    IOptionsMonitor<RulesOptions> rules,
    TimeProvider time,
    ILogger<BubbleRiskService> logger) : BackgroundService
{
    /// <summary>How long ingestion must have been quiet before the score is assessed.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly string _claimant = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!rules.CurrentValue.BubbleRisk.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await AssessPendingAsync(Quiet, stoppingToken);
                await Task.Delay(Quiet, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The bubble-risk assessment failed; it is tried again in 5 s");
                try { await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Assesses the score if new signals came since the last reading (and no other silo is at it); the alert it raised, if any.</summary>
    public async Task<Abstractions.Alert?> AssessPendingAsync(TimeSpan quiet, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IBubbleRiskGrain>(IBubbleRiskGrain.Key);
        var lease = options.Value.Model.Timeout * 2 + TimeSpan.FromSeconds(30);
        if (await grain.ClaimAsync(_claimant, lease, quiet) is not { } change) return null;
        var risk = await skeptic.AssessAsync(null, cancellationToken);
        var alert = await grain.ReportAsync(change, new RiskReading(risk.Score, risk.Level, risk.Factors, risk.RunId, time.GetUtcNow()), _claimant);
        if (alert is not null) logger.LogInformation("Bubble risk {Score} ({Level}): alert {Alert}", risk.Score, risk.Level, alert.Id);
        return alert;
    }
}
