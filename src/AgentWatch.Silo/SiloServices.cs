using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Agents;
using AgentWatch.Grains;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Runtime.Http;
using AgentWatch.Runtime.Streams;
using AgentWatch.Storage.PostgreSql;
using AgentWatch.Storage.Sqlite;
using AgentWatch.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Silo;

/// <summary>What happened when the silo started: whether it loaded the built-in dataset, and the report.</summary>
public sealed class StartupReport
{
    public IngestReport? Seeded { get; set; }
}

/// <summary>Everything decided about a silo before it starts.</summary>
public sealed record SiloPlan(SiloOptions Options, ClusterMode Mode, SiloIdentity Identity, SiloEndpoint? Endpoint, bool StoreWasMissing);

public static class SiloServices
{
    /// <summary>Everything a silo runs, decided once: runtime, storage, clustering, market grains, agents and the API.</summary>
    public static IServiceCollection AddAgentWatchSilo(this IServiceCollection services, IConfiguration configuration, SiloPlan plan)
    {
        var silo = plan.Options;
        // First, so that it starts before everything it measures and flushes after all of it stopped.
        services.AddAgentWatchTelemetry(configuration, plan.Identity.SiloId);
        services.AddSingleton(Options.Create(silo));
        services.AddSingleton(plan);
        if (plan.Mode.Clustered)
        {
            services.Configure<ClusterOptions>(configuration.GetSection(ClusterOptions.SectionName));
            // Registered before the runtime: the silo joins before it serves, and leaves after its activations are gone.
            services.AddHttpClustering(plan.Endpoint!);
        }
        services.AddGrainRuntime(b => b.AddGrains(typeof(CompanyGrain).Assembly));
        services.Configure<GrainRuntimeOptions>(configuration.GetSection(GrainRuntimeOptions.SectionName));
        services.Configure<StreamOptions>(configuration.GetSection(StreamOptions.SectionName));
        if (plan.Mode.Kind == ClusterKind.Postgres)
        {
            services.AddPostgresStorage(o => o.ConnectionString = plan.Mode.ConnectionString!);
        }
        else
        {
            services.AddSqliteStorage();
            services.Configure<SqliteStorageOptions>(configuration.GetSection(SqliteStorageOptions.SectionName));
            services.PostConfigure<SqliteStorageOptions>(o => o.DatabasePath = silo.DatabasePath);
            // Other silos' appends to a shared file are seen by polling; keep the delay short.
            if (plan.Mode.Kind == ClusterKind.Local)
                services.PostConfigure<StreamOptions>(o => o.PollInterval = o.PollInterval > TimeSpan.FromMilliseconds(250) ? TimeSpan.FromMilliseconds(250) : o.PollInterval);
        }
        services.AddMarketDomain(configuration);
        services.PostConfigure<BriefOptions>(o => o.OutputDirectory = silo.BriefDirectory);
        services.AddAgents();
        services.AddSingleton(plan.Identity);
        services.AddSingleton<SiloApi>();
        services.AddSingleton<IAgentWatchApi>(sp => sp.GetRequiredService<SiloApi>());
        services.AddSingleton<StartupReport>();
        services.AddHostedService<SiloStartup>();
        return services;
    }
}

/// <summary>Loads the built-in dataset into a new store (a new data directory, or a database whose schema this silo created) and schedules the daily brief.</summary>
internal sealed class SiloStartup(IServiceProvider services, SiloPlan plan, IOptions<BriefOptions> brief, StartupReport report, ILogger<SiloStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (plan.Options.SeedOnFirstStart && await IsNewStoreAsync())
        {
            report.Seeded = await services.GetRequiredService<IAgentWatchApi>().SeedAsync(cancellationToken);
            logger.LogInformation("New store: loaded the built-in dataset ({New} signals, {Alerts} alerts)", report.Seeded.New, report.Seeded.AlertIds.Count);
        }
        if (brief.Value.Daily) await services.GetRequiredService<IGrainFactory>().GetGrain<IBriefGrain>(IBriefGrain.Key).EnsureScheduledAsync();
    }

    private async Task<bool> IsNewStoreAsync()
    {
        if (plan.Mode.Kind != ClusterKind.Postgres) return plan.StoreWasMissing;
        var store = services.GetRequiredService<PostgresStore>();
        await store.EnsureInitializedAsync();
        return store.CreatedSchema;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
