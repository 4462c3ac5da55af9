using System.Reflection;
using AgentWatch.Runtime.Core;
using AgentWatch.Runtime.Journaling;
using AgentWatch.Runtime.Persistence;
using AgentWatch.Runtime.Reminders;
using AgentWatch.Runtime.Serialization;
using AgentWatch.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AgentWatch.Runtime.Hosting;

/// <summary>Collects what a silo runs: grain assemblies and runtime settings.</summary>
public sealed class GrainRuntimeBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;
    internal List<Assembly> Assemblies { get; } = [];

    /// <summary>Registers every grain class in the assembly.</summary>
    public GrainRuntimeBuilder AddGrains(Assembly assembly)
    {
        if (!Assemblies.Contains(assembly)) Assemblies.Add(assembly);
        return this;
    }

    public GrainRuntimeBuilder Configure(Action<GrainRuntimeOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the grain runtime: the grain factory, activation catalog, reminders and durable streams. Storage defaults to
    /// memory; a storage package (SQLite, PostgreSQL) replaces it.
    /// </summary>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeBuilder> configure)
    {
        var builder = new GrainRuntimeBuilder(services);
        configure(builder);

        services.AddOptions<GrainRuntimeOptions>();
        services.AddMetrics();
        services.AddOptions<StreamOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new GrainSerializer());
        services.AddSingleton(_ =>
        {
            var registry = new GrainTypeRegistry();
            foreach (var assembly in builder.Assemblies) registry.RegisterAssembly(assembly);
            return registry;
        });

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrainFacetFactory, PersistentStateFacetFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGrainFacetFactory, JournaledStateFacetFactory>());

        services.TryAddSingleton<IGrainStorage, InMemoryGrainStorage>();
        services.TryAddSingleton<IEventLogStorage, InMemoryEventLogStorage>();
        services.TryAddSingleton<IReminderTable, InMemoryReminderTable>();
        services.TryAddSingleton<IStreamStorage, InMemoryStreamStorage>();

        services.TryAddSingleton<StreamNotifier>();
        services.TryAddSingleton<IStreamProvider, StreamProvider>();

        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<ReminderService>();
        services.TryAddSingleton<IReminderRegistry>(sp => sp.GetRequiredService<ReminderService>());

        // Hosted services stop in reverse order: reminders stop firing before activations are deactivated.
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<GrainRuntime>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ReminderService>());
        return services;
    }
}
