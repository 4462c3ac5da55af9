using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Runtime.Cluster;

/// <summary>The inter-silo endpoint this silo listens on, known before the silo joins (the host binds it).</summary>
public sealed record SiloEndpoint(string AdvertisedHost, int Port, string? ApiUrl);

/// <summary>
/// This silo's membership: it joins the table at start, writes a heartbeat every interval, reads everyone's, declares
/// stale silos dead (by the store's clock, with a conditional write), cleans the dead ones' directory entries, and
/// leaves cleanly at shutdown. It stops its own silo when the table says it is dead, or when it could not write a
/// heartbeat for a whole death timeout: the others would give its grains away, so it must stop serving them first.
/// </summary>
public sealed class ClusterMembership : IHostedService
{
    private readonly IMembershipTable _table;
    private readonly IGrainDirectory _directory;
    private readonly ClusterOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILogger<ClusterMembership> _logger;
    private readonly Func<int> _activationCount;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<SiloAddress, byte> _knownDead = new();
    private volatile IReadOnlyList<SiloEntry> _view = [];
    private Task? _loop;
    private long _lastHeartbeatOk;

    public ClusterMembership(IMembershipTable table, IGrainDirectory directory, SiloEndpoint endpoint, IOptions<ClusterOptions> options,
        IHostApplicationLifetime lifetime, TimeProvider time, ILogger<ClusterMembership> logger, ActivationCounter activations)
    {
        options.Value.Validate();
        _table = table;
        _directory = directory;
        _options = options.Value;
        _lifetime = lifetime;
        _time = time;
        _logger = logger;
        _activationCount = activations.Count;
        Self = new SiloAddress(endpoint.AdvertisedHost, endpoint.Port, time.GetUtcNow().UtcTicks);
        ApiUrl = endpoint.ApiUrl;
    }

    public SiloAddress Self { get; }
    public string? ApiUrl { get; }

    /// <summary>Every row of the membership table as last read.</summary>
    public IReadOnlyList<SiloEntry> View => _view;

    /// <summary>Silos that can hold activations: active and not known dead.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos =>
        _view.Where(e => e.Status == SiloStatus.Active && !_knownDead.ContainsKey(e.Address)).Select(e => e.Address).DefaultIfEmpty(Self).Distinct().ToList();

    /// <summary>A silo may own grains unless the table says it is dead or leaving (a silo not in the view yet is new, so alive).</summary>
    public bool MayOwn(SiloAddress silo) =>
        !_knownDead.ContainsKey(silo) && _view.FirstOrDefault(e => e.Address == silo) is not { Status: SiloStatus.Dead or SiloStatus.ShuttingDown };

    /// <summary>Raised when a silo is found dead (by this silo or another); its grains go elsewhere.</summary>
    public event Action<SiloAddress>? SiloDied;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _table.JoinAsync(Self, ApiUrl, cancellationToken);
        _lastHeartbeatOk = _time.GetTimestamp();
        await RefreshAsync(cancellationToken);
        _logger.LogInformation("Silo {Silo} joined the cluster ({Count} active)", Self, ActiveSilos.Count);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
    }

    /// <summary>Reads the table now (after a call found a silo unreachable, say).</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => ReadAndJudgeAsync(cancellationToken);

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                try
                {
                    var status = await _table.HeartbeatAsync(Self, _activationCount(), _stopping.Token);
                    _lastHeartbeatOk = _time.GetTimestamp();
                    if (status == SiloStatus.Dead)
                    {
                        _logger.LogCritical("Silo {Silo} was declared dead by the cluster; stopping so that its grains live only elsewhere", Self);
                        _lifetime.StopApplication();
                        return;
                    }
                    await ReadAndJudgeAsync(_stopping.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    var silent = _time.GetElapsedTime(_lastHeartbeatOk);
                    _logger.LogWarning(ex, "Heartbeat of {Silo} failed ({Silent:0.0} s without one)", Self, silent.TotalSeconds);
                    if (silent >= _options.DeathTimeout)
                    {
                        _logger.LogCritical("Silo {Silo} could not reach the membership table for {Silent:0.0} s; the others may have declared it dead, so it stops", Self, silent.TotalSeconds);
                        _lifetime.StopApplication();
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReadAndJudgeAsync(CancellationToken cancellationToken)
    {
        var view = await _table.ReadAllAsync(cancellationToken);
        _view = view;
        foreach (var entry in view)
        {
            if (entry.Address == Self) continue;
            var dead = entry.Status == SiloStatus.Dead;
            if (!dead && entry.Status != SiloStatus.Dead && entry.HeartbeatAge > _options.DeathTimeout)
            {
                dead = await _table.TryDeclareDeadAsync(entry.Address, _options.DeathTimeout, cancellationToken);
                if (dead) _logger.LogWarning("Declared silo {Silo} dead: no heartbeat for {Age:0.0} s", entry.Address, entry.HeartbeatAge.TotalSeconds);
            }
            if (dead && _knownDead.TryAdd(entry.Address, 0))
            {
                // Any silo may clean up; it is idempotent, and the sooner the entries go, the sooner the grains move.
                var removed = await _directory.UnregisterSiloAsync(entry.Address, cancellationToken);
                _logger.LogInformation("Silo {Silo} is dead; {Count} directory entries removed", entry.Address, removed);
                SiloDied?.Invoke(entry.Address);
            }
        }
    }

    /// <summary>Announces the shutdown first, so others stop placing grains here while the activations wind down.</summary>
    public Task AnnounceShutdownAsync(CancellationToken cancellationToken) => _table.SetStatusAsync(Self, SiloStatus.ShuttingDown, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        if (_loop is not null) await _loop;
        try
        {
            await _directory.UnregisterSiloAsync(Self, cancellationToken);
            await _table.SetStatusAsync(Self, SiloStatus.Dead, cancellationToken);
            _logger.LogInformation("Silo {Silo} left the cluster", Self);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Silo {Silo} could not leave cleanly; the others will declare it dead", Self);
        }
    }
}

/// <summary>How many activations this silo holds, for its heartbeat.</summary>
public sealed class ActivationCounter(Func<int> count)
{
    public int Count() => count();
}

/// <summary>
/// Placement by rendezvous hashing: every silo that sees the same set of live silos picks the same one for a grain, and
/// when a silo comes or goes only the grains it wins or held move.
/// </summary>
public static class Placement
{
    public static SiloAddress Choose(GrainId grain, IReadOnlyList<SiloAddress> silos)
    {
        if (silos.Count == 0) throw new InvalidOperationException("No live silo to place a grain on.");
        SiloAddress? best = null;
        ulong bestScore = 0;
        foreach (var silo in silos)
        {
            var score = StableHash($"{grain}|{silo.Host}:{silo.Port}");
            if (best is null || score > bestScore)
            {
                best = silo;
                bestScore = score;
            }
        }
        return best!;
    }

    /// <summary>
    /// The same number for the same text in every process (string.GetHashCode is randomised per process): FNV-1a over the
    /// UTF-8 bytes, finished with SplitMix64 so that similar keys spread evenly.
    /// </summary>
    public static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        hash += 0x9E3779B97F4A7C15UL;
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
