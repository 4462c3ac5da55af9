using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Reminders;
using AgentWatch.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AgentWatch.Storage.PostgreSql;

public static class ServiceCollectionExtensions
{
    /// <summary>Keeps grain state, event logs, reminders, streams, membership and the grain directory in PostgreSQL.</summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, Action<PostgresStorageOptions>? configure = null)
    {
        var options = services.AddOptions<PostgresStorageOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton<PostgresStore>();
        services.Replace(ServiceDescriptor.Singleton<IGrainStorage, PostgresGrainStorage>());
        services.Replace(ServiceDescriptor.Singleton<IEventLogStorage, PostgresEventLogStorage>());
        services.Replace(ServiceDescriptor.Singleton<IReminderTable, PostgresReminderTable>());
        services.Replace(ServiceDescriptor.Singleton<IStreamStorage, PostgresStreamStorage>());
        services.Replace(ServiceDescriptor.Singleton<IMembershipTable, PostgresMembershipTable>());
        services.Replace(ServiceDescriptor.Singleton<IGrainDirectory, PostgresGrainDirectory>());
        services.AddSingleton<IHostedService, PostgresStreamListener>();
        return services;
    }
}
