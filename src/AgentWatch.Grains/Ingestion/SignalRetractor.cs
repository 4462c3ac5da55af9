using System.Security.Cryptography;
using System.Text;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Abstractions.Signals;
using AgentWatch.Storage;
using Microsoft.Extensions.Logging;

namespace AgentWatch.Grains.Ingestion;

/// <summary>
/// Takes signals back (<c>agentwatch retract</c>, <c>POST /retractions</c>): each is found in the signal index, taken out
/// of its home grain and every grain that keeps a copy (each withdraws the alerts that rested on it), and the retraction is
/// recorded in a log of its own. The index keeps the id and its content, so ingesting the signal again is a duplicate
/// there and brings it back in the grains.
/// </summary>
public sealed class SignalRetractor(
    IGrainFactory grains, SignalRouting routing, ISignalIndex index, ILogStore logs,
    Microsoft.Extensions.Options.IOptionsMonitor<Rules.RulesOptions> rules, TimeProvider time, ILogger<SignalRetractor> logger)
{
    public const string LogName = "retractions";
    private const int MaxReasonLength = 1000;
    private const int Page = 500;
    private const int LookupsInFlight = 8;
    private const int MaxOrigins = 10_000;

    public async Task<RetractReport> RetractAsync(RetractRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Origins?.Count > MaxOrigins) throw new ArgumentException($"{request.Origins.Count} origins; one retraction takes at most {MaxOrigins}");
        var fromOrigins = await StoredFromAsync(request.Origins ?? [], cancellationToken);
        var ids = request.SignalIds.Concat(fromOrigins).Select(id => id.Trim()).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) throw new ArgumentException("no signal ids to retract");
        if (ids.Count > RetractRequest.MaxSignals) throw new ArgumentException($"{ids.Count} signal ids; one retraction takes at most {RetractRequest.MaxSignals}");
        if (request.Reason?.Length > MaxReasonLength) throw new ArgumentException($"the reason is longer than {MaxReasonLength} characters");
        if (request.Source?.Length > MaxReasonLength) throw new ArgumentException($"the source is longer than {MaxReasonLength} characters");
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var now = time.GetUtcNow();
        var retractionId = request.DryRun ? null : $"retraction-{now:yyyyMMddHHmmssfff}-{Hash(ids)}";
        var withdrawal = new AlertWithdrawal(now, [], reason, retractionId);

        // Where each signal lives: its home grain and the grains with a copy.
        var found = new Signal?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = LookupsInFlight, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            if (await index.GetAsync(ids[i], ct) is { } stored) found[i] = AgentWatchJson.Deserialize<Signal>(stored.Payload);
        });
        var homes = new Dictionary<TimelineTarget, List<string>>();
        var copies = new Dictionary<TimelineTarget, List<string>>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (found[i] is not { } signal) continue;
            Add(homes, routing.HomeOf(signal), ids[i]);
            foreach (var target in routing.CopiesOf(signal)) Add(copies, target, ids[i]);
        }

        // Homes first: what they took back is what the report counts; the copies follow the homes.
        var fromHomes = await Task.WhenAll(homes.Select(h => routing.GrainOf(h.Key).RetractAsync(h.Value, withdrawal, request.DryRun)));
        var fromCopies = await Task.WhenAll(copies.Select(c => routing.GrainOf(c.Key).RetractAsync(c.Value, withdrawal, request.DryRun)));
        var retracted = fromHomes.SelectMany(r => r.Retracted).ToHashSet(StringComparer.Ordinal);
        var already = fromHomes.SelectMany(r => r.AlreadyRetracted).ToHashSet(StringComparer.Ordinal);
        var withdrawn = fromHomes.Concat(fromCopies).SelectMany(r => r.WithdrawnAlerts).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var report = new RetractReport(
            request.DryRun, retracted.Count > 0 ? retractionId : null,
            ids.Where(retracted.Contains).ToList(),
            ids.Where(already.Contains).ToList(),
            ids.Where((id, i) => found[i] is null).ToList(),
            withdrawn);
        if (request.DryRun || retracted.Count == 0) return report;

        var record = new Retraction(retractionId!, now, report.Retracted, reason, request.Source, withdrawn);
        await logs.AppendAsync(LogName, retractionId!, now, AgentWatchJson.Serialize(record), cancellationToken);
        logger.LogInformation("Retracted {Count} signals ({Id}); {Alerts} alerts withdrawn", report.Retracted.Count, retractionId, withdrawn.Count);
        if (rules.CurrentValue.BubbleRisk.Enabled)
        {
            try
            {
                // The score counted these signals: it is assessed again without them (one-way, like after an ingestion).
                await grains.GetGrain<IBubbleRiskGrain>(IBubbleRiskGrain.Key).DataChangedAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The bubble-risk grain was not told of the retraction");
            }
        }
        return report;
    }

    /// <summary>Every retraction recorded, oldest first.</summary>
    public async Task<IReadOnlyList<Retraction>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<Retraction>();
        long after = 0;
        while (true)
        {
            var page = await logs.ReadAsync(LogName, after, Page, cancellationToken);
            list.AddRange(page.Select(e => AgentWatchJson.Deserialize<Retraction>(e.Payload)));
            if (page.Count < Page) return list;
            after = page[^1].Sequence;
        }
    }

    /// <summary>
    /// The ids of stored signals read from one of these origins (file name, document, company), retracted or not: what a
    /// file brought in, including what it gave only together with other files of its ingestion.
    /// </summary>
    private async Task<List<string>> StoredFromAsync(IReadOnlyList<SignalOrigin> origins, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var file in origins.GroupBy(o => o.File, StringComparer.Ordinal))
        {
            var wanted = file.Select(o => (o.Document, o.Company)).ToHashSet();
            // The payload holds the name as the serializer writes it: look for those bytes, then check the signal itself.
            var fragment = Encoding.UTF8.GetBytes("\"file\":" + System.Text.Json.JsonSerializer.Serialize(file.Key, AgentWatchJson.Options));
            foreach (var stored in await index.ContainingAsync(fragment, cancellationToken))
            {
                var signal = AgentWatchJson.Deserialize<Signal>(stored.Payload);
                if (signal.Source.File == file.Key && wanted.Contains((signal.Source.Document, signal.Company))) ids.Add(stored.Id);
            }
        }
        return ids;
    }

    private static string Hash(IEnumerable<string> ids) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', ids))))[..8];

    private static void Add(Dictionary<TimelineTarget, List<string>> map, TimelineTarget target, string id)
    {
        if (!map.TryGetValue(target, out var list)) map[target] = list = [];
        list.Add(id);
    }
}
