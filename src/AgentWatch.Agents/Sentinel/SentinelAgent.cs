using System.Globalization;
using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Offline;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Sentinel;

/// <summary>
/// Explains one alert in two sentences: what was found and why it matters, then what it rests on. The offline
/// explanation is built from the alert's rationale and evidence; a model, when configured, writes it from the alert and
/// its tools, and an explanation that is not two sentences or holds a figure no tool result states is replaced by the
/// offline one (the run records why). Both run on the agents' Semantic Kernel pipeline.
/// </summary>
public sealed partial class SentinelAgent(AgentCatalog catalog, AgentPipeline pipeline, CompanyDirectory directory, RunLog runs, AgentContext context)
{
    public const string Name = "sentinel";

    public async Task<AlertExplanation> ExplainAsync(Alert alert, CancellationToken cancellationToken)
    {
        // The run sees what was known when the alert was raised.
        var scope = context.Begin(Name, $"alert #{alert.Sequence} {alert.Id}", alert.KnownOn);
        // What the sentinel looks at: the alert as the tools give it, and its evidence.
        var alertJson = ToolJson.Serialize(new { alert = ToolJson.AlertFact(alert) });
        scope.Log.AddText("alert", ToolJson.Serialize(new { id = alert.Id }), alertJson, TimeSpan.Zero);
        scope.Log.AddSources([alert]);
        var message = $"Explain this alert to a reader who follows the AI-infrastructure trade:\n{alertJson}";
        var offline = Offline(alert);

        var flags = new List<string>();
        var agent = catalog.GetOrOffline(Name, flags);
        string? text = null;
        var engine = "offline";
        Abstractions.Api.TokenUsage? tokens = null;
        var steps = 0;
        if (pipeline.HasModel && agent.Source != AgentDefinition.OfflineSource)
        {
            var result = await pipeline.RunModelAsync(agent, message, scope, cancellationToken);
            (engine, tokens, steps) = ("llm", result.Tokens, result.Steps);
            flags.AddRange(result.Flags);
            if (result.Failed) flags.Add($"model-failed: {result.Error}");
            else
            {
                var unsupported = scope.UnsupportedFigures(result.Text);
                var sentences = Sentences(result.Text);
                if (unsupported.Count > 0) flags.AddRange(unsupported.Select(f => $"unsupported-figure:{f}"));
                if (sentences != 2) flags.Add($"not-two-sentences:{sentences}");
                if (unsupported.Count == 0 && sentences == 2) text = result.Text.Trim();
                else flags.Add("explanation-replaced");
            }
        }
        if (text is null)
        {
            var offlineRun = await pipeline.RunOfflineAsync(agent, message, scope, new OfflineWriter<string>((_, _) => Task.FromResult(offline), t => t), cancellationToken);
            steps += offlineRun.Steps;
            flags.AddRange(offlineRun.Flags);
            text = offline;
        }
        var run = await runs.RecordAsync(scope.Complete(engine, engine == "llm" ? pipeline.ModelName : null, [alert.Company], text, flags, tokens, steps), cancellationToken);
        return new AlertExplanation(alert.Id, text, text == offline ? "offline" : engine, run.Id, context.Time.GetUtcNow());
    }

    /// <summary>Two sentences from the alert alone: the finding with what it means, then its evidence.</summary>
    public string Offline(Alert alert)
    {
        var company = directory.Profile(alert.Company);
        var who = alert.Company == Grains.BubbleRiskGrain.Company ? "The AI-infrastructure market as a whole"
            : company.Name == company.Ticker ? company.Ticker : $"{company.Name} ({company.Ticker})";
        var meaning = alert.Rule switch
        {
            "capex-guidance-jump" => "is raising its capital spending sharply, a bet that demand for AI capacity will keep growing",
            "capex-vs-cash-flow" => "is putting most of the cash its business generates back into capex, leaving little room if returns are slow",
            "filer-bearish-position" => "is the target of a disclosed bet against it by a watched investor",
            "export-control" => "is affected by chip export controls, which can cut it off from part of its market",
            "market-cap-drawdown" => "lost a large part of its market value within days",
            "circular-financing" => "is part of a loop in which money it puts into a partner comes back to it as purchases",
            "extreme-valuation" => "trades at a valuation that prices in many years of growth",
            "material-news" => "is the subject of news the newsdesk agent judged material",
            "bubble-risk" => "has a bubble-risk score (the skeptic's) that moved enough to matter",
            _ => $"triggered the {alert.Rule} rule",
        };
        var rationale = alert.Rationale.TrimEnd('.', ' ');
        var evidence = alert.Evidence.Count == 0 ? "the alert's own figures"
            : string.Join("; ", alert.Evidence.Select(e => $"{e.Summary.TrimEnd('.')} ({e.Source.ToShortString()}, known {e.KnownOn.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})"));
        return $"{who} {meaning}: {rationale}. This rests on {evidence}.";
    }

    /// <summary>Sentences in a text: each end of sentence followed by a capital starts another.</summary>
    public static int Sentences(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return 0;
        return SentenceEnd().Matches(trimmed).Count + 1;
    }

    // A full stop after a digit ("1.97") or an abbreviation-like capital pair ("U.S.") is not a sentence end.
    [GeneratedRegex(@"(?<![\d\p{Lu}])[.!?](?=\s+[\p{Lu}""'(\[])")]
    private static partial Regex SentenceEnd();
}
