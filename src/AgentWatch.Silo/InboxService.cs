using AgentWatch.Abstractions.Api;
using AgentWatch.Ingestion;
using AgentWatch.Ingestion.Formats;
using AgentWatch.Ingestion.Inbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Silo;

/// <summary>
/// Watches the inbox folder (<c>Ingestion:Inbox</c>) once the silo has started: files dropped there are ingested
/// through the same path as <c>agentwatch ingest</c> and moved to <c>done/</c> or <c>failed/</c>. The folder is polled,
/// not watched with file-system events, which miss files on network shares and container volumes.
/// </summary>
internal sealed class InboxService(
    IOptions<InboxOptions> options, IOptions<SiloOptions> silo, IConfiguration configuration, IAgentWatchApi api,
    IHostApplicationLifetime lifetime, IServiceProvider services, IngestionMetrics metrics, TimeProvider time, ILogger<InboxService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        // The API answers once the grains and the stream are up, which is when the host says it has started.
        if (!await HostStarted.WaitAsync(lifetime, stoppingToken).ConfigureAwait(false)) return;
        var folder = Path.GetFullPath(Path.IsPathRooted(o.Path) ? o.Path : Path.Combine(silo.Value.DataDirectory, o.Path));
        Directory.CreateDirectory(folder);
        var ingestor = new FileIngestor(api, FormatRegistry.CreateDefault(), IngestionSetup.Context(configuration, services));
        var inbox = new InboxProcessor(ingestor, folder, o.SettleTime, time, logger);
        logger.LogInformation("Inbox: watching {Folder} (processed files go to done/ and failed/)", folder);
        using var timer = new PeriodicTimer(o.PollInterval, time);
        do
        {
            try
            {
                foreach (var r in await inbox.ProcessOnceAsync(stoppingToken).ConfigureAwait(false))
                    if (r.MovedTo != r.File) metrics.Record("inbox", r.Arrived, time.GetUtcNow(), r.Failed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One bad look (a file moved away under us, a full disk) must not stop the inbox for good.
                logger.LogWarning(ex, "Inbox: looking at {Folder} failed; trying again in {Interval}", folder, o.PollInterval);
            }
        }
        while (await Tick(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
