using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Offline;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Skeptic;

/// <summary>
/// The skeptic's bubble-risk view (<c>agentwatch risk</c>, <c>GET /risk</c>). The score and its reasons come from
/// <see cref="BubbleRiskAssessor"/>, run by the offline engine on the agents' pipeline, the same with or without a
/// model; a model, when configured, writes the summary from them and its tools, and a summary with a figure no tool
/// result or computation holds is replaced by the plain one.
/// </summary>
public sealed class SkepticAgent(AgentCatalog catalog, AgentPipeline pipeline, RunLog runs, AgentContext context)
{
    public const string Name = "skeptic";

    public async Task<BubbleRisk> AssessAsync(DateOnly? asOf, CancellationToken cancellationToken)
    {
        var scope = context.Begin(Name, "bubble risk", asOf);
        var flags = new List<string>();
        var agent = catalog.GetOrOffline(Name, flags);
        var writer = new OfflineWriter<RiskAssessment>((reader, _) => new BubbleRiskAssessor().AssessAsync(reader, asOf), a => PlainSummary(a.Score, a.Level, a.Factors));
        var offlineRun = await pipeline.RunOfflineAsync(agent, "Assess the bubble risk.", scope, writer, cancellationToken);
        var assessed = writer.Result is { } r && !offlineRun.Failed ? r : throw new InvalidOperationException($"The bubble risk could not be assessed: {offlineRun.Error}");
        var (factors, score, level) = (assessed.Factors, assessed.Score, assessed.Level);
        scope.Log.AddText("derive", "{}", ToolJson.Serialize(assessed.Derived), TimeSpan.Zero);
        var assessment = ToolJson.Serialize(new { score, max = 100, level, factors = factors.Select(f => new { f.Name, f.Points, max = f.MaxPoints, f.Reason, signals = f.Evidence.Select(e => e.SignalId) }) });
        scope.Log.AddText("assess", "{}", assessment, TimeSpan.Zero);
        var plain = PlainSummary(score, level, factors);

        var summary = plain;
        var engine = "offline";
        TokenUsage? tokens = null;
        var steps = offlineRun.Steps;
        flags.AddRange(offlineRun.Flags);
        if (pipeline.HasModel && agent.Source != AgentDefinition.OfflineSource)
        {
            var (written, result) = await pipeline.RunCheckedAsync(agent, $"The assessment (score from 0 to 100, factors of up to 20 points each):\n{assessment}\n\nWrite the bubble-risk view.", scope, flags, "summary-replaced", cancellationToken);
            (engine, tokens, steps) = ("llm", result.Tokens, steps + result.Steps);
            summary = written ?? summary;
        }
        var run = await runs.RecordAsync(scope.Complete(engine, engine == "llm" ? pipeline.ModelName : null, [], summary, flags, tokens, steps), cancellationToken);
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
