using System.Text;
using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Offline;
using AgentWatch.Agents.Running;
using AgentWatch.Agents.Tools;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.Analyst;

/// <summary>
/// The analyst answers questions (<c>agentwatch ask</c>, <c>POST /ask</c>). Companies are resolved first, from the
/// watchlist: a name that fits several, or none, is asked back and no model sees the question. With a model configured
/// the analyst's file drives a tool-calling run; without one (or when the model fails) the offline engine answers from
/// the same tools. Either way every figure in the answer is checked against the tool results, the evidence is listed,
/// and the run is recorded.
/// </summary>
public sealed class AnalystAgent(
    AgentCatalog catalog,
    AgentRunner runner,
    MarketTools tools,
    QuestionParser parser,
    RunLog runs,
    AgentContext context) : IQuestionAnswerer
{
    public const string Name = "analyst";

    public async Task<Answer> AnswerAsync(string question, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var scope = context.Begin(Name, question, asOf);
        var parsed = parser.Parse(question ?? "");
        if (AskBack(parsed) is { } askBack)
        {
            var record = await runs.RecordAsync(scope.Complete(OfflineEngine.EngineName, null, parsed.Companies, askBack, []), cancellationToken);
            return new Answer(question ?? "", askBack, false, parsed.Companies, [], asOf, OfflineEngine.EngineName, record.Id, []);
        }

        var flags = new List<string>();
        if (runner.HasModel)
        {
            AgentDefinition? agent = null;
            try
            {
                agent = catalog.Get(Name);
            }
            catch (AgentDefinitionException ex)
            {
                flags.Add($"agent-file: {ex.Message}");
            }
            if (agent is not null)
            {
                var toolbox = new AgentToolbox(tools, scope.Log, asOf, agent.Tools);
                var result = await runner.RunAsync(agent, Prompt(question!, parsed), toolbox, scope.Log, asOf, cancellationToken);
                if (!result.Failed)
                {
                    var unsupported = scope.UnsupportedFigures(result.Text);
                    var runFlags = result.Flags.Concat(unsupported.Select(f => $"unsupported-figure:{f}")).ToList();
                    var text = unsupported.Count == 0 ? result.Text
                        : result.Text + $"\n\nCaution: {string.Join(", ", unsupported)} {(unsupported.Count == 1 ? "is" : "are")} not in any tool result of this answer; check before relying on {(unsupported.Count == 1 ? "it" : "them")}.";
                    var record = await runs.RecordAsync(scope.Complete("llm", runner.ModelName, parsed.Companies, text, runFlags, result.Tokens, result.Steps), cancellationToken);
                    return new Answer(question!, text, true, parsed.Companies, scope.EvidenceOf(result.Text), asOf, "llm", record.Id, runFlags, runner.ModelName, result.Tokens);
                }
                // The model failed: the offline engine answers, and the answer says why.
                flags.AddRange(result.Flags);
                flags.Add($"model-failed: {result.Error}");
            }
        }

        var offline = await new OfflineEngine(tools.RecordingTo(scope.Log), parser, context.Time).AnswerAsync(question ?? "", asOf, cancellationToken);
        var offlineUnsupported = scope.UnsupportedFigures(offline.Text);
        flags.AddRange(offlineUnsupported.Select(f => $"unsupported-figure:{f}"));
        var output = flags.Any(f => f.StartsWith("model-failed", StringComparison.Ordinal))
            ? offline.Text + "\n\n(The model could not answer, so the offline engine did: " + flags.First(f => f.StartsWith("model-failed", StringComparison.Ordinal))["model-failed: ".Length..] + ")"
            : offline.Text;
        var run = await runs.RecordAsync(scope.Complete(OfflineEngine.EngineName, null, parsed.Companies, output, flags), cancellationToken);
        return offline with { Text = output, RunId = run.Id, Flags = flags };
    }

    /// <summary>What to ask back instead of answering: a name that fits several companies, or an unknown one.</summary>
    private string? AskBack(ParsedQuestion q)
    {
        if (string.IsNullOrWhiteSpace(q.Text))
            return "Ask me about a company's capex, cash flow, revenue, valuation, positions against it, export news or financing deals, e.g. \"What is Amazon's capex guidance for 2026?\"";
        if (q.Ambiguous.Count > 0)
        {
            var (name, candidates) = q.Ambiguous[0];
            return $"'{name}' could mean {string.Join(" or ", candidates.Select(Label))}. Which one do you mean?";
        }
        if (q.Companies.Count == 0 && q.Filers.Count == 0 && q.UnknownNames.Count > 0 && q.Intent is QuestionIntent.Lookup or QuestionIntent.Comparison)
            return $"I don't know a company called '{q.UnknownNames[0]}'. I watch: {string.Join(", ", tools.Directory.Companies.OrderBy(c => c.Ticker).Select(c => $"{c.Name} ({c.Ticker})"))}. Add others to config/watchlist.json.";
        return null;
    }

    private string Label(string ticker)
    {
        var p = tools.Directory.Profile(ticker);
        return p.Name == p.Ticker ? p.Ticker : $"{p.Name} ({p.Ticker})";
    }

    /// <summary>The question, with the names in it already resolved, so the model does not have to guess them.</summary>
    private string Prompt(string question, ParsedQuestion q)
    {
        var text = new StringBuilder().AppendLine($"Question: {question}");
        if (q.Companies.Count > 0) text.AppendLine($"Companies in the question (resolved from the watchlist): {string.Join("; ", q.Companies.Select(Label))}.");
        if (q.Filers.Count > 0) text.AppendLine($"Filers in the question: {string.Join("; ", q.Filers.Select(f => tools.Directory.Filer(f)?.Name ?? f))}.");
        if (q.Years.Count > 0) text.AppendLine($"Years in the question: {string.Join(", ", q.Years)}.");
        return text.ToString();
    }
}
