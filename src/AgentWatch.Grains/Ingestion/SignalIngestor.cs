using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Diagnostics;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Storage;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Grains.Ingestion;

/// <summary>
/// Takes signals in. Each is checked, its id is claimed in the signal index (the one place that knows every id, so one
/// id never lands twice, even about two companies), then it goes to its home grain (the company, the filer, or the
/// market), which stores it once and evaluates its rules, then to the other grains it concerns. A signal is
/// acknowledged (new or duplicate) only once its home grain stored it durably; one bad signal never stops the others.
/// A crash between the claim and the home leaves a claim with no home copy; ingesting again completes it, because a
/// claim with the same content reads as a duplicate and the home grain stores what it lacks.
/// </summary>
public sealed class SignalIngestor(IGrainFactory grains, SignalRouting routing, ISignalIndex index, AlertLog alertLog, NewsReviewLog reviews, CompanyDirectory directory,
    Microsoft.Extensions.Options.IOptionsMonitor<Rules.RulesOptions> rules, TimeProvider time, DomainMetrics metrics, ILogger<SignalIngestor> logger)
{
    /// <summary>Signals handed to one grain in one call: large enough to amortise a storage commit, small enough to keep turns short.</summary>
    public const int ChunkSize = 500;

    /// <summary>Claims sent to the index at once, and how many such batches run side by side.</summary>
    private const int ClaimBatch = 250;
    private const int ClaimBatchesInFlight = 8;

    private static readonly System.Diagnostics.ActivitySource Tracing = new(TelemetryNames.Ingestion);

    public async Task<IngestReport> IngestAsync(IReadOnlyList<Signal> signals, CancellationToken cancellationToken = default)
    {
        using var activity = Tracing.StartActivity(TelemetryNames.Spans.Ingest);
        activity?.SetTag(TelemetryNames.Attributes.Signals, signals.Count);
        var started = time.GetTimestamp();
        var issues = new List<IngestIssue>();
        var outcomes = new RecordStatus?[signals.Count];
        var failed = new bool[signals.Count];
        var valid = new List<int>(signals.Count);

        for (var i = 0; i < signals.Count; i++)
        {
            var errors = signals[i].Validate().ToList();
            if (errors.Count > 0)
            {
                failed[i] = true;
                issues.Add(new IngestIssue(IssueSeverity.Error, $"signal {signals[i].Id}", string.Join("; ", errors), signals[i].Id));
            }
            else valid.Add(i);
        }

        // A repeated id in one batch is claimed after its first occurrence, and so reads as its duplicate (or conflict).
        var claims = new SignalClaim?[signals.Count];
        var now = time.GetUtcNow();
        foreach (var round in valid.GroupBy(i => signals[i].Id).SelectMany(g => g.Select((i, n) => (i, n))).GroupBy(x => x.n).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(round.Select(x => x.i).Chunk(ClaimBatch), new ParallelOptions { MaxDegreeOfParallelism = ClaimBatchesInFlight, CancellationToken = cancellationToken }, async (chunk, ct) =>
            {
                try
                {
                    var entries = chunk.Select(i => new IndexedSignal(signals[i].Id, routing.HomeOf(signals[i]).ToString(), AgentWatchJson.Serialize(signals[i]), now)).ToList();
                    var stored = await Retrying(() => index.ClaimAsync(entries, ct), ct);
                    for (var k = 0; k < chunk.Length; k++) claims[chunk[k]] = Claim(entries[k], signals[chunk[k]], stored[k]);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Claiming {Count} signal ids failed", chunk.Length);
                    lock (issues)
                    {
                        foreach (var i in chunk)
                        {
                            failed[i] = true;
                            issues.Add(new IngestIssue(IssueSeverity.Error, $"signal {signals[i].Id}", $"could not be stored: {Reason(ex)}; ingest it again", signals[i].Id));
                        }
                    }
                }
            });
        }

        var homes = new Dictionary<TimelineTarget, List<int>>();
        foreach (var i in valid.Where(i => claims[i] is not null))
        {
            var s = signals[i];
            if (claims[i]!.Status == RecordStatus.Conflict)
            {
                outcomes[i] = RecordStatus.Conflict;
                issues.Add(new IngestIssue(IssueSeverity.Warning, $"signal {s.Id}", ConflictMessage(s.Id, claims[i]!.Stored), s.Id));
                continue;
            }
            if (s.Company is { } company && !directory.IsKnown(company))
                issues.Add(new IngestIssue(IssueSeverity.Warning, $"signal {s.Id}", $"company '{company}' is not on the watchlist (config/watchlist.json); stored, with no name or aliases", s.Id));
            Add(homes, routing.HomeOf(s), i);
        }

        var alertIds = new HashSet<string>(StringComparer.Ordinal);
        var alerts = new List<(TimelineTarget Raiser, Alert Alert)>();
        await SendAsync(homes, signals, (i, outcome) =>
        {
            outcomes[i] = outcome.Status;
            if (outcome.Status == RecordStatus.Conflict)
                issues.Add(new IngestIssue(IssueSeverity.Warning, $"signal {signals[i].Id}", outcome.Message ?? "conflict", signals[i].Id));
        }, (i, ex) =>
        {
            failed[i] = true;
            issues.Add(new IngestIssue(IssueSeverity.Error, $"signal {signals[i].Id}", $"could not be stored: {Reason(ex)}; ingest it again", signals[i].Id));
        }, alertIds, alerts, cancellationToken);

        // Copies go out for duplicates too: if a crash cut a previous ingestion short, this completes it.
        var copies = new Dictionary<TimelineTarget, List<int>>();
        foreach (var i in Enumerable.Range(0, signals.Count).Where(i => outcomes[i] is RecordStatus.New or RecordStatus.Duplicate))
        {
            foreach (var target in routing.CopiesOf(signals[i])) Add(copies, target, i);
        }
        await SendAsync(copies, signals, (i, outcome) =>
        {
            if (outcome.Status == RecordStatus.Conflict)
                issues.Add(new IngestIssue(IssueSeverity.Warning, $"signal {signals[i].Id}", outcome.Message ?? "conflict", signals[i].Id));
        }, (i, ex) => issues.Add(new IngestIssue(IssueSeverity.Warning, $"signal {signals[i].Id}",
            $"stored, but not yet linked to every company it concerns ({Reason(ex)}); ingest it again to complete", signals[i].Id)),
            alertIds, alerts, cancellationToken);

        await LogInOrderAsync(alerts, cancellationToken);
        await HandOverToAgentsAsync(signals, outcomes, issues, cancellationToken);

        var report = new IngestReport(
            signals.Count,
            outcomes.Count(o => o == RecordStatus.New),
            outcomes.Count(o => o == RecordStatus.Duplicate),
            outcomes.Count(o => o == RecordStatus.Conflict),
            failed.Count(f => f),
            issues,
            alertIds.Order(StringComparer.Ordinal).ToList());
        metrics.IngestDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
        foreach (var (outcome, count) in new[] { ("new", report.New), ("duplicate", report.Duplicates), ("conflict", report.Conflicts), ("rejected", report.Rejected) })
            if (count > 0) metrics.SignalsIngested.Add(count, new KeyValuePair<string, object?>(TelemetryNames.Attributes.Outcome, outcome));
        activity?.SetTag(TelemetryNames.Attributes.New, report.New);
        activity?.SetTag(TelemetryNames.Attributes.Alerts, report.AlertIds.Count);
        logger.LogInformation("Ingested {Received} signals: {New} new, {Duplicates} duplicates, {Conflicts} conflicts, {Rejected} rejected, {Alerts} alerts",
            report.Received, report.New, report.Duplicates, report.Conflicts, report.Rejected, report.AlertIds.Count);
        return report;
    }

    /// <summary>
    /// What the agents take from here: news items about watched companies go to the newsdesk's log (duplicates too, in
    /// case a crash came between storing and queueing; the log keeps each once), and new signals tell the bubble-risk
    /// grain to have the score assessed again (one-way, when bubble-risk alerts are on). Both after the signals are
    /// stored, so the agents read what is there.
    /// </summary>
    private async Task HandOverToAgentsAsync(IReadOnlyList<Signal> signals, RecordStatus?[] outcomes, List<IngestIssue> issues, CancellationToken cancellationToken)
    {
        var stored = Enumerable.Range(0, signals.Count).Where(i => outcomes[i] is RecordStatus.New or RecordStatus.Duplicate).Select(i => signals[i]).ToList();
        var items = stored.Where(reviews.Wants).ToList();
        try
        {
            if (items.Count > 0) await Retrying(async () => { await reviews.EnqueueAsync(items, cancellationToken); return true; }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "{Count} news items were stored but not queued for the newsdesk", items.Count);
            issues.Add(new IngestIssue(IssueSeverity.Warning, "newsdesk", $"{items.Count} news items were stored but not queued for the newsdesk agent ({Reason(ex)}); ingest them again to have them read"));
        }
        if (!rules.CurrentValue.BubbleRisk.Enabled || !outcomes.Any(o => o == RecordStatus.New)) return;
        try
        {
            // One-way: sent, not waited for.
            await grains.GetGrain<IBubbleRiskGrain>(IBubbleRiskGrain.Key).DataChangedAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The signals are stored; the score is assessed again after the next ingestion that brings something new.
            logger.LogWarning(ex, "The bubble-risk grain was not told of new signals");
        }
    }

    /// <summary>What the index holds for a claimed id, read back as the record of a signal.</summary>
    private static SignalClaim Claim(IndexedSignal entry, Signal signal, SignalIdClaim claim)
    {
        var stored = new SignalRecord(AgentWatchJson.Deserialize<Signal>(claim.Stored.Payload), claim.Stored.Home, claim.Stored.RecordedAt);
        if (claim.IsNew) return new SignalClaim(RecordStatus.New, stored);
        var same = claim.Stored.Home == entry.Home
                   && (claim.Stored.Payload.AsSpan().SequenceEqual(entry.Payload) || SignalContent.Same(stored.Signal, signal));
        return new SignalClaim(same ? RecordStatus.Duplicate : RecordStatus.Conflict, stored);
    }

    /// <summary>
    /// Runs a call again when it failed for a reason that is about the cluster, not the signals: a silo that died or was
    /// leaving while it had the call, a message the runtime refused, a timeout. Recording and claiming are idempotent, so
    /// running one twice is safe; after the cluster settled (a dead silo is declared so within seconds), the call lands.
    /// </summary>
    private async Task<T> Retrying<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        var deadline = time.GetTimestamp() + (long)(RetryFor.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (IsTransient(ex) && time.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                logger.LogInformation("Retrying after a cluster hiccup ({Reason})", Reason(ex));
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    /// <summary>How long a call is retried through a silo's death: longer than failure detection takes.</summary>
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    private static bool IsTransient(Exception ex) => ex is TimeoutException
        or Orleans.Runtime.SiloUnavailableException
        or Orleans.Runtime.OrleansMessageRejectionException
        or Orleans.Runtime.Messaging.ConnectionFailedException
        or Orleans.Runtime.GatewayTooBusyException
        or Orleans.Runtime.ClientNotAvailableException;

    /// <summary>Why storing failed, in words for the report: a store or silo problem, never a type name or stack.</summary>
    private static string Reason(Exception ex) => ex switch
    {
        TimeoutException => "the store or a silo did not answer in time",
        Orleans.Runtime.SiloUnavailableException or Orleans.Runtime.Messaging.ConnectionFailedException => "the silo holding it stopped",
        Orleans.Runtime.OrleansMessageRejectionException => "a silo refused the call while the cluster was changing",
        _ => ex.Message,
    };

    private static string ConflictMessage(string id, SignalRecord stored) =>
        $"signal '{id}' is already stored with different content (in {stored.Home}, known on {stored.Signal.KnownOn:yyyy-MM-dd}, from {stored.Signal.Source}); the stored one was kept";

    /// <summary>
    /// Logs the alerts the grains raised, in one order whatever order the grains answered in: by the day their evidence
    /// became known, then company, rule and id. Loading the same data twice gives the same alert log. An update
    /// raised by a later call of this ingestion replaces the earlier revision it was handed.
    /// </summary>
    private async Task LogInOrderAsync(List<(TimelineTarget Raiser, Alert Alert)> raised, CancellationToken cancellationToken)
    {
        var ordered = raised.Select(r => r.Alert)
            .GroupBy(a => a.Id, StringComparer.Ordinal).Select(g => g.MaxBy(a => a.Revision)!)
            .OrderBy(a => a.KnownOn).ThenBy(a => a.Company, StringComparer.Ordinal).ThenBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        try
        {
            foreach (var alert in ordered) await Retrying(() => alertLog.PublishAsync(alert, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The alerts are journaled with their signals: the grains that raised them log what the log lacks, now (a
            // grain whose silo died activates elsewhere and logs its journal's alerts as it does), else on their own later.
            logger.LogWarning(ex, "{Count} alerts were journaled but not all reached the alert log; the grains that raised them log them", ordered.Count);
            foreach (var raiser in raised.Select(r => r.Raiser).Distinct())
            {
                try
                {
                    await Retrying(async () => { await routing.GrainOf(raiser).LogUnpublishedAsync(); return true; }, cancellationToken);
                }
                catch (Exception again) when (again is not OperationCanceledException)
                {
                    logger.LogWarning(again, "{Grain} could not log its alerts yet; it does when it next activates", raiser);
                }
            }
        }
    }

    /// <summary>
    /// Hands each target its signals. Targets run side by side; one target's chunks go one after another (a grain takes
    /// one call at a time anyway), the chunk with the newest data first, so a long history is judged against its
    /// newest data (the rules' lookback) and not against whichever old chunk happened to arrive first.
    /// </summary>
    private async Task SendAsync(
        Dictionary<TimelineTarget, List<int>> targets, IReadOnlyList<Signal> signals,
        Action<int, RecordOutcome> onOutcome, Action<int, Exception> onFailure, HashSet<string> alertIds, List<(TimelineTarget Raiser, Alert Alert)> alerts, CancellationToken cancellationToken)
    {
        var calls = targets.Select(async target =>
        {
            var done = new List<(int[] Chunk, RecordResult? Result, Exception? Error)>();
            foreach (var chunk in target.Value.Chunk(ChunkSize).OrderByDescending(c => c.Max(i => Rules.Lookback.DateOf(signals[i]))))
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var batch = chunk.Select(i => signals[i]).ToList();
                    done.Add((chunk, await Retrying(() => routing.GrainOf(target.Key).RecordUnpublishedAsync(batch), cancellationToken), null));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Recording {Count} signals in {Grain} failed", chunk.Length, target.Key);
                    done.Add((chunk, null, ex));
                }
            }
            return (target.Key, done);
        });
        foreach (var (raiser, chunk, result, error) in (await Task.WhenAll(calls)).SelectMany(t => t.done.Select(d => (t.Key, d.Chunk, d.Result, d.Error))))
        {
            for (var k = 0; k < chunk.Length; k++)
            {
                if (result is not null) onOutcome(chunk[k], result.Outcomes[k]);
                else onFailure(chunk[k], error!);
            }
            if (result is null) continue;
            alertIds.UnionWith(result.AlertIds);
            alerts.AddRange(result.Alerts.Select(a => (raiser, a)));
        }
    }

    private static void Add(Dictionary<TimelineTarget, List<int>> map, TimelineTarget target, int index)
    {
        if (!map.TryGetValue(target, out var list)) map[target] = list = [];
        list.Add(index);
    }
}
