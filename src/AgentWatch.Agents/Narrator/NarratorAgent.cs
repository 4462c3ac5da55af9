using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Briefs;
using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Offline;

namespace AgentWatch.Agents.Narrator;

/// <summary>
/// The narrator writes the brief (<c>agentwatch brief</c>, <c>GET /brief</c>, and the daily brief on its reminder). The
/// sections (what changed, alerts, capex league table, positions, export news, financing loops) are written from state
/// by <see cref="BriefWriter"/>, run by the offline engine on the agents' pipeline; a model, when configured, adds a
/// short summary at the top from the brief and its tools, kept only if every figure in it is found in them. Each brief
/// is a recorded run.
/// </summary>
public sealed class NarratorAgent(AgentCatalog catalog, AgentPipeline pipeline, RunLog runs, AgentContext context) : IBriefWriter
{
    public const string Name = "narrator";

    public async Task<Brief> WriteAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var scope = context.Begin(Name, $"{period.ToString().ToLowerInvariant()} brief", asOf);
        var flags = new List<string>();
        var agent = catalog.GetOrOffline(Name, flags);
        var writer = new OfflineWriter<Brief>((reader, ct) => new BriefWriter(reader, context.Time).WriteAsync(period, asOf, ct), b => b.Markdown);
        var offlineRun = await pipeline.RunOfflineAsync(agent, $"Write the {period.ToString().ToLowerInvariant()} brief.", scope, writer, cancellationToken);
        var brief = writer.Result is { } written && !offlineRun.Failed ? written : throw new InvalidOperationException($"The brief could not be written: {offlineRun.Error}");
        flags.AddRange(offlineRun.Flags);
        flags.AddRange(scope.UnsupportedFigures(brief.Markdown).Select(f => $"unsupported-figure:{f}"));
        var markdown = brief.Markdown;
        var engine = "offline";
        TokenUsage? tokens = null;
        var steps = offlineRun.Steps;
        if (pipeline.HasModel && agent.Source != AgentDefinition.OfflineSource)
        {
            scope.Log.AddText("brief", "{}", brief.Markdown, TimeSpan.Zero);
            var (summary, result) = await pipeline.RunCheckedAsync(agent, $"Here is the brief, written from the data:\n\n{brief.Markdown}\n\nWrite its summary.", scope, flags, "summary-left-out", cancellationToken);
            (engine, tokens, steps) = ("llm", result.Tokens, steps + result.Steps);
            if (summary is not null) markdown = WithSummary(brief.Markdown, summary.Trim());
        }
        var run = await runs.RecordAsync(scope.Complete(engine, engine == "llm" ? pipeline.ModelName : null, [], markdown, flags, tokens, steps), cancellationToken);
        return brief with { Markdown = markdown, RunId = run.Id, Flags = flags };
    }

    /// <summary>The summary goes after the title and the line saying what state the brief shows.</summary>
    private static string WithSummary(string markdown, string summary)
    {
        var at = markdown.IndexOf("\n## ", StringComparison.Ordinal);
        return at < 0 ? markdown + "\n## Summary\n\n" + summary + "\n" : markdown[..(at + 1)] + "## Summary\n\n" + summary + "\n\n" + markdown[(at + 1)..];
    }
}
