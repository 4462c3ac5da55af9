using System.Net;
using AgentWatch.Abstractions.Api;
using AgentWatch.Ingestion;
using AgentWatch.Ingestion.Formats;
using AgentWatch.Ingestion.Polling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Silo;

/// <summary>
/// Fetches the configured URLs (<c>Ingestion:Polling</c>) once the silo has started, each when it is due, and ingests
/// what comes back. Responses are saved under <c>DATA/polling/</c>, with the state that makes the next request
/// conditional. Off unless enabled: AgentWatch makes no request to the internet on its own.
/// </summary>
internal sealed class PollingService(
    IOptions<PollingOptions> options, IOptions<SiloOptions> silo, IConfiguration configuration, IAgentWatchApi api,
    IHostApplicationLifetime lifetime, IServiceProvider services, IngestionMetrics metrics, TimeProvider time, ILogger<PollingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken).ConfigureAwait(false)) return;
        using var handler = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var ingestor = new FileIngestor(api, FormatRegistry.CreateDefault(), IngestionSetup.Context(configuration, services));
        using var poller = new FeedPoller(handler, o, ingestor, Path.Combine(silo.Value.DataDirectory, "polling"), time, logger);
        logger.LogInformation("Polling {Count} sources (every {Interval} unless set per source)", o.Sources.Count, o.Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var r in await poller.PollDueAsync(stoppingToken).ConfigureAwait(false))
                    if (r.Report is { } report) metrics.Record("polling", r.Started, time.GetUtcNow(), report.HasErrors);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Polling failed; trying again shortly");
            }
            // Wake for the next due source, but at least every minute, so a changed clock cannot put polling to sleep.
            var wait = poller.NextDue() - time.GetUtcNow();
            wait = wait < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>Waits until the host has started (the API answers from then on), or gives up when the silo stops first.</summary>
internal static class HostStarted
{
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task.ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
