using AgentWatch.Runtime.Cluster;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Reminders;
using AgentWatch.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentWatch.Storage.Sqlite;

public static class ServiceCollectionExtensions
{
    /// <summary>Keeps grain state, event logs, reminders and streams in one SQLite file.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null)
    {
        var options = services.AddOptions<SqliteStorageOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteStore>();
        services.Replace(ServiceDescriptor.Singleton<IGrainStorage, SqliteGrainStorage>());
        services.Replace(ServiceDescriptor.Singleton<IEventLogStorage, SqliteEventLogStorage>());
        services.Replace(ServiceDescriptor.Singleton<IReminderTable, SqliteReminderTable>());
        services.Replace(ServiceDescriptor.Singleton<IStreamStorage, SqliteStreamStorage>());
        // Used only when the silo is part of a cluster (several silos sharing the file on one machine).
        services.Replace(ServiceDescriptor.Singleton<IMembershipTable, SqliteMembershipTable>());
        services.Replace(ServiceDescriptor.Singleton<IGrainDirectory, SqliteGrainDirectory>());
        return services;
    }
}
