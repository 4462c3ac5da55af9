using System.Text.Json;
using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Skeptic;

/// <summary>
/// The skeptic's bubble-risk view (<c>agentwatch risk</c>, <c>GET /risk</c>). The score and its reasons come from
/// <see cref="BubbleRiskAssessor"/>, the same with or without a model; a model, when configured, writes the summary from
/// them and its tools, and a summary with a figure no tool result or computation holds is replaced by the plain one.
/// </summary>
public sealed class SkepticAgent(AgentCatalog catalog, AgentRunner runner, MarketTools tools, RunLog runs, AgentContext context)
{
    public const string Name = "skeptic";

    public async Task<BubbleRisk> AssessAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var scope = context.Begin(Name, "bubble risk", asOf);
        var (factors, score, level) = await new BubbleRiskAssessor().AssessAsync(tools.RecordingTo(scope.Log), scope.Log, asOf);
        var assessment = JsonSerializer.Serialize(new { score, max = 100, level, factors = factors.Select(f => new { f.Name, f.Points, max = f.MaxPoints, f.Reason, signals = f.Evidence.Select(e => e.SignalId) }) }, AgentToolbox.Json);
        scope.Log.AddText("assess", "{}", assessment, TimeSpan.Zero);
        var plain = PlainSummary(score, level, factors);

        var flags = new List<string>();
        var summary = plain;
        var engine = "offline";
        TokenUsage? tokens = null;
        var steps = 0;
        if (runner.HasModel)
        {
            try
            {
                var agent = catalog.Get(Name);
                var result = await runner.RunAsync(agent, $"The assessment (score from 0 to 100, factors of up to 20 points each):\n{assessment}\n\nWrite the bubble-risk view.",
                    new AgentToolbox(tools, scope.Log, asOf, agent.Tools), scope.Log, asOf, cancellationToken);
                (engine, tokens, steps) = ("llm", result.Tokens, result.Steps);
                flags.AddRange(result.Flags);
                var unsupported = result.Failed ? [] : scope.UnsupportedFigures(result.Text);
                if (result.Failed) flags.Add($"model-failed: {result.Error}");
                else if (unsupported.Count > 0) flags.AddRange(unsupported.Select(f => $"unsupported-figure:{f}").Append("summary-replaced"));
                else summary = result.Text;
            }
            catch (AgentDefinitionException ex)
            {
                flags.Add($"agent-file: {ex.Message}");
            }
        }
        var run = await runs.RecordAsync(scope.Complete(engine, engine == "llm" ? runner.ModelName : null, [], summary, flags, tokens, steps), cancellationToken);
        return new BubbleRisk(asOf, score, level, factors, summary, run.Id, flags);
    }

    private static string PlainSummary(int score, string level, IReadOnlyList<Abstractions.Api.RiskFactor> factors)
    {
        var strongest = factors.Where(f => f.Points > 0).OrderByDescending(f => f.Points).Take(3).ToList();
        return strongest.Count == 0
            ? $"Bubble risk {score} of 100 ({level}): none of the factors shows in the data."
            : $"Bubble risk {score} of 100 ({level}). Weighing most: {string.Join(", ", strongest.Select(f => $"{f.Name} ({f.Points} of {f.MaxPoints})"))}.";
    }
}
