using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Alerts;
using AgentWatch.Abstractions.Diagnostics;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Storage;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Grains;

/// <summary>
/// The durable alert log: alerts in the order they were raised, each once (by id), numbered by sequence, readable and
/// resumable from any sequence on any silo. An alert is immutable once logged; the sentinel's explanation of it is kept
/// in a log of its own (one per alert, by alert id) and joined to the alert when it is read. After an alert is logged
/// it is pushed through the feed grain to whoever follows live.
/// </summary>
public sealed class AlertLog(ILogStore store, IGrainFactory grains, DomainMetrics metrics, TimeProvider time, ILogger<AlertLog> logger)
{
    public const string LogName = "alerts";
    public const string ExplanationLogName = "alert-explanations";
    private const int Page = 500;

    private readonly ConcurrentDictionary<string, string> _explained = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private long _explainedUpTo;

    // Each alert's standing from its latest change in the log (a withdrawal, or null: updated or raised again), joined to
    // its first entry when read, so a listing of the log marks an alert withdrawn where it was raised.
    private readonly ConcurrentDictionary<string, AlertWithdrawal?> _status = new(StringComparer.Ordinal);
    private long _statusUpTo;

    /// <summary>
    /// The log's key for one revision of an alert: its id for the alert as first raised (as before revisions existed), the
    /// id and revision for each later change to it (an update, a withdrawal, a reinstatement), so each is an entry of its
    /// own that followers read in order, logged once however often a grain logs it again.
    /// </summary>
    public static string EventIdOf(Alert alert) => alert.Revision == 0 ? alert.Id : $"{alert.Id}#{alert.Revision}";

    /// <summary>
    /// The alerts as they stand: each id once, in its latest revision (read later in the log), at that revision's place;
    /// a withdrawn alert as its withdrawal. What lists of alerts show; the log itself, and whoever follows it, has every revision.
    /// </summary>
    public static IReadOnlyList<Alert> Current(IEnumerable<Alert> alerts)
    {
        var latest = new Dictionary<string, Alert>(StringComparer.Ordinal);
        foreach (var a in alerts)
            if (!latest.TryGetValue(a.Id, out var seen) || a.Revision >= seen.Revision) latest[a.Id] = a;
        return latest.Values.OrderBy(a => a.Sequence).ToList();
    }

    /// <summary>Logs the alert (this revision of it) unless it is already in the log; returns its sequence either way.</summary>
    public async Task<long> PublishAsync(Alert alert, CancellationToken cancellationToken = default)
    {
        // A later revision names the alert's first entry, so a reader of the log can find what it changes.
        if (alert.Revision > 0 && alert.OriginalSequence is null && await store.FindAsync(LogName, alert.Id, cancellationToken).ConfigureAwait(false) is { } first)
            alert = alert with { OriginalSequence = first.Sequence };
        var result = await store.AppendAsync(LogName, EventIdOf(alert), time.GetUtcNow(), AgentWatchJson.Serialize(alert with { Sequence = 0 }), cancellationToken).ConfigureAwait(false);
        if (!result.IsNew) return result.Sequence;
        // An update is the same alert again: counted once, when first raised.
        if (alert.Revision == 0) metrics.AlertsRaised.Add(1, new KeyValuePair<string, object?>(TelemetryNames.Attributes.Rule, alert.Rule), new KeyValuePair<string, object?>(TelemetryNames.Attributes.Severity, alert.Severity.ToString().ToLowerInvariant()));
        try
        {
            // One-way: the feed answers nobody, and a lost push costs a follower one backstop interval, never an alert.
            await grains.GetGrain<IAlertFeedGrain>(IAlertFeedGrain.Key).PublishAsync(alert with { Sequence = result.Sequence }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Alert #{Sequence} was logged but not pushed live", result.Sequence);
        }
        return result.Sequence;
    }

    /// <summary>
    /// Logs those of <paramref name="alerts"/> the log does not hold yet (a grain's journaled alerts, when it activates).
    /// Looking first costs a read per alert; appending every one again would cost a write each, behind the writer lock.
    /// </summary>
    public async Task EnsureLoggedAsync(IEnumerable<Alert> alerts, CancellationToken cancellationToken = default)
    {
        foreach (var alert in alerts)
        {
            if (await store.FindAsync(LogName, EventIdOf(alert), cancellationToken).ConfigureAwait(false) is null)
                await PublishAsync(alert, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores the explanation of an alert; the first one written for an alert is kept.</summary>
    public async Task ExplainAsync(AlertExplanation explanation, CancellationToken cancellationToken = default)
    {
        await store.AppendAsync(ExplanationLogName, explanation.AlertId, time.GetUtcNow(), AgentWatchJson.Serialize(explanation), cancellationToken).ConfigureAwait(false);
        await RefreshExplanationsAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Alert>> ReadAsync(long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        await RefreshExplanationsAsync(cancellationToken).ConfigureAwait(false);
        await RefreshStatusAsync(cancellationToken).ConfigureAwait(false);
        return (await store.ReadAsync(LogName, afterSequence, maxCount, cancellationToken).ConfigureAwait(false)).Select(Read).ToList();
    }

    /// <summary>Every alert in the log after a sequence, in pages.</summary>
    public async IAsyncEnumerable<Alert> ReadAllAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var page = await ReadAsync(afterSequence, Page, cancellationToken).ConfigureAwait(false);
            foreach (var alert in page) yield return alert;
            if (page.Count < Page) yield break;
            afterSequence = page[^1].Sequence;
        }
    }

    /// <summary>The alert with this id, or null: one indexed read, however long the log.</summary>
    public async Task<Alert?> FindAsync(string alertId, CancellationToken cancellationToken = default)
    {
        await RefreshExplanationsAsync(cancellationToken).ConfigureAwait(false);
        await RefreshStatusAsync(cancellationToken).ConfigureAwait(false);
        return await store.FindAsync(LogName, alertId, cancellationToken).ConfigureAwait(false) is { } entry ? Read(entry) : null;
    }

    /// <summary>Every alert after a sequence, then each new one as it is logged by any silo, until cancelled.</summary>
    public IAsyncEnumerable<Alert> FollowAsync(long afterSequence, CancellationToken cancellationToken = default) =>
        new AlertFollower(grains, (after, ct) => ReadAsync(after, Page, ct)).FollowAsync(afterSequence, cancellationToken);

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken = default) => store.GetLastSequenceAsync(LogName, cancellationToken);

    /// <summary>Reads the explanations written since the last read (also by other silos sharing the store).</summary>
    private async Task RefreshExplanationsAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var page = await store.ReadAsync(ExplanationLogName, _explainedUpTo, Page, cancellationToken).ConfigureAwait(false);
                foreach (var e in page) _explained.TryAdd(e.EventId, AgentWatchJson.Deserialize<AlertExplanation>(e.Payload).Text);
                if (page.Count > 0) _explainedUpTo = page[^1].Sequence;
                if (page.Count < Page) break;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Reads the withdrawals and reinstatements logged since the last read (also by other silos).</summary>
    private async Task RefreshStatusAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var page = await store.ReadAsync(LogName, _statusUpTo, Page, cancellationToken).ConfigureAwait(false);
                foreach (var e in page)
                {
                    // Only later revisions carry the marker in their id: first entries need no parsing here.
                    if (!e.EventId.Contains('#', StringComparison.Ordinal)) continue;
                    var change = AgentWatchJson.Deserialize<Alert>(e.Payload);
                    _status[change.Id] = change.Event == AlertEvent.Withdrawn ? change.Withdrawn : null;
                }
                if (page.Count > 0) _statusUpTo = page[^1].Sequence;
                if (page.Count < Page) break;
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    private Alert Read(LogEntry entry)
    {
        var alert = AgentWatchJson.Deserialize<Alert>(entry.Payload) with { Sequence = entry.Sequence };
        // An alert's own entry tells, when read, whether it stands: the withdrawal in force, if any.
        if (alert.Event != AlertEvent.Withdrawn && _status.TryGetValue(alert.Id, out var withdrawn)) alert = alert with { Withdrawn = withdrawn };
        return _explained.TryGetValue(alert.Id, out var text) && alert.Event == AlertEvent.Raised ? alert with { Explanation = text } : alert;
    }
}
