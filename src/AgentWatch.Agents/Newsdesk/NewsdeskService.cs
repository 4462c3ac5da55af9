using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Grains;
using AgentWatch.Agents.Definitions;
using AgentWatch.Grains;
using AgentWatch.Grains.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.Newsdesk;

/// <summary>
/// Has the newsdesk read each news item as it is stored, from where it left off, and raises a <c>material-news</c>
/// alert in the company's grain for each watched company an item is material for. Every serving silo runs one; the
/// newsdesk's cursor grain hands each item to one of them at a time, so an item is read once, in order. The reading
/// itself (possibly a model call) happens here, outside any grain turn.
/// </summary>
public sealed class NewsdeskService(
    IGrainFactory grains,
    NewsReviewLog reviews,
    NewsdeskAgent newsdesk,
    IOptions<AgentsOptions> options,
    IOptionsMonitor<RulesOptions> rules,
    TimeProvider time,
    ILogger<NewsdeskService> logger) : BackgroundService
{
    private readonly string _claimant = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!rules.CurrentValue.MaterialNews.Enabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await CatchUpAsync(stoppingToken) == 0) await Task.Delay(options.Value.Newsdesk.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The newsdesk stopped reading news; it starts again in 5 s");
                try { await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Reads every item stored so far that no silo has read (or waits while another silo reads one); how many it read.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var cursor = grains.GetGrain<IAgentCursorGrain>(IAgentCursorGrain.Newsdesk);
        var upTo = await reviews.GetLastSequenceAsync(cancellationToken);
        // Long enough for a model run, so a working silo keeps its claim; short enough that a dead one is replaced.
        var lease = options.Value.Model.Timeout * 2 + TimeSpan.FromSeconds(30);
        var read = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = await cursor.ClaimNextAsync(upTo, _claimant, lease);
            if (next is null)
            {
                if (await cursor.GetPositionAsync() >= upTo) return read;
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
                continue;
            }
            try
            {
                if ((await reviews.ReadAsync(next.Value - 1, 1, cancellationToken)).SingleOrDefault() is { Item: { } item }) await ReadAsync(item, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One item that cannot be read does not hold up the ones after it.
                logger.LogWarning(ex, "News item #{Sequence} could not be read by the newsdesk", next);
            }
            await cursor.CompleteAsync(next.Value, _claimant);
            read++;
        }
        return read;
    }

    private async Task ReadAsync(Abstractions.Signals.News item, CancellationToken cancellationToken)
    {
        var judgement = await newsdesk.JudgeAsync(item, cancellationToken);
        foreach (var finding in judgement.Findings)
        {
            var alert = new Alert
            {
                // One alert per item and company, whoever reads it and however often: the same item is never two alerts.
                Id = $"{RuleIds.MaterialNews}:{item.Id}:{finding.Company}",
                RaisedAt = time.GetUtcNow(),
                KnownOn = item.KnownOn,
                Severity = rules.CurrentValue.MaterialNews.Severity,
                Company = finding.Company,
                Rule = RuleIds.MaterialNews,
                Rationale = Shorten($"{item.Headline.TrimEnd('.')}: material, {finding.Reason}.", 600),
                Evidence = [new Evidence(item.Id, item.Source, item.Describe(), item.KnownOn)],
                Agent = NewsdeskAgent.Name,
                RunId = judgement.RunId,
            };
            await RaiseAsync(alert, cancellationToken);
        }
    }

    /// <summary>Raises the alert, trying again through a passing cluster or store failure before the item is given up on.</summary>
    private async Task RaiseAsync(Alert alert, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await grains.GetGrain<ICompanyGrain>(alert.Company).RaiseAsync(alert);
                return;
            }
            catch (Exception ex) when (attempt < 5 && ex is not OperationCanceledException)
            {
                logger.LogInformation(ex, "Raising {Alert} failed (attempt {Attempt}); trying again", alert.Id, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
            }
        }
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
