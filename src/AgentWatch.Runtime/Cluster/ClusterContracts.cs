using System.Text.Json;
using AgentWatch.Runtime.Serialization;

namespace AgentWatch.Runtime.Cluster;

/// <summary>
/// A silo's identity: where other silos reach it, and its generation (the time it started, in ticks). A restarted
/// process is a new generation, so an old one that was declared dead can never come back as itself.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    public override string ToString() => $"{Host}:{Port}@{Generation}";

    /// <summary>Where its inter-silo endpoint listens.</summary>
    public Uri Endpoint => new($"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}/");

    public static SiloAddress Parse(string text)
    {
        var at = text.LastIndexOf('@');
        var colon = text.LastIndexOf(':', at < 0 ? text.Length - 1 : at);
        if (at < 0 || colon < 0) throw new FormatException($"'{text}' is not a silo address (host:port@generation).");
        return new SiloAddress(text[..colon], int.Parse(text[(colon + 1)..at]), long.Parse(text[(at + 1)..]));
    }
}

public enum SiloStatus
{
    Active,
    /// <summary>Leaving cleanly: finishing its turns, handing nothing new.</summary>
    ShuttingDown,
    /// <summary>Gone, cleanly or declared so after missed heartbeats. A dead row never becomes active again.</summary>
    Dead,
}

/// <summary>A row of the membership table. <see cref="HeartbeatAge"/> is measured by the store's clock, so silos on
/// machines with skewed clocks agree on who is stale.</summary>
public sealed record SiloEntry(
    SiloAddress Address,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    TimeSpan HeartbeatAge,
    string? ApiUrl,
    int Activations);

/// <summary>
/// The cluster's membership, kept in shared storage (a shared SQLite file, PostgreSQL). Every status change is a
/// conditional write; a store that cannot be reached makes every call fail, and nobody is declared dead on a guess.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Adds this silo as active; its start and heartbeat times are the store's now.</summary>
    Task JoinAsync(SiloAddress silo, string? apiUrl, CancellationToken cancellationToken);

    /// <summary>Records "I am alive" and the activation count; returns the status the table holds for this silo.</summary>
    Task<SiloStatus> HeartbeatAsync(SiloAddress silo, int activations, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Marks a silo dead if, and only if, it is not dead yet and its last heartbeat is older than <paramref name="staleAfter"/>.</summary>
    Task<bool> TryDeclareDeadAsync(SiloAddress silo, TimeSpan staleAfter, CancellationToken cancellationToken);

    /// <summary>Sets this silo's own status (shutting down, then dead when it leaves cleanly).</summary>
    Task SetStatusAsync(SiloAddress silo, SiloStatus status, CancellationToken cancellationToken);
}

/// <summary>
/// Which silo holds each grain's activation. Registration is first-writer-wins; an entry is replaced only by a
/// compare-and-swap naming the owner it replaces (one the caller saw declared dead), so two silos can never both win.
/// </summary>
public interface IGrainDirectory
{
    /// <summary>Registers <paramref name="silo"/> as the owner unless another owner is there; returns the owner that won.
    /// When <paramref name="replacing"/> is given and is the current owner, the entry moves to <paramref name="silo"/>.</summary>
    Task<SiloAddress> RegisterAsync(GrainId grain, SiloAddress silo, SiloAddress? replacing, CancellationToken cancellationToken);

    Task<SiloAddress?> LookupAsync(GrainId grain, CancellationToken cancellationToken);

    /// <summary>Removes the entry if <paramref name="silo"/> still owns it.</summary>
    Task UnregisterAsync(GrainId grain, SiloAddress silo, CancellationToken cancellationToken);

    /// <summary>Removes every entry of a silo (one that left or died); returns how many.</summary>
    Task<int> UnregisterSiloAsync(SiloAddress silo, CancellationToken cancellationToken);
}

/// <summary>A grain call crossing to another silo: the grain, the method, its arguments as JSON, the call chain.</summary>
public sealed record RemoteRequest(
    string GrainType,
    string GrainKey,
    string Method,
    IReadOnlyList<JsonElement> Args,
    IReadOnlyList<RemoteChainLink>? Chain,
    int Hops,
    string? ReminderName = null,
    TickStatus? Tick = null,
    string? TraceParent = null);

public sealed record RemoteChainLink(string GrainType, string GrainKey, bool ReadOnly);

public enum RemoteOutcome
{
    /// <summary>The call ran; <see cref="RemoteResponse.Result"/> or <see cref="RemoteResponse.Exception"/> says how.</summary>
    Completed,
    /// <summary>The silo did not run it (shutting down, not a member): the caller may send it elsewhere.</summary>
    Refused,
}

/// <summary>What a silo answered; <see cref="Owner"/> is the silo that ran the call, so the caller can go there directly next time.</summary>
public sealed record RemoteResponse(RemoteOutcome Outcome, JsonElement? Result, SerializedException? Exception, string? Reason = null, string? Owner = null);

/// <summary>
/// Carries calls between silos. It must tell apart "not delivered" (safe to send again) from "delivered, outcome
/// unknown" (never sent again): it throws <see cref="SiloUnreachableException"/> for the first and
/// <see cref="SiloUnavailableException"/> for the second.
/// </summary>
public interface ISiloTransport
{
    Task<RemoteResponse> SendAsync(SiloAddress target, RemoteRequest request, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>The call never reached the silo (connection refused, no such host): sending it again cannot run it twice.</summary>
public sealed class SiloUnreachableException(SiloAddress silo, string reason, Exception? inner = null)
    : GrainRuntimeException($"Silo {silo} cannot be reached: {reason}.", inner)
{
    public SiloAddress Silo { get; } = silo;
}

/// <summary>
/// The silo went away while it had the call (or did not answer in time): it may or may not have run, so it is not sent
/// again. Ask the grain for its state, or make the operation idempotent and repeat it.
/// </summary>
public sealed class SiloUnavailableException(SiloAddress silo, string method, string reason, Exception? inner = null)
    : GrainRuntimeException($"Silo {silo} stopped answering during {method} ({reason}); the call may or may not have run and was not repeated.", inner)
{
    public SiloAddress Silo { get; } = silo;
}

/// <summary>Settings of clustering (configuration section <c>Cluster</c>).</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary>Address other silos reach this one at (advertised in the membership table).</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Address the inter-silo endpoint binds to. Loopback unless told otherwise; any other needs <see cref="Secret"/>.</summary>
    public string Bind { get; set; } = "127.0.0.1";

    /// <summary>Port of the inter-silo endpoint (HTTP/2); 0 picks a free one, advertised in the membership table.</summary>
    public int SiloPort { get; set; }

    /// <summary>Shared by all silos; required when the inter-silo endpoint binds beyond loopback.</summary>
    public string? Secret { get; set; }

    /// <summary>How often a silo writes "I am alive" and reads the membership.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose last heartbeat is older than this is declared dead. A silo that could not write a heartbeat
    /// for this long stops itself, so it never keeps serving after the others gave its grains away.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a call keeps trying a silo it cannot reach before failing, waiting for the silo to be declared dead.</summary>
    public TimeSpan UnreachableRetryLimit { get; set; } = TimeSpan.FromSeconds(20);

    public void Validate()
    {
        if (HeartbeatInterval <= TimeSpan.Zero) throw new ArgumentException("Cluster:HeartbeatInterval must be positive.");
        if (DeathTimeout < HeartbeatInterval * 2) throw new ArgumentException("Cluster:DeathTimeout must be at least two heartbeat intervals.");
        if (SiloPort is < 0 or > 65535) throw new ArgumentException($"Cluster:SiloPort must be 0 to 65535, not {SiloPort}.");
    }
}

/// <summary>How a silo status is written in a membership table.</summary>
public static class SiloStatusText
{
    public static SiloStatus Parse(string text) => text switch
    {
        "active" => SiloStatus.Active,
        "shutting-down" => SiloStatus.ShuttingDown,
        _ => SiloStatus.Dead,
    };

    public static string Format(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown => "shutting-down",
        _ => "dead",
    };
}
