using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using AgentWatch.Storage;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace AgentWatch.Client;

/// <summary>
/// How a silo takes part in its Orleans cluster (configuration section <c>Cluster</c>): the address the others reach
/// it at, the ports of its silo-to-silo and gateway (client) endpoints, and the cluster's identity.
/// </summary>
public sealed class ClusteringOptions
{
    public const string SectionName = "Cluster";

    /// <summary>
    /// The address other silos and clients reach this silo at, written into the membership table. An IP address, or a
    /// host name resolved at start (in containers: the service name, never 127.0.0.1, which a peer would dial itself at).
    /// </summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Address the silo and gateway endpoints listen on. Loopback unless told otherwise.</summary>
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary>Port silos call each other on; 0 picks a free one (it is advertised in the membership table).</summary>
    public int SiloPort { get; set; }

    /// <summary>Port clients (the CLI in another terminal) connect to; 0 picks a free one, found through the membership table.</summary>
    public int GatewayPort { get; set; }

    /// <summary>Orleans' cluster id: silos with the same one and the same store form one cluster.</summary>
    public string ClusterId { get; set; } = "agentwatch";

    /// <summary>
    /// Orleans' service id, part of the key of every stored grain state and reminder: keep it stable for the life of a
    /// store, or the grains will not find their state.
    /// </summary>
    public string ServiceId { get; set; } = "agentwatch";

    /// <summary>
    /// A certificate (.pfx) shared by every silo and client of the cluster. When set, their connections use TLS and each
    /// side must present this very certificate: required when the endpoints listen beyond loopback.
    /// </summary>
    public string? Certificate { get; set; }

    /// <summary>The password of <see cref="Certificate"/>, if it has one (keep it in the environment: AGENTWATCH_Cluster__CertificatePassword).</summary>
    public string? CertificatePassword { get; set; }

    public IEnumerable<string> Problems()
    {
        if (SiloPort is < 0 or > 65535) yield return $"Cluster:SiloPort must be 0 to 65535, not {SiloPort}.";
        if (GatewayPort is < 0 or > 65535) yield return $"Cluster:GatewayPort must be 0 to 65535, not {GatewayPort}.";
        if (SiloPort != 0 && SiloPort == GatewayPort) yield return $"Cluster:SiloPort and Cluster:GatewayPort are both {SiloPort}; they must differ.";
        if (string.IsNullOrWhiteSpace(ClusterId)) yield return "Cluster:ClusterId is empty.";
        if (string.IsNullOrWhiteSpace(ServiceId)) yield return "Cluster:ServiceId is empty.";
        if (!IPAddress.TryParse(Bind, out _) && Bind != "localhost") yield return $"Cluster:Bind '{Bind}' is not an IP address to listen on (127.0.0.1, 0.0.0.0).";
    }

    /// <summary>The advertised address as an IP: parsed, or looked up (IPv4 first) when it is a host name.</summary>
    public IPAddress AdvertisedAddress()
    {
        if (IPAddress.TryParse(AdvertisedHost, out var ip)) return ip;
        try
        {
            var found = Dns.GetHostAddresses(AdvertisedHost);
            return found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.First();
        }
        catch (Exception ex) when (ex is SocketException or InvalidOperationException)
        {
            throw new InvalidOperationException($"Cluster:AdvertisedHost '{AdvertisedHost}' (--advertise) is neither an IP address nor a host name this machine can resolve: {ex.Message}", ex);
        }
    }
}

/// <summary>How a silo stores its data and finds its peers (<c>Silo:Cluster</c>, <c>--cluster</c>).</summary>
public sealed record ClusterMode(ClusterKind Kind, string? ConnectionString)
{
    public bool Clustered => Kind != ClusterKind.None;

    public static ClusterMode Parse(string? text) => text?.Trim() switch
    {
        null or "" or "none" => new(ClusterKind.None, null),
        "local" => new(ClusterKind.Local, null),
        var s when s.Contains('=') => new(ClusterKind.Postgres, s),
        var s => throw new ArgumentException($"Silo:Cluster (--cluster) must be none, local or a PostgreSQL connection string (\"Host=…;Database=…\"), not '{s}'."),
    };
}

public enum ClusterKind
{
    /// <summary>A silo on its own, on the data directory's SQLite file.</summary>
    None,
    /// <summary>Silos on one machine sharing the data directory's SQLite file.</summary>
    Local,
    /// <summary>Silos anywhere sharing a PostgreSQL database.</summary>
    Postgres,
}

/// <summary>Where a cluster keeps membership, grain state and reminders: a data directory's SQLite file, or PostgreSQL.</summary>
public sealed record ClusterDatabase(string Invariant, string ConnectionString)
{
    public static ClusterDatabase For(ClusterMode mode, string sqlitePath) => mode.Kind == ClusterKind.Postgres
        ? new(DatabaseInvariants.PostgresInvariant, mode.ConnectionString!)
        : new(DatabaseInvariants.SqliteInvariant, SqliteDatabase.ConnectionString(sqlitePath));
}

/// <summary>The cluster's shared certificate: loaded once, and pinned, so that only holders of that very certificate connect.</summary>
public static class ClusterCertificate
{
    public static X509Certificate2? Load(ClusteringOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Certificate)) return null;
        if (!File.Exists(options.Certificate)) throw new FileNotFoundException($"Cluster:Certificate '{options.Certificate}' does not exist.", options.Certificate);
        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(options.Certificate, options.CertificatePassword);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new InvalidOperationException($"Cluster:Certificate '{options.Certificate}' cannot be read as a .pfx with the password given (Cluster:CertificatePassword): {ex.Message}", ex);
        }
    }

    /// <summary>Both sides present the certificate and accept only the same one: mutual authentication without a CA.</summary>
    public static void Pin(TlsOptions options, X509Certificate2 certificate)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (remote, _, _) => remote is not null &&
            string.Equals(remote.Thumbprint, certificate.Thumbprint, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// Failure detection (Orleans' <c>ClusterMembershipOptions</c>, configuration section <c>Cluster:Membership</c>). Orleans'
/// defaults take about 6 s to declare a killed silo dead and about a minute for a frozen one (its connection stays open,
/// which holds the death vote back); these declare both within seconds. See docs/architecture.md for the trade-off.
/// </summary>
public static class FailureDetection
{
    public const string SectionName = "Cluster:Membership";

    public static void Apply(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
        o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 3;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
    }
}
