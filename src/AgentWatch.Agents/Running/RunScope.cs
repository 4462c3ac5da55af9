using System.Text.RegularExpressions;
using AgentWatch.Abstractions;
using AgentWatch.Abstractions.Api;
using AgentWatch.Agents.Checking;
using AgentWatch.Agents.Tools;

namespace AgentWatch.Agents.Running;

/// <summary>
/// One agent run while it happens: its tool log, its clock, and at the end its record. Every agent (analyst, sentinel,
/// narrator, skeptic) runs in one, offline or with a model, so every run is recorded the same way.
/// </summary>
public sealed partial class RunScope(string agent, string input, DateOnly? asOf, TimeProvider time, ToolCallLog log)
{
    private readonly long _started = time.GetTimestamp();

    public string Agent => agent;
    public string Input => input;
    public DateOnly? AsOf => asOf;
    public ToolCallLog Log => log;
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public AgentRun Complete(string engine, string? model, IReadOnlyList<string> companies, string output, IReadOnlyList<string> flags,
        TokenUsage? tokens = null, int steps = 0, string? error = null) => new()
    {
        Agent = agent,
        Input = input,
        AsOf = asOf,
        Companies = companies,
        Engine = engine,
        Model = model,
        ToolCalls = log.Calls,
        Tokens = tokens ?? TokenUsage.None,
        Steps = steps,
        StartedAt = StartedAt,
        DurationMs = time.GetElapsedTime(_started).TotalMilliseconds,
        Output = output,
        Flags = flags,
        Error = error,
    };

    /// <summary>The figures in a text that no tool result of this run states.</summary>
    public IReadOnlyList<string> UnsupportedFigures(string text) => FigureCheck.Unsupported(text, log.ResultTexts, log.Signals.Values);

    /// <summary>
    /// The evidence of a text: the signals (and alerts' signals) it cites by id, or, when it cites none, the signals
    /// whose figures it states.
    /// </summary>
    public IReadOnlyList<Evidence> EvidenceOf(string text)
    {
        var cited = CitedId().Matches(text).Select(m => m.Groups[1].Value).ToList();
        var evidence = log.EvidenceFor(cited);
        if (evidence.Count > 0) return evidence;
        var figures = FigureCheck.Read(text, skipSmall: true).ToList();
        var stating = log.Signals.Values.Where(s => s.Figures().Any(f => figures.Any(w => FigureCheck.States(w, f.Value)))).Select(s => s.Id);
        return log.EvidenceFor(stating);
    }

    [GeneratedRegex(@"\[([A-Za-z0-9][A-Za-z0-9._:#/-]{2,})\]")]
    private static partial Regex CitedId();
}
