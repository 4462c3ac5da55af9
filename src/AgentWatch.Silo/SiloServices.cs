using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Agents;
using AgentWatch.Client;
using AgentWatch.Grains;
using AgentWatch.Ingestion.Inbox;
using AgentWatch.Ingestion.Polling;
using AgentWatch.Storage;
using AgentWatch.Storage.PostgreSql;
using AgentWatch.Storage.Sqlite;
using AgentWatch.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Silo;

/// <summary>What happened when the silo started: whether it loaded the built-in dataset, and the report.</summary>
public sealed class StartupReport
{
    public IngestReport? Seeded { get; set; }
}

/// <summary>Everything decided about a silo before it starts: its settings, where it listens (null: embedded), whether its store is new.</summary>
public sealed record SiloPlan(SiloOptions Options, ClusterMode Mode, ClusteringOptions Cluster, SiloIdentity Identity, SiloPorts? Ports, bool StoreCreated)
{
    /// <summary>
    /// Whether the console exporter may print on standard output: only a serving silo's, and not when that output is
    /// JSON (<c>agentwatch silo --json</c>). A CLI command's own silo never does: its output is the command's.
    /// </summary>
    public bool ConsoleTelemetry { get; init; }
}

public static class SiloServices
{
    /// <summary>Everything a silo runs besides Orleans itself, decided once: AgentWatch's stores, the market domain, agents and the API.</summary>
    public static IServiceCollection AddAgentWatchSilo(this IServiceCollection services, IConfiguration configuration, SiloPlan plan)
    {
        var silo = plan.Options;
        // First, so that it starts before everything it measures and flushes after all of it stopped.
        services.AddAgentWatchTelemetry(configuration, new TelemetrySource(plan.Identity.Name, plan.Cluster.ClusterId), consoleAllowed: plan.ConsoleTelemetry);
        services.AddSingleton(Options.Create(silo));
        services.AddSingleton(plan);
        services.AddSingleton(plan.Identity);
        services.AddOptions<RuntimeOptions>().Bind(configuration.GetSection(RuntimeOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuntimeOptions>>(new ProblemsValidator<RuntimeOptions>(o => o.Problems()));
        AddStores(services, configuration, plan);
        services.AddMarketDomain(configuration);
        services.PostConfigure<BriefOptions>(o => o.OutputDirectory = silo.BriefDirectory);
        services.AddAgents(configuration);
        services.AddSingleton<SiloApi>();
        services.AddSingleton<IAgentWatchApi>(sp => sp.GetRequiredService<SiloApi>());
        services.AddSingleton<StartupReport>();
        services.AddSingleton<SiloStartup>();
        services.AddOptions<InboxOptions>().Bind(configuration.GetSection(InboxOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InboxOptions>>(new ProblemsValidator<InboxOptions>(o => o.Validate()));
        services.AddSingleton<IngestionMetrics>();
        services.AddOptions<PollingOptions>().Bind(configuration.GetSection(PollingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PollingOptions>>(new ProblemsValidator<PollingOptions>(o => o.Validate()));
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>>(new ProblemsValidator<WebhookOptions>(o => o.Validate()));
        return services;
    }

    /// <summary>AgentWatch's own tables (journals, ordered logs, the signal index), in the same database Orleans' providers use.</summary>
    private static void AddStores(IServiceCollection services, IConfiguration configuration, SiloPlan plan)
    {
        if (plan.Mode.Kind == ClusterKind.Postgres)
        {
            // Its sessions carry the silo's name, so that the silos left end them once it is declared dead.
            services.AddSingleton(sp => new PostgresStore(plan.Mode.ConnectionString!, sp.GetRequiredService<ILogger<PostgresStore>>(),
                PostgresSessions.NameFor(sp.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString())));
            services.AddHostedService<DeadSiloSessions>();
            services.AddSingleton<IJournalStore, PostgresJournalStore>();
            services.AddSingleton<ILogStore, PostgresLogStore>();
            services.AddSingleton<ISignalIndex, PostgresSignalIndex>();
            return;
        }
        services.AddOptions<SqliteStoreOptions>().Bind(configuration.GetSection(SqliteStoreOptions.SectionName))
            .PostConfigure(o => o.DatabasePath = plan.Options.DatabasePath).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SqliteStoreOptions>>(new ProblemsValidator<SqliteStoreOptions>(o => o.Problems()));
        services.AddSingleton(sp => new SqliteStore(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value, sp.GetRequiredService<ILogger<SqliteStore>>()));
        services.AddSingleton<IJournalStore, SqliteJournalStore>();
        services.AddSingleton<ILogStore, SqliteLogStore>();
        services.AddSingleton<ISignalIndex, SqliteSignalIndex>();
    }
}

/// <summary>Fails options whose own check lists problems, with those problems as the message.</summary>
internal sealed class ProblemsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        problems(options).ToList() is { Count: > 0 } list ? ValidateOptionsResult.Fail(list) : ValidateOptionsResult.Success;
}

/// <summary>
/// Loads the built-in dataset into a new store (a data directory or database whose schema this silo created) and
/// schedules the daily brief. It runs once the silo has started: loading calls grains all over the cluster.
/// </summary>
internal sealed class SiloStartup(IServiceProvider services, SiloPlan plan, IOptions<BriefOptions> brief, StartupReport report, ILogger<SiloStartup> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var dataset = grains.GetGrain<IDatasetGrain>(IDatasetGrain.Key);
        // A first start stopped while loading left the load marked as begun: finish it (a reload stores nothing twice).
        var resume = (await dataset.GetAsync()).Status == DatasetLoadStatus.Loading;
        if (resume || (plan.Options.SeedOnFirstStart && plan.StoreCreated))
        {
            await WhileClusterSettlesAsync(() => dataset.BeginAsync(), cancellationToken);
            report.Seeded = await services.GetRequiredService<IAgentWatchApi>().SeedAsync(cancellationToken);
            var errors = report.Seeded.Issues.Where(i => i.Severity == IssueSeverity.Error).ToList();
            foreach (var issue in errors.Take(5)) logger.LogWarning("Built-in dataset: {Where}: {Message}", issue.Where, issue.Message);
            // Signals that could not be stored leave the load unfinished, so the next start tries them again.
            if (errors.Count == 0) await WhileClusterSettlesAsync(() => dataset.CompleteAsync(report.Seeded.Received), cancellationToken);
            if (errors.Count > 0)
                logger.LogWarning("The built-in dataset is loaded but for {Errors} signals; the next start tries them again ({New} new signals, {Alerts} alerts)",
                    errors.Count, report.Seeded.New, report.Seeded.AlertIds.Count);
            else
                logger.LogInformation("{What} ({New} new signals, {Duplicates} already stored, {Alerts} alerts)",
                    resume ? "Finished a load of the built-in dataset begun earlier or by another silo" : "New store: loaded the built-in dataset", report.Seeded.New, report.Seeded.Duplicates, report.Seeded.AlertIds.Count);
        }
        if (brief.Value.Daily) await WhileClusterSettlesAsync(() => grains.GetGrain<IBriefGrain>(IBriefGrain.Key).EnsureScheduledAsync(), cancellationToken);
    }

    /// <summary>
    /// Silos that start together can briefly hold two activations of one grain, until Orleans' directory settles; the
    /// second state write then fails with a version conflict and Orleans deactivates the activation that lost. The
    /// step is tried again (against the state the winner wrote) instead of failing the start.
    /// </summary>
    private async Task WhileClusterSettlesAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await step();
                return;
            }
            catch (Orleans.Storage.InconsistentStateException ex) when (attempt < 5)
            {
                logger.LogInformation("A start-up step met another silo's write ({Message}); trying again", ex.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
        }
    }
}
