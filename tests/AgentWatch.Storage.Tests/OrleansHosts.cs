using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace AgentWatch.Storage.Tests;

/// <summary>A cluster's identity: ClusterId scopes membership, ServiceId scopes grain state and reminders.</summary>
public sealed record ClusterIdentity(string ClusterId, string ServiceId)
{
    public static ClusterIdentity New() => new($"cluster-{Guid.NewGuid():N}", $"service-{Guid.NewGuid():N}");
}

/// <summary>
/// Silo and client hosts wired to a test database through Orleans' own registration methods, exactly as a real
/// AgentWatch silo is: the tests resolve Orleans' provider implementations from these hosts rather than building them.
/// </summary>
public static class OrleansHosts
{
    /// <summary>
    /// Grain storage with no serializer chosen: Orleans 10.4.2 then uses the silo-wide <c>IGrainStorageSerializer</c>,
    /// which is <c>JsonGrainStorageSerializer</c> (Newtonsoft.Json with type names), not Orleans' binary format.
    /// </summary>
    public const string DefaultStorage = "default";

    /// <summary>Grain storage in Orleans' own binary format (<c>OrleansGrainStorageSerializer</c>), chosen explicitly.</summary>
    public const string BinaryStorage = "binary";

    /// <summary>Grain storage with System.Text.Json rows.</summary>
    public const string JsonStorage = "json";

    public static IHost BuildSilo(TestDatabase database, ClusterIdentity identity, SiloPorts? ports = null, string? siloName = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ConfigureLogging(builder.Logging);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = identity.ClusterId;
                o.ServiceId = identity.ServiceId;
            });
            if (siloName is not null) silo.Configure<SiloOptions>(o => o.SiloName = siloName);
            if (ports is not null)
                silo.ConfigureEndpoints(IPAddress.Loopback, ports.Silo, ports.Gateway, listenOnAnyHostAddress: false);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = database.ConnectionString;
            });
            silo.AddAdoNetGrainStorage(DefaultStorage, o =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = database.ConnectionString;
            });
            silo.AddAdoNetGrainStorage(BinaryStorage, (OptionsBuilder<AdoNetGrainStorageOptions> options) => options.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = database.ConnectionString;
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
            silo.AddAdoNetGrainStorage(JsonStorage, o =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = database.ConnectionString;
                o.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer(
                    Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = database.ConnectionString;
            });
        });
        return builder.Build();
    }

    public static IHost BuildClient(TestDatabase database, ClusterIdentity identity)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ConfigureLogging(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = identity.ClusterId;
                o.ServiceId = identity.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = database.ConnectionString;
            });
        });
        return builder.Build();
    }

    /// <summary>
    /// Starts the grain storage provider registered under <paramref name="name"/> the way a silo does: the provider loads
    /// its queries from OrleansQuery when the silo lifecycle reaches its stage, so it is run through that lifecycle.
    /// </summary>
    public static async Task<IGrainStorage> StartGrainStorageAsync(IHost silo, string name)
    {
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(name);
        var lifecycle = new StartOnlyLifecycle();
        ((ILifecycleParticipant<ISiloLifecycle>)storage).Participate(lifecycle);
        await lifecycle.StartAsync(CancellationToken.None);
        return storage;
    }

    private static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddProvider(new TestOutputLoggerProvider());
    }
}

/// <summary>A silo's port and its gateway port, free on loopback when chosen.</summary>
public sealed record SiloPorts(int Silo, int Gateway)
{
    public static SiloPorts Free() => new(FreePort(), FreePort());

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

/// <summary>Runs the start side of the observers a provider subscribes, in stage order, as the silo lifecycle would.</summary>
internal sealed class StartOnlyLifecycle : ISiloLifecycle
{
    private readonly List<(int Stage, ILifecycleObserver Observer)> _observers = [];

    public int HighestCompletedStage { get; private set; } = int.MinValue;

    public int LowestStoppedStage => int.MaxValue;

    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        _observers.Add((stage, observer));
        return new Unsubscriber();
    }

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var (stage, observer) in _observers.OrderBy(o => o.Stage))
        {
            await observer.OnStart(ct);
            HighestCompletedStage = stage;
        }
    }

    private sealed class Unsubscriber : IDisposable
    {
        public void Dispose()
        {
        }
    }
}

/// <summary>Orleans' warnings and errors, into the output of the test that is running (if any).</summary>
internal sealed class TestOutputLoggerProvider : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            try
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"[{logLevel}] {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test that owned this host has finished; background noise after it has nowhere to go.
            }
        }
    }
}
