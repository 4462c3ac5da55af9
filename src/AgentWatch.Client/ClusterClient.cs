using System.Runtime.CompilerServices;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Alerts;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace AgentWatch.Client;

/// <summary>How to reach a running cluster as an Orleans client.</summary>
public sealed record ClusterClientSettings(ClusterDatabase Database, ClusteringOptions Cluster)
{
    /// <summary>How long a call may take before it fails (long operations carry their own, longer, timeouts).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long connecting may take before it counts as failed (a gateway that never completes the handshake).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>What the client logs, and where; nothing unless set (a command keeps its output clean).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }
}

/// <summary>
/// A connection to a running cluster as an Orleans client: it finds the silos' gateways in the cluster's membership
/// table (the data directory's SQLite file, or PostgreSQL), and moves to another gateway when one goes away.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
        Api = new ClusterApi(Client);
    }

    public IClusterClient Client { get; }

    /// <summary>Every command's calls, served by the silos of the cluster.</summary>
    public IAgentWatchApi Api { get; }

    /// <summary>Connects to a gateway of the cluster; fails when no silo of it is running.</summary>
    public static async Task<ClusterConnection> ConnectAsync(ClusterClientSettings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        settings.Logging?.Invoke(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.Cluster.ClusterId;
                o.ServiceId = settings.Cluster.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = settings.Database.Invariant;
                o.ConnectionString = settings.Database.ConnectionString;
            });
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = settings.ResponseTimeout);
            // A gateway that died drops out of the list at the next refresh; the default minute would keep calls going to it.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.AddActivityPropagation();
            client.AddOutgoingGrainCallFilter<ReadOnlyCallRetry>();
            if (ClusterCertificate.Load(settings.Cluster) is { } certificate) client.UseTls(certificate, o => ClusterCertificate.Pin(o, certificate));
        });
        var host = builder.Build();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.ConnectTimeout);
        try
        {
            await host.StartAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            throw new TimeoutException($"No gateway of the cluster completed a connection within {settings.ConnectTimeout.TotalSeconds:0} s.");
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }
}

/// <summary>
/// <see cref="IAgentWatchApi"/> over an Orleans client: each call runs in a silo (through <see cref="IApiGrain"/>), and
/// following alerts subscribes to the live feed and reads the log through the silos, resuming after the last alert it
/// gave out when the silo it was using dies.
/// </summary>
public sealed class ClusterApi(IClusterClient client) : IAgentWatchApi
{
    private const int Page = 500;
    private IApiGrain Silo => client.GetGrain<IApiGrain>(0);

    public Task<StatusView> GetStatusAsync(CancellationToken cancellationToken = default) => Silo.GetStatusAsync(cancellationToken);
    public Task<IngestReport> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default) =>
        RetryingAsync(ct => Silo.IngestAsync(signals, ct), cancellationToken);

    public Task<IngestReport> SeedAsync(CancellationToken cancellationToken = default) => RetryingAsync(Silo.SeedAsync, cancellationToken);

    // Retracting is idempotent too: a signal already retracted is reported so, and withdrawals are logged once.
    public Task<RetractReport> RetractAsync(RetractRequest request, CancellationToken cancellationToken = default) =>
        RetryingAsync(ct => Silo.RetractAsync(request, ct), cancellationToken);

    public Task<IReadOnlyList<Retraction>> GetRetractionsAsync(CancellationToken cancellationToken = default) => Silo.GetRetractionsAsync(cancellationToken);

    /// <summary>
    /// Ingestion is idempotent (a signal stored twice is a duplicate, never a second copy), so a batch whose silo died
    /// under it is sent again, through another gateway, until the cluster has settled. A signal is then reported rejected
    /// only for a reason that is about the signal.
    /// </summary>
    private static async Task<T> RetryingAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await call(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsClusterFailure(ex) && DateTime.UtcNow - started < IngestRetryLimit && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    /// <summary>How long a batch keeps being sent while the cluster settles: well past failure detection.</summary>
    private static readonly TimeSpan IngestRetryLimit = TimeSpan.FromSeconds(60);
    public Task<IReadOnlyList<Alert>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken = default) => Silo.GetAlertsAsync(query, cancellationToken);
    public Task<IReadOnlyList<CompanyProfile>> GetCompaniesAsync(CancellationToken cancellationToken = default) => Silo.GetCompaniesAsync(cancellationToken);
    public Task<CompanyView?> GetCompanyAsync(string nameOrTicker, DateOnly? asOf, CancellationToken cancellationToken = default) => Silo.GetCompanyAsync(nameOrTicker, asOf, cancellationToken);
    public Task<SignalPage> GetSignalPageAsync(SignalQuery query, PageRequest page, CancellationToken cancellationToken = default) => Silo.GetSignalPageAsync(query, page, cancellationToken);
    public Task<SignalRecord?> GetSignalAsync(string id, CancellationToken cancellationToken = default) => Silo.GetSignalAsync(id, cancellationToken);
    public Task<CapexLeaderboard> GetCapexLeaderboardAsync(int year, DateOnly? asOf, CancellationToken cancellationToken = default) => Silo.GetCapexLeaderboardAsync(year, asOf, cancellationToken);
    public Task<FinancingGraph> GetFinancingGraphAsync(DateOnly? asOf, CancellationToken cancellationToken = default) => Silo.GetFinancingGraphAsync(asOf, cancellationToken);
    public Task<FilerSnapshot?> GetFilerAsync(string filer, DateOnly? asOf, CancellationToken cancellationToken = default) => Silo.GetFilerAsync(filer, asOf, cancellationToken);
    public Task<Answer> AskAsync(string question, DateOnly? asOf, CancellationToken cancellationToken = default) => Silo.AskAsync(question, asOf, cancellationToken);

    public IAsyncEnumerable<AnswerUpdate> AskStreamingAsync(string question, DateOnly? asOf, CancellationToken cancellationToken = default) =>
        Silo.AskStreamingAsync(question, asOf, cancellationToken);
    public Task<Brief> GetBriefAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken = default) => Silo.GetBriefAsync(period, asOf, cancellationToken);
    public Task<BubbleRisk> GetBubbleRiskAsync(DateOnly? asOf, CancellationToken cancellationToken = default) => Silo.GetBubbleRiskAsync(asOf, cancellationToken);
    public Task<IReadOnlyList<AgentRunSummary>> GetRunsAsync(RunQuery query, CancellationToken cancellationToken = default) => Silo.GetRunsAsync(query, cancellationToken);
    public Task<AgentRun?> GetRunAsync(string id, CancellationToken cancellationToken = default) => Silo.GetRunAsync(id, cancellationToken);
    public Task<AlertAck?> AcknowledgeAsync(string alertId, string? note, CancellationToken cancellationToken = default) => Silo.AcknowledgeAsync(alertId, note, cancellationToken);
    public Task<AlertMute> MuteAsync(MuteScope scope, string value, TimeSpan duration, string? reason, CancellationToken cancellationToken = default) => Silo.MuteAsync(scope, value, duration, reason, cancellationToken);
    public Task<bool> UnmuteAsync(MuteScope scope, string value, CancellationToken cancellationToken = default) => Silo.UnmuteAsync(scope, value, cancellationToken);
    public Task<IReadOnlyList<AlertMute>> GetMutesAsync(CancellationToken cancellationToken = default) => Silo.GetMutesAsync(cancellationToken);
    public Task<IReadOnlyList<RuleView>> GetRulesAsync(CancellationToken cancellationToken = default) => Silo.GetRulesAsync(cancellationToken);
    public Task<RuleView> SetRuleLimitAsync(string rule, AlertFrequency frequency, int maxPerHour, CancellationToken cancellationToken = default) => Silo.SetRuleLimitAsync(rule, frequency, maxPerHour, cancellationToken);
    public Task<IReadOnlyList<WebhookStatus>> GetWebhooksAsync(CancellationToken cancellationToken = default) => Silo.GetWebhooksAsync(cancellationToken);
    public Task<ClusterView> GetClusterAsync(bool includeHistory = false, CancellationToken cancellationToken = default) => Silo.GetClusterAsync(includeHistory, cancellationToken);
    public Task<GrainLocation> LocateGrainAsync(string grainType, string key, CancellationToken cancellationToken = default) => Silo.LocateGrainAsync(grainType, key, cancellationToken);

    /// <summary>
    /// Alerts after a sequence, then each new one, until cancelled. When the silo serving the follower dies, the client
    /// moves to another gateway and the follower starts again after the last alert it gave out: none missed, none twice.
    /// </summary>
    public async IAsyncEnumerable<Alert> FollowAlertsAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterSequence;
        var delay = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            var follower = new AlertFollower(client, (after, ct) => Silo.GetAlertsAsync(new AlertQuery(after, Page), ct));
            var alerts = follower.FollowAsync(last, cancellationToken).GetAsyncEnumerator(cancellationToken);
            try
            {
                while (true)
                {
                    try
                    {
                        if (!await alerts.MoveNextAsync().ConfigureAwait(false)) yield break;
                    }
                    catch (Exception ex) when (IsClusterFailure(ex) && !cancellationToken.IsCancellationRequested)
                    {
                        break;
                    }
                    last = alerts.Current.Sequence;
                    delay = TimeSpan.FromMilliseconds(250);
                    yield return alerts.Current;
                }
            }
            finally
            {
                await alerts.DisposeAsync().ConfigureAwait(false);
            }
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
        }
    }

    /// <summary>Failures of the cluster, not of the request: a silo gone, a gateway unreachable, no answer in time.</summary>
    public static bool IsClusterFailure(Exception ex) => ex is TimeoutException or ClientNotAvailableException || ReadOnlyCallRetry.IsClusterChange(ex);
}
