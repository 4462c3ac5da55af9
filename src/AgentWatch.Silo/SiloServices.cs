using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Agents;
using AgentWatch.Grains;
using AgentWatch.Runtime;
using AgentWatch.Runtime.Hosting;
using AgentWatch.Runtime.Streams;
using AgentWatch.Storage.Sqlite;
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

public static class SiloServices
{
    /// <summary>Everything a silo runs, decided once: runtime, SQLite storage, market grains, agents and the API.</summary>
    public static IServiceCollection AddAgentWatchSilo(this IServiceCollection services, IConfiguration configuration, SiloOptions silo, SiloIdentity identity, bool seed)
    {
        services.AddSingleton(Options.Create(silo));
        services.AddGrainRuntime(b => b.AddGrains(typeof(CompanyGrain).Assembly));
        services.Configure<GrainRuntimeOptions>(configuration.GetSection(GrainRuntimeOptions.SectionName));
        services.Configure<StreamOptions>(configuration.GetSection(StreamOptions.SectionName));
        services.AddSqliteStorage();
        services.Configure<SqliteStorageOptions>(configuration.GetSection(SqliteStorageOptions.SectionName));
        services.PostConfigure<SqliteStorageOptions>(o => o.DatabasePath = silo.DatabasePath);
        services.AddMarketDomain(configuration);
        services.PostConfigure<BriefOptions>(o => o.OutputDirectory = silo.BriefDirectory);
        services.AddAgents();
        services.AddSingleton(identity);
        services.AddSingleton<SiloApi>();
        services.AddSingleton<IAgentWatchApi>(sp => sp.GetRequiredService<SiloApi>());
        services.AddSingleton<StartupReport>();
        // Registered after the runtime's hosted services, so it starts once grains can be called.
        services.AddHostedService(sp => new SiloStartup(sp.GetRequiredService<IAgentWatchApi>(), sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<BriefOptions>>(), sp.GetRequiredService<StartupReport>(), seed, sp.GetRequiredService<ILogger<SiloStartup>>()));
        return services;
    }
}

/// <summary>Loads the built-in dataset into a new data directory and schedules the daily brief.</summary>
internal sealed class SiloStartup(IAgentWatchApi api, IGrainFactory grains, IOptions<BriefOptions> brief, StartupReport report, bool seed, ILogger<SiloStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (seed)
        {
            report.Seeded = await api.SeedAsync(cancellationToken);
            logger.LogInformation("New data directory: loaded the built-in dataset ({New} signals, {Alerts} alerts)", report.Seeded.New, report.Seeded.AlertIds.Count);
        }
        if (brief.Value.Daily) await grains.GetGrain<IBriefGrain>(IBriefGrain.Key).EnsureScheduledAsync();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
