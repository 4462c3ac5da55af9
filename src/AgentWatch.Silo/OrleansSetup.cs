using System.Net;
using AgentWatch.Client;
using AgentWatch.Grains.Timeline;
using AgentWatch.Storage.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace AgentWatch.Silo;

/// <summary>Settings of the grain runtime (configuration section <c>Runtime</c>), applied to Orleans' own options.</summary>
public sealed class RuntimeOptions
{
    public const string SectionName = "Runtime";

    /// <summary>How long a caller waits for a grain call before it fails (Orleans' response timeout).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An activation with no call for this long is deactivated (Orleans' collection age).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (Orleans' collection quantum).</summary>
    public TimeSpan CollectionScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<string> Problems()
    {
        if (CallTimeout <= TimeSpan.Zero) yield return "Runtime:CallTimeout must be positive.";
        if (CollectionAge < TimeSpan.FromMinutes(1)) yield return "Runtime:CollectionAge must be at least a minute.";
        if (CollectionScanInterval <= TimeSpan.Zero) yield return "Runtime:CollectionScanInterval must be positive.";
    }
}

/// <summary>How a silo is wired onto Orleans, decided once from its plan.</summary>
internal static class OrleansSetup
{
    public static void Configure(ISiloBuilder silo, SiloPlan plan, IConfiguration configuration)
    {
        var cluster = plan.Cluster;
        var database = ClusterDatabase.For(plan.Mode, plan.Options.DatabasePath);
        // On PostgreSQL, Orleans' sessions carry the silo's name too: a silo frozen in the middle of a grain-state or
        // membership write would otherwise hold that row until it woke (see PostgresSessions).
        string Named(ILocalSiloDetails self) => plan.Mode.Kind == ClusterKind.Postgres
            ? PostgresSessions.Named(database.ConnectionString, PostgresSessions.NameFor(self.SiloAddress.ToParsableString()))
            : database.ConnectionString;
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = plan.Identity.Name);
        if (plan.Ports is { } ports)
        {
            // A serving silo: found by the others and by clients through the membership table it shares with them.
            var bind = SiloHost.BindAddress(cluster.Bind);
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = ports.Advertised;
                o.SiloPort = ports.Silo;
                o.GatewayPort = ports.Gateway;
                o.SiloListeningEndpoint = new IPEndPoint(bind, ports.Silo);
                o.GatewayListeningEndpoint = new IPEndPoint(bind, ports.Gateway);
            });
            silo.UseAdoNetClustering((OptionsBuilder<AdoNetClusteringSiloOptions> clustering) => clustering.Configure<ILocalSiloDetails>((o, self) =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = Named(self);
            }));
        }
        else
        {
            // A CLI command's silo runs alone, for the command's lifetime: in-memory membership, on loopback, no gateway.
            silo.UseLocalhostClustering(siloPort: SiloHost.FreePort(IPAddress.Loopback), gatewayPort: 0, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
        }
        // Orleans' own binary format, not the provider's default (Newtonsoft JSON with CLR type names): the states' [Id]s
        // and [Alias]es keep stored rows readable after a field is added or a class renamed. A row is keyed by service id,
        // state name and grain key (not grain type), so every grain class names its state differently.
        silo.AddAdoNetGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (OptionsBuilder<AdoNetGrainStorageOptions> storage) =>
            storage.Configure<Serializer, ILocalSiloDetails>((o, serializer, self) =>
            {
                o.Invariant = database.Invariant;
                o.ConnectionString = Named(self);
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        silo.UseAdoNetReminderService((OptionsBuilder<AdoNetReminderTableOptions> reminders) => reminders.Configure<ILocalSiloDetails>((o, self) =>
        {
            o.Invariant = database.Invariant;
            o.ConnectionString = Named(self);
        }));
        silo.AddCustomStorageBasedLogConsistencyProvider(TimelineServices.JournalProvider);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            FailureDetection.Apply(o);
            configuration.GetSection(FailureDetection.SectionName).Bind(o);
        });
        var runtime = configuration.GetSection(RuntimeOptions.SectionName).Get<RuntimeOptions>() ?? new RuntimeOptions();
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = runtime.CallTimeout);
        silo.Configure<GrainCollectionOptions>(o =>
        {
            o.CollectionAge = runtime.CollectionAge;
            o.CollectionQuantum = runtime.CollectionScanInterval;
        });
        // Calls that cross silos or come from a client keep their trace.
        silo.AddActivityPropagation();
        silo.AddOutgoingGrainCallFilter<ReadOnlyCallRetry>();
        // Orleans' own dashboard, in serving silos only (it profiles every grain call), its live log trace off (it would
        // show the silo's log lines to whoever opens the page).
        if (plan.Ports is not null) silo.AddDashboard(o => o.HideTrace = true);
        if (ClusterCertificate.Load(cluster) is { } certificate) silo.UseTls(certificate, o => ClusterCertificate.Pin(o, certificate));
    }
}
