using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Definitions;
using AgentWatch.Agents.Offline;
using AgentWatch.Agents.Running;
using AgentWatch.Abstractions;
using Microsoft.Extensions.Options;

namespace AgentWatch.Agents.Analyst;

/// <summary>
/// The analyst answers questions (<c>agentwatch ask</c>, <c>POST /ask</c>). Companies are resolved first, from the
/// watchlist: a name that fits several, or none, is asked back and no model sees the question. With a model configured
/// the analyst's file drives a Semantic Kernel run with its tools; without one (or when the model fails) the offline
/// engine answers through the same pipeline and the same functions. Either way every figure in the answer is checked
/// against the tool results, the evidence is listed, and the run is recorded.
/// </summary>
public sealed class AnalystAgent(
    AgentCatalog catalog,
    AgentPipeline pipeline,
    CompanyDirectory directory,
    QuestionParser parser,
    RunLog runs,
    AgentContext context) : IQuestionAnswerer
{
    public const string Name = "analyst";

    public Task<Answer> AnswerAsync(string question, DateOnly? asOf, CancellationToken cancellationToken) =>
        AnswerAsync(question, asOf, null, cancellationToken);

    public async IAsyncEnumerable<AnswerUpdate> AnswerStreamingAsync(string question, DateOnly? asOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var updates = Channel.CreateUnbounded<AnswerUpdate>(new UnboundedChannelOptions { SingleReader = true });
        var answering = Task.Run(async () =>
        {
            try
            {
                var answer = await AnswerAsync(question, asOf, (text, ct) => updates.Writer.WriteAsync(new AnswerUpdate(text, null), ct), cancellationToken);
                updates.Writer.TryWrite(new AnswerUpdate(null, answer));
                updates.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                updates.Writer.TryComplete(ex);
            }
        }, CancellationToken.None);
        await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken)) yield return update;
        await answering;
    }

    private async Task<Answer> AnswerAsync(string question, DateOnly? asOf, Func<string, CancellationToken, ValueTask>? onText, CancellationToken cancellationToken)
    {
        var scope = context.Begin(Name, question, asOf);
        var parsed = parser.Parse(QuestionParser.WrittenOut(question ?? ""));
        if (AskBack(parsed) is { } askBack)
        {
            var record = await runs.RecordAsync(scope.Complete(OfflineEngine.EngineName, null, parsed.Companies, askBack, []), cancellationToken);
            return new Answer(question ?? "", askBack, false, parsed.Companies, [], asOf, OfflineEngine.EngineName, record.Id, []);
        }

        var flags = new List<string>();
        var agent = catalog.GetOrOffline(Name, flags);
        var prompt = Prompt(question!, parsed);
        var steps = 0;
        var tokens = TokenUsage.None;
        if (pipeline.HasModel && agent.Source != AgentDefinition.OfflineSource)
        {
            var result = await pipeline.RunModelAsync(agent, prompt, scope, cancellationToken, onText);
            (steps, tokens) = (result.Steps, result.Tokens);
            if (!result.Failed)
            {
                var unsupported = scope.UnsupportedFigures(result.Text);
                var runFlags = result.Flags.Concat(unsupported.Select(f => $"unsupported-figure:{f}")).ToList();
                var text = unsupported.Count == 0 ? result.Text
                    : result.Text + $"\n\nCaution: {string.Join(", ", unsupported)} {(unsupported.Count == 1 ? "is" : "are")} not in any tool result of this answer; check before relying on {(unsupported.Count == 1 ? "it" : "them")}.";
                var record = await runs.RecordAsync(scope.Complete("llm", pipeline.ModelName, parsed.Companies, text, runFlags, result.Tokens, result.Steps), cancellationToken);
                return new Answer(question!, text, true, parsed.Companies, scope.EvidenceOf(result.Text), asOf, "llm", record.Id, runFlags, pipeline.ModelName, result.Tokens);
            }
            // The model failed: the offline engine answers, and the answer says why.
            flags.AddRange(result.Flags);
            flags.Add($"model-failed: {result.Error}");
        }

        OfflineEngine? engine = null;
        var writer = new OfflineWriter<Answer>((reader, ct) => (engine = new OfflineEngine(reader, parser, context.Time)).AnswerAsync(question!, asOf, ct), a => a.Text);
        var offlineRun = await pipeline.RunOfflineAsync(agent, prompt, scope, writer, cancellationToken);
        // A judgement computes figures (growth rates) from what it read: they go into the run as a computation, so the
        // figure check can trace them as it does the skeptic's.
        if (engine is { Derived.Count: > 0 }) scope.Log.AddText("derive", "{}", Tools.ToolJson.Serialize(engine.Derived), TimeSpan.Zero);
        steps += offlineRun.Steps;
        flags.AddRange(offlineRun.Flags);
        var offline = writer.Result is { } written && !offlineRun.Failed ? written
            : new Answer(question!, $"I could not answer that: {offlineRun.Error}", false, parsed.Companies, [], asOf, OfflineEngine.EngineName);
        if (offlineRun.Failed) flags.Add($"offline-failed: {offlineRun.Error}");
        var offlineUnsupported = scope.UnsupportedFigures(offline.Text);
        flags.AddRange(offlineUnsupported.Select(f => $"unsupported-figure:{f}"));
        var modelFailure = flags.FirstOrDefault(f => f.StartsWith("model-failed", StringComparison.Ordinal));
        var output = modelFailure is not null
            ? offline.Text + "\n\n(The model could not answer, so the offline engine did: " + modelFailure["model-failed: ".Length..] + ")"
            : offline.Text;
        var run = await runs.RecordAsync(scope.Complete(OfflineEngine.EngineName, null, parsed.Companies, output, flags, tokens, steps, offlineRun.Error), cancellationToken);
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
        if (q.Companies.Count == 0 && q.Filers.Count == 0 && q.UnknownNames.Count > 0 && !q.MarketWide && q.Intent is QuestionIntent.Lookup or QuestionIntent.Comparison)
            return $"I don't know a company called '{q.UnknownNames[0]}'. I watch: {string.Join(", ", directory.Companies.OrderBy(c => c.Ticker).Select(c => $"{c.Name} ({c.Ticker})"))}. Add others to config/watchlist.json.";
        return null;
    }

    private string Label(string ticker)
    {
        var p = directory.Profile(ticker);
        return p.Name == p.Ticker ? p.Ticker : $"{p.Name} ({p.Ticker})";
    }

    /// <summary>The question, with the names in it already resolved, so the model does not have to guess them.</summary>
    private string Prompt(string question, ParsedQuestion q)
    {
        var text = new StringBuilder().AppendLine($"Question: {question}");
        if (q.Companies.Count > 0) text.AppendLine($"Companies in the question (resolved from the watchlist): {string.Join("; ", q.Companies.Select(Label))}.");
        if (q.Filers.Count > 0) text.AppendLine($"Filers in the question: {string.Join("; ", q.Filers.Select(f => directory.Filer(f)?.Name ?? f))}.");
        if (q.Years.Count > 0) text.AppendLine($"Years in the question: {string.Join(", ", q.Years)}.");
        return text.ToString();
    }
}
