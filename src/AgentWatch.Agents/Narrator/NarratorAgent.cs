using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Briefs;
using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Narrator;

/// <summary>
/// The narrator writes the brief (<c>agentwatch brief</c>, <c>GET /brief</c>, and the daily brief on its reminder). The
/// sections (what changed, alerts, capex league table, positions, export news, financing loops) are written from state
/// by <see cref="BriefWriter"/>; a model, when configured, adds a short summary at the top from the brief and its tools,
/// kept only if every figure in it is found in them. Each brief is a recorded run.
/// </summary>
public sealed class NarratorAgent(AgentCatalog catalog, AgentRunner runner, MarketTools tools, RunLog runs, AgentContext context) : IBriefWriter
{
    public const string Name = "narrator";

    public async Task<Brief> WriteAsync(BriefPeriod period, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var scope = context.Begin(Name, $"{period.ToString().ToLowerInvariant()} brief", asOf);
        var brief = await new BriefWriter(tools.RecordingTo(scope.Log), context.Time).WriteAsync(period, asOf, cancellationToken);
        var flags = scope.UnsupportedFigures(brief.Markdown).Select(f => $"unsupported-figure:{f}").ToList();
        var markdown = brief.Markdown;
        var engine = "offline";
        TokenUsage? tokens = null;
        var steps = 0;
        if (runner.HasModel)
        {
            try
            {
                var agent = catalog.Get(Name);
                scope.Log.AddText("brief", "{}", brief.Markdown, TimeSpan.Zero);
                var result = await runner.RunAsync(agent, $"Here is the brief, written from the data:\n\n{brief.Markdown}\n\nWrite its summary.",
                    new AgentToolbox(tools, scope.Log, brief.Date, agent.Tools), scope.Log, brief.Date, cancellationToken);
                (engine, tokens, steps) = ("llm", result.Tokens, result.Steps);
                flags.AddRange(result.Flags);
                var unsupported = result.Failed ? [] : scope.UnsupportedFigures(result.Text);
                if (result.Failed) flags.Add($"model-failed: {result.Error}");
                else if (unsupported.Count > 0) flags.AddRange(unsupported.Select(f => $"unsupported-figure:{f}").Append("summary-left-out"));
                else markdown = WithSummary(brief.Markdown, result.Text.Trim());
            }
            catch (AgentDefinitionException ex)
            {
                flags.Add($"agent-file: {ex.Message}");
            }
        }
        var run = await runs.RecordAsync(scope.Complete(engine, engine == "llm" ? runner.ModelName : null, [], markdown, flags, tokens, steps), cancellationToken);
        return brief with { Markdown = markdown, RunId = run.Id, Flags = flags };
    }

    /// <summary>The summary goes after the title and the line saying what state the brief shows.</summary>
    private static string WithSummary(string markdown, string summary)
    {
        var at = markdown.IndexOf("\n## ", StringComparison.Ordinal);
        return at < 0 ? markdown + "\n## Summary\n\n" + summary + "\n" : markdown[..(at + 1)] + "## Summary\n\n" + summary + "\n\n" + markdown[(at + 1)..];
    }
}
