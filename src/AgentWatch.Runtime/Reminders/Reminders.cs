using System.Collections.Concurrent;
using AgentWatch.Runtime.Core;
using AgentWatch.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Runtime.Reminders;

/// <summary>
/// A durable reminder: ticks at <see cref="StartAt"/> + k·<see cref="Period"/>. <see cref="LastFiredAt"/> is the tick last
/// delivered, stored so that a restarted silo neither repeats a tick nor forgets one it missed.
/// </summary>
public sealed record ReminderEntry(GrainId GrainId, string Name, DateTimeOffset StartAt, TimeSpan Period, DateTimeOffset? LastFiredAt)
{
    /// <summary>The latest scheduled tick at or before <paramref name="now"/> that was not delivered yet.</summary>
    public DateTimeOffset? DueTick(DateTimeOffset now)
    {
        if (now < StartAt) return null;
        var k = (now - StartAt).Ticks / Period.Ticks;
        var tick = StartAt + TimeSpan.FromTicks(Period.Ticks * k);
        return LastFiredAt is { } last && tick <= last ? null : tick;
    }
}

/// <summary>Where reminders are kept. Implementations must make every returned write durable.</summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken);
    Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken);
    Task RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken);
    Task MarkFiredAsync(GrainId grainId, string name, DateTimeOffset tick, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a tick for one silo: succeeds only if the tick was not delivered yet and nobody holds an unexpired lease on
    /// it. In a cluster every silo polls the table; the claim makes each tick go to one of them. A claim whose delivery
    /// failed lapses after <paramref name="lease"/> and the tick is tried again.
    /// </summary>
    Task<bool> TryClaimTickAsync(GrainId grainId, string name, DateTimeOffset tick, string claimant, TimeSpan lease, CancellationToken cancellationToken);
}

/// <summary>How grains register reminders.</summary>
public interface IReminderRegistry
{
    Task RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period);
    Task UnregisterAsync(GrainId grainId, string name);
    Task<IReadOnlyList<ReminderEntry>> GetRemindersAsync(GrainId grainId);
}

/// <summary>
/// Fires reminders. Loads the table at start, checks for due ticks every poll interval, and delivers each as a turn of
/// its grain (activating it if needed). Missed ticks while the silo was down collapse into one delivery at start.
/// </summary>
public sealed class ReminderService(
    IReminderTable table,
    IServiceProvider services,
    IOptions<GrainRuntimeOptions> options,
    TimeProvider time,
    ILogger<ReminderService> logger) : IReminderRegistry, IHostedService
{
    private static readonly TimeSpan MinimumPeriod = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(30);
    private readonly string _claimant = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> _entries = new();
    private readonly ConcurrentDictionary<(GrainId, string), DateTimeOffset> _retryAfter = new();
    private readonly ConcurrentDictionary<(GrainId, string), byte> _inFlight = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public async Task RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (period < MinimumPeriod) throw new ArgumentOutOfRangeException(nameof(period), $"A reminder period must be at least {MinimumPeriod.TotalMilliseconds} ms.");
        if (dueTime < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(dueTime), "A reminder's due time cannot be negative.");
        var entry = new ReminderEntry(grainId, name, time.GetUtcNow() + dueTime, period, null);
        await table.UpsertAsync(entry, CancellationToken.None).ConfigureAwait(false);
        _entries[(grainId, name)] = entry;
    }

    public async Task UnregisterAsync(GrainId grainId, string name)
    {
        await table.RemoveAsync(grainId, name, CancellationToken.None).ConfigureAwait(false);
        _entries.TryRemove((grainId, name), out _);
    }

    public Task<IReadOnlyList<ReminderEntry>> GetRemindersAsync(GrainId grainId) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>(_entries.Values.Where(e => e.GrainId == grainId).ToList());

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in await table.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            _entries[(entry.GrainId, entry.Name)] = entry;
        logger.LogDebug("Loaded {Count} reminders", _entries.Count);
        _loop = Task.Run(PollAsync, CancellationToken.None);
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(options.Value.ReminderPollInterval, time);
        var runtime = services.GetRequiredService<GrainRuntime>();
        try
        {
            do
            {
                // Re-read: in a cluster, reminders are registered by grains on every silo.
                try
                {
                    var rows = await table.ReadAllAsync(_stopping.Token).ConfigureAwait(false);
                    var keep = rows.Select(e => (e.GrainId, e.Name)).ToHashSet();
                    foreach (var e in rows) _entries[(e.GrainId, e.Name)] = e;
                    foreach (var key in _entries.Keys.Where(k => !keep.Contains(k)).ToList()) _entries.TryRemove(key, out _);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not read the reminder table; using the reminders already known");
                }
                var now = time.GetUtcNow();
                foreach (var entry in _entries.Values)
                {
                    var key = (entry.GrainId, entry.Name);
                    if (entry.DueTick(now) is not { } tick) continue;
                    if (_retryAfter.TryGetValue(key, out var retry) && now < retry) continue;
                    if (!_inFlight.TryAdd(key, 0)) continue;
                    _ = FireAsync(runtime, entry, tick);
                }
            }
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FireAsync(GrainRuntime runtime, ReminderEntry entry, DateTimeOffset tick)
    {
        var key = (entry.GrainId, entry.Name);
        try
        {
            if (!await table.TryClaimTickAsync(entry.GrainId, entry.Name, tick, _claimant, ClaimLease, CancellationToken.None).ConfigureAwait(false))
                return;
            await runtime.DeliverReminderAsync(entry.GrainId, entry.Name, new TickStatus(entry.StartAt, entry.Period, tick)).ConfigureAwait(false);
            await table.MarkFiredAsync(entry.GrainId, entry.Name, tick, CancellationToken.None).ConfigureAwait(false);
            // Only advance the cached entry if it was not re-registered meanwhile.
            _entries.TryUpdate(key, entry with { LastFiredAt = tick }, entry);
            _retryAfter.TryRemove(key, out _);
        }
        catch (Exception ex)
        {
            var backoff = entry.Period < TimeSpan.FromMinutes(1) ? entry.Period : TimeSpan.FromMinutes(1);
            _retryAfter[key] = time.GetUtcNow() + backoff;
            logger.LogWarning(ex, "Reminder '{Name}' of {Grain} failed; retrying in {Backoff}", entry.Name, entry.GrainId, backoff);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        if (_loop is not null) await _loop.ConfigureAwait(false);
    }
}

/// <summary>Reminders kept in memory: for tests and for a silo that needs no durability.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly ConcurrentDictionary<(GrainId, string), ReminderEntry> _rows = new();

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.ToList());

    public Task UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken)
    {
        _rows[(entry.GrainId, entry.Name)] = entry;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken)
    {
        _rows.TryRemove((grainId, name), out _);
        return Task.CompletedTask;
    }

    public Task MarkFiredAsync(GrainId grainId, string name, DateTimeOffset tick, CancellationToken cancellationToken)
    {
        if (_rows.TryGetValue((grainId, name), out var entry)) _rows[(grainId, name)] = entry with { LastFiredAt = tick };
        lock (_leases) _leases.Remove((grainId, name));
        return Task.CompletedTask;
    }

    private readonly Dictionary<(GrainId, string), DateTimeOffset> _leases = [];

    public Task<bool> TryClaimTickAsync(GrainId grainId, string name, DateTimeOffset tick, string claimant, TimeSpan lease, CancellationToken cancellationToken)
    {
        lock (_leases)
        {
            if (!_rows.TryGetValue((grainId, name), out var entry) || entry.LastFiredAt >= tick) return Task.FromResult(false);
            if (_leases.TryGetValue((grainId, name), out var until) && until > DateTimeOffset.UtcNow) return Task.FromResult(false);
            _leases[(grainId, name)] = DateTimeOffset.UtcNow + lease;
            return Task.FromResult(true);
        }
    }
}
