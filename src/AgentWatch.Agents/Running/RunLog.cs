using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Storage;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Agents.Running;

/// <summary>
/// Every agent run, kept in an ordered log: a run's id is its place in it ("run-42"). Listing reads back from the
/// newest; showing one reads its place. Recording never fails the run it records: a store that cannot take it is
/// logged and the answer still goes out, without an id.
/// </summary>
public sealed class RunLog(ILogStore store, TimeProvider time, ILogger<RunLog> logger)
{
    public const string LogName = "agent-runs";
    private const string Prefix = "run-";

    /// <summary>Stores the run; returns it with its id, or without one when it could not be stored.</summary>
    public async Task<AgentRun> RecordAsync(AgentRun run, CancellationToken cancellationToken = default)
    {
        try
        {
            var appended = await store.AppendAsync(LogName, Guid.NewGuid().ToString("N"), time.GetUtcNow(), AgentWatchJson.Serialize(run with { Id = "" }), cancellationToken).ConfigureAwait(false);
            return run with { Id = Prefix + appended.Sequence };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The {Agent} run could not be recorded", run.Agent);
            return run;
        }
    }

    public async Task<IReadOnlyList<AgentRunSummary>> ListAsync(RunQuery query, CancellationToken cancellationToken = default)
    {
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var found = new List<AgentRunSummary>();
        var before = await store.GetLastSequenceAsync(LogName, cancellationToken).ConfigureAwait(false) + 1;
        const int page = 200;
        while (before > 1 && found.Count < limit)
        {
            var from = Math.Max(0, before - 1 - page);
            var entries = await store.ReadAsync(LogName, from, (int)(before - 1 - from), cancellationToken).ConfigureAwait(false);
            foreach (var e in entries.OrderByDescending(e => e.Sequence))
            {
                var run = Read(e);
                if (query.Agent is null || string.Equals(run.Agent, query.Agent, StringComparison.OrdinalIgnoreCase))
                    found.Add(AgentRunSummary.Of(run));
                if (found.Count == limit) break;
            }
            before = from + 1;
        }
        return found;
    }

    public async Task<AgentRun?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!id.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !long.TryParse(id[Prefix.Length..], out var sequence) || sequence < 1) return null;
        var entries = await store.ReadAsync(LogName, sequence - 1, 1, cancellationToken).ConfigureAwait(false);
        return entries is [{ } e] && e.Sequence == sequence ? Read(e) : null;
    }

    private static AgentRun Read(LogEntry entry) => AgentWatchJson.Deserialize<AgentRun>(entry.Payload) with { Id = Prefix + entry.Sequence };
}
